// ARP dissector: who holds which IPv4 address.
#include <gtest/gtest.h>

#include "camsweep/dissect/parsers.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// The Edimax camera of the IoT Sentinel capture: "Who has 10.10.10.1? Tell 10.10.10.51".
Buf arp_body(std::uint16_t op, std::string_view sha, std::string_view spa, std::string_view tha, std::string_view tpa) {
    ByteWriter b;
    b.be16(1);
    b.be16(kEtherIpv4);
    b.u8(6);
    b.u8(4);
    b.be16(op);
    b.mac(mac(sha));
    b.ipv4(ip(spa));
    b.mac(mac(tha));
    b.ipv4(ip(tpa));
    return b.take();
}

Frame arp_frame(const Buf& body, std::string_view frame_src = "74:da:38:80:7a:08") {
    Buf frame = ethernet("ff:ff:ff:ff:ff:ff", frame_src, kEtherArp, body);
    frame.resize(std::max<std::size_t>(frame.size(), 60), 0);  // Ethernet padding
    return decode(kLinkEthernet, std::move(frame));
}

TEST(DissectArp, RequestNamesTheSender) {
    auto f = arp_frame(arp_body(1, "74:da:38:80:7a:08", "10.10.10.51", "00:00:00:00:00:00", "10.10.10.1"));
    ASSERT_EQ(f.error, "");
    auto d = dissect(f.packet);
    EXPECT_EQ(d.protocol, "arp");
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.get("arp.op"), "request");
    ASSERT_TRUE(d.obs.endpoint.mac);
    EXPECT_EQ(d.obs.endpoint.mac->to_string(), "74:da:38:80:7a:08");
    ASSERT_TRUE(d.obs.endpoint.ip);
    EXPECT_EQ(d.obs.endpoint.ip->to_string(), "10.10.10.51");
}

TEST(DissectArp, ReplyAndAnnouncement) {
    auto reply = dissect(arp_frame(arp_body(2, "00:b5:6d:06:08:ba", "10.10.10.1", "74:da:38:80:7a:08", "10.10.10.51"),
                                   "00:b5:6d:06:08:ba")
                             .packet);
    EXPECT_EQ(reply.get("arp.op"), "reply");
    EXPECT_EQ(reply.obs.endpoint.mac->to_string(), "00:b5:6d:06:08:ba");

    auto gratuitous = dissect(arp_frame(arp_body(1, "3c:ef:8c:00:00:01", "192.168.1.108", "00:00:00:00:00:00", "192.168.1.108")).packet);
    EXPECT_EQ(gratuitous.get("arp.op"), "announcement");
    EXPECT_EQ(gratuitous.obs.endpoint.ip->to_string(), "192.168.1.108");
    // The sender MAC of the payload is the subject, not the frame source.
    EXPECT_EQ(gratuitous.obs.endpoint.mac->to_string(), "3c:ef:8c:00:00:01");
}

TEST(DissectArp, ProbeFromUnspecifiedAddressHasNoIp) {
    auto d = dissect(arp_frame(arp_body(1, "74:da:38:80:7a:08", "0.0.0.0", "00:00:00:00:00:00", "10.10.10.51")).packet);
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.get("arp.op"), "request");
    EXPECT_FALSE(d.obs.endpoint.ip);
    EXPECT_TRUE(d.obs.endpoint.mac);
}

TEST(DissectArp, RejectsNonEthernetIpv4AndTruncated) {
    Buf b = arp_body(1, "74:da:38:80:7a:08", "10.10.10.51", "00:00:00:00:00:00", "10.10.10.1");
    Buf wrong_hw = b;
    wrong_hw[1] = 6;  // IEEE 802
    EXPECT_FALSE(parse_arp(Bytes(wrong_hw.data(), wrong_hw.size())));
    Buf wrong_len = b;
    wrong_len[4] = 8;
    auto p = parse_arp(Bytes(wrong_len.data(), wrong_len.size()));
    EXPECT_FALSE(p);
    EXPECT_NE(p.error(), "");
    for (std::size_t n = 0; n < b.size(); ++n) {
        auto t = parse_arp(Bytes(b.data(), n));
        EXPECT_FALSE(t) << n;
        EXPECT_NE(t.error().find("truncated"), std::string::npos) << n << ": " << t.error();
    }
    EXPECT_TRUE(parse_arp(Bytes(b.data(), b.size())));
}

}  // namespace
}  // namespace camsweep
