// DHCPv6 dissector (RFC 8415) on hand-built client and server messages over IPv6 frames.
#include <gtest/gtest.h>

#include "camsweep/dissect/dhcpv6.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

void put_option(ByteWriter& b, std::uint16_t code, const Buf& data) {
    b.be16(code).be16(static_cast<std::uint16_t>(data.size())).bytes(data);
}

// Ethernet + IPv6 + UDP, decoded.
Frame udp6_frame(std::string_view src_mac, std::string_view src_ip, std::uint16_t sport, std::string_view dst_mac,
                 std::string_view dst_ip, std::uint16_t dport, const Buf& payload) {
    return decode(kLinkEthernet, ethernet(dst_mac, src_mac, kEtherIpv6, ipv6(src_ip, dst_ip, 17, udp_datagram(sport, dport, payload))));
}

Dissected run(const DecodedPacket& packet) { return dissect_as("dhcpv6", packet); }

Buf duid_llt(std::string_view mac_text) {
    ByteWriter d;
    d.be16(1);           // DUID-LLT
    d.be16(1);           // Ethernet
    d.be32(0x2a6b3c10);  // time
    d.mac(mac(mac_text));
    return d.take();
}

// A Solicit as a Windows-based NVR would send it: client ID, elapsed time, IA_NA, FQDN, vendor
// class "MSFT 5.0" (enterprise 311), vendor options and the option request list.
Buf solicit() {
    ByteWriter b;
    b.u8(1);
    b.be24(0x123456);  // transaction id
    put_option(b, 1, duid_llt("44:19:b6:12:34:56"));
    put_option(b, 8, from_hex("0000"));
    put_option(b, 3, from_hex("0e4419b6000000000000000000"));
    ByteWriter fqdn;
    fqdn.u8(0x01);
    for (std::string_view label : {"ds-7608ni", "example", "lan"}) {
        fqdn.u8(static_cast<std::uint8_t>(label.size()));
        fqdn.text(label);
    }
    fqdn.u8(0);
    put_option(b, 39, fqdn.data());
    ByteWriter vendor_class;
    vendor_class.be32(311);
    vendor_class.be16(8);
    vendor_class.text("MSFT 5.0");
    put_option(b, 16, vendor_class.data());
    ByteWriter vendor_opts;
    vendor_opts.be32(311);
    vendor_opts.bytes(from_hex("0001000100"));
    put_option(b, 17, vendor_opts.data());
    put_option(b, 6, from_hex("00170018001f0027"));
    return b.take();
}

