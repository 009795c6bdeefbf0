#include "camsweep/scan/neighbours.hpp"

#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>
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

namespace {

// The neighbour's address and MAC from the attributes after an ndmsg (rtnetlink(7)).
bool read_neighbour(std::span<const std::uint8_t> message, Neighbour& out) {
    if (message.size() < NLMSG_ALIGN(sizeof(ndmsg))) return false;
    ndmsg head;
    std::memcpy(&head, message.data(), sizeof head);
    constexpr std::uint16_t kResolved = NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE | NUD_PERMANENT;
    if (!(head.ndm_state & kResolved)) return false;
    if (head.ndm_family != AF_INET && head.ndm_family != AF_INET6) return false;
    bool have_ip = false, have_mac = false;
    std::size_t at = NLMSG_ALIGN(sizeof(ndmsg));
    while (at + sizeof(rtattr) <= message.size()) {
        rtattr attribute;
        std::memcpy(&attribute, message.data() + at, sizeof attribute);
        if (attribute.rta_len < sizeof(rtattr) || attribute.rta_len > message.size() - at) break;
        const std::uint8_t* value = message.data() + at + RTA_LENGTH(0);
        const std::size_t length = attribute.rta_len - RTA_LENGTH(0);
        if (attribute.rta_type == NDA_DST && head.ndm_family == AF_INET && length == 4) {
            out.ip = IpAddress::v4(std::uint32_t{value[0]} << 24 | std::uint32_t{value[1]} << 16 | std::uint32_t{value[2]} << 8 | value[3]);
            have_ip = true;
        } else if (attribute.rta_type == NDA_DST && head.ndm_family == AF_INET6 && length == 16) {
            out.ip = IpAddress::v6(value);
            have_ip = true;
        } else if (attribute.rta_type == NDA_LLADDR && length == 6) {
            std::memcpy(out.mac.octets.data(), value, 6);
            have_mac = true;
        }
        at += RTA_ALIGN(attribute.rta_len);
    }
    out.interface_index = head.ndm_ifindex > 0 ? static_cast<unsigned>(head.ndm_ifindex) : 0;
    return have_ip && have_mac && out.mac.is_unicast_device();
}

// A dump of both families' neighbour tables over a netlink socket; false when it cannot be read.
bool dump_neighbours(std::vector<Neighbour>& out) {
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) return false;
    timeval limit{2, 0};  // a kernel that never finishes the dump cannot hold the scan
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    struct {
        nlmsghdr header;
        ndmsg body;
    } request{};
    request.header.nlmsg_len = sizeof request;
    request.header.nlmsg_type = RTM_GETNEIGH;
    request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request.header.nlmsg_seq = 1;
    request.body.ndm_family = AF_UNSPEC;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(fd, &request, sizeof request, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0) {
        ::close(fd);
        return false;
    }
    NeighbourDump dump;
    std::vector<std::uint8_t> buffer(32768);
    for (int reads = 0; !dump.finished && reads < 4096; ++reads) {
        const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
        if (n <= 0) break;
        parse_neighbour_messages(std::span(buffer.data(), static_cast<std::size_t>(n)), dump);
    }
    ::close(fd);
    if (!dump.finished || !dump.error.empty()) return false;
    for (Neighbour& neighbour : dump.entries) {
        char name[IF_NAMESIZE] = {};
        if (neighbour.interface_index && ::if_indextoname(neighbour.interface_index, name)) neighbour.device = name;
    }
    out = std::move(dump.entries);
    return true;
}

}  // namespace

void parse_neighbour_messages(std::span<const std::uint8_t> bytes, NeighbourDump& dump, std::size_t limit) {
    std::size_t at = 0;
    while (!dump.finished && at + sizeof(nlmsghdr) <= bytes.size()) {
        nlmsghdr header;
        std::memcpy(&header, bytes.data() + at, sizeof header);
        if (header.nlmsg_len < sizeof(nlmsghdr) || header.nlmsg_len > bytes.size() - at) {
            dump.error = "a netlink message of " + std::to_string(header.nlmsg_len) + " bytes at offset " + std::to_string(at) +
                         " does not fit the " + std::to_string(bytes.size()) + " received";
            dump.finished = true;
            return;
        }
        const auto body = bytes.subspan(at + NLMSG_HDRLEN, header.nlmsg_len - NLMSG_HDRLEN);
        if (header.nlmsg_type == NLMSG_DONE) {
            dump.finished = true;
        } else if (header.nlmsg_type == NLMSG_ERROR) {
            int code = 0;
            if (body.size() >= sizeof code) std::memcpy(&code, body.data(), sizeof code);
            if (code != 0) dump.error = "the kernel refused the neighbour dump: " + std::string(std::strerror(-code));
            dump.finished = true;
        } else if (header.nlmsg_type == RTM_NEWNEIGH && dump.entries.size() < limit) {
            Neighbour neighbour;
            if (read_neighbour(body, neighbour)) dump.entries.push_back(std::move(neighbour));
        }
        at += NLMSG_ALIGN(header.nlmsg_len);
    }
}

std::vector<Neighbour> read_neighbours() {
    std::vector<Neighbour> out;
    if (dump_neighbours(out)) return out;
    std::ifstream in("/proc/net/arp");
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    return parse_proc_net_arp(text.str());
}

}  // namespace camsweep::scan
