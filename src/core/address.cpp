#include "camsweep/core/address.hpp"

#include <arpa/inet.h>

#include <cstdio>
#include <cstring>

namespace camsweep {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<MacAddress> MacAddress::parse(std::string_view text) {
    MacAddress mac;
    std::size_t digit_count = 0;
    int pending = -1;
    for (char c : text) {
        if (c == ':' || c == '-' || c == '.') continue;
        int v = hex_value(c);
        if (v < 0 || digit_count >= 12) return std::nullopt;
        if (pending < 0) {
            pending = v;
        } else {
            mac.octets[digit_count / 2] = static_cast<std::uint8_t>(pending * 16 + v);
            pending = -1;
        }
        ++digit_count;
    }
    if (digit_count != 12) return std::nullopt;
    return mac;
}

// Both text forms are written by hand: they are made for every observation on the passive path,
// where snprintf and inet_ntop cost more than decoding the packet.
std::string MacAddress::to_string() const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text(17, ':');
    for (std::size_t i = 0; i < 6; ++i) {
        text[3 * i] = kHex[octets[i] >> 4];
        text[3 * i + 1] = kHex[octets[i] & 0x0f];
    }
    return text;
}

std::uint64_t MacAddress::as_u64() const {
    std::uint64_t v = 0;
    for (auto o : octets) v = (v << 8) | o;
    return v;
}

IpAddress IpAddress::v6(const std::uint8_t* sixteen) {
    IpAddress ip;
    ip.family = Family::v6;
    std::memcpy(ip.octets.data(), sixteen, 16);
    return ip;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    std::string s(text.substr(0, 64));
    IpAddress ip;
    if (inet_pton(AF_INET, s.c_str(), ip.octets.data()) == 1) {
        ip.family = Family::v4;
        return ip;
    }
    if (inet_pton(AF_INET6, s.c_str(), ip.octets.data()) == 1) {
        ip.family = Family::v6;
        return ip;
    }
    return std::nullopt;
}

std::string IpAddress::to_string() const {
    if (family == Family::v4) {  // dotted decimal, as inet_ntop writes it
        char buf[16];
        char* out = buf;
        for (std::size_t i = 0; i < 4; ++i) {
            unsigned v = octets[i];
            if (i > 0) *out++ = '.';
            if (v >= 100) *out++ = static_cast<char>('0' + v / 100);
            if (v >= 10) *out++ = static_cast<char>('0' + v / 10 % 10);
            *out++ = static_cast<char>('0' + v % 10);
        }
        return std::string(buf, out);
    }
    char buf[INET6_ADDRSTRLEN] = {};
    inet_ntop(AF_INET6, octets.data(), buf, sizeof buf);
    return buf;
}

bool IpAddress::is_unspecified() const {
    std::size_t n = family == Family::v4 ? 4 : 16;
    for (std::size_t i = 0; i < n; ++i)
        if (octets[i] != 0) return false;
    return true;
}

bool IpAddress::is_global_unicast() const {
    if (family == Family::v6) return (octets[0] & 0xe0) == 0x20;  // 2000::/3, RFC 4291 global unicast
    const std::uint8_t a = octets[0], b = octets[1];
    if (a == 0 || a == 10 || a == 127 || a >= 224) return false;  // this network, private, loopback, multicast, reserved
    if (a == 100 && (b & 0xc0) == 64) return false;                // 100.64/10 shared address space (RFC 6598)
    if (a == 169 && b == 254) return false;                        // link-local (RFC 3927)
    if (a == 172 && (b & 0xf0) == 16) return false;                // 172.16/12 (RFC 1918)
    if (a == 192 && b == 168) return false;                        // 192.168/16 (RFC 1918)
    if (a == 192 && b == 0 && octets[2] == 0) return false;        // 192.0.0/24 protocol assignments
    if (a == 198 && (b & 0xfe) == 18) return false;                // 198.18/15 benchmarking (RFC 2544)
    return true;
}

bool IpAddress::is_multicast_or_broadcast() const {
    if (family == Family::v4) {
        if (octets[0] >= 224) return true;  // multicast, reserved and 255.255.255.255
        return false;
    }
    return octets[0] == 0xff;
}

}  // namespace camsweep
