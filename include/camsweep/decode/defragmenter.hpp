#pragma once
// IPv4 reassembly for discovery replies: a real Hikvision SADP ProbeMatch (~1.6 KB) or an ONVIF
// ProbeMatches envelope (~3.5 KB) does not fit one Ethernet frame and arrives as fragments.
// Bounded: a fixed number of datagrams in progress, each at most 64 KiB, dropped after a timeout.
#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <vector>

#include "camsweep/decode/packet.hpp"

namespace camsweep {

struct DefragLimits {
    std::size_t max_datagrams = 1024;
    std::size_t max_datagram_bytes = 65535;
    double timeout_seconds = 30;
};

class Ipv4Defragmenter {
public:
    explicit Ipv4Defragmenter(DefragLimits limits = {}) : limits_(limits) {}

    // Adds one fragment. Returns true when it completed a datagram; `payload` then holds the
    // whole IP payload (transport header included).
    bool add(const DecodedPacket& fragment, double time, std::vector<std::uint8_t>& payload);
    std::size_t pending() const { return datagrams_.size(); }
    std::uint64_t dropped() const { return dropped_; }

private:
    struct Key {
        std::array<std::uint8_t, 4> src{}, dst{};
        std::uint16_t id = 0;
        std::uint8_t protocol = 0;
        auto operator<=>(const Key&) const = default;
    };
    struct Datagram {
        double first_seen = 0;
        std::map<std::uint32_t, std::vector<std::uint8_t>> pieces;  // offset -> bytes
        std::size_t bytes = 0;
        std::uint32_t total = 0;  // known once the last fragment arrives
    };
    void expire(double now);

    DefragLimits limits_;
    std::map<Key, Datagram> datagrams_;
    std::uint64_t dropped_ = 0;
};

}  // namespace camsweep
