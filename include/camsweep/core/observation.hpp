#pragma once
// The single currency of camsweep: what one message revealed about one endpoint.
// A banner sniffed on a mirror port and the same banner fetched by a probe produce the same
// Observation, so one signature rule covers both front ends.
#include <cstddef>
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

// Fields of one message in the order they were read. Empty values are not kept, and no message
// yields more than kMaxFieldsPerObservation of them.
inline constexpr std::size_t kMaxFieldsPerObservation = 64;
struct FieldList : std::vector<Field> {
    using std::vector<Field>::vector;
    using std::vector<Field>::operator=;
    void add(std::string key, std::string value);
    std::optional<std::string_view> get(std::string_view key) const;
};

// How much a protocol's fields say about a device, lowest first: when the device table is full
// the devices with the least are evicted first (Correlator). Each protocol's descriptor names
// its tier (dissect/protocol.hpp); a serial, a UUID or an NVR channel make any device
// `identified`, identity fields alone (and ARP) leave it `chatter`.
enum class EvidenceTier : std::uint8_t {
    chatter = 0,     // identity fields and ARP only
    network = 1,     // DHCP, DHCPv6, DNS and other fields that are not discovery or banners
    banner = 2,      // HTTP, RTSP, TLS, mDNS/LLMNR/NBNS names
    discovery = 3,   // SADP, DHIP, WS-Discovery, SSDP, XMeye, Dahua 5050 fields
    identified = 4,  // a serial or UUID reported by the device, an NVR channel or an NVR with channels
};

struct Observation {
    double time = 0;                 // seconds since the Unix epoch
    Origin origin = Origin::passive;
    std::string protocol;            // "arp", "dhcp", "ssdp", "sadp", "dhip", "wsd", ...
    EvidenceTier tier = EvidenceTier::network;  // the protocol's (ProtocolDescriptor::tier)
    Endpoint endpoint;               // who sent the message (L2/L3 source)
    Endpoint peer;                   // whom it was sent to (L2/L3 destination), when a packet said so
    FieldList fields;
    std::string excerpt;             // a short piece of the raw message, for the evidence chain
    std::string where;               // "capture.pcap:frame 12" or a probe description

    void add(std::string key, std::string value);  // ignores empty values
    std::optional<std::string_view> get(std::string_view key) const;
};

}  // namespace camsweep
