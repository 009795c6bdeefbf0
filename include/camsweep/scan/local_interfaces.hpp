#pragma once
// The machine's network interfaces as the kernel lists them (getifaddrs), for the multicast
// discovery's choice of links (interfaces.hpp) and --dry-run.
#include <vector>

#include "camsweep/scan/interfaces.hpp"

namespace camsweep::scan {

// Every interface with its flags, index, MAC and IPv4/IPv6 addresses with their prefix lengths;
// empty when the kernel cannot be asked.
std::vector<NetworkInterface> read_network_interfaces();

}  // namespace camsweep::scan
