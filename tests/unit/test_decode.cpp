// decode_packet: link, network and transport layers over frames built byte by byte.
#include <gtest/gtest.h>

#include "camsweep/decode/packet.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

constexpr const char* kCamMac = "58:50:ed:1f:e3:85";
constexpr const char* kDstMac = "01:00:5e:7f:ff:fa";

Buf sample_udp_ipv4() { return ipv4_udp("192.168.124.40", "239.255.255.250", 37020, 37020, bytes_of("<ProbeMatch/>")); }

Buf sample_frame() { return ethernet(kDstMac, kCamMac, kEtherIpv4, sample_udp_ipv4()); }

Buf ipv6_udp(std::uint16_t sport, std::uint16_t dport, const Buf& payload, std::uint8_t next = 17, const Buf& ext = {}) {
    return ipv6("fe80::5a50:edff:fe1f:e385", "ff02::c", next, ByteWriter().bytes(ext).bytes(udp_datagram(sport, dport, payload)).take());
}

Buf tcp_segment(std::uint8_t data_offset_words, const Buf& payload, std::size_t options = 0) {
    ByteWriter b;
    b.be16(49152).be16(554).be32(0x01020304).be32(0);
    b.u8(static_cast<std::uint8_t>(data_offset_words << 4));
    b.u8(0x18);  // PSH ACK
    b.be16(65535).be16(0).be16(0);
    for (std::size_t i = 0; i < options; ++i) b.u8(0x01);  // NOPs
    b.bytes(payload);
    return b.take();
}

TEST(Decode, EthernetIpv4Udp) {
    auto f = decode(kLinkEthernet, sample_frame());
    ASSERT_EQ(f.error, "");
    ASSERT_TRUE(f.packet.src_mac);
    EXPECT_EQ(f.packet.src_mac->to_string(), kCamMac);
    EXPECT_EQ(f.packet.dst_mac->to_string(), kDstMac);
    EXPECT_EQ(f.packet.ethertype, kEtherIpv4);
    EXPECT_EQ(f.packet.vlan_depth, 0);
    ASSERT_TRUE(f.packet.src_ip);
    EXPECT_EQ(f.packet.src_ip->to_string(), "192.168.124.40");
    EXPECT_EQ(f.packet.dst_ip->to_string(), "239.255.255.250");
    EXPECT_EQ(f.packet.ip_protocol, 17);
    EXPECT_EQ(f.packet.transport, Transport::udp);
    EXPECT_EQ(f.packet.src_port, 37020);
    EXPECT_EQ(f.packet.dst_port, 37020);
    EXPECT_EQ(as_text(f.packet.payload), "<ProbeMatch/>");
}

TEST(Decode, SingleVlanTag) {
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, sample_udp_ipv4(), {{kEtherVlan, 0x2064}}));
    ASSERT_EQ(f.error, "");
    EXPECT_EQ(f.packet.vlan_depth, 1);
    EXPECT_EQ(f.packet.vlan_id, 0x064);  // the priority bits are not part of the id
    EXPECT_EQ(f.packet.ethertype, kEtherIpv4);
    EXPECT_EQ(as_text(f.packet.payload), "<ProbeMatch/>");
}

TEST(Decode, QinQKeepsTheInnermostVlan) {
    auto f = decode(kLinkEthernet,
                    ethernet(kDstMac, kCamMac, kEtherIpv4, sample_udp_ipv4(), {{kEtherQinQ, 100}, {kEtherVlan, 0xe000 | 42}}));
    ASSERT_EQ(f.error, "");
    EXPECT_EQ(f.packet.vlan_depth, 2);
    EXPECT_EQ(f.packet.vlan_id, 42);
    EXPECT_EQ(f.packet.src_port, 37020);
    EXPECT_EQ(as_text(f.packet.payload), "<ProbeMatch/>");
}

