// Panasonic / i-PRO Easy IP Setup (research/vendor-discovery.md §5). Both fixtures are Wireshark
// captures from Rickardjd/Easy_IP, UDP payloads copied byte for byte (the frame bytes after the
// 42-byte Ethernet, IPv4 and UDP headers): Easy IP Setup's own search
// (@8b3e2113 "Delete/Old Versions/easy_IP_broadcast.txt", 192.168.1.121:10669 -> 255.255.255.255:10670)
// and the first reply of a WV-X22700-V2L (@5595600e Wireshark/responses.txt, "outside setup time
// and admin password set", 192.168.1.101:10669 -> 255.255.255.255:10669).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

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

constexpr std::string_view kCapturedSearch =
    "00 01 00 2a 00 0d 00 00 00 00 00 00 a0 29 19 3e ab 91 c0 a8 01 79 00 00"
    " 20 11 1e 11 23 1f 1e 19 13 00 00 02 01 00 00 00 00 00 00 00 00 00 00 00"
    " ff f0 00 26 00 20 00 21 00 22 00 23 00 25 00 28 00 40 00 41 00 42 00 44"
    " 00 a5 00 a6 00 a7 00 a8 00 ad 00 b3 00 b4 00 b7 00 b8 ff ff 11 70";

// responses.txt frame offsets 0x2a..0x206.
constexpr std::string_view kCapturedReply =
    "00 01 01 a9 00 0e"
    " d4 2d c5 2a 8d 13 a0 29 19 3e ab 91 c0 a8 01 79"
    " 00 00 20 11 1e 11 23 1f 1e 19 13 00 00 02 02 02"
    " 00 00 00 00 00 00 00 00 00 00 00 00 00 01 02 00"
    " 01 00 01 00 00 20 00 04 c0 a8 01 65 00 21 00 04"
    " ff ff ff 00 00 22 00 04 c0 a8 01 fe 00 23 00 08"
    " 08 08 08 08 08 08 04 04 00 25 00 02 01 bb 00 40"
    " 00 10 fe 80 00 00 00 00 00 00 d6 2d c5 ff fe 2a"
    " 8d 13 00 41 00 10 00 00 00 00 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 42 00 20 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 00 00 00 44 00 02 01 bb"
    " 00 45 00 02 00 40 00 a0 00 04 c0 a8 01 65 00 a1"
    " 00 04 ff ff ff 00 00 a2 00 04 c0 a8 01 fe 00 a3"
    " 00 08 00 00 00 00 00 00 00 00 00 a4 00 04 00 00"
    " 00 00 00 a6 00 01 94 00 a7 00 10 57 56 2d 58 32"
    " 32 37 30 30 2d 56 32 4c 00 00 00 00 a8 00 10 58"
    " 32 32 37 30 30 2d 56 32 4c 00 00 00 00 00 00 00"
    " a9 00 10 33 2e 36 37 00 00 00 00 00 00 00 00 00"
    " 00 00 00 00 aa 00 10 30 2e 30 30 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 b1 00 28 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    " 00 00 00 00 b2 00 28 00 00 00 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    " b4 00 02 00 01 00 b5 00 01 00 00 b6 00 01 90 00"
    " d0 00 10 53 32 32 37 30 30 2d 56 32 4c 00 00 00"
    " 00 00 00 00 d1 00 10 58 42 56 33 30 34 36 33 00"
    " 00 00 00 00 00 00 00 00 d3 00 02 00 01 00 d2 00"
    " 02 00 02 ff ff 3d af";

