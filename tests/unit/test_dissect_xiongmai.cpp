// XiongMai / XMeye search (UDP 34569): the 20-byte little-endian header of
// NeiroNx/python-dvr DeviceManager.py SearchXM (struct "BBHIIHHI") and sol-vin/xet message.cr,
// built here around reply bodies seen in real captures.
#include <gtest/gtest.h>

#include <string>

#include "camsweep/dissect/vendor_discovery.hpp"
#include "camsweep/inventory/identity.hpp"
#include "camsweep/synth/payloads.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// Reply bodies seen in real captures (the generator's golden capture sends the same ones).
constexpr std::string_view kReplyXet = synth::kXiongmaiReplyXet;
constexpr std::string_view kReplyFactoryReset = synth::kXiongmaiReplyFactoryReset;
constexpr std::string_view kReplyBesder = synth::kXiongmaiReplyBesder;

// python-dvr SearchXM: struct.pack("BBHIIHHI", 255, 0, 0, 0, 0, 0, 1530, 0).
const Buf kRequest = {0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfa, 0x05, 0, 0, 0, 0};

// Header + body; `length` overrides the body length field.
Buf xm(std::string_view body, std::uint16_t message_id = kXiongmaiSearchReply, std::optional<std::uint32_t> length = std::nullopt,
       std::uint8_t head = 0xff, std::uint8_t version = 1) {
    ByteWriter b;
    b.u8(head).u8(version).zeros(2);
    b.le32(0);  // session
    b.le32(0);  // sequence
    b.zeros(2).le16(message_id);
    b.le32(length.value_or(static_cast<std::uint32_t>(body.size())));
    b.text(body);
    return b.take();
}

// A reply as devices send it: the body ends in a NUL, counted by the length.
Buf reply(std::string_view json) {
    std::string body(json);
    body += '\0';
    return xm(body);
}

Dissected over_udp(const Buf& payload, std::uint16_t sport = 34569, std::uint16_t dport = 34569,
                   std::string_view src_mac = "00:12:31:08:bb:97", std::string_view src_ip = "192.168.11.109") {
    auto f = decode(kLinkEthernet,
                    ethernet("ff:ff:ff:ff:ff:ff", src_mac, kEtherIpv4, ipv4_udp(src_ip, "255.255.255.255", sport, dport, payload)));
    EXPECT_EQ(f.error, "");
    return dissect_as("xiongmai", f.packet);
}

// The dissector on bytes that need not fit one datagram.
Dissected on_payload(const Buf& payload) {
    return dissect_as("xiongmai", raw_udp_packet(span_of(payload), kXiongmaiPort, kXiongmaiPort));
}

TEST(DissectXiongmai, RequestOfPythonDvr) {
    ASSERT_EQ(kRequest.size(), 20u);
    EXPECT_TRUE(looks_like_xiongmai(span_of(kRequest)));
    auto p = parse_xiongmai(span_of(kRequest));
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(p->message_id, 1530);
    EXPECT_EQ(p->json, "");
    auto d = over_udp(kRequest, 34569, 34569, "00:1b:21:aa:bb:cc", "192.168.11.5");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("xm.message"), "search");
    EXPECT_EQ(d.obs.fields.size(), 1u);
}

TEST(DissectXiongmai, RequestNamingADeviceCarriesNoIdentity) {
    // A search with a body (not seen in sources) still describes no device.
    auto d = over_udp(xm(kReplyXet, kXiongmaiSearchRequest));
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.obs.fields.size(), 1u);
    EXPECT_FALSE(d.has("id.mac"));
    EXPECT_FALSE(d.has("id.serial"));
}

TEST(DissectXiongmai, ReplyQuotedByXet) {
    Buf b = reply(kReplyXet);
    EXPECT_TRUE(looks_like_xiongmai(span_of(b)));
    auto d = over_udp(b, 34569, 34569);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("xm.message"), "reply");
    EXPECT_EQ(d.get("xm.mac"), "00:12:31:08:bb:97");
    EXPECT_EQ(d.get("xm.serial"), "41e6853ada5e9323");
    EXPECT_EQ(d.get("xm.hostname"), "LocalHost");
    EXPECT_EQ(d.get("xm.tcp_port"), "34567");
    EXPECT_EQ(d.get("xm.http_port"), "80");
    EXPECT_EQ(d.get("xm.ipv4"), "192.168.11.109");
    EXPECT_EQ(d.get("xm.device_type"), "1");
    EXPECT_FALSE(d.has("xm.version"));
    EXPECT_EQ(d.get("id.mac"), "00:12:31:08:bb:97");
    EXPECT_EQ(d.get("id.serial"), "41e6853ada5e9323");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.11.109");
}