TEST(Decode, EightVlanTagsAreAcceptedNineAreNot) {
    Buf eight = ethernet(kDstMac, kCamMac, kEtherIpv4, sample_udp_ipv4(),
                         {{kEtherVlan, 1}, {kEtherVlan, 2}, {kEtherVlan, 3}, {kEtherVlan, 4}, {kEtherVlan, 5}, {kEtherVlan, 6},
                          {kEtherVlan, 7}, {kEtherVlan, 8}});
    auto ok = decode(kLinkEthernet, eight);
    EXPECT_EQ(ok.error, "");
    EXPECT_EQ(ok.packet.vlan_depth, 8);
    EXPECT_EQ(ok.packet.vlan_id, 8);

    Buf nine = ethernet(kDstMac, kCamMac, kEtherIpv4, sample_udp_ipv4(),
                        {{kEtherVlan, 1}, {kEtherVlan, 2}, {kEtherVlan, 3}, {kEtherVlan, 4}, {kEtherVlan, 5}, {kEtherVlan, 6},
                         {kEtherVlan, 7}, {kEtherVlan, 8}, {kEtherVlan, 9}});
    auto bad = decode(kLinkEthernet, nine);
    EXPECT_NE(bad.error, "");
    EXPECT_NE(bad.error.find("VLAN"), std::string::npos) << bad.error;
    EXPECT_EQ(bad.packet.transport, Transport::none);
    EXPECT_FALSE(bad.packet.src_ip);
    // The link layer decoded before the problem stays.
    ASSERT_TRUE(bad.packet.src_mac);
    EXPECT_EQ(bad.packet.src_mac->to_string(), kCamMac);
}

TEST(Decode, ThousandsOfVlanTagsStopEarly) {
    ByteWriter b;
    b.mac(mac(kDstMac)).mac(mac(kCamMac));
    for (int i = 0; i < 5000; ++i) b.be16(kEtherVlan).be16(static_cast<std::uint16_t>(i & 0xfff));
    b.be16(kEtherIpv4);
    auto f = decode(kLinkEthernet, b.take());
    EXPECT_NE(f.error, "");
    EXPECT_LE(f.packet.vlan_depth, 8);
}

TEST(Decode, Ipv4HeaderLengthBelowFive) {
    Buf l3 = sample_udp_ipv4();
    l3[0] = 0x44;  // IHL 4 = 16 bytes
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, l3));
    EXPECT_NE(f.error, "");
    EXPECT_NE(f.error.find("16"), std::string::npos) << f.error;
    EXPECT_EQ(f.packet.transport, Transport::none);
    EXPECT_TRUE(f.packet.payload.empty());
}

TEST(Decode, Ipv4HeaderLengthBeyondCapture) {
    Buf l3 = ipv4("10.0.0.1", "10.0.0.2", 17, {});  // 20 bytes, nothing after
    l3[0] = 0x4f;                                   // IHL 15 = 60 bytes
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, l3));
    EXPECT_NE(f.error, "");
    EXPECT_NE(f.error.find("60"), std::string::npos) << f.error;
    EXPECT_EQ(f.packet.transport, Transport::none);
}

TEST(Decode, Ipv4OptionsAreSkipped) {
    Buf l4 = udp_datagram(68, 67, bytes_of("hello"));
    Buf opts = {0x94, 0x04, 0x00, 0x00};  // router alert
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, ipv4("0.0.0.0", "255.255.255.255", 17, l4, opts)));
    ASSERT_EQ(f.error, "");
    EXPECT_EQ(f.packet.src_port, 68);
    EXPECT_EQ(as_text(f.packet.payload), "hello");
}

TEST(Decode, WrongIpVersionInEthernetIpv4) {
    Buf l3 = sample_udp_ipv4();
    l3[0] = 0x65;
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, l3));
    EXPECT_NE(f.error, "");
    EXPECT_EQ(f.packet.transport, Transport::none);
}

TEST(Decode, UdpLengthBelowHeader) {
    Buf l3 = sample_udp_ipv4();
    l3[20 + 4] = 0;
    l3[20 + 5] = 7;  // UDP length 7
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, l3));
    EXPECT_NE(f.error, "");
    EXPECT_NE(f.error.find("UDP length 7"), std::string::npos) << f.error;
    EXPECT_TRUE(f.packet.payload.empty());
}

TEST(Decode, UdpLengthBeyondCaptureKeepsWhatIsThere) {
    Buf l3 = sample_udp_ipv4();
    l3[20 + 4] = 0x10;  // UDP length 4096: the capture was cut (snaplen)
    l3[20 + 5] = 0x00;
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, l3));
    EXPECT_EQ(f.error, "");
    EXPECT_EQ(as_text(f.packet.payload), "<ProbeMatch/>");
}

