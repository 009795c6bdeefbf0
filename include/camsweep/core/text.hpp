#pragma once
// Helpers for text taken from untrusted bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace camsweep {

// Longest value a dissector keeps for one field: a hostile device cannot grow memory through
// one banner.
inline constexpr std::size_t kMaxFieldLength = 512;

// Copy at most kMaxFieldLength bytes, cutting NUL-terminated strings at the NUL, trimming
// surrounding whitespace. Bytes are kept as they are; writers escape them for their format.
std::string bounded_text(std::string_view raw, std::size_t limit = kMaxFieldLength);

std::string_view trim(std::string_view text);
// The path of an absolute URL ("rtsp://192.0.2.7:554/a/b" -> "/a/b"; "" when it has none); a
// text without "://" is returned as it is.
std::string_view url_path(std::string_view url);
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);  // ASCII letters only
// ASCII letters and digits only, lower-cased: how a maker's name is compared ("ASUSTeK" and
// "asustek", "D-Link" and "DLink" are one name).
std::string alnum_folded(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);

// `value` as "0x" and at least `digits` lower-case hex digits, as error messages quote a byte,
// a tag or a magic number: hex_literal(0x1b, 2) == "0x1b", hex_literal(0x303, 4) == "0x0303".
std::string hex_literal(std::uint32_t value, int digits);
// Bytes as lower-case hex digits, two per byte, no separators (digests: md5_hex, sha256_hex).
std::string lower_hex(const std::uint8_t* data, std::size_t size);

// Replace control characters and invalid UTF-8 with visible escapes (\xNN): safe for a terminal.
std::string printable(std::string_view text);

}  // namespace camsweep

namespace camsweep {

// Valid UTF-8 passes unchanged; each byte of an invalid sequence becomes the text "\xNN", so
// JSON and HTML writers never drop or mangle a device's bytes silently.
std::string utf8_or_escaped(std::string_view text);

// Seconds since the epoch as "YYYY-MM-DDTHH:MM:SS.ffffffZ".
std::string iso8601_utc(double seconds);

}  // namespace camsweep

namespace camsweep {

// Appends a code point as UTF-8; surrogates and values past U+10FFFF become U+FFFD.
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace camsweep
