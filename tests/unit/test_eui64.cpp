// MACs recovered from modified EUI-64 IPv6 interface identifiers (RFC 4291 appendix A).
#include <gtest/gtest.h>

#include "camsweep/dissect/eui64.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

std::string mac_of(std::string_view address) {
    auto m = mac_from_eui64(ip(address));
    return m ? m->to_string() : std::string("none");
}

TEST(Eui64, LinkLocalFlipsTheUniversalLocalBit) {
    // The D-Link DCS-935L's MAC b0:c5:54:25:5b:0e as a SLAAC link-local address.
    EXPECT_EQ(mac_of("fe80::b2c5:54ff:fe25:5b0e"), "b0:c5:54:25:5b:0e");
    // A Hikvision ONVIF XAddrs address (research/protocols-active.md §1.1.2).
    EXPECT_EQ(mac_of("fe80::5a50:edff:fe1f:e385"), "58:50:ed:1f:e3:85");
}

TEST(Eui64, GlobalAndUniqueLocalAddressesToo) {
    EXPECT_EQ(mac_of("2001:db8:1:2:4619:b6ff:fe12:3456"), "44:19:b6:12:34:56");
    EXPECT_EQ(mac_of("fd00::b6a3:82ff:fe0f:d92d"), "b4:a3:82:0f:d9:2d");
    // A locally administered MAC has the bit clear in the identifier.
    EXPECT_EQ(mac_of("fe80::11:22ff:fe33:4455"), "02:11:22:33:44:55");
}

TEST(Eui64, OtherIdentifiersGiveNothing) {
    EXPECT_EQ(mac_of("2001:db8::1234:5678:9abc:def0"), "none");  // privacy / random
    EXPECT_EQ(mac_of("fe80::1"), "none");
    EXPECT_EQ(mac_of("::"), "none");
    EXPECT_EQ(mac_of("fe80::b2c5:54fe:ff25:5b0e"), "none");     // fe:ff, the wrong way round
    EXPECT_EQ(mac_of("192.168.1.64"), "none");                  // IPv4
    EXPECT_EQ(mac_of("::ffff:254.1.2.3"), "none");              // IPv4-mapped: ff, fe by accident
    EXPECT_EQ(mac_of("ff02::211:22ff:fe33:4455"), "none");      // multicast group ID
    EXPECT_EQ(mac_of("fe80::300:ff:fe00:1"), "none");           // would be a multicast MAC
    EXPECT_EQ(mac_of("fe80::200:ff:fe00:0"), "none");           // would be all zero
}

}  // namespace
}  // namespace camsweep
