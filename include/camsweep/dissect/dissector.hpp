#pragma once
// A dissector turns one decoded packet into the fields of one Observation. Each protocol lives
// in its own file (src/dissect/<protocol>.cpp) with a pure parser the active prober reuses;
// adding a protocol is adding a file plus one line in registry.cpp.
#include <span>
#include <string>
#include <string_view>

#include "camsweep/core/observation.hpp"
#include "camsweep/decode/packet.hpp"

namespace camsweep {

inline constexpr std::size_t kMaxFieldsPerObservation = 64;

struct Dissector {
    std::string_view protocol;
    bool (*accepts)(const DecodedPacket&);
    // Fills `obs` (whose endpoint is preset from the packet's source). Returns "" on success,
    // otherwise what was wrong, naming the field or offset.
    std::string (*dissect)(const DecodedPacket&, Observation& obs);
};

// Every registered dissector, in the order they are tried; the first that accepts wins.
std::span<const Dissector> all_dissectors();

// Individual entry points (also used by tests and fuzz targets).
std::string dissect_arp(const DecodedPacket&, Observation&);
std::string dissect_dhcp(const DecodedPacket&, Observation&);
std::string dissect_ssdp(const DecodedPacket&, Observation&);
std::string dissect_sadp(const DecodedPacket&, Observation&);
std::string dissect_dhip(const DecodedPacket&, Observation&);
std::string dissect_wsd(const DecodedPacket&, Observation&);

}  // namespace camsweep
