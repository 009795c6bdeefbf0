#include "camsweep/scan/local_interfaces.hpp"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <sys/socket.h>

#include <algorithm>
#include <bit>
#include <cstring>

namespace camsweep::scan {
namespace {

// The number of leading one bits of a netmask.
unsigned prefix_length_of(const sockaddr* mask) {
    if (!mask) return 0;
    unsigned length = 0;
    const unsigned char* bytes = nullptr;
    std::size_t size = 0;
    if (mask->sa_family == AF_INET) {
        bytes = reinterpret_cast<const unsigned char*>(&reinterpret_cast<const sockaddr_in*>(mask)->sin_addr);
        size = 4;
    } else if (mask->sa_family == AF_INET6) {
        bytes = reinterpret_cast<const unsigned char*>(&reinterpret_cast<const sockaddr_in6*>(mask)->sin6_addr);
        size = 16;
    }
    for (std::size_t i = 0; i < size; ++i) {
        length += static_cast<unsigned>(std::countl_one(bytes[i]));
        if (bytes[i] != 0xff) break;
    }
    return length;
}

NetworkInterface& entry_for(std::vector<NetworkInterface>& out, const ifaddrs& ifa) {
    auto it = std::find_if(out.begin(), out.end(), [&](const NetworkInterface& nic) { return nic.name == ifa.ifa_name; });
    if (it != out.end()) return *it;
    NetworkInterface nic;
    nic.name = ifa.ifa_name;
    nic.index = ::if_nametoindex(ifa.ifa_name);
    nic.up = (ifa.ifa_flags & IFF_UP) != 0 && (ifa.ifa_flags & IFF_RUNNING) != 0;
    nic.multicast = (ifa.ifa_flags & IFF_MULTICAST) != 0;
    nic.loopback = (ifa.ifa_flags & IFF_LOOPBACK) != 0;
    out.push_back(std::move(nic));
    return out.back();
}

}  // namespace

std::vector<NetworkInterface> read_network_interfaces() {
    std::vector<NetworkInterface> out;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return out;
    for (const ifaddrs* ifa = list; ifa; ifa = ifa->ifa_next) {
        if (!ifa->ifa_name) continue;
        NetworkInterface& nic = entry_for(out, *ifa);
        if (!ifa->ifa_addr) continue;
        switch (ifa->ifa_addr->sa_family) {
            case AF_INET: {
                const auto* in = reinterpret_cast<const sockaddr_in*>(ifa->ifa_addr);
                nic.addresses.push_back({IpAddress::v4(ntohl(in->sin_addr.s_addr)), prefix_length_of(ifa->ifa_netmask)});
                break;
            }
            case AF_INET6: {
                const auto* in6 = reinterpret_cast<const sockaddr_in6*>(ifa->ifa_addr);
                nic.addresses.push_back({IpAddress::v6(in6->sin6_addr.s6_addr), prefix_length_of(ifa->ifa_netmask)});
                break;
            }
            case AF_PACKET: {
                const auto* ll = reinterpret_cast<const sockaddr_ll*>(ifa->ifa_addr);
                if (ll->sll_halen == 6) {
                    MacAddress mac;
                    std::memcpy(mac.octets.data(), ll->sll_addr, 6);
                    if (!mac.is_zero()) nic.mac = mac;
                }
                break;
            }
            default: break;
        }
    }
    ::freeifaddrs(list);
    return out;
}

}  // namespace camsweep::scan
