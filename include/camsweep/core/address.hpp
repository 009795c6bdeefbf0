#pragma once
// MAC and IP addresses as small value types with parsing and canonical text forms.
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace camsweep {

struct MacAddress {
    std::array<std::uint8_t, 6> octets{};

    static std::optional<MacAddress> parse(std::string_view text);  // aa:bb:.., aa-bb-.., aabb..
    std::string to_string() const;                                   // "aa:bb:cc:dd:ee:ff"
    std::uint64_t as_u64() const;
    bool is_multicast() const { return (octets[0] & 0x01) != 0; }
    // The second-lowest bit of the first octet: a locally administered address carries no OUI.
    bool is_locally_administered() const { return (octets[0] & 0x02) != 0; }
    bool is_zero() const { return as_u64() == 0; }
    bool is_unicast_device() const { return !is_multicast() && !is_zero(); }
    auto operator<=>(const MacAddress&) const = default;
};

struct IpAddress {
    enum class Family : std::uint8_t { v4, v6 };
    Family family = Family::v4;
    std::array<std::uint8_t, 16> octets{};  // v4 uses the first four

    static IpAddress v4(std::uint32_t host_order) {  // inline: made twice for every decoded packet
        IpAddress ip;
        ip.family = Family::v4;
        ip.octets[0] = static_cast<std::uint8_t>(host_order >> 24);
        ip.octets[1] = static_cast<std::uint8_t>(host_order >> 16);
        ip.octets[2] = static_cast<std::uint8_t>(host_order >> 8);
        ip.octets[3] = static_cast<std::uint8_t>(host_order);
        return ip;
    }
    static IpAddress v6(const std::uint8_t* sixteen);
    static std::optional<IpAddress> parse(std::string_view text);
    std::string to_string() const;
    bool is_unspecified() const;
    bool is_multicast_or_broadcast() const;
    // A public unicast address, reached through a router on any LAN: IPv4 outside the private,
    // shared (100.64/10), loopback, link-local, reserved and multicast ranges; IPv6 in 2000::/3.
    bool is_global_unicast() const;
    auto operator<=>(const IpAddress&) const = default;
};

}  // namespace camsweep
