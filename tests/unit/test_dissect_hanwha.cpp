// Hanwha (Samsung Techwin) search, UDP 7701 -> 7711. The reply is the 262-byte "Answer" of a
// Samsung SND-6083 quoted in a comment of julienblitte/UniversalScanner@06fbf8ee
// UniversalScanner/Hanwha.cs, byte for byte in its line breaks (packet type, 18 echoed bytes,
// MAC text, IPv4, mask, gateway texts, 24 unknown, model, 14 unknown, URL, 90 echoed bytes); the
// request is UniversalScanner's (@c44f5f93 Hanwha.cs sender: 0x01 and 261 zeros).
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

constexpr std::string_view kSnd6083Answer =
    "0b"
    " ad 2c da 75 c6 6e e0 fa a8 5d 6c b7 98 fa 9b 81 4f 11"
    " 30 30 3a 31 36 3a 36 43 3a 37 44 3a 37 35 3a 36 45 00"
    " 31 37 32 2e 31 36 2e 31 32 35 2e 35 35 00 00 00"
    " 32 35 35 2e 32 35 35 2e 30 2e 30 00 00 00 00 00"
    " 31 37 32 2e 31 36 2e 30 2e 31 00 00 00 00 00 00"
    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 e2 50 00 00"
    " 53 4e 44 2d 36 30 38 33 00 00"
    " 00 50 00 a8 11 2e 27 24 27 1a 27 42 27 00"
    " 68 74 74 70 3a 2f 2f 31 37 32 2e 31 36 2e 31 32 35 2e 35 35 2f 69 6e 64 65 78 2e 68 74 6d 00 00 00 00 00 00 00 00 00"
    " 58 ef 19 00 dc 66 40 00 78 ef 19 00 e8 03 00 00 58 fe 19 00 d8 f7 19 00 a4 ef"
    " 19 00 3f ea 40 00 5a ea 40 00 12 0b cc af 10 60 00 80 82 0a 21 00 01 00 00 00 c8 18 5f 02 01 00"
    " 00 00 d8 f7 19 00 00 00 00 00 a4 ef 19 00 56 90 40 00 70 e2 65 00 00 00 00 00 64 ef 19 00 e4 ef";

Dissected over_udp(const Buf& payload, std::uint16_t sport, std::uint16_t dport) {
    auto f = decode(kLinkEthernet, ethernet("ff:ff:ff:ff:ff:ff", "00:16:6c:7d:75:6e", kEtherIpv4,
                                            ipv4_udp("172.16.125.55", "255.255.255.255", sport, dport, payload)));
    EXPECT_EQ(f.error, "");
    return dissect(f.packet);
}

Dissected on_payload(const Buf& payload) {
    return dissect_as("hanwha", raw_udp_packet(std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()), 7701, 7711));
}

TEST(DissectHanwha, RequestBuilder) {
    auto request = find_protocol("hanwha")->build_request({});
    ASSERT_EQ(request.size(), 262u);
    EXPECT_EQ(request[0], 0x01);
    EXPECT_TRUE(std::all_of(request.begin() + 1, request.end(), [](std::uint8_t b) { return b == 0; }));
    auto d = over_udp(request, 50000, 7701);
    EXPECT_EQ(d.protocol, "hanwha");
    EXPECT_EQ(d.get("hanwha.message"), "search");
    EXPECT_EQ(d.obs.fields.size(), 1u);
}

TEST(DissectHanwha, CapturedSnd6083Answer) {
    Buf answer = from_hex(kSnd6083Answer);
    ASSERT_EQ(answer.size(), 262u);
    auto d = over_udp(answer, 7701, 7711);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "hanwha");
    EXPECT_EQ(d.get("hanwha.message"), "reply");
    EXPECT_EQ(d.get("hanwha.mac"), "00:16:6c:7d:75:6e");
    EXPECT_EQ(d.get("hanwha.ipv4"), "172.16.125.55");
    EXPECT_EQ(d.get("hanwha.model"), "SND-6083");
    EXPECT_EQ(d.get("hanwha.url"), "http://172.16.125.55/index.htm");
    EXPECT_EQ(d.get("id.mac"), "00:16:6c:7d:75:6e");
    EXPECT_EQ(d.get("id.ipv4"), "172.16.125.55");
    EXPECT_EQ(d.obs.tier, EvidenceTier::discovery);
}

TEST(DissectHanwha, ClaimedOnItsPortsOnly) {
    Buf answer = from_hex(kSnd6083Answer);
    EXPECT_EQ(over_udp(answer, 40000, 40001).protocol, "");  // byte 0 alone is too weak off its ports
    Buf other = answer;
    other[0] = 0x02;
    EXPECT_EQ(over_udp(other, 7701, 7711).protocol, "");
}

TEST(DissectHanwha, ClearErrors) {
    Buf answer = from_hex(kSnd6083Answer);
    Buf cut(answer.begin(), answer.begin() + 100);
    EXPECT_NE(on_payload(cut).error.find("truncated: 100 bytes"), std::string::npos) << on_payload(cut).error;
    Buf wrong = answer;
    wrong[0] = 0x07;
    EXPECT_NE(on_payload(wrong).error.find("neither 0x01"), std::string::npos);
    EXPECT_NE(on_payload({}).error, "");
    // Garbage in the text fields: no MAC or address is made up.
    Buf garbage = answer;
    std::fill(garbage.begin() + 0x13, garbage.begin() + 0x55, 'z');
    auto d = on_payload(garbage);
    EXPECT_EQ(d.error, "");
    EXPECT_FALSE(d.has("id.mac"));
    EXPECT_FALSE(d.has("id.ipv4"));
    // Oversized: a longer datagram is read up to its fields.
    Buf big = answer;
    big.resize(60000, 0x41);
    EXPECT_EQ(on_payload(big).get("hanwha.model"), "SND-6083");
}

TEST(DissectHanwha, EveryPrefixIsSafe) {
    Buf answer = from_hex(kSnd6083Answer);
    for (std::size_t n = 0; n <= answer.size(); ++n) {
        auto d = on_payload(Buf(answer.begin(), answer.begin() + static_cast<std::ptrdiff_t>(n)));
        if (n < 0xAC) {
            EXPECT_NE(d.error, "") << n;
        } else {
            EXPECT_EQ(d.error, "") << n;
        }
    }
}

}  // namespace
}  // namespace camsweep
