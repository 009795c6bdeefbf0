// ByteCursor bounds and the address value types.
#include <gtest/gtest.h>

#include <array>
#include <limits>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_cursor.hpp"

namespace camsweep {
namespace {

TEST(ByteCursor, ReadsBigAndLittleEndianInOrder) {
    const std::array<std::uint8_t, 11> data{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b};
    ByteCursor cur{Bytes(data)};
    std::uint8_t a = 0;
    std::uint16_t b = 0;
    std::uint32_t c = 0, d = 0;
    ASSERT_TRUE(cur.u8(a));
    ASSERT_TRUE(cur.be16(b));
    ASSERT_TRUE(cur.be32(c));
    ASSERT_TRUE(cur.le32(d));
    EXPECT_EQ(a, 0x01);
    EXPECT_EQ(b, 0x0203);
    EXPECT_EQ(c, 0x04050607u);
    EXPECT_EQ(d, 0x0b0a0908u);
    EXPECT_TRUE(cur.empty());
    EXPECT_EQ(cur.offset(), 11u);
}

TEST(ByteCursor, Reads24BitBigEndian) {
    const std::array<std::uint8_t, 5> data{0x01, 0x02, 0x03, 0x04, 0x05};
    ByteCursor cur{Bytes(data)};
    std::uint32_t v = 0;
    ASSERT_TRUE(cur.be24(v));
    EXPECT_EQ(v, 0x010203u);
    v = 0xdeadbeef;
    EXPECT_FALSE(cur.be24(v));  // two bytes left
    EXPECT_EQ(v, 0xdeadbeefu);
    EXPECT_EQ(cur.offset(), 3u);
}

TEST(ByteCursor, FailedReadsLeaveOffsetAndOutputUntouched) {
    const std::array<std::uint8_t, 3> data{0xaa, 0xbb, 0xcc};
    ByteCursor cur{Bytes(data)};
    std::uint32_t v = 0xdeadbeef;
    EXPECT_FALSE(cur.be32(v));
    EXPECT_FALSE(cur.le32(v));
    EXPECT_EQ(v, 0xdeadbeefu);
    EXPECT_EQ(cur.offset(), 0u);
    std::uint16_t s = 0;
    ASSERT_TRUE(cur.be16(s));
    EXPECT_FALSE(cur.be16(s));
    EXPECT_EQ(s, 0xaabb);
    EXPECT_EQ(cur.remaining(), 1u);
    std::uint8_t one = 0;
    ASSERT_TRUE(cur.u8(one));
    EXPECT_FALSE(cur.u8(one));
    EXPECT_EQ(one, 0xcc);
}

TEST(ByteCursor, SkipAndBytesRespectTheEnd) {
    const std::array<std::uint8_t, 8> data{1, 2, 3, 4, 5, 6, 7, 8};
    ByteCursor cur{Bytes(data)};
    EXPECT_FALSE(cur.skip(9));
    EXPECT_EQ(cur.offset(), 0u);
    EXPECT_TRUE(cur.skip(3));
    Bytes out;
    EXPECT_FALSE(cur.bytes(6, out));
    EXPECT_TRUE(out.empty());
    ASSERT_TRUE(cur.bytes(5, out));
    EXPECT_EQ(out.size(), 5u);
    EXPECT_EQ(out[0], 4);
    EXPECT_EQ(out[4], 8);
    EXPECT_TRUE(cur.rest().empty());
    // Huge lengths must not wrap around.
    ByteCursor again{Bytes(data)};
    EXPECT_FALSE(again.skip(std::numeric_limits<std::size_t>::max()));
    EXPECT_FALSE(again.bytes(std::numeric_limits<std::size_t>::max(), out));
    EXPECT_EQ(again.remaining(), 8u);
}

TEST(ByteCursor, EmptyInput) {
    ByteCursor cur{Bytes()};
    std::uint8_t v = 0;
    EXPECT_TRUE(cur.empty());
    EXPECT_FALSE(cur.u8(v));
    EXPECT_TRUE(cur.skip(0));
    Bytes out;
    EXPECT_TRUE(cur.bytes(0, out));
    EXPECT_EQ(as_text(cur.rest()), "");
}

TEST(MacAddress, ParsesColonDashAndBareForms) {
    for (const char* text : {"58:50:ed:1f:e3:85", "58-50-ed-1f-e3-85", "5850ed1fe385", "58:50:ED:1F:E3:85", "5850.ed1f.e385"}) {
        auto m = MacAddress::parse(text);
        ASSERT_TRUE(m.has_value()) << text;
        EXPECT_EQ(m->to_string(), "58:50:ed:1f:e3:85") << text;
        EXPECT_EQ(m->as_u64(), 0x5850ed1fe385ull) << text;
    }
}

TEST(MacAddress, RejectsBadInput) {
    for (const char* text : {"", "58:50:ed:1f:e3", "58:50:ed:1f:e3:85:00", "58:50:ed:1f:e3:8g", "5850ed1fe38", "5850ed1fe3850",
                             "zz:zz:zz:zz:zz:zz", "58:50:ed:1f:e3:85 ", " 58:50:ed:1f:e3:85", "58:50:ed:1f:e3:8"}) {
        EXPECT_FALSE(MacAddress::parse(text).has_value()) << '"' << text << '"';
    }
}

TEST(MacAddress, MulticastAndLocallyAdministeredBits) {
    auto hik = *MacAddress::parse("58:50:ed:1f:e3:85");
    EXPECT_FALSE(hik.is_multicast());
    EXPECT_FALSE(hik.is_locally_administered());
    EXPECT_TRUE(hik.is_unicast_device());

    auto local = *MacAddress::parse("02:42:ac:11:00:02");  // docker-style
    EXPECT_TRUE(local.is_locally_administered());
    EXPECT_FALSE(local.is_multicast());
    EXPECT_TRUE(local.is_unicast_device());

    auto mcast = *MacAddress::parse("01:00:5e:7f:ff:fa");
    EXPECT_TRUE(mcast.is_multicast());
    EXPECT_FALSE(mcast.is_locally_administered());
    EXPECT_FALSE(mcast.is_unicast_device());

    auto bcast = *MacAddress::parse("ff:ff:ff:ff:ff:ff");
    EXPECT_TRUE(bcast.is_multicast());
    EXPECT_FALSE(bcast.is_unicast_device());

    auto zero = *MacAddress::parse("00:00:00:00:00:00");
    EXPECT_TRUE(zero.is_zero());
    EXPECT_FALSE(zero.is_unicast_device());
}

TEST(MacAddress, OrdersByValue) {
    auto a = *MacAddress::parse("00:00:00:00:00:01");
    auto b = *MacAddress::parse("00:00:00:00:01:00");
    EXPECT_LT(a, b);
    EXPECT_EQ(a, *MacAddress::parse("000000000001"));
}

TEST(IpAddress, ParsesAndFormatsV4) {
    auto a = IpAddress::parse("192.168.1.108");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->family, IpAddress::Family::v4);
    EXPECT_EQ(a->to_string(), "192.168.1.108");
    EXPECT_EQ(*a, IpAddress::v4(0xc0a8016cu));
    EXPECT_FALSE(a->is_unspecified());
    EXPECT_FALSE(a->is_multicast_or_broadcast());
    EXPECT_TRUE(IpAddress::parse("0.0.0.0")->is_unspecified());
    EXPECT_TRUE(IpAddress::parse("239.255.255.250")->is_multicast_or_broadcast());
    EXPECT_TRUE(IpAddress::parse("255.255.255.255")->is_multicast_or_broadcast());
    EXPECT_FALSE(IpAddress::parse("223.255.255.255")->is_multicast_or_broadcast());
}

TEST(IpAddress, ParsesAndFormatsV6) {
    auto a = IpAddress::parse("fe80::5a50:edff:fe1f:e385");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->family, IpAddress::Family::v6);
    EXPECT_EQ(a->to_string(), "fe80::5a50:edff:fe1f:e385");
    EXPECT_EQ(a->octets[0], 0xfe);
    EXPECT_EQ(a->octets[15], 0x85);
    EXPECT_TRUE(IpAddress::parse("::")->is_unspecified());
    EXPECT_TRUE(IpAddress::parse("ff02::c")->is_multicast_or_broadcast());
    EXPECT_FALSE(a->is_multicast_or_broadcast());
    std::uint8_t raw[16] = {0x20, 0x01, 0x0d, 0xb8};
    raw[15] = 1;
    EXPECT_EQ(IpAddress::v6(raw).to_string(), "2001:db8::1");
    // v4 and v6 with the same leading bytes are different addresses.
    EXPECT_NE(*IpAddress::parse("0.0.0.1"), *IpAddress::parse("::"));
}

TEST(IpAddress, RejectsBadInput) {
    for (const char* text : {"", "192.168.1", "192.168.1.256", "1.2.3.4.5", "fe80:::1", "hello", "192.168.1.1 ", "::g"})
        EXPECT_FALSE(IpAddress::parse(text).has_value()) << '"' << text << '"';
    // A long string must not overflow anything.
    EXPECT_FALSE(IpAddress::parse(std::string(1000, '1')).has_value());
}

}  // namespace
}  // namespace camsweep
