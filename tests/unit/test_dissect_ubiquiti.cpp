// Ubiquiti discovery, UDP 10001 (research/vendor-discovery.md §6). The v1 reply is the UVC G3 Flex
// capture of antoine-lombardo/unifi-cam-proxy@484246be adoption-flow.md ("Complete Discovery
// Request", camera:10001 -> controller:41117) byte for byte, with stand-ins for the bytes the
// source redacts ("**"): MAC 74:83:c2:10:db:91 for 74:**:**:**:db:91 and the device id
// 97d51a2b-3c4d-4e5f-8a9b-0c1d2e3fa90d for 97d5****-****-****-****-********a90d. The v2 reply is
// built in the same record format from nmap/nmap@7435c07e ubiquiti-discovery.nse's sample output
// of a UCK-v2. The probes are the script's PROBE_V1 and PROBE_V2.
#include <gtest/gtest.h>

#include <cctype>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

Buf from_hex(std::string_view hex) {
    Buf out;
    std::string digits;
    for (char c : hex)
        if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
    for (std::size_t i = 0; i + 1 < digits.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
    return out;
}

constexpr std::string_view kUvcG3FlexReply =
    "01 00 00 9a 02 00 0a 74 83 c2 10 db 91 c0 a8 01"
    " de 01 00 06 74 83 c2 10 db 91 0a 00 04 00 00 00"
    " ea 0b 00 0b 55 56 43 20 47 33 20 46 6c 65 78 0c"
    " 00 0b 55 56 43 20 47 33 20 46 6c 65 78 17 00 04"
    " 00 00 00 01 03 00 27 55 56 43 2e 53 32 4c 2e 76"
    " 34 2e 37 35 2e 36 32 2e 36 37 2e 65 37 31 63 36"
    " 65 35 2e 32 35 30 34 31 31 2e 31 34 32 31 10 00"
    " 02 34 a5 20 00 24 39 37 64 35 31 61 32 62 2d 33"
    " 63 34 64 2d 34 65 35 66 2d 38 61 39 62 2d 30 63"
    " 31 64 32 65 33 66 61 39 30 64 2c 00 01 03";

void record(ByteWriter& w, std::uint8_t type, Bytes value) { w.u8(type).be16(static_cast<std::uint16_t>(value.size())).bytes(value); }
void record(ByteWriter& w, std::uint8_t type, std::string_view text) { record(w, type, as_bytes(text)); }

// Version 2 command 06 with the UCK-v2 values of nmap's sample output, plus credential records.
Buf uck_v2_reply() {
    ByteWriter body;
    ByteWriter mac_ip;
    mac_ip.mac(mac("78:8a:20:21:ae:7b")).ipv4(ip("192.168.0.30"));
    record(body, 0x02, mac_ip.view());
    record(body, 0x03, "UCK.mtk7623.v0.12.0.29a26c9.181001.1444");
    record(body, 0x15, "UCK-v2");
    record(body, 0x16, "5.9.29");
    record(body, 0x17, Bytes(std::vector<std::uint8_t>{0x00}));
    record(body, 0x06, "admin-username");
    record(body, 0x07, "salt-value");
    ByteWriter w;
    w.u8(0x02).u8(0x06).be16(static_cast<std::uint16_t>(body.size())).bytes(body.view());
    return w.take();
}

Dissected over_udp(const Buf& payload, std::uint16_t sport, std::uint16_t dport) {
    auto f = decode(kLinkEthernet, ethernet("02:5e:11:20:30:40", "74:83:c2:10:db:91", kEtherIpv4,
                                            ipv4_udp("192.168.1.222", "192.168.1.1", sport, dport, payload)));
    EXPECT_EQ(f.error, "");
    return dissect(f.packet);
}

Dissected on_payload(const Buf& payload) {
    return dissect_as("ubiquiti", raw_udp_packet(std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()), 10001, 41117));
}

TEST(DissectUbiquiti, ProbeBuilderIsNmapsV1Probe) {
    EXPECT_EQ(find_protocol("ubiquiti")->build_request({}), (Buf{0x01, 0x00, 0x00, 0x00}));
    for (const Buf& probe : {Buf{0x01, 0x00, 0x00, 0x00}, Buf{0x02, 0x08, 0x00, 0x00}}) {
        auto d = over_udp(probe, 41117, 10001);
        ASSERT_EQ(d.error, "");
        EXPECT_EQ(d.protocol, "ubiquiti");
        EXPECT_EQ(d.get("ubiquiti.message"), "search");
        EXPECT_FALSE(d.has("id.mac"));
    }
}

