#pragma once
// Which network interfaces the prober's multicast and broadcast discovery uses, and what it sends
// and listens to on each (docs/scan.md, "Multicast and broadcast discovery"). Pure: the caller
// reads the interfaces (read_network_interfaces, in the active library) and opens the sockets; this
// only decides, so every choice is unit-tested without a network. A search leaves by an interface
// only when the scope reaches one of that interface's subnets: a scan of 10.0.0.0/24 never speaks
// on a Wi-Fi link it was not asked about.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/core/address.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/scan/scope.hpp"

namespace camsweep::scan {

struct InterfaceAddress {
    IpAddress address;
    unsigned prefix_length = 0;
};

// One interface as the kernel lists it (getifaddrs).
struct NetworkInterface {
    std::string name;
    unsigned index = 0;
    bool up = false, multicast = false, loopback = false;
    std::optional<MacAddress> mac;
    std::vector<InterfaceAddress> addresses;
};

// One interface and address family the multicast discovery searches on.
struct MulticastLink {
    std::string interface;
    unsigned index = 0;
    std::optional<MacAddress> mac;
    IpAddress::Family family = IpAddress::Family::v4;
    IpAddress local;                        // the address whose subnet the scope reaches (requests name it)
    std::vector<InterfaceAddress> subnets;  // every address of this family on the interface
    std::vector<IpAddress> broadcasts;      // IPv4: the directed broadcast of each subnet the scope reaches

    // In one of the interface's subnets: a reply from elsewhere (a camera on its factory address)
    // is marked off-subnet.
    bool on_subnet(const IpAddress& address) const;
    // "eth0 10.0.0.0/24" (every subnet of the family, comma-separated).
    std::string describe() const;
};

// The subnet an address sits in, as an interval of addresses (the network and broadcast
// addresses included).
AddressInterval subnet_of(const InterfaceAddress& address);
// "10.0.0.0/24", "fe80::/64".
std::string subnet_text(const InterfaceAddress& address);
// The IPv4 subnet-directed broadcast address; none for IPv6 and for /31 and /32.
std::optional<IpAddress> directed_broadcast(const InterfaceAddress& address);
bool scope_reaches(const Scope& scope, const AddressInterval& interval);

// The interfaces to search on: up, multicast-capable, not loopback, with an address whose subnet
// the scope reaches; one link per interface and family, in the kernel's order.
std::vector<MulticastLink> select_multicast_links(std::span<const NetworkInterface> interfaces, const Scope& scope);

// One datagram of a search round on a link: a registered protocol's request to one of its
// groups or to the link's directed broadcast.
struct MulticastSend {
    const ProtocolDescriptor* protocol = nullptr;
    IpAddress destination;
    std::uint16_t port = 0;
    bool broadcast = false;
};
// From the registry: every UDP protocol with a request builder, to each of its groups of the
// link's family and (IPv4, when the protocol asks for it) to the link's directed broadcasts.
std::vector<MulticastSend> multicast_sends(const MulticastLink& link);

// A fixed UDP port replies come back to (ProtocolDescriptor::reply_ports), with the IPv4 groups
// to join there and the protocols that answer there.
struct ReplyPort {
    std::uint16_t port = 0;
    std::vector<IpAddress> groups;
    std::vector<std::string_view> protocols;
};
std::vector<ReplyPort> reply_ports();

// For --dry-run: one line per link and datagram, and the reply ports listened to.
std::vector<std::string> describe_multicast_plan(std::span<const MulticastLink> links);

}  // namespace camsweep::scan
