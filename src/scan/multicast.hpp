#pragma once
// The prober's multicast and broadcast discovery (docs/scan.md, "Multicast and broadcast
// discovery"): one socket per chosen link (IP_MULTICAST_IF / IPV6_MULTICAST_IF, TTL or hops 1,
// multicast loopback off) sending the registry's requests to their groups and, for the
// protocols whose tools broadcast, to the link's directed broadcast; and sockets on the fixed
// ports some makers answer to, joined to the IPv4 groups on each link. Every datagram read is
// handed on with the link it arrived on (IP_PKTINFO), so a reply from off the link's subnets can
// be marked. Private to src/scan, driven by the Engine in prober.cpp.
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "asio_support.hpp"
#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/scan/interfaces.hpp"

namespace camsweep::scan {

class MulticastDiscovery {
public:
    using Warn = std::function<void(const std::string&)>;
    // A datagram, its sender, the local port it came to and the link it arrived on.
    using OnDatagram = std::function<void(Bytes, const asio::ip::udp::endpoint&, std::uint16_t, const MulticastLink&)>;

    MulticastDiscovery(asio::io_context& io, std::vector<MulticastLink> links, Warn warn);
    ~MulticastDiscovery();

    // Opens the sockets; what cannot be opened (a port in use, no privilege) is warned about
    // once and left out.
    void open();
    std::size_t socket_count() const { return sockets_.size(); }
    const std::vector<MulticastLink>& links() const { return links_; }

    // One round of every search on every link, each datagram after the pacer's slot; returns
    // the datagrams sent.
    asio::awaitable<std::uint64_t> send_round(Pacer& pacer, std::string_view message_id);
    // Reads socket `i` until `until` passes (re-read on each wake, so the caller may move it).
    asio::awaitable<void> receive(std::size_t i, const Clock::time_point& until, OnDatagram on_datagram);

private:
    struct Socket;
    const MulticastLink* link_with_index(unsigned index, IpAddress::Family family) const;
    bool is_own(const IpAddress& address) const;

    asio::io_context& io_;
    std::vector<MulticastLink> links_;
    Warn warn_;
    std::vector<std::unique_ptr<Socket>> sockets_;
    std::set<std::string> warned_;  // each failing send is reported once
};

}  // namespace camsweep::scan
