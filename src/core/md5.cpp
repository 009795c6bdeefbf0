// MD5 after RFC 1321 §3: the message padded to 448 bits mod 512, its length in bits appended
// (64 bits, little-endian), then four rounds of sixteen steps over each 64-byte block.
#include "camsweep/core/md5.hpp"

#include "camsweep/core/text.hpp"

namespace camsweep {
namespace {

// T[i] = floor(2^32 * |sin(i + 1)|) (RFC 1321 §3.4); the unit test recomputes them.
constexpr std::uint32_t kSine[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};

// Left-rotation amounts of each round's four steps (RFC 1321 §3.4, S11..S44).
constexpr int kShift[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

constexpr std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

void transform(std::uint32_t state[4], const std::uint8_t block[64]) {
    std::uint32_t x[16];
    for (int i = 0; i < 16; ++i)
        x[i] = static_cast<std::uint32_t>(block[4 * i]) | static_cast<std::uint32_t>(block[4 * i + 1]) << 8 |
               static_cast<std::uint32_t>(block[4 * i + 2]) << 16 | static_cast<std::uint32_t>(block[4 * i + 3]) << 24;
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    for (int step = 0; step < 64; ++step) {
        const int round = step / 16;
        std::uint32_t mixed = 0;
        int word = 0;
        switch (round) {
            case 0: mixed = (b & c) | (~b & d); word = step; break;                 // F
            case 1: mixed = (b & d) | (c & ~d); word = (5 * step + 1) % 16; break;  // G
            case 2: mixed = b ^ c ^ d; word = (3 * step + 5) % 16; break;           // H
            default: mixed = c ^ (b | ~d); word = (7 * step) % 16; break;           // I
        }
        const std::uint32_t rotated = b + rotl(a + mixed + x[word] + kSine[step], kShift[round][step % 4]);
        a = d;
        d = c;
        c = b;
        b = rotated;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
}

}  // namespace

std::array<std::uint8_t, 16> md5(std::string_view data) {
    std::uint32_t state[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
    const std::size_t full = data.size() / 64 * 64;
    for (std::size_t i = 0; i < full; i += 64) transform(state, bytes + i);
    // The tail, 0x80, zeros up to 56 mod 64, the bit length: one or two more blocks.
    std::uint8_t tail[128] = {};
    const std::size_t rest = data.size() - full;
    for (std::size_t i = 0; i < rest; ++i) tail[i] = bytes[full + i];
    tail[rest] = 0x80;
    const std::size_t tail_size = rest < 56 ? 64 : 128;
    const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
    for (int i = 0; i < 8; ++i) tail[tail_size - 8 + i] = static_cast<std::uint8_t>(bits >> (8 * i));
    for (std::size_t i = 0; i < tail_size; i += 64) transform(state, tail + i);
    std::array<std::uint8_t, 16> digest{};
    for (int i = 0; i < 16; ++i) digest[i] = static_cast<std::uint8_t>(state[i / 4] >> (8 * (i % 4)));
    return digest;
}

std::string md5_hex(std::string_view data) {
    const auto digest = md5(data);
    return lower_hex(digest.data(), digest.size());
}

}  // namespace camsweep