// Rickardjd/Easy_IP@8b3e2113 "Delete/Old Versions/recorder_response.txt": an NX510 recorder's reply,
// broadcast from 10670 to 10669 (frame offsets 0x2a..0x13e).
constexpr std::string_view kCapturedRecorderReply =
    "00 01 00 e1 00 0e"
    " d4 2d c5 28 db fc a0 29 19 3e ab 91 c0 a8 01 79"
    " 00 00 20 11 1e 11 23 1f 1e 19 13 00 00 02 00 02"
    " 00 00 00 00 00 00 00 00 00 00 00 00 00 01 02 00"
    " 01 00 01 02 00 20 00 04 c0 a8 01 f1 00 21 00 04"
    " ff ff ff 00 00 22 00 04 c0 a8 01 01 00 23 00 08"
    " c0 a8 01 fa 08 08 08 08 00 25 00 02 00 50 00 30"
    " 00 04 00 00 00 00 00 31 00 04 00 00 00 00 00 40"
    " 00 10 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    " 00 00 00 41 00 10 00 00 00 00 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 42 00 20 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 00 00 00 a6 00 01 92 00"
    " a8 00 10 4e 58 35 31 30 00 00 00 00 00 00 00 00"
    " 00 00 00 00 b4 00 02 00 01 00 c0 00 02 00 15 00"
    " c1 00 02 00 40 00 d1 00 10 58 41 56 35 31 34 32"
    " 38 00 00 00 00 00 00 00 00 00 d2 00 02 00 02 00"
    " d4 00 02 00 01 00 d5 00 02 00 03 ff ff 22 c3";

Dissected over_udp(const Buf& payload, std::string_view src_mac, std::string_view src_ip, std::uint16_t sport, std::uint16_t dport) {
    auto f = decode(kLinkEthernet, ethernet("ff:ff:ff:ff:ff:ff", src_mac, kEtherIpv4, ipv4_udp(src_ip, "255.255.255.255", sport, dport, payload)));
    EXPECT_EQ(f.error, "");
    return dissect(f.packet);
}

Dissected on_payload(const Buf& payload) {
    return dissect_as("panasonic",
                      raw_udp_packet(std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()), 10669, 10669));
}

TEST(DissectPanasonic, RequestBuilderReproducesTheCapturedSearch) {
    RequestContext context;
    context.local_mac = mac("a0:29:19:3e:ab:91");
    context.local_ip = ip("192.168.1.121");
    EXPECT_EQ(find_protocol("panasonic")->build_request(context), from_hex(kCapturedSearch));
    // Without the prober's addresses: zeros there, the checksum recomputed.
    auto anonymous = find_protocol("panasonic")->build_request({});
    ASSERT_EQ(anonymous.size(), 94u);
    EXPECT_TRUE(std::all_of(anonymous.begin() + 12, anonymous.begin() + 22, [](std::uint8_t b) { return b == 0; }));
    EXPECT_EQ((anonymous[92] << 8) | anonymous[93], easyip_checksum(Bytes(anonymous.data(), 92)));
}

TEST(DissectPanasonic, ChecksumRuleFitsTheCaptures) {
    for (auto hex : {kCapturedSearch, kCapturedReply}) {
        Buf b = from_hex(hex);
        EXPECT_EQ((b[b.size() - 2] << 8) | b.back(), easyip_checksum(Bytes(b.data(), b.size() - 2)));
    }
}

TEST(DissectPanasonic, CapturedSearch) {
    auto d = over_udp(from_hex(kCapturedSearch), "a0:29:19:3e:ab:91", "192.168.1.121", 10669, 10670);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "panasonic");
    EXPECT_EQ(d.get("panasonic.message"), "search");
    EXPECT_EQ(d.obs.fields.size(), 1u);
}

TEST(DissectPanasonic, CapturedWvX22700Reply) {
    Buf reply = from_hex(kCapturedReply);
    ASSERT_EQ(reply.size(), 477u);
    auto d = over_udp(reply, "d4:2d:c5:2a:8d:13", "192.168.1.101", 10669, 10669);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "panasonic");
    EXPECT_EQ(d.get("panasonic.message"), "reply");
    EXPECT_EQ(d.get("panasonic.mac"), "d4:2d:c5:2a:8d:13");
    EXPECT_EQ(d.get("panasonic.ipv4"), "192.168.1.101");
    EXPECT_EQ(d.get("panasonic.name"), "WV-X22700-V2L");
    EXPECT_EQ(d.get("panasonic.model"), "X22700-V2L");
    EXPECT_EQ(d.get("panasonic.firmware"), "3.67");
    EXPECT_EQ(d.get("panasonic.serial"), "XBV30463");
    EXPECT_EQ(d.get("panasonic.http_port"), "443");
    EXPECT_EQ(d.get("id.mac"), "d4:2d:c5:2a:8d:13");
    EXPECT_EQ(d.get("id.serial"), "XBV30463");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.101");
    // The requester's MAC echoed at offset 12 is the tool's: never kept.
    for (const auto& f : d.obs.fields) EXPECT_EQ(f.value.find("a0:29:19"), std::string::npos) << f.key;
    EXPECT_EQ(d.obs.tier, EvidenceTier::discovery);
}

