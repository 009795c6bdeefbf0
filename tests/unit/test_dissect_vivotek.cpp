// Vivotek search, UDP 10000 (research/vendor-discovery.md §3). The reply is UniversalScanner's
// Vivotek.selftest (julienblitte/UniversalScanner@fb7ae672, a synthetic "Virtual" device) as the
// research transcribes it, record by record; the request is Vivotek.cs sender (@1da55489): the
// session byte, counting from 1, and the magic 4a 5d 8f 1c.
#include <gtest/gtest.h>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// 02 4a5d8f1c | 01 11 "Virtual-Virtual-1" | 02 06 001122334455 | 03 04 f0000a00 | 04 1b |
// 06 02 5000 | 08 02 "en" | 09 07 "Virtual" | 10 04 03008200 | 0a 01 00 | 05 04 00000000
Buf selftest_reply() {
    ByteWriter w;
    w.u8(0x02).u8(0x4a).u8(0x5d).u8(0x8f).u8(0x1c);
    w.u8(0x01).u8(0x11).text("Virtual-Virtual-1");
    w.u8(0x02).u8(0x06).mac(mac("00:11:22:33:44:55"));
    w.u8(0x03).u8(0x04).be32(0xf0000a00);
    w.u8(0x04).u8(0x1b);
    w.u8(0x06).u8(0x02).u8(0x50).u8(0x00);
    w.u8(0x08).u8(0x02).text("en");
    w.u8(0x09).u8(0x07).text("Virtual");
    w.u8(0x10).u8(0x04).be32(0x03008200);
    w.u8(0x0a).u8(0x01).u8(0x00);
    w.u8(0x05).u8(0x04).be32(0);
    return w.take();
}

Dissected over_udp(const Buf& payload, std::uint16_t sport, std::uint16_t dport) {
    auto f = decode(kLinkEthernet, ethernet("02:5e:11:20:30:40", "00:02:d1:10:20:30", kEtherIpv4,
                                            ipv4_udp("192.168.0.50", "192.168.0.5", sport, dport, payload)));
    EXPECT_EQ(f.error, "");
    return dissect(f.packet);
}

Dissected on_payload(const Buf& payload) {
    return dissect_as("vivotek", raw_udp_packet(std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()), 10000, 10000));
}

TEST(DissectVivotek, RequestBuilder) {
    auto request = find_protocol("vivotek")->build_request({});
    EXPECT_EQ(request, (Buf{0x01, 0x4a, 0x5d, 0x8f, 0x1c}));
    auto d = over_udp(request, 50000, 10000);
    EXPECT_EQ(d.protocol, "vivotek");
    EXPECT_EQ(d.get("vivotek.message"), "search");
    EXPECT_EQ(d.obs.fields.size(), 1u);
}

TEST(DissectVivotek, SelftestReplyOnAnEphemeralPort) {
    auto d = over_udp(selftest_reply(), 10000, 50000);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "vivotek");
    EXPECT_EQ(d.get("vivotek.message"), "reply");
    EXPECT_EQ(d.get("vivotek.name"), "Virtual-Virtual-1");
    EXPECT_EQ(d.get("vivotek.model"), "Virtual");
    EXPECT_EQ(d.get("vivotek.mac"), "00:11:22:33:44:55");
    EXPECT_EQ(d.get("vivotek.ipv4"), "240.0.10.0");
    EXPECT_EQ(d.get("id.mac"), "00:11:22:33:44:55");
    EXPECT_EQ(d.obs.tier, EvidenceTier::discovery);
    // Claimed by its magic on any ports.
    EXPECT_EQ(over_udp(selftest_reply(), 41000, 42000).protocol, "vivotek");
}

TEST(DissectVivotek, Type04HasNoLengthByteAndType00Ends) {
    ByteWriter w;
    w.u8(0x07).u8(0x4a).u8(0x5d).u8(0x8f).u8(0x1c);
    w.u8(0x04).u8(0x09);  // the value 0x09 is not the model type
    w.u8(0x09).u8(0x03).text("IP8");
    w.u8(0x00);
    w.u8(0x01).u8(0x04).text("late");
    auto d = on_payload(w.take());
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("vivotek.model"), "IP8");
    EXPECT_FALSE(d.has("vivotek.name"));
}

TEST(DissectVivotek, ClearErrors) {
    Buf reply = selftest_reply();
    Buf cut(reply.begin(), reply.begin() + 20);  // inside the long name
    EXPECT_NE(on_payload(cut).error.find("length 17 but"), std::string::npos) << on_payload(cut).error;
    Buf wrong = reply;
    wrong[2] = 0x00;
    EXPECT_NE(on_payload(wrong).error.find("magic"), std::string::npos);
    EXPECT_NE(on_payload(Buf{0x01, 0x4a}).error.find("truncated"), std::string::npos);
    Buf dangling = {0x01, 0x4a, 0x5d, 0x8f, 0x1c, 0x04};
    EXPECT_NE(on_payload(dangling).error.find("no value byte"), std::string::npos);
    // A MAC record of the wrong size is no MAC.
    ByteWriter w;
    w.u8(0x01).u8(0x4a).u8(0x5d).u8(0x8f).u8(0x1c).u8(0x02).u8(0x03).u8(1).u8(2).u8(3);
    auto d = on_payload(w.take());
    EXPECT_EQ(d.error, "");
    EXPECT_FALSE(d.has("id.mac"));
}

TEST(DissectVivotek, OversizedIsBounded) {
    ByteWriter w;
    w.u8(0x01).u8(0x4a).u8(0x5d).u8(0x8f).u8(0x1c);
    for (int i = 0; i < 500; ++i) w.u8(0x08).u8(0xff).zeros(255);
    w.u8(0x09).u8(0x03).text("END");
    auto d = on_payload(w.take());
    EXPECT_EQ(d.error, "");
    EXPECT_FALSE(d.has("vivotek.model"));  // past the record bound
}

TEST(DissectVivotek, EveryPrefixIsSafe) {
    Buf reply = selftest_reply();
    for (std::size_t n = 0; n <= reply.size(); ++n) {
        auto d = on_payload(Buf(reply.begin(), reply.begin() + static_cast<std::ptrdiff_t>(n)));
        if (n < 5) {
            EXPECT_NE(d.error, "") << n;
        }
        EXPECT_LE(d.obs.fields.size(), kMaxFieldsPerObservation);
    }
}

}  // namespace
}  // namespace camsweep
