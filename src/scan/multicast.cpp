#include "multicast.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <optional>

namespace camsweep::scan {
namespace {

using udp = asio::ip::udp;

// One datagram read with recvmsg, and the index of the interface it arrived on.
struct Arrival {
    std::size_t size = 0;
    udp::endpoint sender;
    unsigned interface_index = 0;
};

// Reads one waiting datagram without blocking; none when the socket has nothing (or an error:
// an ICMP report on the socket is nothing to read either).
std::optional<Arrival> read_one(int fd, std::vector<std::uint8_t>& buffer) {
    sockaddr_storage from{};
    iovec part{buffer.data(), buffer.size()};
    alignas(cmsghdr) char control[256];
    msghdr message{};
    message.msg_name = &from;
    message.msg_namelen = sizeof from;
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t size = ::recvmsg(fd, &message, MSG_DONTWAIT);
    if (size < 0) return std::nullopt;
    Arrival arrival;
    arrival.size = static_cast<std::size_t>(size);
    for (cmsghdr* c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            in_pktinfo info{};
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            arrival.interface_index = static_cast<unsigned>(info.ipi_ifindex);
        } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
            in6_pktinfo info{};
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            arrival.interface_index = info.ipi6_ifindex;
        }
    }
    const std::size_t name_size = std::min<std::size_t>(message.msg_namelen, arrival.sender.capacity());
    std::memcpy(arrival.sender.data(), &from, name_size);
    arrival.sender.resize(name_size);
    return arrival;
}

// Asks the kernel for the arrival interface of every datagram.
void ask_for_packet_info(udp::socket& socket, IpAddress::Family family, boost::system::error_code& ec) {
    if (ec) return;
    const int one = 1;
    const int result = family == IpAddress::Family::v4
                           ? ::setsockopt(socket.native_handle(), IPPROTO_IP, IP_PKTINFO, &one, sizeof one)
                           : ::setsockopt(socket.native_handle(), IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof one);
    if (result != 0) ec = boost::system::error_code(errno, boost::system::system_category());
}

}  // namespace

struct MulticastDiscovery::Socket {
    explicit Socket(asio::io_context& io) : socket(io) {}
    udp::socket socket;
    const MulticastLink* link = nullptr;  // the link a sending socket searches on; null on a reply port
};

MulticastDiscovery::MulticastDiscovery(asio::io_context& io, std::vector<MulticastLink> links, Warn warn)
    : io_(io), links_(std::move(links)), warn_(std::move(warn)) {}

MulticastDiscovery::~MulticastDiscovery() = default;

void MulticastDiscovery::open() {
    for (const MulticastLink& link : links_) {
        auto entry = std::make_unique<Socket>(io_);
        entry->link = &link;
        udp::socket& socket = entry->socket;
        boost::system::error_code ec;
        if (link.family == IpAddress::Family::v4) {
            socket.open(udp::v4(), ec);
            if (!ec) socket.set_option(asio::socket_base::broadcast(true), ec);
            if (!ec) socket.set_option(asio::ip::multicast::outbound_interface(to_asio(link.local).to_v4()), ec);
            if (!ec) socket.bind(udp::endpoint(udp::v4(), 0), ec);
        } else {
            socket.open(udp::v6(), ec);
            if (!ec) socket.set_option(asio::ip::v6_only(true), ec);
            if (!ec) socket.set_option(asio::ip::multicast::outbound_interface(link.index), ec);
            if (!ec) socket.bind(udp::endpoint(udp::v6(), 0), ec);
        }
        // Link-local searches: one hop, and our own datagrams are not read back as replies.
        if (!ec) socket.set_option(asio::ip::multicast::hops(1), ec);
        if (!ec) socket.set_option(asio::ip::multicast::enable_loopback(false), ec);
        ask_for_packet_info(socket, link.family, ec);
        if (ec) {
            warn_("multicast: cannot search on " + link.describe() + ": " + ec.message());
            continue;
        }
        sockets_.push_back(std::move(entry));
    }

    const bool any_v4 = std::any_of(links_.begin(), links_.end(), [](const MulticastLink& l) { return l.family == IpAddress::Family::v4; });
    if (!any_v4) return;
    for (const ReplyPort& port : reply_ports()) {
        std::string protocols;
        for (std::string_view name : port.protocols) protocols += (protocols.empty() ? "" : ", ") + std::string(name);
        auto entry = std::make_unique<Socket>(io_);
        udp::socket& socket = entry->socket;
        boost::system::error_code ec;
        socket.open(udp::v4(), ec);
        if (!ec) socket.set_option(asio::socket_base::reuse_address(true), ec);  // beside the makers' own tools
        if (!ec) socket.bind(udp::endpoint(udp::v4(), port.port), ec);
        ask_for_packet_info(socket, IpAddress::Family::v4, ec);
        if (ec) {
            warn_("multicast: cannot listen on UDP port " + std::to_string(port.port) + " (" + protocols + " replies): " + ec.message() +
                  "; replies sent only there are missed (camsweep survey hears them on the captured interface)");
            continue;
        }
        for (const IpAddress& group : port.groups)
            for (const MulticastLink& link : links_) {
                if (link.family != IpAddress::Family::v4) continue;
                boost::system::error_code join_error;
                socket.set_option(asio::ip::multicast::join_group(to_asio(group).to_v4(), to_asio(link.local).to_v4()), join_error);
                if (join_error)
                    warn_("multicast: cannot join " + group.to_string() + " on " + link.interface + " at UDP port " +
                          std::to_string(port.port) + ": " + join_error.message());
            }
        sockets_.push_back(std::move(entry));
    }
}

