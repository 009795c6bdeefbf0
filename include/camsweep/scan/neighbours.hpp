#pragma once
// The kernel's neighbour table after a scan: connecting to a host on the local link made the
// kernel resolve its MAC, so the inventory can key that host by MAC like passive traffic does.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/core/address.hpp"

namespace camsweep::scan {

struct Neighbour {
    IpAddress ip;
    MacAddress mac;
    std::string device;  // the interface
};

// Complete entries (flag ATF_COM) of /proc/net/arp text; incomplete, malformed and all-zero
// entries are skipped. At most `limit` entries.
std::vector<Neighbour> parse_proc_net_arp(std::string_view text, std::size_t limit = 65536);
// Reads /proc/net/arp (empty when it cannot be read: not Linux, no permission).
std::vector<Neighbour> read_ipv4_neighbours();

}  // namespace camsweep::scan
