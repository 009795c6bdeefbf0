#pragma once
// What `camsweep scan` may touch: the targets a user named, minus the exclusions, as sorted
// address intervals. The prober asks the scope before every unicast packet and every follow-up
// (an SSDP LOCATION or an ONVIF XAddr names a host the device chose, not the user), so nothing
// outside it is ever contacted. Building a scope refuses what no audit means: the whole address
// space, multicast and broadcast targets, and more hosts than the cap (docs/scan.md).
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/core/address.hpp"
#include "camsweep/core/result.hpp"

namespace camsweep::scan {

// Hosts a scope may hold unless the user raises it (--max-hosts).
inline constexpr std::uint64_t kDefaultMaxHosts = 65536;

// An address as a number (IPv4 in the low 32 bits): a GCC/Clang extension, which
// __extension__ marks as intended under -Wpedantic.
__extension__ typedef unsigned __int128 AddressNumber;

// An inclusive run of addresses of one family.
struct AddressInterval {
    IpAddress::Family family = IpAddress::Family::v4;
    AddressNumber first = 0, last = 0;

    std::uint64_t size() const;  // saturates at UINT64_MAX
};

// One target as written: "10.0.0.0/24", "10.0.0.1-40", "10.0.0.1-10.0.1.5", "192.0.2.7",
// "fe80::1", "2001:db8::/120" (IPv6 ranges "2001:db8::1-2001:db8::ff"). An IPv4 CIDR of /30 or
// wider leaves out its network and broadcast addresses, which no device owns.
Parsed<AddressInterval> parse_target(std::string_view text);

class Scope {
public:
    // The targets minus the exclusions. Errors name the offending target and why.
    static Parsed<Scope> build(std::span<const std::string> targets, std::span<const std::string> excludes,
                               std::uint64_t max_hosts = kDefaultMaxHosts);

    bool contains(const IpAddress& address) const;
    std::uint64_t host_count() const { return host_count_; }
    // Every host in address order (IPv4 first); stops early when `visit` returns false.
    void for_each_host(const std::function<bool(const IpAddress&)>& visit) const;
    const std::vector<AddressInterval>& intervals() const { return intervals_; }

private:
    std::vector<AddressInterval> intervals_;  // sorted, disjoint, not adjacent
    std::uint64_t host_count_ = 0;
};

// Target lists read from a file (-iL, --excludefile): whitespace-separated entries, '#' starts a
// comment. Errors name the file and line.
Parsed<std::vector<std::string>> read_target_file(const std::string& path);

// A TCP port list: "80,443,8000-8010". Errors name the bad entry.
Parsed<std::vector<std::uint16_t>> parse_port_list(std::string_view text);

}  // namespace camsweep::scan
