#pragma once
// The kernel's neighbour table after a scan: connecting to a host on the local link made the
// kernel resolve its MAC (ARP for IPv4, NDP for IPv6), so the inventory can key that host by MAC
// like passive traffic does.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/core/address.hpp"

namespace camsweep::scan {

struct Neighbour {
    IpAddress ip;
    MacAddress mac;
    std::string device;            // the interface's name
    unsigned interface_index = 0;  // from netlink; 0 from /proc/net/arp
};

// Complete entries (flag ATF_COM) of /proc/net/arp text; incomplete, malformed and all-zero
// entries are skipped. At most `limit` entries.
std::vector<Neighbour> parse_proc_net_arp(std::string_view text, std::size_t limit = 65536);

// A netlink RTM_GETNEIGH dump as it arrives, one received buffer at a time.
struct NeighbourDump {
    std::vector<Neighbour> entries;  // interface names are not filled in: netlink gives indexes
    bool finished = false;           // NLMSG_DONE or NLMSG_ERROR seen
    std::string error;               // the kernel's error, or what was malformed
};
// Reads the netlink messages in one received buffer into `dump`. Keeps resolved entries only
// (reachable, stale, delay, probe, permanent): an incomplete or failed resolution has no MAC, and a
// no-ARP entry's address is synthetic. At most `limit` entries; a malformed message ends the dump.
void parse_neighbour_messages(std::span<const std::uint8_t> bytes, NeighbourDump& dump, std::size_t limit = 65536);

// The IPv4 and IPv6 neighbours: a netlink dump, or /proc/net/arp (IPv4 only) when netlink cannot
// be read. Empty when neither can (not Linux). Bounded: at most 65,536 entries and 2 s.
std::vector<Neighbour> read_neighbours();

}  // namespace camsweep::scan