TEST(DissectXiongmai, FactoryResetBroadcastWithVersion) {
    auto d = over_udp(reply(kReplyFactoryReset), 34569, 34569, "00:12:31:09:b7:9e", "192.168.1.10");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("xm.version"), "V4.02.R12.E7335520.12012.047502.00000");
    EXPECT_EQ(d.get("xm.build_date"), "2018-09-17 10:47:30");
    EXPECT_EQ(d.get("xm.hostname"), "IPC_6a6b");
    EXPECT_EQ(d.get("xm.device_type"), "43");
    EXPECT_EQ(d.get("xm.ipv4"), "192.168.1.10");  // "0x0a01a8c0": lowest byte first
    EXPECT_EQ(d.get("id.mac"), "00:12:31:09:b7:9e");
    EXPECT_EQ(d.get("id.serial"), "a5b23b431b14712e");
}

TEST(DissectXiongmai, BesderReplyOnAnEphemeralPort) {
    auto d = over_udp(reply(kReplyBesder), 34569, 50211, "a8:b5:8e:12:5a:6b", "192.168.0.103");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("xm.ipv4"), "192.168.0.103");
    EXPECT_EQ(d.get("xm.version"), "V5.00.R02.00030747.10010.349f17.0000000");
    EXPECT_EQ(d.get("xm.build_date"), "2020-11-24 16:47:14");
    EXPECT_EQ(d.get("xm.device_type"), "24");
    EXPECT_EQ(d.get("xm.mac"), "a8:b5:8e:12:5a:6b");  // normalised to lower case
}

TEST(DissectXiongmai, HexHostIpIsLittleEndian) {
    // sol-vin/xet spec/network_common_reply.cr: 192.168.1.88 <-> "0x5801A8C0".
    auto ip = xiongmai_hex_ipv4("0x5801A8C0");
    ASSERT_TRUE(ip.has_value());
    EXPECT_EQ(ip->to_string(), "192.168.1.88");
    EXPECT_EQ(xiongmai_hex_ipv4("0x00FFFFFF")->to_string(), "255.255.255.0");
    EXPECT_EQ(xiongmai_hex_ipv4("0X0a01a8c0")->to_string(), "192.168.1.10");
    for (std::string_view bad : {"", "0x", "0x5801A8C", "0x5801A8C00", "5801A8C0", "0x58O1A8C0", "0x-801A8C0", "192.168.1.88"})
        EXPECT_FALSE(xiongmai_hex_ipv4(bad).has_value()) << bad;
}

TEST(DissectXiongmai, LooksLike) {
    EXPECT_FALSE(looks_like_xiongmai(span_of(Buf{})));
    EXPECT_FALSE(looks_like_xiongmai(Bytes(kRequest.data(), 19)));
    Buf wrong_head = xm("", kXiongmaiSearchRequest, std::nullopt, 0xfe);
    EXPECT_FALSE(looks_like_xiongmai(span_of(wrong_head)));
    EXPECT_FALSE(parse_xiongmai(span_of(wrong_head)));
    Buf login = xm("{}", 1000);  // another DVRIP message id
    EXPECT_FALSE(looks_like_xiongmai(span_of(login)));
    EXPECT_FALSE(parse_xiongmai(span_of(login)));
    EXPECT_TRUE(looks_like_xiongmai(span_of(xm("", kXiongmaiSearchReply))));
}