TEST(Decode, UdpLengthShorterThanDatagramTrimsPayload) {
    Buf l3 = sample_udp_ipv4();
    l3[20 + 4] = 0;
    l3[20 + 5] = 8 + 6;
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, l3));
    EXPECT_EQ(f.error, "");
    EXPECT_EQ(as_text(f.packet.payload), "<Probe");
}

TEST(Decode, EthernetPaddingIsDroppedUsingIpv4TotalLength) {
    // A minimum-size frame: 42 bytes of headers + 2 bytes payload padded to 60 bytes.
    Buf l3 = ipv4_udp("192.168.1.108", "255.255.255.255", 5050, 5050, bytes_of("hi"));
    Buf frame = ethernet("ff:ff:ff:ff:ff:ff", "3c:ef:8c:00:00:01", kEtherIpv4, l3);
    frame.resize(60, 0x00);
    // Corrupt the UDP length so only the IPv4 total length can tell the padding apart.
    frame[14 + 20 + 4] = 0x00;
    frame[14 + 20 + 5] = 0xff;
    auto f = decode(kLinkEthernet, std::move(frame));
    ASSERT_EQ(f.error, "");
    EXPECT_EQ(as_text(f.packet.payload), "hi");
}

TEST(Decode, EveryTruncationOfAValidFrameIsSafe) {
    const Buf full = sample_frame();
    for (std::size_t n = 0; n <= full.size(); ++n) {
        Buf prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
        DecodedPacket out;
        std::string error = decode_packet(kLinkEthernet, Bytes(prefix.data(), prefix.size()), out);
        if (n < 14) {
            EXPECT_NE(error, "") << n;
        }
        if (n < 14 + 20) {
            EXPECT_EQ(out.transport, Transport::none) << n;
        }
        // Whatever was decoded points inside the prefix.
        if (!out.payload.empty()) {
            EXPECT_GE(out.payload.data(), prefix.data());
            EXPECT_LE(out.payload.data() + out.payload.size(), prefix.data() + prefix.size()) << n;
        }
        if (n == full.size()) {
            EXPECT_EQ(error, "");
        }
    }
    // The same for every link type decoding the raw frame.
    for (int link : {kLinkRaw, kLinkLinuxSll, kLinkLinuxSll2, kLinkIpv4, kLinkIpv6}) {
        for (std::size_t n = 0; n <= full.size(); ++n) {
            DecodedPacket out;
            decode_packet(link, Bytes(full.data(), n), out);
            if (!out.payload.empty()) {
                EXPECT_LE(out.payload.data() + out.payload.size(), full.data() + n);
            }
        }
    }
}

TEST(Decode, EveryTruncationOfTcpAndIpv6FramesIsSafe) {
    const Buf tcp = ethernet(kDstMac, kCamMac, kEtherIpv4, ipv4("10.0.0.5", "10.0.0.9", 6, tcp_segment(6, bytes_of("RTSP/1.0 200 OK"), 4)));
    const Buf v6 = ethernet("33:33:00:00:00:0c", kCamMac, kEtherIpv6, ipv6_udp(3702, 3702, bytes_of("<x/>")));
    for (const Buf* full : {&tcp, &v6}) {
        for (std::size_t n = 0; n <= full->size(); ++n) {
            DecodedPacket out;
            decode_packet(kLinkEthernet, Bytes(full->data(), n), out);
            if (!out.payload.empty()) {
                EXPECT_LE(out.payload.data() + out.payload.size(), full->data() + n);
            }
        }
    }
}

TEST(Decode, Ipv6Udp) {
    auto f = decode(kLinkEthernet, ethernet("33:33:00:00:00:0c", kCamMac, kEtherIpv6, ipv6_udp(3702, 3702, bytes_of("<Hello/>"))));
    ASSERT_EQ(f.error, "");
    EXPECT_EQ(f.packet.ethertype, kEtherIpv6);
    ASSERT_TRUE(f.packet.src_ip);
    EXPECT_EQ(f.packet.src_ip->family, IpAddress::Family::v6);
    EXPECT_EQ(f.packet.src_ip->to_string(), "fe80::5a50:edff:fe1f:e385");
    EXPECT_EQ(f.packet.dst_ip->to_string(), "ff02::c");
    EXPECT_EQ(f.packet.transport, Transport::udp);
    EXPECT_EQ(f.packet.dst_port, 3702);
    EXPECT_EQ(as_text(f.packet.payload), "<Hello/>");
}

