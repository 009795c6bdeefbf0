#include "camsweep/scan/interfaces.hpp"

#include <algorithm>

namespace camsweep::scan {
namespace {

using Family = IpAddress::Family;

}  // namespace

AddressInterval subnet_of(const InterfaceAddress& address) {
    return prefix_interval(address.address, address.prefix_length);
}

std::string subnet_text(const InterfaceAddress& address) {
    const AddressInterval subnet = subnet_of(address);
    return address_from_number(subnet.family, subnet.first).to_string() + "/" +
           std::to_string(std::min(address.prefix_length, address_width(subnet.family)));
}

std::optional<IpAddress> directed_broadcast(const InterfaceAddress& address) {
    if (address.address.family != Family::v4 || address.prefix_length > 30) return std::nullopt;
    return address_from_number(Family::v4, subnet_of(address).last);
}

bool scope_reaches(const Scope& scope, const AddressInterval& interval) {
    return std::any_of(scope.intervals().begin(), scope.intervals().end(), [&](const AddressInterval& part) {
        return part.family == interval.family && part.first <= interval.last && interval.first <= part.last;
    });
}

bool MulticastLink::on_subnet(const IpAddress& address) const {
    if (address.family != family) return false;
    const AddressNumber n = address_number(address);
    return std::any_of(subnets.begin(), subnets.end(), [&](const InterfaceAddress& subnet) {
        const AddressInterval interval = subnet_of(subnet);
        return interval.first <= n && n <= interval.last;
    });
}

std::string MulticastLink::describe() const {
    std::string out = interface;
    for (std::size_t i = 0; i < subnets.size(); ++i) out += (i == 0 ? " " : ", ") + subnet_text(subnets[i]);
    return out;
}

std::vector<MulticastLink> select_multicast_links(std::span<const NetworkInterface> interfaces, const Scope& scope) {
    std::vector<MulticastLink> links;
    for (const NetworkInterface& nic : interfaces) {
        // Loopback carries no devices, and an interface without MULTICAST drops group traffic.
        if (!nic.up || !nic.multicast || nic.loopback || nic.index == 0) continue;
        for (Family family : {Family::v4, Family::v6}) {
            MulticastLink link;
            link.interface = nic.name;
            link.index = nic.index;
            link.mac = nic.mac;
            link.family = family;
            bool reached = false;
            for (const InterfaceAddress& address : nic.addresses) {
                if (address.address.family != family) continue;
                link.subnets.push_back(address);
                if (!scope_reaches(scope, subnet_of(address))) continue;
                if (!reached) link.local = address.address;
                reached = true;
                if (auto broadcast = directed_broadcast(address);
                    broadcast && std::find(link.broadcasts.begin(), link.broadcasts.end(), *broadcast) == link.broadcasts.end())
                    link.broadcasts.push_back(*broadcast);
            }
            if (reached) links.push_back(std::move(link));
        }
    }
    return links;
}

std::vector<MulticastSend> multicast_sends(const MulticastLink& link) {
    std::vector<MulticastSend> sends;
    for (const ProtocolDescriptor* protocol : protocols_carried_by(Carrier::udp)) {
        if (!protocol->build_request || protocol->ports.empty()) continue;
        const std::uint16_t port = protocol->ports.front();
        for (std::string_view group_text : protocol->multicast_groups) {
            auto group = IpAddress::parse(group_text);
            // The registry test holds every group to be a multicast literal; a slip is skipped, never sent.
            if (!group || group->family != link.family || !group->is_multicast_or_broadcast()) continue;
            sends.push_back({protocol, *group, port, false});
        }
        if (protocol->subnet_broadcast && link.family == Family::v4)
            for (const IpAddress& broadcast : link.broadcasts) sends.push_back({protocol, broadcast, port, true});
    }
    return sends;
}

std::vector<ReplyPort> reply_ports() {
    std::vector<ReplyPort> ports;
    for (const ProtocolDescriptor* protocol : protocols_carried_by(Carrier::udp)) {
        if (!protocol->build_request) continue;
        for (std::uint16_t port : protocol->reply_ports) {
            auto it = std::find_if(ports.begin(), ports.end(), [&](const ReplyPort& p) { return p.port == port; });
            if (it == ports.end()) it = ports.insert(ports.end(), ReplyPort{port, {}, {}});
            it->protocols.push_back(protocol->name);
            for (std::string_view group_text : protocol->multicast_groups) {
                auto group = IpAddress::parse(group_text);
                if (!group || group->family != Family::v4 || !group->is_multicast_or_broadcast()) continue;
                if (std::find(it->groups.begin(), it->groups.end(), *group) == it->groups.end()) it->groups.push_back(*group);
            }
        }
    }
    return ports;
}

std::vector<std::string> describe_multicast_plan(std::span<const MulticastLink> links) {
    std::vector<std::string> lines;
    if (links.empty()) {
        lines.emplace_back("multicast: no up, multicast-capable interface has a subnet the scope reaches; none is sent");
        return lines;
    }
    for (const MulticastLink& link : links) {
        lines.push_back("multicast on " + link.describe() + " (from " + link.local.to_string() + ", TTL/hops 1):");
        for (const MulticastSend& send : multicast_sends(link)) {
            const std::string destination = send.destination.family == Family::v6 ? "[" + send.destination.to_string() + "]"
                                                                                  : send.destination.to_string();
            lines.push_back("  udp " + destination + ":" + std::to_string(send.port) + "  " + std::string(send.protocol->name) +
                            (send.broadcast ? " (subnet broadcast)" : ""));
        }
    }
    std::string listening = "listening for replies also on UDP";
    for (const ReplyPort& port : reply_ports()) {
        listening += " " + std::to_string(port.port);
        std::string groups;
        for (const IpAddress& group : port.groups) groups += (groups.empty() ? "" : ",") + group.to_string();
        if (!groups.empty()) listening += " (joined to " + groups + ")";
    }
    lines.push_back(std::move(listening));
    return lines;
}

}  // namespace camsweep::scan