TEST(DissectXiongmai, TruncatedAtEveryLength) {
    Buf full = reply(kReplyFactoryReset);
    for (std::size_t n = 0; n < full.size(); ++n) {
        Buf part(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
        auto p = parse_xiongmai(span_of(part));
        EXPECT_FALSE(p) << n;
        auto d = on_payload(part);
        EXPECT_NE(d.error, "") << n;
        EXPECT_TRUE(d.obs.fields.empty()) << n;
    }
    EXPECT_EQ(on_payload(full).error, "");
}

TEST(DissectXiongmai, LengthFieldLying) {
    std::string body = std::string(kReplyXet) + '\0';
    for (std::uint32_t lie : {0u, 1u, static_cast<std::uint32_t>(kReplyXet.size() - 1), static_cast<std::uint32_t>(body.size() + 1),
                              0x10000u, 0x7fffffffu, 0xffffffffu}) {
        Buf b = xm(body, kXiongmaiSearchReply, lie);
        auto d = on_payload(b);
        EXPECT_NE(d.error, "") << lie;
        EXPECT_FALSE(d.has("id.mac")) << lie;
        EXPECT_FALSE(d.has("id.serial")) << lie;
    }
}

TEST(DissectXiongmai, NulPadding) {
    // Padding counted by the length field.
    std::string padded = std::string(kReplyXet) + std::string(300, '\0');
    auto d = on_payload(xm(padded));
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("id.serial"), "41e6853ada5e9323");
    // Padding after the counted body (python-dvr reads data[20:20+len] and drops NULs).
    Buf b = reply(kReplyXet);
    b.insert(b.end(), 64, 0);
    auto after = on_payload(b);
    ASSERT_EQ(after.error, "");
    EXPECT_EQ(after.get("xm.ipv4"), "192.168.11.109");
    // A NUL ends the body even when text follows it.
    std::string cut = std::string(kReplyXet) + '\0' + "garbage{";
    EXPECT_EQ(on_payload(xm(cut)).error, "");
    // NUL inside a field value: the value stops at it.
    auto nul_in_value = on_payload(reply(R"({"NetWork.NetCommon":{"HostName":"cam\u0000era","SN":"00000000"}})"));
    ASSERT_EQ(nul_in_value.error, "");
    EXPECT_EQ(nul_in_value.get("xm.hostname"), "cam");
    EXPECT_EQ(nul_in_value.get("xm.serial"), "00000000");
    EXPECT_FALSE(is_identifying_serial(nul_in_value.get("id.serial")));  // an all-zero serial keys nothing
}

TEST(DissectXiongmai, JsonGarbage) {
    for (std::string_view body : {"", "{", "}", "[]", "null", "42", "\"NetWork.NetCommon\"", "{\"NetWork.NetCommon\":5}",
                                  "{\"NetWork.NetCommon\":[1,2]}", "{\"Ret\":100}", "{\"NetWork.NetCommon\":{\"MAC\":\"00:12:31:08:bb:97\"",
                                  "\xff\xfe{\x80}", "{\"NetWork.NetCommon\":{}}garbage"}) {
        auto d = on_payload(reply(body));
        EXPECT_NE(d.error, "") << body;
        EXPECT_TRUE(d.obs.fields.empty()) << body;
    }
    // Wrong types and out-of-range values are dropped field by field.
    auto odd = on_payload(reply(
        R"({"NetWork.NetCommon":{"MAC":5,"SN":{"a":1},"TCPPort":-1,"HttpPort":70000,"HostIP":"garbage","HostName":["x"],"Version":true,"DeviceType":1.5}})"));
    ASSERT_EQ(odd.error, "");
    EXPECT_EQ(odd.get("xm.message"), "reply");
    EXPECT_EQ(odd.obs.fields.size(), 1u);
    // Ports as digit strings are accepted, bad MACs are not.
    auto strings = on_payload(reply(R"({"NetWork.NetCommon":{"TCPPort":"34567","HttpPort":"8o","MAC":"00:12:31:08:bb"}})"));
    ASSERT_EQ(strings.error, "");
    EXPECT_EQ(strings.get("xm.tcp_port"), "34567");
    EXPECT_FALSE(strings.has("xm.http_port"));
    EXPECT_FALSE(strings.has("xm.mac"));
    // A broadcast MAC is reported but keys nothing.
    auto bcast = on_payload(reply(R"({"NetWork.NetCommon":{"MAC":"ff:ff:ff:ff:ff:ff","HostIP":"0xFFFFFFFF"}})"));
    EXPECT_EQ(bcast.get("xm.mac"), "ff:ff:ff:ff:ff:ff");
    EXPECT_FALSE(bcast.has("id.mac"));
    EXPECT_FALSE(bcast.has("id.ipv4"));
}

TEST(DissectXiongmai, DeepNesting) {
    std::string objects, arrays;
    for (int i = 0; i < 10000; ++i) objects += "{\"a\":";
    objects += "1";
    for (int i = 0; i < 10000; ++i) objects += "}";
    arrays = std::string(10000, '[') + std::string(10000, ']');
    std::string inside = "{\"NetWork.NetCommon\":" + objects + "}";
    std::string unclosed(10000, '{');
    for (const std::string& body : {objects, arrays, inside, unclosed}) {
        auto d = on_payload(reply(body));
        EXPECT_NE(d.error, "");
        EXPECT_TRUE(d.obs.fields.empty());
    }
    // Brackets inside strings do not count as nesting; long values are bounded.
    std::string in_string = "{\"NetWork.NetCommon\":{\"HostName\":\"" + std::string(10000, '[') + "\\\"{\"}}";
    auto d = on_payload(reply(in_string));
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("xm.hostname").size(), 512u);
}

}  // namespace
}  // namespace camsweep
