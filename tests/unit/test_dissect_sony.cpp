// Sony setup protocol (research/vendor-discovery.md §4). BRC/SRG (UDP 52380): the Inquiry and
// Inquiry reply of Sony's command list (SRG-120DH Technical Manual p.33,
// https://www.manualowl.com/m/Sony/SRG120DH/Manual/481285?page=33): STX, units closed by 0xff,
// ETX, with the manual's keys in its order and concrete values in place of its asterisks.
// SNC (UDP 2380): julienblitte/UniversalScanner@280c44e7 Sony.cs writePacket/readPacket and the
// keys of its synthetic Sony.selftest, in the same frame.
#include <gtest/gtest.h>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

Buf frame_of(std::initializer_list<std::string_view> units) {
    ByteWriter w;
    w.u8(0x02);
    for (auto u : units) w.text(u).u8(0xff);
    w.u8(0x03);
    return w.take();
}

const Buf kBrcInquiryReply = frame_of({"MAC:08-00-46-12-34-56", "MODEL:IPCARD", "SOFTVERSION:2.10.00", "IPADR:192.168.0.100",
                                       "MASK:255.255.255.0", "NAME:CAM1", "WRITE:on"});
const Buf kSncReply = frame_of({"MAC:08-00-46-ab-cd-ef", "MODEL:SNC-EB600", "SERIAL:1234567", "INFO:allinfo", "DHCP:off",
                                "IPADR:192.168.0.101", "MASK:255.255.255.0", "GATEWAY:192.168.0.1", "DNSAUTO:off", "DNS1:0.0.0.0",
                                "DNS2:0.0.0.0", "WEBPORT:80", "TIME:2024/01/02 03:04:05", "TIMEZONE:GMT", "DTFORMAT:0",
                                "SOFTVERSION:1.86.00"});

Dissected over_udp(const Buf& payload, std::uint16_t sport, std::uint16_t dport, std::string_view src_mac = "08:00:46:12:34:56") {
    auto f = decode(kLinkEthernet, ethernet("ff:ff:ff:ff:ff:ff", src_mac, kEtherIpv4,
                                            ipv4_udp("192.168.0.100", "255.255.255.255", sport, dport, payload)));
    EXPECT_EQ(f.error, "");
    return dissect(f.packet);
}

Dissected on_payload(const Buf& payload) {
    return dissect_as("sony", raw_udp_packet(std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()), 2380, 2380));
}

TEST(DissectSony, EnquiryBuilders) {
    const Buf snc = {0x02, 0x45, 0x4e, 0x51, 0x3a, 0x61, 0x6c, 0x6c, 0x69, 0x6e, 0x66, 0x6f, 0xff, 0x03};  // "ENQ:allinfo"
    const Buf brc = {0x02, 0x45, 0x4e, 0x51, 0x3a, 0x6e, 0x65, 0x74, 0x77, 0x6f, 0x72, 0x6b, 0xff, 0x03};  // "ENQ:network"
    EXPECT_EQ(find_protocol("sony")->build_request({}), snc);
    EXPECT_EQ(find_protocol("sony_ipsetup")->build_request({}), brc);
    for (const Buf& enquiry : {snc, brc}) {
        auto d = on_payload(enquiry);
        ASSERT_EQ(d.error, "");
        EXPECT_EQ(d.get("sony.message"), "enquiry");
        EXPECT_FALSE(d.has("id.mac"));
    }
    EXPECT_EQ(on_payload(brc).get("sony.enquiry"), "network");
}

TEST(DissectSony, BrcInquiryReplyBroadcastOn52380) {
    auto d = over_udp(kBrcInquiryReply, 52380, 52380);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "sony");
    EXPECT_EQ(d.get("sony.message"), "reply");
    EXPECT_EQ(d.get("sony.mac"), "08:00:46:12:34:56");
    EXPECT_EQ(d.get("sony.model"), "IPCARD");
    EXPECT_EQ(d.get("sony.firmware"), "2.10.00");
    EXPECT_EQ(d.get("sony.ipv4"), "192.168.0.100");
    EXPECT_EQ(d.get("sony.name"), "CAM1");
    EXPECT_EQ(d.get("id.mac"), "08:00:46:12:34:56");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.0.100");
    EXPECT_EQ(d.obs.tier, EvidenceTier::discovery);
}