TEST(DissectUbiquiti, CapturedUvcG3FlexReply) {
    Buf reply = from_hex(kUvcG3FlexReply);
    ASSERT_EQ(reply.size(), 0x9au + 4);
    auto d = over_udp(reply, 10001, 41117);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "ubiquiti");
    EXPECT_EQ(d.get("ubiquiti.message"), "reply");
    EXPECT_EQ(d.get("ubiquiti.protocol"), "v1");
    EXPECT_EQ(d.values("ubiquiti.mac"), std::vector<std::string>{"74:83:c2:10:db:91"});
    EXPECT_EQ(d.get("ubiquiti.ipv4"), "192.168.1.222");
    EXPECT_EQ(d.get("ubiquiti.hostname"), "UVC G3 Flex");
    EXPECT_EQ(d.get("ubiquiti.platform"), "UVC G3 Flex");
    EXPECT_EQ(d.get("ubiquiti.firmware"), "UVC.S2L.v4.75.62.67.e71c6e5.250411.1421");
    EXPECT_EQ(d.get("ubiquiti.adopted"), "false");  // 00 00 00 01: not managed
    EXPECT_EQ(d.get("ubiquiti.device_id"), "97d51a2b-3c4d-4e5f-8a9b-0c1d2e3fa90d");
    EXPECT_EQ(d.get("id.mac"), "74:83:c2:10:db:91");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.222");
    EXPECT_EQ(d.get("id.uuid"), "97d51a2b-3c4d-4e5f-8a9b-0c1d2e3fa90d");
    EXPECT_EQ(d.obs.tier, EvidenceTier::discovery);
}

TEST(DissectUbiquiti, V2ReplyKeepsNoCredentials) {
    auto d = on_payload(uck_v2_reply());
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("ubiquiti.protocol"), "v2");
    EXPECT_EQ(d.get("ubiquiti.model"), "UCK-v2");
    EXPECT_EQ(d.get("ubiquiti.version"), "5.9.29");
    EXPECT_EQ(d.get("ubiquiti.adopted"), "true");
    EXPECT_EQ(d.get("id.mac"), "78:8a:20:21:ae:7b");
    for (const auto& f : d.obs.fields) {
        EXPECT_EQ(f.value.find("admin-username"), std::string::npos) << f.key;
        EXPECT_EQ(f.value.find("salt-value"), std::string::npos) << f.key;
    }
}

TEST(DissectUbiquiti, ClaimedFromItsPortOnly) {
    Buf reply = from_hex(kUvcG3FlexReply);
    EXPECT_EQ(over_udp(reply, 40000, 41117).protocol, "");
    Buf other = reply;
    other[1] = 0x05;  // v1 with an unknown command
    EXPECT_EQ(over_udp(other, 10001, 41117).protocol, "");
}

TEST(DissectUbiquiti, ClearErrors) {
    Buf reply = from_hex(kUvcG3FlexReply);
    Buf cut(reply.begin(), reply.begin() + 40);
    EXPECT_NE(on_payload(cut).error.find("length field 154 (offset 2) but 36 bytes"), std::string::npos) << on_payload(cut).error;
    Buf lying = reply;
    lying[5] = 0x40;  // record 02 claims 0x400a bytes
    EXPECT_NE(on_payload(lying).error.find("record type 2 at offset 4: length 16394"), std::string::npos) << on_payload(lying).error;
    EXPECT_NE(on_payload(Buf{0x01, 0x00}).error.find("truncated"), std::string::npos);
    EXPECT_NE(on_payload(Buf{0x00, 0x00, 0x00, 0x00}).error.find("version 0 without records"), std::string::npos);
    EXPECT_NE(on_payload(Buf{0x07, 0x00, 0x00, 0x00}).error.find("not a known pair"), std::string::npos);
    Buf dangling = {0x01, 0x00, 0x00, 0x02, 0x01, 0x00};
    EXPECT_NE(on_payload(dangling).error.find("ends inside its type and length"), std::string::npos);
}

TEST(DissectUbiquiti, OversizedIsBounded) {
    ByteWriter body;
    for (int i = 0; i < 300; ++i) {
        ByteWriter mac_ip;
        mac_ip.u8(0x02).u8(0x00).u8(0x00).u8(0x00).be16(static_cast<std::uint16_t>(i + 1)).be32(0x0a000000u + static_cast<std::uint32_t>(i));
        record(body, 0x02, mac_ip.view());
    }
    ByteWriter w;
    w.u8(0x01).u8(0x00).be16(static_cast<std::uint16_t>(body.size())).bytes(body.view());
    auto d = on_payload(w.take());
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.values("ubiquiti.mac").size(), 8u);
    EXPECT_EQ(d.values("ubiquiti.ipv4").size(), 8u);
    EXPECT_LE(d.obs.fields.size(), kMaxFieldsPerObservation);
}

TEST(DissectUbiquiti, EveryPrefixIsSafe) {
    for (const Buf& full : {from_hex(kUvcG3FlexReply), uck_v2_reply()}) {
        for (std::size_t n = 0; n < full.size(); ++n) {
            auto d = on_payload(Buf(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n)));
            EXPECT_NE(d.error, "") << n;
        }
    }
}

}  // namespace
}  // namespace camsweep