TEST(DissectDhcpv6, SolicitFields) {
    auto f = udp6_frame("44:19:b6:12:34:56", "fe80::4619:b6ff:fe12:3456", 546, "33:33:00:01:00:02", "ff02::1:2", 547, solicit());
    ASSERT_EQ(f.error, "");
    auto d = run(f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhcpv6.message_type"), "solicit");
    EXPECT_EQ(d.get("id.mac"), "44:19:b6:12:34:56");
    EXPECT_EQ(d.get("dhcpv6.duid"), "000100012a6b3c104419b6123456");
    EXPECT_EQ(d.get("dhcpv6.fqdn"), "ds-7608ni.example.lan");
    EXPECT_EQ(d.get("dhcpv6.enterprise"), "311");
    EXPECT_EQ(d.values("dhcpv6.vendor_class"), std::vector<std::string>{"MSFT 5.0"});
    EXPECT_EQ(d.get("dhcpv6.vendor_opts"), "311");
    EXPECT_EQ(d.get("dhcpv6.oro"), "23,24,31,39");
    EXPECT_EQ(d.obs.endpoint.ip->to_string(), "fe80::4619:b6ff:fe12:3456");
}

TEST(DissectDhcpv6, DuidTypes) {
    const Buf ll = ByteWriter().be16(3).be16(1).mac(mac("b0:c5:54:25:5b:0e")).take();
    EXPECT_EQ(mac_from_duid(span_of(ll)).value_or(MacAddress{}).to_string(), "b0:c5:54:25:5b:0e");
    EXPECT_EQ(mac_from_duid(span_of(duid_llt("00:40:8c:01:02:03"))).value_or(MacAddress{}).to_string(), "00:40:8c:01:02:03");
    Buf token_ring = ll;
    token_ring[3] = 6;  // hardware type 6
    EXPECT_FALSE(mac_from_duid(span_of(token_ring)));
    EXPECT_FALSE(mac_from_duid(span_of(from_hex("0002000001370102030405"))));             // DUID-EN
    EXPECT_FALSE(mac_from_duid(span_of(from_hex("00040123456789abcdef0123456789abcdef"))));  // DUID-UUID
    EXPECT_FALSE(mac_from_duid(span_of(duid_llt("01:00:5e:00:00:01"))));                   // multicast
    const Buf long_ll = ByteWriter().bytes(ll).u8(0).take();  // 7-byte address
    EXPECT_FALSE(mac_from_duid(span_of(long_ll)));
    EXPECT_FALSE(mac_from_duid(span_of(from_hex("0003"))));
}

TEST(DissectDhcpv6, ServerAndRelayMessagesOnlyNameTheirType) {
    Buf reply = solicit();
    reply[0] = 7;
    auto f = udp6_frame("28:b2:bd:c3:41:79", "fe80::1", 547, "44:19:b6:12:34:56", "fe80::4619:b6ff:fe12:3456", 546, reply);
    auto d = run(f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhcpv6.message_type"), "reply");
    EXPECT_EQ(d.obs.fields.size(), 1u);

    ByteWriter relay;
    relay.u8(12).u8(0).ipv6(ip("2001:db8::1")).ipv6(ip("fe80::4619:b6ff:fe12:3456"));
    put_option(relay, 9, solicit());
    auto r = udp6_frame("28:b2:bd:c3:41:79", "2001:db8::1", 547, "00:11:22:33:44:55", "2001:db8::53", 547, relay.take());
    d = run(r.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhcpv6.message_type"), "relay-forw");
    EXPECT_FALSE(d.has("id.mac"));
}

TEST(DissectDhcpv6, MalformedOptionsAreProblemsNamingTheOffset) {
    ByteWriter b;
    b.u8(11);  // information-request
    b.be24(1);
    put_option(b, 6, from_hex("00170018ff"));  // odd length
    put_option(b, 39, from_hex("00c00c"));      // a compression pointer in an FQDN
    put_option(b, 16, from_hex("000001"));      // shorter than the enterprise number
    b.be16(1);
    b.be16(40);  // client ID claiming 40 bytes, 2 present
    b.be16(3);
    auto f = udp6_frame("44:19:b6:12:34:56", "fe80::4619:b6ff:fe12:3456", 546, "33:33:00:01:00:02", "ff02::1:2", 547, b.take());
    auto d = run(f.packet);
    EXPECT_EQ(d.error, "option 6 (ORO) at offset 4 has odd length 5");
    EXPECT_EQ(d.get("dhcpv6.message_type"), "information-request");
    EXPECT_EQ(d.get("dhcpv6.oro"), "23,24");
    EXPECT_FALSE(d.has("dhcpv6.fqdn"));
    EXPECT_FALSE(d.has("id.mac"));

    auto msg = parse_dhcpv6(span_of(from_hex("0b000001000100280003")));
    ASSERT_TRUE(msg);
    EXPECT_EQ(msg->problem, "DHCPv6 option 1 at offset 4 runs past the end of the packet");

    auto short_header = parse_dhcpv6(span_of(from_hex("0100")));
    ASSERT_FALSE(short_header);
    EXPECT_EQ(short_header.error(), "DHCPv6 header truncated: 2 of 4 bytes");
}

TEST(DissectDhcpv6, EveryPrefixIsSafe) {
    Buf full = solicit();
    for (std::size_t n = 0; n <= full.size(); ++n) {
        std::string prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
        DecodedPacket p = raw_udp_packet(prefix, 546, 547);
        auto dissected = dissect_as("dhcpv6", p);
        const std::string& error = dissected.error;
        if (n < 4) {
            EXPECT_NE(error, "") << n;
        }
    }
}

}  // namespace
}  // namespace camsweep