TEST(DissectSony, SncReplyToTheSearchersPort) {
    auto d = over_udp(kSncReply, 2380, 51515, "08:00:46:ab:cd:ef");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "sony");
    EXPECT_EQ(d.get("sony.model"), "SNC-EB600");
    EXPECT_EQ(d.get("sony.serial"), "1234567");
    EXPECT_EQ(d.get("id.serial"), "1234567");
    EXPECT_EQ(d.get("sony.firmware"), "1.86.00");
    // Split at the first ':' only: the time keeps its colons.
    auto p = parse_sony(kSncReply);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->get("TIME"), "2024/01/02 03:04:05");
    // Claimed by content on any port pair.
    EXPECT_EQ(over_udp(kSncReply, 40000, 40001).protocol, "sony");
}

TEST(DissectSony, NetworkSettingNamesNoSender) {
    // A tool configuring the camera with this MAC: never the sender's identity.
    auto d = over_udp(frame_of({"MAC:08-00-46-12-34-56", "IPADR:192.168.0.120", "MASK:255.255.255.0", "NAME:CAM2"}), 52380, 52380,
                      "02:5e:11:20:30:40");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("sony.message"), "setting");
    EXPECT_EQ(d.obs.fields.size(), 1u);
    auto ack = over_udp(frame_of({"ACK:08-00-46-12-34-56"}), 52380, 52380);
    EXPECT_EQ(ack.get("sony.message"), "ack");
    EXPECT_EQ(ack.get("id.mac"), "08:00:46:12:34:56");
}

TEST(DissectSony, LooksLikeIsStrict) {
    EXPECT_TRUE(looks_like_sony(kBrcInquiryReply));
    EXPECT_FALSE(looks_like_sony(Buf{0x02, 0x03}));
    EXPECT_FALSE(looks_like_sony(frame_of({"lower:case"})));
    EXPECT_FALSE(looks_like_sony(Buf{0x02, 0x00, 0x00, 0x02, 0x81, 0x01, 0x04, 0x00, 0xff, 0x03}));  // VISCA-like bytes
    EXPECT_EQ(over_udp(Buf{0x02, 'A', 'B', 0xff, 0x03}, 40000, 40001).protocol, "");
}

TEST(DissectSony, ClearErrors) {
    Buf no_etx(kBrcInquiryReply.begin(), kBrcInquiryReply.end() - 1);
    EXPECT_NE(on_payload(no_etx).error.find("ETX"), std::string::npos);
    Buf unclosed = {0x02, 'M', 'A', 'C', ':', '1', 0x03};
    EXPECT_NE(on_payload(unclosed).error.find("not closed by 0xff"), std::string::npos);
    EXPECT_NE(on_payload(Buf{0x02, 0x03}).error.find("no unit"), std::string::npos);
    EXPECT_NE(on_payload(Buf{0x41}).error, "");
    EXPECT_NE(on_payload(Buf{}).error, "");
}

TEST(DissectSony, OversizedIsBounded) {
    ByteWriter w;
    w.u8(0x02);
    for (int i = 0; i < 5000; ++i) w.text("X" + std::to_string(i) + ":v").u8(0xff);
    w.text("MODEL:late").u8(0xff).u8(0x03);
    Buf big = w.take();
    auto p = parse_sony(big);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->units.size(), 64u);
    auto d = on_payload(big);
    EXPECT_EQ(d.error, "");
    EXPECT_FALSE(d.has("sony.model"));
}

TEST(DissectSony, EveryPrefixIsSafe) {
    for (const Buf& full : {kBrcInquiryReply, kSncReply}) {
        for (std::size_t n = 0; n < full.size(); ++n) {
            auto d = on_payload(Buf(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n)));
            EXPECT_NE(d.error, "") << n;
        }
    }
}

}  // namespace
}  // namespace camsweep
