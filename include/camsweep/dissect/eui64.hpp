#pragma once
// IPv6 interface identifiers built from a MAC (modified EUI-64, RFC 4291 appendix A): the MAC's
// halves around ff:fe, with the universal/local bit inverted. SLAAC link-local addresses
// (fe80::/10) and many global ones carry the interface's MAC this way.
#include <optional>

#include "camsweep/core/address.hpp"

namespace camsweep {

// The MAC embedded in an IPv6 address's interface identifier, if it is a modified EUI-64 one
// (bytes 11 and 12 are ff, fe). Not for IPv4, IPv4-mapped (::ffff:0:0/96) or multicast
// addresses, nor when the result would be a multicast or all-zero MAC.
std::optional<MacAddress> mac_from_eui64(const IpAddress& address);

}  // namespace camsweep
