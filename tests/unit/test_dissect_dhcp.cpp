// DHCPv4 dissector, on the real D-Link DCS-935L discover and the Ednet camera's ACK from the
// IoT Sentinel captures (research/protocols-passive.md §2.0).
#include <gtest/gtest.h>

#include "camsweep/dissect/parsers.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// A BOOTP header (the real field values are given), zeros for sname/file, the cookie, options.
Buf bootp(std::uint8_t op, std::uint32_t xid, std::uint16_t secs, std::uint16_t flags, std::string_view ciaddr,
          std::string_view yiaddr, std::string_view siaddr, std::string_view chaddr, const Buf& options) {
    ByteWriter b;
    b.u8(op);
    b.u8(1);  // Ethernet
    b.u8(6);
    b.u8(0);
    b.be32(xid);
    b.be16(secs);
    b.be16(flags);
    b.ipv4(ip(ciaddr));
    b.ipv4(ip(yiaddr));
    b.ipv4(ip(siaddr));
    b.ipv4(ip("0.0.0.0"));
    b.mac(mac(chaddr));
    b.pad_to(236);
    b.be32(0x63825363);
    b.bytes(options);
    return b.take();
}

// D-Link DCS-935L, IoT Sentinel frame 17: options 53, 61, 57, 55, 60, 12 (hex as captured).
Buf dlink_discover() {
    return bootp(1, 0x391675c3, 3, 0x8000, "0.0.0.0", "0.0.0.0", "0.0.0.0", "b0:c5:54:25:5b:0e",
                 from_hex("3501013d0701b0c554255b0e3902024037070103060c0f1c2a3c0c756468637020312e32322e310c084443532d3933354cff"
                          "00000000000000000000"));
}

// Ednet camera, IoT Sentinel frame 8: the server's ACK giving 10.10.10.186.
Buf ednet_ack() {
    return bootp(2, 0x4bf40b0d, 0, 0, "0.0.0.0", "10.10.10.186", "10.10.10.1", "3c:49:37:03:17:db",
                 from_hex("35010536040a0a0a013304000151803a040000a8c03b04000127500104ffffff001c040a0a0aff1a0205dc06040a0a0a0103040a0a"
                          "0a01ff00000000"));
}

TEST(DissectDhcp, RealDlinkDiscover) {
    Buf payload = dlink_discover();
    auto frame = decode(kLinkEthernet, ethernet("ff:ff:ff:ff:ff:ff", "b0:c5:54:25:5b:0e", kEtherIpv4,
                                                ipv4_udp("0.0.0.0", "255.255.255.255", 68, 67, payload)));
    ASSERT_EQ(frame.error, "");
    auto d = dissect(frame.packet);
    EXPECT_EQ(d.protocol, "dhcp");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhcp.message_type"), "discover");
    EXPECT_EQ(d.get("dhcp.hostname"), "DCS-935L");
    EXPECT_EQ(d.get("dhcp.vendor_class"), "udhcp 1.22.1");
    EXPECT_EQ(d.get("dhcp.prl"), "1,3,6,12,15,28,42");
    EXPECT_EQ(d.get("dhcp.client_id"), "01b0c554255b0e");
    EXPECT_EQ(d.get("id.mac"), "b0:c5:54:25:5b:0e");
    EXPECT_FALSE(d.has("id.ipv4"));
    ASSERT_TRUE(d.obs.endpoint.mac);
    EXPECT_EQ(d.obs.endpoint.mac->to_string(), "b0:c5:54:25:5b:0e");
    EXPECT_FALSE(d.obs.endpoint.ip) << "0.0.0.0 is no address of the device";
}

TEST(DissectDhcp, RequestedAddressAndFqdnOptions) {
    // DHCPREQUEST with option 50 and option 81 in DNS wire format (E flag set).
    Buf fqdn = {0x05, 0, 0, 3, 'c', 'a', 'm', 5, 'e', 'd', 'n', 'e', 't', 3, 'c', 'o', 'm', 0};
    ByteWriter opts;
    opts.bytes(from_hex("350103" "32040a0a0aba"));
    opts.u8(81).u8(static_cast<std::uint8_t>(fqdn.size())).bytes(fqdn);
    opts.u8(255);
    Buf b = bootp(1, 0x11223344, 0, 0, "0.0.0.0", "0.0.0.0", "0.0.0.0", "3c:49:37:03:17:db", opts.take());
    auto p = parse_dhcp(Bytes(b.data(), b.size()));
    ASSERT_TRUE(p) << p.error();
    ASSERT_TRUE(p->requested_ip);
    EXPECT_EQ(p->requested_ip->to_string(), "10.10.10.186");
    EXPECT_EQ(p->message_type.value_or(0), 3);
    bool found = false;
    for (auto& [k, v] : p->fields)
        if (k == "dhcp.fqdn") {
            found = true;
            EXPECT_EQ(v, "cam.ednet.com");
        }
    EXPECT_TRUE(found);
}

