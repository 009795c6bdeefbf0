#include "camsweep/scan/neighbours.hpp"

#include <fstream>
#include <sstream>

#include "camsweep/core/text.hpp"

namespace camsweep::scan {

std::vector<Neighbour> parse_proc_net_arp(std::string_view text, std::size_t limit) {
    // "IP address  HW type  Flags  HW address  Mask  Device", one entry per line after the header.
    constexpr unsigned kCompleteFlag = 0x2;  // ATF_COM (linux/if_arp.h)
    std::vector<Neighbour> out;
    std::istringstream lines{std::string(text)};
    std::string line;
    std::getline(lines, line);  // the header
    while (out.size() < limit && std::getline(lines, line)) {
        std::istringstream columns(line);
        std::string ip_text, type, flags_text, mac_text, mask, device;
        if (!(columns >> ip_text >> type >> flags_text >> mac_text >> mask >> device)) continue;
        unsigned long flags = 0;
        try {
            flags = std::stoul(flags_text, nullptr, 16);
        } catch (const std::exception&) {
            continue;
        }
        auto ip = IpAddress::parse(ip_text);
        auto mac = MacAddress::parse(mac_text);
        if (!(flags & kCompleteFlag) || !ip || !mac || mac->is_zero()) continue;
        out.push_back({*ip, *mac, bounded_text(device, 64)});
    }
    return out;
}

std::vector<Neighbour> read_ipv4_neighbours() {
    std::ifstream in("/proc/net/arp");
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    return parse_proc_net_arp(text.str());
}

}  // namespace camsweep::scan