const MulticastLink* MulticastDiscovery::link_with_index(unsigned index, IpAddress::Family family) const {
    for (const MulticastLink& link : links_)
        if (link.index == index && link.family == family) return &link;
    return nullptr;
}

bool MulticastDiscovery::is_own(const IpAddress& address) const {
    for (const MulticastLink& link : links_)
        for (const InterfaceAddress& subnet : link.subnets)
            if (subnet.address == address) return true;
    return false;
}

asio::awaitable<std::uint64_t> MulticastDiscovery::send_round(Pacer& pacer, std::string_view message_id) {
    std::uint64_t sent = 0;
    for (auto& entry : sockets_) {
        if (!entry->link) continue;
        const MulticastLink& link = *entry->link;
        boost::system::error_code local_error;
        const std::uint16_t local_port = entry->socket.local_endpoint(local_error).port();
        for (const MulticastSend& send : multicast_sends(link)) {
            const std::vector<std::uint8_t> request = send.protocol->build_request(
                {.message_id = message_id, .target = send.destination, .target_port = send.port, .local_mac = link.mac,
                 .local_ip = link.local, .local_port = local_port});  // Bosch names its reply port
            asio::ip::address destination = to_asio(send.destination);
            if (destination.is_v6()) {
                asio::ip::address_v6 v6 = destination.to_v6();
                v6.scope_id(link.index);  // ff02:: groups are link-local: name the link
                destination = v6;
            }
            co_await pacer.wait();
            auto [error, size] = co_await entry->socket.async_send_to(asio::buffer(request), udp::endpoint(destination, send.port), kAwait);
            if (!error) {
                ++sent;
                continue;
            }
            const std::string what = std::string(send.protocol->name) + " to " + endpoint_text(send.destination, send.port) + " on " + link.interface;
            if (warned_.insert(what).second) warn_("multicast: " + what + ": " + error.message());
        }
    }
    co_return sent;
}

asio::awaitable<void> MulticastDiscovery::receive(std::size_t i, const Clock::time_point& until, OnDatagram on_datagram) {
    Socket& entry = *sockets_[i];
    std::vector<std::uint8_t> buffer(65536);
    asio::steady_timer timer(io_);
    while (Clock::now() < until) {
        if (!co_await readable_soon(entry.socket, timer, until)) continue;
        while (auto arrival = read_one(entry.socket.native_handle(), buffer)) {
            const IpAddress source = from_asio(arrival->sender.address());
            if (is_own(source)) continue;  // our own broadcast, heard on a reply port
            const MulticastLink* link = link_with_index(arrival->interface_index, source.family);
            if (!link) link = entry.link;
            // A reply port hears every interface: what arrives on one the scope does not reach
            // comes from a network nobody asked about.
            if (!link) continue;
            boost::system::error_code local_error;
            const std::uint16_t local_port = entry.socket.local_endpoint(local_error).port();
            on_datagram(Bytes(buffer.data(), arrival->size), arrival->sender, local_port, *link);
        }
    }
}

}  // namespace camsweep::scan
