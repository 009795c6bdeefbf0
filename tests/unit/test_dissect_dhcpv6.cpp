// DHCPv6 dissector (RFC 8415) on hand-built client and server messages over IPv6 frames.
#include <gtest/gtest.h>

#include "camsweep/dissect/dhcpv6.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

Buf from_hex(std::string_view hex) {
    Buf out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    return out;
}
Bytes span_of(const Buf& b) { return Bytes(b.data(), b.size()); }

void put_option(Buf& b, std::uint16_t code, const Buf& data) {
    put16(b, code);
    put16(b, static_cast<std::uint16_t>(data.size()));
    put_bytes(b, data);
}
void put_ip6(Buf& b, std::string_view text) {
    auto a = ip(text);
    b.insert(b.end(), a.octets.begin(), a.octets.end());
}

// Ethernet + IPv6 + UDP, decoded.
Frame udp6_frame(std::string_view src_mac, std::string_view src_ip, std::uint16_t sport, std::string_view dst_mac,
                 std::string_view dst_ip, std::uint16_t dport, const Buf& payload) {
    Buf l3;
    put32(l3, 0x60000000);
    put16(l3, static_cast<std::uint16_t>(8 + payload.size()));
    put8(l3, 17);
    put8(l3, 1);
    put_ip6(l3, src_ip);
    put_ip6(l3, dst_ip);
    put_bytes(l3, udp_header(sport, dport, payload.size()));
    put_bytes(l3, payload);
    return decode(kLinkEthernet, ethernet(dst_mac, src_mac, kEtherIpv6, l3));
}

Dissected run(const DecodedPacket& packet) { return dissect_as("dhcpv6", packet); }

Buf duid_llt(std::string_view mac_text) {
    Buf d;
    put16(d, 1);           // DUID-LLT
    put16(d, 1);           // Ethernet
    put32(d, 0x2a6b3c10);  // time
    put_mac(d, mac_text);
    return d;
}

// A Solicit as a Windows-based NVR would send it: client ID, elapsed time, IA_NA, FQDN, vendor
// class "MSFT 5.0" (enterprise 311), vendor options and the option request list.
Buf solicit() {
    Buf b;
    put8(b, 1);
    put8(b, 0x12);
    put8(b, 0x34);
    put8(b, 0x56);
    put_option(b, 1, duid_llt("44:19:b6:12:34:56"));
    put_option(b, 8, from_hex("0000"));
    put_option(b, 3, from_hex("0e4419b6000000000000000000"));
    Buf fqdn;
    put8(fqdn, 0x01);
    for (std::string_view label : {"ds-7608ni", "example", "lan"}) {
        put8(fqdn, static_cast<std::uint8_t>(label.size()));
        put_text(fqdn, label);
    }
    put8(fqdn, 0);
    put_option(b, 39, fqdn);
    Buf vendor_class;
    put32(vendor_class, 311);
    put16(vendor_class, 8);
    put_text(vendor_class, "MSFT 5.0");
    put_option(b, 16, vendor_class);
    Buf vendor_opts;
    put32(vendor_opts, 311);
    put_bytes(vendor_opts, from_hex("0001000100"));
    put_option(b, 17, vendor_opts);
    put_option(b, 6, from_hex("00170018001f0027"));
    return b;
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
    Buf ll;
    put16(ll, 3);
    put16(ll, 1);
    put_mac(ll, "b0:c5:54:25:5b:0e");
    EXPECT_EQ(mac_from_duid(span_of(ll)).value_or(MacAddress{}).to_string(), "b0:c5:54:25:5b:0e");
    EXPECT_EQ(mac_from_duid(span_of(duid_llt("00:40:8c:01:02:03"))).value_or(MacAddress{}).to_string(), "00:40:8c:01:02:03");
    Buf token_ring = ll;
    token_ring[3] = 6;  // hardware type 6
    EXPECT_FALSE(mac_from_duid(span_of(token_ring)));
    EXPECT_FALSE(mac_from_duid(span_of(from_hex("0002000001370102030405"))));             // DUID-EN
    EXPECT_FALSE(mac_from_duid(span_of(from_hex("00040123456789abcdef0123456789abcdef"))));  // DUID-UUID
    EXPECT_FALSE(mac_from_duid(span_of(duid_llt("01:00:5e:00:00:01"))));                   // multicast
    Buf long_ll = ll;
    long_ll.push_back(0);  // 7-byte address
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

    Buf relay;
    put8(relay, 12);
    put8(relay, 0);
    put_ip6(relay, "2001:db8::1");
    put_ip6(relay, "fe80::4619:b6ff:fe12:3456");
    put_option(relay, 9, solicit());
    auto r = udp6_frame("28:b2:bd:c3:41:79", "2001:db8::1", 547, "00:11:22:33:44:55", "2001:db8::53", 547, relay);
    d = run(r.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhcpv6.message_type"), "relay-forw");
    EXPECT_FALSE(d.has("id.mac"));
}

TEST(DissectDhcpv6, MalformedOptionsAreProblemsNamingTheOffset) {
    Buf b;
    put8(b, 11);  // information-request
    put8(b, 0);
    put8(b, 0);
    put8(b, 1);
    put_option(b, 6, from_hex("00170018ff"));  // odd length
    put_option(b, 39, from_hex("00c00c"));      // a compression pointer in an FQDN
    put_option(b, 16, from_hex("000001"));      // shorter than the enterprise number
    put16(b, 1);
    put16(b, 40);  // client ID claiming 40 bytes, 2 present
    put16(b, 3);
    auto f = udp6_frame("44:19:b6:12:34:56", "fe80::4619:b6ff:fe12:3456", 546, "33:33:00:01:00:02", "ff02::1:2", 547, b);
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
