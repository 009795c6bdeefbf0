#pragma once
// SHA-256 (FIPS 180-4) and base64 (RFC 4648): enough to put the hash of the HTML report's own
// inline script into its Content-Security-Policy. Not for secrets: no constant-time concerns.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace camsweep {

std::array<std::uint8_t, 32> sha256(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string base64(const std::uint8_t* data, std::size_t size);

// "sha256-<base64 digest>", the CSP source expression for an inline script with this text.
std::string csp_sha256_source(std::string_view script_text);

}  // namespace camsweep
