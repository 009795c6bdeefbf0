// Legacy Dahua search on UDP 5050. Replies are built byte by byte from the layout of
// julienblitte/UniversalScanner Dahua1.cs (120-byte section 1, section-2/-3 lengths at 0x02 and
// 0x14), mcw0/DahuaConsole net.py (host name, IP, ports relative to data[32:]) and
// NeiroNx/python-dvr DeviceManager.py SearchDahua (MAC at data[120:137], model after it). The
// field values are stand-ins: no public source quotes a complete real reply.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "camsweep/dissect/vendor_discovery.hpp"
#include "camsweep/inventory/identity.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// mcw0 net.py: p32(0xa3010001, big) + 3×p32(0) + p32(0x02000000, big) + 3×p32(0).
const Buf kRequestMcw0 = {0xa3, 0x01, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                          0x02, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
// python-dvr: "\xa3\x01\x00\x00" + 12×00 + "\x02" + 15×00.
const Buf kRequestPythonDvr = {0xa3, 0x01, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                               0x02, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

constexpr std::string_view kText =
    "Name:Dahua\r\nDevice:DH-IPC-HFW1230S\r\nIPv6Addr:fe80::3ae8:5dff:fe1a:2b3c/64\r\nSerialNo:3J01A2BPAZ12345\r\n";

struct Reply {
    std::string hostname = "IPC";
    std::string ip = "192.168.1.108";
    std::uint16_t http_port = 80, tcp_port = 37777;
    std::string section2 = std::string("3c:e3:6b:1a:2b:3c") + "IPC-HFW1230S";
    std::string section3 = std::string(kText);
    std::optional<std::uint16_t> section2_length, section3_length;
};

Buf build(const Reply& r) {
    ByteWriter b;
    b.u8(0xb3).u8(0).le16(r.section2_length.value_or(static_cast<std::uint16_t>(r.section2.size()))).u8(0x58).pad_to(0x10);
    b.u8(0x02).pad_to(0x14).le16(r.section3_length.value_or(static_cast<std::uint16_t>(r.section3.size()))).pad_to(0x28);
    b.padded(r.hostname, 16).ipv4(ip(r.ip)).pad_to(0x5e);
    b.le16(r.http_port).pad_to(0x62).le16(r.tcp_port).pad_to(0x78);
    b.text(r.section2).text(r.section3);
    return b.take();
}

Dissected run(const DecodedPacket& packet) { return dissect_as("dahua5050", packet); }

Dissected over_udp(const Buf& payload, std::uint16_t sport = 5050, std::uint16_t dport = 5050) {
    auto f = decode(kLinkEthernet, ethernet("ff:ff:ff:ff:ff:ff", "3c:e3:6b:1a:2b:3c", kEtherIpv4,
                                            ipv4_udp("192.168.1.108", "255.255.255.255", sport, dport, payload)));
    EXPECT_EQ(f.error, "");
    return run(f.packet);
}

Dissected on_payload(const Buf& payload) {
    return run(raw_udp_packet(span_of(payload), kDahua5050Port, kDahua5050Port));
}

TEST(DissectDahua5050, RequestsOfBothTools) {
    for (const Buf* request : {&kRequestMcw0, &kRequestPythonDvr}) {
        ASSERT_EQ(request->size(), 32u);
        EXPECT_TRUE(looks_like_dahua5050(span_of(*request)));
        auto p = parse_dahua5050(span_of(*request));
        ASSERT_TRUE(p) << p.error();
        EXPECT_FALSE(p->reply);
        auto d = over_udp(*request, 5050, 5050);
        ASSERT_EQ(d.error, "");
        EXPECT_EQ(d.get("d5050.message"), "search");
        EXPECT_EQ(d.obs.fields.size(), 1u);
    }
    Buf longer = kRequestMcw0;
    longer.push_back(0);
    EXPECT_FALSE(parse_dahua5050(span_of(longer)));
}

TEST(DissectDahua5050, Reply) {
    Buf b = build(Reply{});
    EXPECT_TRUE(looks_like_dahua5050(span_of(b)));
    auto d = over_udp(b, 5050, 5050);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("d5050.message"), "reply");
    EXPECT_EQ(d.get("d5050.hostname"), "IPC");
    EXPECT_EQ(d.get("d5050.device_type"), "IPC-HFW1230S");
    EXPECT_EQ(d.get("d5050.name"), "Dahua");
    EXPECT_EQ(d.get("d5050.serial"), "3J01A2BPAZ12345");
    EXPECT_EQ(d.get("d5050.mac"), "3c:e3:6b:1a:2b:3c");
    EXPECT_EQ(d.get("d5050.ipv4"), "192.168.1.108");
    EXPECT_EQ(d.get("d5050.http_port"), "80");
    EXPECT_EQ(d.get("d5050.tcp_port"), "37777");
    EXPECT_EQ(d.get("id.mac"), "3c:e3:6b:1a:2b:3c");
    EXPECT_EQ(d.get("id.serial"), "3J01A2BPAZ12345");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.108");
    auto p = parse_dahua5050(span_of(b));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->get("IPv6Addr").value_or(""), "fe80::3ae8:5dff:fe1a:2b3c/64");  // split at the first ':'
}

TEST(DissectDahua5050, ModelFromTextWhenSectionTwoHoldsOnlyTheMac) {
    Reply r;
    r.section2 = "3c:e3:6b:1a:2b:3c";
    auto d = on_payload(build(r));
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("d5050.device_type"), "DH-IPC-HFW1230S");
    // Neither: no model field.
    r.section3.clear();
    auto bare = on_payload(build(r));
    ASSERT_EQ(bare.error, "");
    EXPECT_FALSE(bare.has("d5050.device_type"));
    EXPECT_FALSE(bare.has("id.serial"));
    EXPECT_EQ(bare.get("id.mac"), "3c:e3:6b:1a:2b:3c");
}

