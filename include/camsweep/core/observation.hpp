#pragma once
// The single currency of camsweep: what one message revealed about one endpoint.
// A banner sniffed on a mirror port and the same banner fetched by a probe produce the same
// Observation, so one signature rule covers both front ends.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/core/address.hpp"

namespace camsweep {

enum class Origin : std::uint8_t { passive, active };

struct Endpoint {
    std::optional<MacAddress> mac;
    std::optional<IpAddress> ip;
    std::uint16_t port = 0;
};

struct Field {
    std::string key;    // e.g. "sadp.device_sn" (docs/fields.md)
    std::string value;  // bounded, raw bytes kept; writers escape them
};

struct Observation {
    double time = 0;                 // seconds since the Unix epoch
    Origin origin = Origin::passive;
    std::string protocol;            // "arp", "dhcp", "ssdp", "sadp", "dhip", "wsd", ...
    Endpoint endpoint;               // who sent the message (L2/L3 source)
    std::vector<Field> fields;
    std::string excerpt;             // a short piece of the raw message, for the evidence chain
    std::string where;               // "capture.pcap:frame 12" or a probe description

    void add(std::string key, std::string value);  // ignores empty values
    std::optional<std::string_view> get(std::string_view key) const;
};

}  // namespace camsweep