TEST(DissectDhcp, ServerReplyMakesTheClientTheSubject) {
    Buf payload = ednet_ack();
    auto frame = decode(kLinkEthernet, ethernet("3c:49:37:03:17:db", "00:b5:6d:06:08:ba", kEtherIpv4,
                                                ipv4_udp("10.10.10.1", "10.10.10.186", 67, 68, payload)));
    ASSERT_EQ(frame.error, "");
    auto d = dissect(frame.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhcp.message_type"), "ack");
    EXPECT_EQ(d.get("id.ipv4"), "10.10.10.186");
    ASSERT_TRUE(d.obs.endpoint.mac);
    EXPECT_EQ(d.obs.endpoint.mac->to_string(), "3c:49:37:03:17:db") << "the client, not the server";
    EXPECT_FALSE(d.obs.endpoint.ip) << "the server's 10.10.10.1 must not be attributed to the client";
    EXPECT_EQ(d.obs.endpoint.port, 68);
    EXPECT_FALSE(d.has("dhcp.hostname"));
}

TEST(DissectDhcp, ClientWithAddressKeepsIt) {
    // DHCPINFORM from a configured client: ciaddr is its address.
    Buf b = bootp(1, 1, 0, 0, "192.168.1.108", "0.0.0.0", "0.0.0.0", "3c:ef:8c:00:00:01", from_hex("350108ff"));
    auto frame = decode(kLinkEthernet, ethernet("ff:ff:ff:ff:ff:ff", "3c:ef:8c:00:00:01", kEtherIpv4,
                                                ipv4_udp("192.168.1.108", "255.255.255.255", 68, 67, b)));
    auto d = dissect(frame.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhcp.message_type"), "inform");
    ASSERT_TRUE(d.obs.endpoint.ip);
    EXPECT_EQ(d.obs.endpoint.ip->to_string(), "192.168.1.108");
}

TEST(DissectDhcp, TruncatedAtEveryLengthIsAnErrorNotACrash) {
    Buf full = dlink_discover();
    for (std::size_t n = 0; n < 240; ++n) {
        auto p = parse_dhcp(Bytes(full.data(), n));
        EXPECT_FALSE(p) << n;
        EXPECT_NE(p.error(), "") << n;
    }
    // Past the cookie: every prefix either parses or names the option that runs past the end.
    for (std::size_t n = 240; n <= full.size(); ++n) {
        auto p = parse_dhcp(Bytes(full.data(), n));
        if (!p) {
            EXPECT_NE(p.error().find("past the end"), std::string::npos) << n << ": " << p.error();
        }
    }
}

TEST(DissectDhcp, WrongMagicCookie) {
    Buf b = dlink_discover();
    b[236] = 0x00;
    auto p = parse_dhcp(Bytes(b.data(), b.size()));
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().find("cookie"), std::string::npos) << p.error();
}

TEST(DissectDhcp, BadOpcode) {
    Buf b = dlink_discover();
    b[0] = 3;
    auto p = parse_dhcp(Bytes(b.data(), b.size()));
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().find("op 3"), std::string::npos) << p.error();
}

TEST(DissectDhcp, OptionLengthPastTheEnd) {
    Buf b = bootp(1, 0x391675c3, 0, 0, "0.0.0.0", "0.0.0.0", "0.0.0.0", "b0:c5:54:25:5b:0e", from_hex("350101" "0c40" "4443532d"));
    auto p = parse_dhcp(Bytes(b.data(), b.size()));
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().find("option 12"), std::string::npos) << p.error();
    auto frame = decode(kLinkEthernet, ethernet("ff:ff:ff:ff:ff:ff", "b0:c5:54:25:5b:0e", kEtherIpv4,
                                                ipv4_udp("0.0.0.0", "255.255.255.255", 68, 67, b)));
    auto d = dissect(frame.packet);
    EXPECT_EQ(d.protocol, "dhcp");
    EXPECT_NE(d.error, "");
    EXPECT_FALSE(d.has("dhcp.hostname"));
}

TEST(DissectDhcp, NonEthernetHardwareHasNoClientMac) {
    Buf b = dlink_discover();
    b[1] = 6;  // htype IEEE 802
    auto p = parse_dhcp(Bytes(b.data(), b.size()));
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->client_mac);
}

TEST(DissectDhcp, HostnameWithNulAndHugeOptionsStayBounded) {
    // Option 12 "cam\0junk" and 255-byte options: values are cut at the NUL, lengths bounded.
    std::string opts = "350101" "0c0863616d006a756e6b" "3cff" + std::string(510, 'a') + "ff";
    Buf b = bootp(1, 0x391675c3, 0, 0, "0.0.0.0", "0.0.0.0", "0.0.0.0", "b0:c5:54:25:5b:0e", from_hex(opts));
    auto p = parse_dhcp(Bytes(b.data(), b.size()));
    ASSERT_TRUE(p) << p.error();
    for (auto& [k, v] : p->fields) {
        if (k == "dhcp.hostname") {
            EXPECT_EQ(v, "cam");
        }
        EXPECT_LE(v.size(), 512u);
    }
}

}  // namespace
}  // namespace camsweep

namespace camsweep {
namespace {

using namespace camsweep::test;

// A relayed DISCOVER (captured between the relay agent and the server): the IP source is the
// relay's address, which must not be attributed to the client.
TEST(DissectDhcp, RelayedRequestDoesNotGiveTheClientTheRelaysAddress) {
    Buf b = bootp(1, 0x391675c3, 0, 0, "0.0.0.0", "0.0.0.0", "0.0.0.0", "b0:c5:54:25:5b:0e",
                  from_hex("3501010c084443532d3933354cff"));
    b[24] = 10;  // giaddr 10.0.5.1: the relay agent
    b[25] = 0;
    b[26] = 5;
    b[27] = 1;
    auto frame = decode(kLinkEthernet, ethernet("00:11:22:33:44:55", "00:b5:6d:06:08:ba", kEtherIpv4,
                                                ipv4_udp("10.0.5.1", "10.0.0.10", 67, 67, b)));
    ASSERT_EQ(frame.error, "");
    auto d = dissect(frame.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("id.mac"), "b0:c5:54:25:5b:0e");
    EXPECT_EQ(d.get("dhcp.hostname"), "DCS-935L");
    EXPECT_FALSE(d.obs.endpoint.ip && d.obs.endpoint.ip->to_string() == "10.0.5.1")
        << "the relay agent's address was attributed to the client";
}

}  // namespace
}  // namespace camsweep