TEST(DissectDahua5050, NulPaddingAndShortSections) {
    Reply r;
    r.hostname = std::string("DVR\0\0\0junk", 10);  // NUL-padded, bytes after the NUL ignored
    r.section2 = std::string("3c:e3:6b:1a:2b:3c") + "DH-XVR5108HS-X" + std::string(20, '\0');
    r.section3 = std::string("SerialNo:4F0123PAZ00042\n") + std::string(8, '\0');
    Buf b = build(r);
    b.insert(b.end(), 16, 0);  // datagram padding after the sections
    auto d = on_payload(b);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("d5050.hostname"), "DVR");
    EXPECT_EQ(d.get("d5050.device_type"), "DH-XVR5108HS-X");
    EXPECT_EQ(d.get("d5050.serial"), "4F0123PAZ00042");
    // A section 2 shorter than a MAC text: no MAC, no crash.
    r.section2 = "3c:e3:6b";
    auto shortmac = on_payload(build(r));
    ASSERT_EQ(shortmac.error, "");
    EXPECT_FALSE(shortmac.has("d5050.mac"));
    EXPECT_FALSE(shortmac.has("id.mac"));
    // Empty sections, zero address and ports: only the message remains.
    Reply empty;
    empty.hostname.clear();
    empty.ip = "0.0.0.0";
    empty.http_port = empty.tcp_port = 0;
    empty.section2.clear();
    empty.section3.clear();
    auto e = on_payload(build(empty));
    ASSERT_EQ(e.error, "");
    EXPECT_EQ(e.obs.fields.size(), 1u);
    // A placeholder serial is reported but keys nothing.
    Reply zero;
    zero.section3 = "SerialNo:000000000000\n";
    auto z = on_payload(build(zero));
    EXPECT_EQ(z.get("d5050.serial"), "000000000000");
    EXPECT_FALSE(is_identifying_serial(z.get("id.serial")));  // reported, but the identity rule keys nothing on it
}

TEST(DissectDahua5050, TextLinesParsedKeyByKey) {
    Reply r;
    std::string many = "no colon here\n:empty key\nDevice:\n";
    for (int i = 0; i < 100; ++i) many += "K" + std::to_string(i) + ":v\n";
    many += "SerialNo:AFTER-LIMIT\n";
    r.section3 = many;
    auto p = parse_dahua5050(span_of(build(r)));
    ASSERT_TRUE(p) << p.error();
    EXPECT_LE(p->text.size(), 32u);
    EXPECT_FALSE(p->get("SerialNo").has_value());
    EXPECT_EQ(p->get("Device").value_or("x"), "");
    auto d = on_payload(build(r));
    EXPECT_FALSE(d.has("id.serial"));
}

TEST(DissectDahua5050, TruncatedAtEveryLength) {
    Buf full = build(Reply{});
    for (std::size_t n = 0; n < full.size(); ++n) {
        Buf part(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
        auto p = parse_dahua5050(span_of(part));
        EXPECT_FALSE(p) << n;
        auto d = on_payload(part);
        EXPECT_NE(d.error, "") << n;
        EXPECT_TRUE(d.obs.fields.empty()) << n;
    }
    for (std::size_t n = 0; n < kRequestMcw0.size(); ++n) {
        EXPECT_FALSE(parse_dahua5050(Bytes(kRequestMcw0.data(), n))) << n;
    }
}

TEST(DissectDahua5050, LengthFieldsLying) {
    Reply base;
    auto s2 = static_cast<std::uint16_t>(base.section2.size()), s3 = static_cast<std::uint16_t>(base.section3.size());
    using Lengths = std::pair<std::uint16_t, std::uint16_t>;
    const std::vector<Lengths> lies = {{static_cast<std::uint16_t>(s2 + 1), s3}, {s2, static_cast<std::uint16_t>(s3 + 1)},
                                       {0xffff, s3}, {s2, 0xffff}, {0xffff, 0xffff}, {static_cast<std::uint16_t>(s2 + s3 + 1), 0}};
    for (auto [two, three] : lies) {
        Reply r = base;
        r.section2_length = two;
        r.section3_length = three;
        auto d = on_payload(build(r));
        EXPECT_NE(d.error, "") << two << " " << three;
        EXPECT_FALSE(d.has("id.mac"));
        EXPECT_FALSE(d.has("id.serial"));
    }
    // Lengths shorter than the data: the rest is padding, the sections are cut where told.
    Reply shorter = base;
    shorter.section2_length = 17;
    shorter.section3_length = 0;
    auto d = on_payload(build(shorter));
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("d5050.mac"), "3c:e3:6b:1a:2b:3c");
    EXPECT_FALSE(d.has("d5050.serial"));
}

TEST(DissectDahua5050, WrongMagic) {
    Buf b = build(Reply{});
    b[1] = 0x01;
    EXPECT_FALSE(looks_like_dahua5050(span_of(b)));
    EXPECT_FALSE(parse_dahua5050(span_of(b)));
    b[0] = 0xb0;
    b[1] = 0x00;  // a DVRIP TCP reply header, not the search reply
    EXPECT_FALSE(looks_like_dahua5050(span_of(b)));
    EXPECT_NE(on_payload(b).error, "");
}

}  // namespace
}  // namespace camsweep
