// Text helpers for untrusted bytes: bounded_text, printable, utf8_or_escaped and friends.
#include <gtest/gtest.h>

#include <string>

#include "camsweep/core/text.hpp"

namespace camsweep {
namespace {

using namespace std::string_literals;

TEST(BoundedText, CutsAtNulAndTrims) {
    EXPECT_EQ(bounded_text("  DS-2CD2385G1-I\r\n"), "DS-2CD2385G1-I");
    EXPECT_EQ(bounded_text("DCS-935L\0garbage after the NUL"s), "DCS-935L");
    EXPECT_EQ(bounded_text("\0DCS-935L"s), "");
    EXPECT_EQ(bounded_text(" \t\r\n"), "");
    EXPECT_EQ(bounded_text(""), "");
    // Inner whitespace stays.
    EXPECT_EQ(bounded_text(" Linux,    UPnP/1.0 DCS-935L/1.0 "), "Linux,    UPnP/1.0 DCS-935L/1.0");
}

TEST(BoundedText, LimitsLength) {
    std::string big(100000, 'A');
    EXPECT_EQ(bounded_text(big).size(), kMaxFieldLength);
    EXPECT_EQ(bounded_text(big, 10), std::string(10, 'A'));
    EXPECT_EQ(bounded_text("  abcdef  ", 3), "abc");  // trimmed first, then cut
    EXPECT_EQ(bounded_text("abc", 0), "");
}

TEST(BoundedText, KeepsRawBytes) {
    // Bytes are kept as they are; writers escape them.
    EXPECT_EQ(bounded_text("\xff\xfe model \x1b[31m"), "\xff\xfe model \x1b[31m");
}

TEST(Text, CaseHelpers) {
    EXPECT_EQ(trim("\t x \n"), "x");
    EXPECT_EQ(to_lower("HIKVISION DS-2CD"), "hikvision ds-2cd");
    EXPECT_TRUE(iequals("Dahua", "DAHUA"));
    EXPECT_FALSE(iequals("Dahua", "Dahua "));
    EXPECT_TRUE(istarts_with("uuid:ABC", "UUID:"));
    EXPECT_FALSE(istarts_with("uu", "uuid:"));
    EXPECT_TRUE(istarts_with("anything", ""));
}

TEST(Text, UrlPath) {
    EXPECT_EQ(url_path("rtsp://192.0.2.7:554/Streaming/Channels/101/"), "/Streaming/Channels/101/");
    EXPECT_EQ(url_path("http://www.onvif.org/ver10/device/wsdl"), "/ver10/device/wsdl");
    EXPECT_EQ(url_path("rtsp://192.0.2.7"), "");
    EXPECT_EQ(url_path("/already/a/path"), "/already/a/path");
}

TEST(Text, UpperCaseAndHexLiterals) {
    EXPECT_EQ(to_upper("covered dS-2cd \xc3\xa9"), "COVERED DS-2CD \xc3\xa9");  // ASCII letters only
    EXPECT_EQ(hex_literal(0x1b, 2), "0x1b");
    EXPECT_EQ(hex_literal(0x303, 4), "0x0303");
    EXPECT_EQ(hex_literal(0xa1b2c3d4, 8), "0xa1b2c3d4");
    EXPECT_EQ(hex_literal(0x1234, 2), "0x1234");  // never cut
}

TEST(Printable, EscapesTerminalControlSequences) {
    EXPECT_EQ(printable("\x1b[2J\x1b[31mRED"), "\\x1b[2J\\x1b[31mRED");
    EXPECT_EQ(printable("a\rb\nc\td\x7f"), "a\\x0db\\x0ac\\x09d\\x7f");
    EXPECT_EQ(printable("bell\x07"), "bell\\x07");
    EXPECT_EQ(printable("nul\0x"s), "nul\\x00x");
}

TEST(Printable, EscapesC1Controls) {
    // U+009B is the 8-bit CSI: some terminals act on it like ESC [.
    EXPECT_EQ(printable("\xc2\x9b" "31m"), "\\xc2\\x9b31m");
    EXPECT_EQ(printable("\xc2\x85"), "\\xc2\\x85");
    // U+00A0 (no-break space) is not a control.
    EXPECT_EQ(printable("\xc2\xa0"), "\xc2\xa0");
}

TEST(Printable, EscapesInvalidUtf8ByteByByte) {
    EXPECT_EQ(printable("\xff"), "\\xff");
    EXPECT_EQ(printable("ab\xe6\xb5"), "ab\\xe6\\xb5");            // truncated 3-byte sequence
    EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");                  // overlong '/'
    EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");          // UTF-16 surrogate
    EXPECT_EQ(printable("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // beyond U+10FFFF
    EXPECT_EQ(printable("\x80x"), "\\x80x");                          // lone continuation byte
}

TEST(Printable, KeepsValidUtf8) {
    EXPECT_EQ(printable("海康威视"), "海康威视");
    EXPECT_EQ(printable("Câmera Intelbras ✓ 🎥"), "Câmera Intelbras ✓ 🎥");
    EXPECT_EQ(printable("plain ASCII 123 !~"), "plain ASCII 123 !~");
    EXPECT_EQ(printable(""), "");
}

TEST(Utf8OrEscaped, PassesValidUtf8IncludingControls) {
    EXPECT_EQ(utf8_or_escaped("海康威视 DS-2CD"), "海康威视 DS-2CD");
    // Controls are valid UTF-8: JSON escapes them itself.
    EXPECT_EQ(utf8_or_escaped("a\x1b[0m\n"), "a\x1b[0m\n");
}

TEST(Utf8OrEscaped, EscapesInvalidBytesWithoutDroppingAny) {
    EXPECT_EQ(utf8_or_escaped("Vendor\xff\xfe"), "Vendor\\xff\\xfe");
    EXPECT_EQ(utf8_or_escaped("\xe6\xb5\xb7\xe5"), "海\\xe5");
    EXPECT_EQ(utf8_or_escaped("\xc3"), "\\xc3");
    EXPECT_EQ(utf8_or_escaped("\xc3(x"), "\\xc3(x");
}

TEST(Iso8601, FormatsUtcWithMicroseconds) {
    EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00.000000Z");
    EXPECT_EQ(iso8601_utc(1500000000.25), "2017-07-14T02:40:00.250000Z");
    EXPECT_EQ(iso8601_utc(1500000000.9999999), "2017-07-14T02:40:01.000000Z");  // rounding carries
}

}  // namespace
}  // namespace camsweep
