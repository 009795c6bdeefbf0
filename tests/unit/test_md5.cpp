// MD5 (src/core/md5.cpp) on the test suite of RFC 1321 §A.5 and
// inputs around the padding boundaries (55, 56, 63, 64, 65 bytes), whose digests were computed
// with coreutils md5sum.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <utility>

#include "camsweep/core/md5.hpp"

namespace camsweep {
namespace {

// RFC 1321 appendix A.5: the test suite's inputs and digests.
TEST(Md5, Rfc1321TestSuite) {
    const std::pair<std::string_view, std::string_view> suite[] = {
        {"", "d41d8cd98f00b204e9800998ecf8427e"},
        {"a", "0cc175b9c0f1b6a831c399e269772661"},
        {"abc", "900150983cd24fb0d6963f7d28e17f72"},
        {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
        {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"},
        {"12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"},
    };
    for (const auto& [input, digest] : suite) EXPECT_EQ(md5_hex(input), digest) << '"' << input << '"';
}

TEST(Md5, PaddingBoundaries) {
    EXPECT_EQ(md5_hex(std::string(55, 'x')), "04364420e25c512fd958a70738aa8f72");
    EXPECT_EQ(md5_hex(std::string(56, 'x')), "668a72d5ba17f08e62dabcafad6db14b");
    EXPECT_EQ(md5_hex(std::string(63, 'x')), "7dc2ca208106a2f703567bdff99d8981");
    EXPECT_EQ(md5_hex(std::string(64, 'x')), "c1bb4f81d892b2d57947682aeb252456");
    EXPECT_EQ(md5_hex(std::string(65, 'x')), "1bc932052302d074bdec39795fe00cf6");
    EXPECT_EQ(md5_hex(std::string(100000, '\0')), "0019d23bef56a136a1891211d7007f6f");
}

TEST(Md5, DigestBytes) {
    const auto digest = md5("abc");
    EXPECT_EQ(digest[0], 0x90);
    EXPECT_EQ(digest[15], 0x72);
}

}  // namespace
}  // namespace camsweep
