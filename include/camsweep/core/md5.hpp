#pragma once
// MD5 (RFC 1321): the digest favicon fingerprint databases (Rapid7 Recog, nmap's favicon-db)
// are keyed by. Not for security: MD5 is broken for that, and nothing here needs it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace camsweep {

std::array<std::uint8_t, 16> md5(std::string_view data);
// 32 lower-case hex digits, as the fingerprint databases write it.
std::string md5_hex(std::string_view data);

}  // namespace camsweep