TEST(Decode, Ipv6HopByHopExtensionHeader) {
    Buf hop = {17, 0, 0, 0, 0, 0, 0, 0};  // next header UDP, length 0 (8 bytes)
    auto f = decode(kLinkEthernet, ethernet("33:33:00:00:00:0c", kCamMac, kEtherIpv6, ipv6_udp(1900, 1900, bytes_of("NOTIFY"), 0, hop)));
    ASSERT_EQ(f.error, "");
    EXPECT_EQ(f.packet.ip_protocol, 17);
    EXPECT_EQ(as_text(f.packet.payload), "NOTIFY");
}

TEST(Decode, Ipv6ExtensionHeaderLengthLying) {
    Buf hop = {17, 200, 0, 0, 0, 0, 0, 0};  // claims 1608 bytes
    auto f = decode(kLinkEthernet, ethernet("33:33:00:00:00:0c", kCamMac, kEtherIpv6, ipv6_udp(1900, 1900, bytes_of("NOTIFY"), 0, hop)));
    EXPECT_NE(f.error, "");
    EXPECT_EQ(f.packet.transport, Transport::none);
}

TEST(Decode, TcpSegmentWithOptions) {
    auto f = decode(kLinkEthernet,
                    ethernet(kDstMac, kCamMac, kEtherIpv4, ipv4("10.0.0.5", "10.0.0.9", 6, tcp_segment(6, bytes_of("RTSP/1.0 200 OK"), 4))));
    ASSERT_EQ(f.error, "");
    EXPECT_EQ(f.packet.transport, Transport::tcp);
    EXPECT_EQ(f.packet.src_port, 49152);
    EXPECT_EQ(f.packet.dst_port, 554);
    EXPECT_EQ(f.packet.tcp_seq, 0x01020304u);
    EXPECT_EQ(f.packet.tcp_flags, 0x18);
    EXPECT_EQ(as_text(f.packet.payload), "RTSP/1.0 200 OK");
}

TEST(Decode, TcpHeaderLengthBelowTwenty) {
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, ipv4("10.0.0.5", "10.0.0.9", 6, tcp_segment(4, bytes_of("data")))));
    EXPECT_NE(f.error, "");
    EXPECT_NE(f.error.find("16"), std::string::npos) << f.error;
    EXPECT_TRUE(f.packet.payload.empty());
}

TEST(Decode, TcpHeaderLengthBeyondSegment) {
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, ipv4("10.0.0.5", "10.0.0.9", 6, tcp_segment(15, bytes_of("x")))));
    EXPECT_NE(f.error, "");
    EXPECT_NE(f.error.find("60"), std::string::npos) << f.error;
    EXPECT_TRUE(f.packet.payload.empty());
    EXPECT_NE(f.packet.transport, Transport::tcp);
}

TEST(Decode, LinuxCookedSll) {
    ByteWriter b;
    b.be16(0);  // packet type: to us
    b.be16(1);  // ARPHRD_ETHER
    b.be16(6);  // address length
    b.mac(mac(kCamMac));
    b.be16(0);  // address padding to 8 bytes
    b.be16(kEtherIpv4).bytes(sample_udp_ipv4());
    auto f = decode(kLinkLinuxSll, b.take());
    ASSERT_EQ(f.error, "");
    ASSERT_TRUE(f.packet.src_mac);
    EXPECT_EQ(f.packet.src_mac->to_string(), kCamMac);
    EXPECT_FALSE(f.packet.dst_mac);
    EXPECT_EQ(f.packet.src_ip->to_string(), "192.168.124.40");
    EXPECT_EQ(as_text(f.packet.payload), "<ProbeMatch/>");
}

TEST(Decode, LinuxCookedSllWithoutMac) {
    ByteWriter b;
    b.be16(4);
    b.be16(772);  // loopback
    b.be16(0).zeros(8);
    b.be16(kEtherIpv4).bytes(sample_udp_ipv4());
    auto f = decode(kLinkLinuxSll, b.take());
    ASSERT_EQ(f.error, "");
    EXPECT_FALSE(f.packet.src_mac);
    EXPECT_EQ(f.packet.transport, Transport::udp);
}