TEST(DissectPanasonic, CapturedNx510RecorderReply) {
    Buf reply = from_hex(kCapturedRecorderReply);
    EXPECT_EQ((reply[reply.size() - 2] << 8) | reply.back(), easyip_checksum(Bytes(reply.data(), reply.size() - 2)));
    auto d = over_udp(reply, "d4:2d:c5:28:db:fc", "192.168.1.241", 10670, 10669);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "panasonic");
    EXPECT_EQ(d.get("panasonic.mac"), "d4:2d:c5:28:db:fc");
    EXPECT_EQ(d.get("panasonic.ipv4"), "192.168.1.241");
    EXPECT_EQ(d.get("panasonic.model"), "NX510");
    EXPECT_FALSE(d.has("panasonic.name"));  // no TLV 00a7
    EXPECT_EQ(d.get("panasonic.serial"), "XAV51428");
    EXPECT_EQ(d.get("panasonic.http_port"), "80");
}

TEST(DissectPanasonic, SettingOpcodesNameNoDevice) {
    Buf setting = from_hex(kCapturedSearch);
    setting[5] = 0x02;  // opcode 00 02: a reconfiguration
    auto d = on_payload(setting);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("panasonic.message"), "opcode 0x0002");
    EXPECT_EQ(d.obs.fields.size(), 1u);
}

TEST(DissectPanasonic, ClaimedOnItsPortsOnly) {
    Buf reply = from_hex(kCapturedReply);
    EXPECT_EQ(over_udp(reply, "d4:2d:c5:2a:8d:13", "192.168.1.101", 40000, 40001).protocol, "");
}

TEST(DissectPanasonic, ClearErrors) {
    Buf reply = from_hex(kCapturedReply);
    EXPECT_NE(on_payload(Buf(reply.begin(), reply.begin() + 30)).error.find("header truncated: 30 of 48"), std::string::npos);
    Buf lying = reply;
    lying[3] = 0x00;  // TLV length 0x0100 instead of 0x01a9
    EXPECT_NE(on_payload(lying).error.find("length field (offset 2) says 256"), std::string::npos) << on_payload(lying).error;
    Buf runaway = reply;
    runaway[0x3c] = 0x7f;  // the IPv4 TLV (offset 0x3a) claims 0x7f04 bytes
    EXPECT_NE(on_payload(runaway).error.find("TLV 0x0020 at offset 58"), std::string::npos) << on_payload(runaway).error;
    Buf unterminated(reply.begin(), reply.end() - 4);
    EXPECT_NE(on_payload(unterminated).error.find("without ff ff"), std::string::npos) << on_payload(unterminated).error;
    Buf no_checksum(reply.begin(), reply.end() - 2);
    EXPECT_NE(on_payload(no_checksum).error.find("checksum missing"), std::string::npos);
    Buf magic = reply;
    magic[1] = 0x02;
    EXPECT_NE(on_payload(magic).error.find("00 01"), std::string::npos);
}

TEST(DissectPanasonic, OversizedIsBounded) {
    Buf header = from_hex(kCapturedSearch);
    header.resize(48);
    header[5] = 0x0e;
    ByteWriter w;
    w.bytes(header);
    for (int i = 0; i < 1000; ++i) w.be16(0x0041).be16(16).zeros(16);
    w.be16(0x00d1).be16(4).text("LATE");
    w.patch_be16(2, static_cast<std::uint16_t>(w.size() - 48));
    w.be16(0xffff).be16(0);
    Buf b = w.take();
    auto p = parse_easyip(b);
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(p->tlvs.size(), 128u);
    auto d = on_payload(b);
    EXPECT_EQ(d.error, "");
    EXPECT_FALSE(d.has("panasonic.serial"));  // past the TLV bound
}

TEST(DissectPanasonic, EveryPrefixIsSafe) {
    for (auto hex : {kCapturedSearch, kCapturedReply}) {
        Buf full = from_hex(hex);
        for (std::size_t n = 0; n < full.size(); ++n) {
            auto d = on_payload(Buf(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n)));
            EXPECT_NE(d.error, "") << n;
        }
    }
}

}  // namespace
}  // namespace camsweep
