#pragma once
// A device: the merged identity of everything observed about one piece of equipment, its
// classification (with the evidence behind it) and its compliance verdict.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/compliance/verdict.hpp"
#include "camsweep/core/observation.hpp"

namespace camsweep {

// One rule (or OUI entry) that matched one field value of one observation.
struct Evidence {
    std::string rule_id;  // "oui:<vendor>" for MAC prefix evidence
    std::string field;    // observation field key, or "mac"
    std::string value;    // the matched value
    double weight = 0;
    std::vector<std::pair<std::string, std::string>> claims;  // attribute -> value
    std::string protocol;
    double time = 0;
    std::string where;
    std::vector<std::string> references;
};

// What kind of equipment a device is, from the evidence (docs/verdicts.md "Categories"): what an
// auditor acts on when the maker stays unknown.
enum class DeviceCategory { surveillance, telecom, it_other, unidentified };
std::string_view to_string(DeviceCategory category);  // "surveillance", "telecom", "it-other", "unidentified"

struct ScoredValue {
    std::string value;
    double confidence = 0;  // noisy-OR of the weights of the evidence claiming it
};

// Where a MAC address seen with a device came from. `sources` holds, in the order first seen:
// - "frame": the source MAC of frames the device sent itself;
// - "frame:routed": the source MAC of frames that came through a router (the payload named
//   another MAC): the router's address, never one of the device's own `macs`;
// - "payload:<protocol>": a MAC the payload reports as the device's (`id.mac`), e.g. "payload:sadp";
// - "ipv6:eui64": the MAC inside the EUI-64 IPv6 source address.
// A MAC that is both the frame's source and the one the payload reports has one entry with both.
struct MacOrigin {
    MacAddress mac;
    std::vector<std::string> sources;

    static constexpr std::string_view kFrame = "frame";
    static constexpr std::string_view kRoutedFrame = "frame:routed";
    static constexpr std::string_view kPayloadPrefix = "payload:";
    static constexpr std::string_view kEui64 = "ipv6:eui64";

    bool has(std::string_view source) const;
    // False only for a router's MAC ("frame:routed" and nothing else).
    bool identifies_device() const;
};

// A remote address the device exchanged messages with: seen through a router, so never a device
// of the local link itself (and what it said is not evidence about this device).
struct Peer {
    IpAddress ip;
    std::string protocol;  // of the first message from it
    std::string said;      // its first field, "key=value" (a TLS certificate subject, a Server header)
    double first_seen = 0, last_seen = 0;
    std::uint64_t messages = 0;
};
inline constexpr std::size_t kMaxPeersPerDevice = 32;

struct Device {
    std::string id;
    std::vector<MacAddress> macs;  // the MACs that identify it (frame and payload, not routed)
    // Every MAC seen with the device and where it came from: the `macs` plus routers' MACs.
    std::vector<MacOrigin> mac_origins;
    std::vector<IpAddress> ips;
    std::vector<std::string> serials, uuids;
    double first_seen = 0, last_seen = 0;
    std::string parent_id;  // for a channel behind an NVR: the NVR's id
    std::string channel;
    std::vector<std::string> protocols;
    std::vector<Observation> observations;  // distinct observations, capped
    std::size_t observation_count = 0;      // all observations, duplicates included
    std::vector<Peer> peers;                // remote addresses it talked with, at most kMaxPeersPerDevice

    // Classification.
    std::vector<Evidence> evidence;
    std::vector<std::pair<std::string, std::vector<ScoredValue>>> attributes;  // attribute -> candidates, best first
    DeviceCategory category = DeviceCategory::unidentified;
    Verdict verdict;

    const std::vector<ScoredValue>* candidates(std::string_view attribute) const;
    const ScoredValue* best(std::string_view attribute) const;
    std::string best_value(std::string_view attribute) const;
};

}  // namespace camsweep