TEST(Decode, LinuxCookedSll2) {
    ByteWriter b;
    b.be16(kEtherIpv4);  // protocol
    b.be16(0);           // reserved
    b.be32(3);           // interface index
    b.be16(1);           // ARPHRD_ETHER
    b.u8(0);             // packet type
    b.u8(6);             // address length
    b.mac(mac(kCamMac)).be16(0);
    b.bytes(sample_udp_ipv4());
    auto f = decode(kLinkLinuxSll2, b.take());
    ASSERT_EQ(f.error, "");
    ASSERT_TRUE(f.packet.src_mac);
    EXPECT_EQ(f.packet.src_mac->to_string(), kCamMac);
    EXPECT_EQ(f.packet.dst_port, 37020);
    EXPECT_EQ(as_text(f.packet.payload), "<ProbeMatch/>");
}

TEST(Decode, RawIpLinkTypes) {
    for (int link : {kLinkRaw, kLinkIpv4, 12, 14}) {
        auto f = decode(link, sample_udp_ipv4());
        EXPECT_EQ(f.error, "") << link;
        EXPECT_FALSE(f.packet.src_mac) << link;
        EXPECT_EQ(f.packet.ethertype, kEtherIpv4) << link;
        EXPECT_EQ(as_text(f.packet.payload), "<ProbeMatch/>") << link;
        EXPECT_TRUE(is_supported_link_type(link));
    }
    for (int link : {kLinkRaw, kLinkIpv6}) {
        auto f = decode(link, ipv6_udp(3702, 3702, bytes_of("<Bye/>")));
        EXPECT_EQ(f.error, "") << link;
        EXPECT_EQ(f.packet.ethertype, kEtherIpv6) << link;
        EXPECT_EQ(as_text(f.packet.payload), "<Bye/>") << link;
    }
    auto bad = decode(kLinkRaw, Buf{0x50, 0, 0, 0});
    EXPECT_NE(bad.error, "");
    auto empty = decode(kLinkRaw, Buf{});
    EXPECT_NE(empty.error, "");
}

TEST(Decode, UnsupportedLinkType) {
    EXPECT_FALSE(is_supported_link_type(105));  // 802.11
    auto f = decode(105, sample_frame());
    EXPECT_NE(f.error, "");
    EXPECT_NE(f.error.find("105"), std::string::npos);
}

TEST(Decode, ArpKeepsTheNetworkBytes) {
    ByteWriter arp;
    arp.be16(1).be16(kEtherIpv4).u8(6).u8(4).be16(1);
    arp.mac(mac(kCamMac)).ipv4(ip("192.168.1.64")).mac(mac("00:00:00:00:00:00")).ipv4(ip("192.168.1.1"));
    auto f = decode(kLinkEthernet, ethernet("ff:ff:ff:ff:ff:ff", kCamMac, kEtherArp, arp.take()));
    ASSERT_EQ(f.error, "");
    EXPECT_EQ(f.packet.ethertype, kEtherArp);
    EXPECT_EQ(f.packet.network.size(), 28u);
    EXPECT_EQ(f.packet.transport, Transport::none);
}

TEST(Decode, Ieee8023LengthFieldIsNotAnEthertype) {
    Buf llc = {0x42, 0x42, 0x03, 0, 0, 0};  // STP over LLC
    auto f = decode(kLinkEthernet, ethernet("01:80:c2:00:00:00", kCamMac, static_cast<std::uint16_t>(llc.size()), llc));
    EXPECT_EQ(f.error, "");
    EXPECT_EQ(f.packet.transport, Transport::none);
    EXPECT_NE(f.packet.ethertype, kEtherIpv4);
}

TEST(Decode, NonFirstFragmentHasNoTransport) {
    Buf l3 = sample_udp_ipv4();
    l3[6] = 0x00;
    l3[7] = 0x10;  // fragment offset 16 * 8 bytes
    auto f = decode(kLinkEthernet, ethernet(kDstMac, kCamMac, kEtherIpv4, l3));
    EXPECT_EQ(f.error, "");
    EXPECT_EQ(f.packet.transport, Transport::none);
    EXPECT_TRUE(f.packet.payload.empty());
    EXPECT_TRUE(f.packet.src_ip);
}

}  // namespace
}  // namespace camsweep
