// The prober's engine: one io_context, C++20 coroutines (Boost.Asio 1.81), one thread. Coroutines
// keep each host's sequence of requests readable as straight-line code, and one thread needs no
// locks around the InventoryBuilder the caller feeds. Every wait races a timer
// (`||` with as_tuple, so a refused connect completes at once instead of losing to the timer:
// research/libupnp-asio.md §5.2), and every read is bounded in bytes.
#include <utility>  // before Asio: its headers use std::exchange

#include "camsweep/scan/prober.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/onvif.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_http.hpp"
#include "camsweep/scan/local_interfaces.hpp"
#include "camsweep/scan/neighbours.hpp"
#include "camsweep/scan/requests.hpp"
#include "asio_support.hpp"
#include "multicast.hpp"

namespace camsweep::scan {
namespace {

using namespace asio::experimental::awaitable_operators;
using asio::awaitable;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;

constexpr std::size_t kExcerptBytes = 160;
// The ONVIF device service's usual address (ONVIF Core: the XAddr most devices publish).
constexpr std::string_view kOnvifPath = "/onvif/device_service";
// A flood from one address (or from addresses never probed) cannot grow the inventory without
// bound: datagrams read per source, and sources outside the scope kept, at most.
constexpr std::uint64_t kMaxDatagramsPerSource = 64;
constexpr std::uint64_t kMaxOutsideScopeReplies = 1024;

// A random UUID text for the requests that carry a message id (WS-Discovery, SADP).
std::string random_uuid() {
    std::random_device device;
    std::array<std::uint8_t, 16> b{};
    for (auto& byte : b) byte = static_cast<std::uint8_t>(device());
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    char text[37];
    std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
                  b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return text;
}

enum class LinkKind : std::uint8_t { upnp_description, onvif_service };
struct Link {
    LinkKind kind;
    HttpUrl url;
    bool operator==(const Link& other) const {
        return kind == other.kind && url.host == other.url.host && url.port == other.url.port && url.path == other.url.path;
    }
};
constexpr std::size_t kMaxLinksPerHost = 8;
// Replies to the vendors' endpoints and favicons: the body bound of their readers
// (dissect/vendor_http.hpp) and a whole head.
constexpr std::size_t kVendorReplyBytes = kMaxFaviconBytes + kMaxMessageHeadBytes;

// What one TCP exchange returned.
struct TcpReply {
    bool connected = false;
    bool refused = false;    // closed port
    bool timed_out = false;  // connect or exchange deadline
    bool truncated = false;  // stopped at the byte cap or the deadline with bytes unread
    bool tls_failed = false; // the TLS handshake failed (HTTPS exchanges)
    std::string bytes;
};

class Engine {
public:
    Engine(asio::io_context& io, const Scope& scope, const ScanOptions& options, const ScanCallbacks& callbacks)
        : io_(io), scope_(scope), options_(options), callbacks_(callbacks), pacer_(options.rate), message_id_(random_uuid()) {
        scope.for_each_host([&](const IpAddress& host) {
            hosts_.push_back(host);
            return true;
        });
        progress_.hosts_total = hosts_.size();
        summary_.hosts = hosts_.size();
    }

    awaitable<void> run() {
        const auto ipv4_hosts = static_cast<std::size_t>(
            std::count_if(hosts_.begin(), hosts_.end(), [](const IpAddress& h) { return h.family == IpAddress::Family::v4; }));
        if (sweep_applies(options_.sweep, ipv4_hosts)) {
            progress_.phase = "sweep";
            co_await sweep();
        }
        if (options_.discovery) {
            progress_.phase = "discovery";
            co_await discovery();
        }
        if (options_.follow_ups && !options_.tcp_ports.empty()) {
            progress_.phase = "ports";
            progress_.hosts_done = 0;
            std::vector<awaitable<void>> workers;
            const std::size_t count = std::max<std::size_t>(1, std::min(options_.max_inflight, hosts_.size()));
            for (std::size_t i = 0; i < count; ++i) asio::co_spawn(io_, tcp_worker(), [this](std::exception_ptr e) { worker_done(e); });
            workers_running_ = count;
            while (workers_running_ > 0) {
                asio::steady_timer timer(io_, std::chrono::milliseconds(20));
                co_await timer.async_wait(kAwait);
            }
        }
        finished_ = true;
    }

    bool finished() const { return finished_; }
    ScanSummary& summary() { return summary_; }
    const ScanProgress& progress() const { return progress_; }

private:
    void worker_done(std::exception_ptr error) {
        --workers_running_;
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                warn(std::string("prober: ") + e.what());
            }
        }
    }

    void warn(const std::string& line) {
        if (callbacks_.on_warning) callbacks_.on_warning(line);
    }

    void emit(Observation& obs) {
        if (obs.endpoint.ip) note_vendor_hints(obs.protocol, obs.fields, hints_[*obs.endpoint.ip]);
        if (callbacks_.on_observation) callbacks_.on_observation(obs);
    }

    // Reads one message with the first protocol of `carrier` that claims it.
    bool observe(Carrier carrier, Bytes message, const MessageMeta& meta, const std::string& where) {
        for (const auto* protocol : protocols_carried_by(carrier)) {
            if (!protocol->claims(meta, message)) continue;
            read_with(*protocol, message, meta, where);
            return true;
        }
        return false;
    }

    // Reads one message with `protocol`; emits what it says.
    void read_with(const ProtocolDescriptor& protocol, Bytes message, const MessageMeta& meta, const std::string& where) {
        Observation obs;
        obs.time = meta.time;
        obs.origin = Origin::active;
        obs.endpoint = Endpoint{std::nullopt, meta.src_ip, meta.src_port};
        obs.where = where;
        std::string error;
        read_message(protocol, message, meta, obs, error);
        if (!error.empty()) warn(where + ": " + std::string(protocol.name) + ": " + error);
        if (obs.fields.empty()) return;
        obs.excerpt.assign(as_text(message.first(std::min(message.size(), kExcerptBytes))));
        note_links(obs);
        emit(obs);
    }

    // ---- The sweep: which IPv4 hosts answer (sweep.hpp, docs/scan.md) -------------------------

    // An ICMP echo to every IPv4 host, paced like every other packet, from a ping socket (or a raw
    // one, as root); then the replies and the kernel's neighbour table (a host on the local link
    // that drops pings still answered ARP) say which hosts are up. Without either socket, every
    // host is probed, with a warning.
    awaitable<void> sweep() {
        bool with_ip_header = false;
        int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
        if (fd < 0) {
            fd = ::socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
            with_ip_header = true;
        }
        if (fd < 0) {
            warn("sweep: cannot send ICMP echo (" + std::string(std::strerror(errno)) +
                 "; needs root or net.ipv4.ping_group_range): every host is probed");
            co_return;
        }
        asio::posix::stream_descriptor socket(io_, fd);
        const auto identifier = static_cast<std::uint16_t>(std::random_device{}());
        static constexpr std::uint8_t kPayload[] = {'c', 'a', 'm', 's', 'w', 'e', 'e', 'p'};
        std::set<IpAddress> up;
        receive_until_ = Clock::time_point::max();
        asio::co_spawn(io_, receive_echoes(socket, with_ip_header, identifier, up), asio::detached);
        std::uint64_t failed = 0;
        std::string first_failure;
        for (std::size_t i = 0; i < hosts_.size(); ++i) {
            const IpAddress host = hosts_[i];
            if (host.family != IpAddress::Family::v4 || !scope_.contains(host)) continue;
            co_await pacer_.wait();
            const auto request = icmp_echo_request(identifier, static_cast<std::uint16_t>(i), kPayload);
            const auto to = asio::ip::udp::endpoint(to_asio(host), 0);
            if (::sendto(fd, request.data(), request.size(), 0, to.data(), to.size()) < 0) {
                if (failed++ == 0) first_failure = host.to_string() + ": " + std::strerror(errno);
                continue;
            }
            ++summary_.echo_requests;
            progress_.hosts_done = i + 1;
        }
        if (failed > 0) warn("sweep: " + std::to_string(failed) + " echo request(s) not sent, the first to " + first_failure);
        receive_until_ = Clock::now() + options_.udp_wait;
        while (receivers_running_ > 0) {
            asio::steady_timer timer(io_, std::chrono::milliseconds(20));
            co_await timer.async_wait(kAwait);
        }
        for (const Neighbour& neighbour : read_neighbours())
            if (neighbour.ip.family == IpAddress::Family::v4 && scope_.contains(neighbour.ip)) up.insert(neighbour.ip);
        std::vector<IpAddress> probed;
        for (const IpAddress& host : hosts_)
            if (host.family != IpAddress::Family::v4 || up.count(host)) probed.push_back(host);
        summary_.swept = true;
        summary_.hosts_up = up.size();
        hosts_ = std::move(probed);
        probed_.insert(hosts_.begin(), hosts_.end());
        progress_.hosts_total = hosts_.size();
        progress_.hosts_done = 0;
    }

    awaitable<void> receive_echoes(asio::posix::stream_descriptor& socket, bool with_ip_header, std::uint16_t identifier,
                                   std::set<IpAddress>& up) {
        ++receivers_running_;
        std::vector<std::uint8_t> buffer(2048);
        asio::steady_timer timer(io_);
        while (Clock::now() < receive_until_) {
            if (!co_await readable_soon(socket, timer, receive_until_)) continue;
            for (;;) {
                sockaddr_in from{};
                socklen_t length = sizeof from;
                const ssize_t n = ::recvfrom(socket.native_handle(), buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from), &length);
                if (n <= 0) break;
                const auto reply = parse_icmp_echo_reply(std::span(buffer.data(), static_cast<std::size_t>(n)), with_ip_header);
                // A raw socket hears every echo reply to this host: only ours count (a ping
                // socket's identifier is the kernel's, and it delivers only ours).
                if (!reply || (with_ip_header && reply->identifier != identifier)) continue;
                const IpAddress source = IpAddress::v4(ntohl(from.sin_addr.s_addr));
                if (scope_.contains(source)) up.insert(source);
            }
        }
        --receivers_running_;
    }

    // A host the sweep did not find answers a discovery request: it is probed after all.
    void note_answering_host(const IpAddress& source) {
        if (summary_.swept && probed_.insert(source).second) {
            hosts_.push_back(source);
            ++summary_.hosts_up;
            progress_.hosts_total = hosts_.size();
        }
    }

    // ---- UDP discovery: every request of the registry to every host, 1 + retries rounds ------
    // (and, in the same rounds, to the multicast groups and broadcasts of each link the scope
    // reaches: multicast.hpp)

    awaitable<void> discovery() {
        std::vector<const ProtocolDescriptor*> requests;
        for (const auto* protocol : protocols_carried_by(Carrier::udp))
            if (protocol->build_request && !protocol->ports.empty()) requests.push_back(protocol);
        if (requests.empty() || hosts_.empty()) co_return;

        std::unique_ptr<MulticastDiscovery> multicast;
        if (options_.multicast) {
            std::vector<MulticastLink> links = select_multicast_links(read_network_interfaces(), scope_);
            summary_.multicast_links = links.size();
            if (!links.empty()) {
                multicast = std::make_unique<MulticastDiscovery>(io_, std::move(links), [this](const std::string& line) { warn(line); });
                multicast->open();
            }
        }

        udp::socket v4(io_), v6(io_);
        boost::system::error_code ec;
        v4.open(udp::v4(), ec);
        if (!ec) v4.bind(udp::endpoint(udp::v4(), 0), ec);
        if (ec) warn("discovery: cannot open an IPv4 UDP socket: " + ec.message());
        v6.open(udp::v6(), ec);
        if (!ec) v6.set_option(asio::ip::v6_only(true), ec);
        if (!ec) v6.bind(udp::endpoint(udp::v6(), 0), ec);
        if (ec && std::any_of(hosts_.begin(), hosts_.end(), [](const IpAddress& h) { return h.family == IpAddress::Family::v6; }))
            warn("discovery: cannot open an IPv6 UDP socket: " + ec.message());

        receive_until_ = Clock::time_point::max();
        if (v4.is_open()) asio::co_spawn(io_, receive_loop(v4), asio::detached);
        if (v6.is_open()) asio::co_spawn(io_, receive_loop(v6), asio::detached);
        if (multicast)
            for (std::size_t i = 0; i < multicast->socket_count(); ++i)
                asio::co_spawn(io_, receive_multicast(*multicast, i), asio::detached);

        for (unsigned round = 0; round <= options_.udp_retries; ++round) {
            if (round > 0) {
                asio::steady_timer pause(io_, options_.udp_retry_interval);
                co_await pause.async_wait(kAwait);
            }
            for (std::size_t i = 0; i < hosts_.size(); ++i) {
                const IpAddress host = hosts_[i];  // a copy: a reply may add a host meanwhile
                udp::socket& socket = host.family == IpAddress::Family::v4 ? v4 : v6;
                if (!socket.is_open()) continue;
                for (const auto* protocol : requests) {
                    boost::system::error_code local_error;
                    const std::vector<std::uint8_t> request = protocol->build_request(
                        {.message_id = message_id_, .target = host, .target_port = protocol->ports.front(),
                         .local_port = socket.local_endpoint(local_error).port()});  // Bosch names its reply port
                    if (!scope_.contains(host)) continue;  // the one check before every unicast datagram
                    co_await pacer_.wait();
                    auto [send_error, sent] = co_await socket.async_send_to(
                        asio::buffer(request), udp::endpoint(to_asio(host), protocol->ports.front()), kAwait);
                    if (send_error) warn("discovery: " + std::string(protocol->name) + " to " + endpoint_text(host, protocol->ports.front()) +
                                         ": " + send_error.message());
                    else ++summary_.datagrams_sent;
                    progress_.datagrams_sent = summary_.datagrams_sent;
                }
                if (round == options_.udp_retries) progress_.hosts_done = i + 1;
            }
            if (multicast) {
                summary_.datagrams_sent += co_await multicast->send_round(pacer_, message_id_);
                progress_.datagrams_sent = summary_.datagrams_sent;
            }
        }
        receive_until_ = Clock::now() + options_.udp_wait;
        while (receivers_running_ > 0) {
            asio::steady_timer timer(io_, std::chrono::milliseconds(20));
            co_await timer.async_wait(kAwait);
        }
    }

    awaitable<void> receive_loop(udp::socket& socket) {
        ++receivers_running_;
        std::vector<std::uint8_t> buffer(65536);
        asio::steady_timer timer(io_);
        for (;;) {
            const auto now = Clock::now();
            if (now >= receive_until_) break;
            timer.expires_at(std::min(receive_until_, now + std::chrono::milliseconds(100)));
            udp::endpoint sender;
            auto result = co_await (socket.async_receive_from(asio::buffer(buffer), sender, kAwait) || timer.async_wait(kAwait));
            if (result.index() != 0) continue;
            auto [error, size] = std::get<0>(result);
            if (error) continue;  // e.g. an ICMP error reported on the socket: nothing to read
            boost::system::error_code local_error;
            const std::uint16_t local_port = socket.local_endpoint(local_error).port();
            on_datagram(Bytes(buffer.data(), size), sender, local_port);
        }
        --receivers_running_;
    }

    awaitable<void> receive_multicast(MulticastDiscovery& multicast, std::size_t socket) {
        ++receivers_running_;
        co_await multicast.receive(socket, receive_until_,
                                   [this](Bytes datagram, const udp::endpoint& sender, std::uint16_t local_port, const MulticastLink& link) {
                                       on_datagram(datagram, sender, local_port, &link);
                                   });
        --receivers_running_;
    }

    // `heard_on`: the link a multicast socket heard it on (null for the unicast sockets).
    void on_datagram(Bytes datagram, const udp::endpoint& sender, std::uint16_t local_port, const MulticastLink* heard_on = nullptr) {
        const IpAddress source = from_asio(sender.address());
        const bool in_scope = scope_.contains(source);
        std::uint64_t& count = datagrams_from_[source];
        if (++count > kMaxDatagramsPerSource || (!in_scope && count == 1 && summary_.replies_outside_scope >= kMaxOutsideScopeReplies)) {
            ++summary_.replies_dropped;
            return;
        }
        ++summary_.replies;
        progress_.replies = summary_.replies;
        if (!in_scope && count == 1) ++summary_.replies_outside_scope;
        MessageMeta meta;
        meta.time = wall_clock_now();
        meta.src_ip = source;
        meta.src_port = sender.port();
        meta.dst_port = local_port;
        std::string where = "scan: udp reply from " + endpoint_text(source, sender.port());
        // A camera still on its factory address answers a multicast search from another subnet.
        const bool off_subnet = heard_on && !heard_on->on_subnet(source);
        if (heard_on) where += " to port " + std::to_string(local_port) + " on " + heard_on->interface;
        if (off_subnet) where += " (off the subnet of " + heard_on->describe() + ")";
        if (!in_scope) where += " (outside the scope: read, not followed up)";
        if (!observe(Carrier::udp, datagram, meta, where)) {
            warn(where + ": " + std::to_string(datagram.size()) + " bytes no protocol claims");
            return;
        }
        if (off_subnet && off_subnet_marked_.insert(source).second) note_off_subnet(source, *heard_on, where);
        if (in_scope) note_answering_host(source);
    }

    // The mark of a source off the subnets of the link it answered on: a field of its own, so it
    // reaches the device's report ("what it sent") and a rule or a reader can see it.
    void note_off_subnet(const IpAddress& source, const MulticastLink& link, const std::string& where) {
        ++summary_.replies_off_subnet;
        Observation obs;
        obs.time = wall_clock_now();
        obs.origin = Origin::active;
        obs.protocol = "scan";
        obs.tier = EvidenceTier::chatter;
        obs.endpoint = Endpoint{std::nullopt, source, 0};
        obs.where = where;
        obs.add("scan.off_subnet", link.describe());
        emit(obs);
    }

    // ---- TCP: each host's ports one connection at a time, then read-only follow-ups ---------

    awaitable<void> tcp_worker() {
        while (next_host_ < hosts_.size()) {
            const IpAddress host = hosts_[next_host_++];
            co_await probe_host(host);
            ++progress_.hosts_done;
        }
    }

    awaitable<void> probe_host(IpAddress host) {
        bool onvif_answered = false;
        // The first port that answered GET / with HTTP, and the first that did over TLS.
        std::optional<std::uint16_t> web_port, tls_web_port;
        std::size_t favicons = 0;
        // The announced URLs first: they name the service paths the device itself uses.
        if (auto it = links_.find(host); it != links_.end() && options_.follow_ups) {
            const std::vector<Link> links = it->second;  // a copy: replies may announce more while we wait
            for (const Link& link : links) {
                if (link.kind == LinkKind::onvif_service) {
                    if (!onvif_answered) onvif_answered = co_await ask_onvif(host, link.url.port, link.url.path);
                    continue;
                }
                TcpReply reply = co_await exchange(host, link.url.port, http_get(host, link.url.port, link.url.path), ReplyKind::message);
                record_tcp_reply(host, link.url.port, reply,
                                 "scan: UPnP description http://" + host_and_port(host, link.url.port) + link.url.path, "upnp");
            }
        }
        for (std::uint16_t port : options_.tcp_ports) {
            FirstRequest first = first_request(host, port);
            TcpReply reply = co_await exchange(host, port, std::move(first.bytes), first.kind);
            if (!reply.connected) continue;
            ++summary_.open_ports;
            progress_.open_ports = summary_.open_ports;
            note_open_port(host, port);
            if (reply.bytes.empty()) continue;
            const std::string where = "scan: " + std::string(first.label) + " " + endpoint_text(host, port);
            record_tcp_reply(host, port, reply, where);
            if (first.kind == ReplyKind::tls) {
                // A TLS server answered the ClientHello (its certificate is read above): the web
                // UI behind it, over a real handshake.
                if (static_cast<unsigned char>(reply.bytes.front()) == 0x16 && co_await ask_https(host, port, favicons) &&
                    !tls_web_port)
                    tls_web_port = port;
                continue;
            }
            const MessageHead head = parse_message_head(reply.bytes);
            if (head.state != ParseState::complete) continue;
            if (head.is_rtsp()) {
                TcpReply described = co_await exchange(host, port, rtsp_request("DESCRIBE", host, port, 2), ReplyKind::message);
                record_tcp_reply(host, port, described, "scan: RTSP DESCRIBE " + endpoint_text(host, port));
            } else if (head.is_http()) {
                if (!web_port) web_port = port;
                note_page_hints(message_body(head, reply.bytes, options_.max_reply_bytes), hints_[host]);
                if (head.status != 404 && favicons < kMaxFaviconsPerHost) {
                    ++favicons;
                    co_await ask_favicon(host, port);
                }
                if (!onvif_answered) onvif_answered = co_await ask_onvif(host, port, std::string(kOnvifPath));
            }
        }
        // A web UI offered only over TLS is asked what a plain one would be.
        if (!web_port && tls_web_port && !onvif_answered) co_await ask_onvif(host, *tls_web_port, std::string(kOnvifPath), true);
        // After every port: the discovery replies, banners and realms of all of them are in.
        if (web_port)
            co_await ask_vendor_endpoints(host, *web_port);
        else if (tls_web_port)
            co_await ask_vendor_endpoints(host, *tls_web_port, true);
    }

    // GET /favicon.ico, bounded to the favicon reader's cap; hashed only when whole and a 200.
    awaitable<void> ask_favicon(IpAddress host, std::uint16_t port, bool over_tls = false) {
        TcpReply reply =
            co_await exchange(host, port, http_get(host, port, kFaviconPath), ReplyKind::message, kVendorReplyBytes, over_tls);
        const MessageHead head = parse_message_head(reply.bytes);
        const bool icon = !reply.truncated && head.state == ParseState::complete && head.is_http() && head.status == 200;
        record_tcp_reply(host, port, reply, std::string(over_tls ? "scan: HTTPS" : "scan: HTTP") + " GET /favicon.ico " + endpoint_text(host, port),
                         icon ? "favicon" : "");
    }

    // GET / over TLS, read by the same HTTP protocol as a plain reply, then the favicon; true
    // when it answered HTTP.
    awaitable<bool> ask_https(IpAddress host, std::uint16_t port, std::size_t& favicons) {
        TcpReply reply = co_await exchange(host, port, http_get(host, port, "/"), ReplyKind::message, 0, true);
        if (reply.tls_failed) warn("scan: HTTPS " + endpoint_text(host, port) + ": the TLS handshake failed");
        record_tcp_reply(host, port, reply, "scan: HTTPS GET / " + endpoint_text(host, port));
        const MessageHead head = parse_message_head(reply.bytes);
        if (head.state != ParseState::complete || !head.is_http()) co_return false;
        note_page_hints(message_body(head, reply.bytes, options_.max_reply_bytes), hints_[host]);
        if (head.status != 404 && favicons < kMaxFaviconsPerHost) {
            ++favicons;
            co_await ask_favicon(host, port, true);
        }
        co_return true;
    }

    // The vendors' documented unauthenticated endpoints, only for the families the host's own
    // answers pointed at (requests.hpp: note_vendor_hints, vendor_requests; docs/scan.md).
    awaitable<void> ask_vendor_endpoints(IpAddress host, std::uint16_t port, bool over_tls = false) {
        const auto hints = hints_.find(host);
        if (hints == hints_.end()) co_return;
        const VendorHints why = hints->second;
        std::vector<VendorRequest> requests = vendor_requests(why, host, port);
        for (VendorRequest& request : requests) {
            const std::string& hint = request.body_protocol == "rpc2" ? why.dahua : why.hikvision;
            TcpReply reply = co_await exchange(host, port, std::move(request.bytes), ReplyKind::message, kVendorReplyBytes, over_tls);
            const MessageHead head = parse_message_head(reply.bytes);
            // Read the body only when it is what was asked for (not a login page or a 404 page).
            const ProtocolDescriptor* reader = find_protocol(request.body_protocol);
            const bool readable = head.state == ParseState::complete && reader &&
                                  reader->claims(MessageMeta{}, as_bytes(message_body(head, reply.bytes, kVendorReplyBytes)));
            record_tcp_reply(host, port, reply,
                             "scan: " + std::string(request.label) + (over_tls ? " over TLS " : " ") + endpoint_text(host, port) +
                                 " (asked because: " + hint + ")",
                             readable ? request.body_protocol : std::string_view{});
        }
    }

    // ONVIF device service calls that need no credentials; the first one tells whether the
    // port speaks SOAP at all (a 401 or a SOAP fault is an answer too).
    awaitable<bool> ask_onvif(IpAddress host, std::uint16_t port, std::string path, bool over_tls = false) {
        bool answered = false;
        for (OnvifCall call : kOnvifCalls) {
            TcpReply reply = co_await exchange(host, port, soap_post(host, port, path, kOnvifContentType, onvif_request(call)),
                                               ReplyKind::message, 0, over_tls);
            const std::string where = "scan: ONVIF " + std::string(onvif_call_name(call)) + (over_tls ? " https://" : " http://") +
                                      host_and_port(host, port) + path;
            record_tcp_reply(host, port, reply, where, "onvif");
            const MessageHead head = parse_message_head(reply.bytes);
            if (head.state != ParseState::complete || !head.is_http()) break;
            const bool soap = looks_like_soap(head, reply.bytes);
            if (!soap && head.status != 401) break;  // not an ONVIF service: stop asking
            answered = true;
        }
        co_return answered;
    }

    // URLs a discovery reply announced: an SSDP LOCATION (the UPnP description) and WS-Discovery
    // XAddrs (the ONVIF device service). Kept under the host they name, so that host's own
    // sequence follows them, one connection at a time; never when the host is outside the scope.
    void note_links(const Observation& obs) {
        auto keep = [&](std::string_view url_text, LinkKind kind) {
            auto url = parse_http_url(url_text);
            if (!url || !scope_.contains(url->host)) return;
            auto& links = links_[url->host];
            const Link link{kind, *url};
            if (links.size() < kMaxLinksPerHost && std::find(links.begin(), links.end(), link) == links.end()) links.push_back(link);
        };
        for (const auto& field : obs.fields) {
            if (field.key == "ssdp.location") keep(field.value, LinkKind::upnp_description);
            if (field.key != "wsd.xaddrs") continue;
            std::string_view rest = field.value;  // a space-separated list
            while (!rest.empty()) {
                const std::size_t space = rest.find(' ');
                keep(rest.substr(0, space), LinkKind::onvif_service);
                rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
            }
        }
    }

    void note_open_port(const IpAddress& host, std::uint16_t port) {
        Observation obs;
        obs.time = wall_clock_now();
        obs.origin = Origin::active;
        obs.protocol = "scan";
        obs.tier = EvidenceTier::chatter;
        obs.endpoint = Endpoint{std::nullopt, host, port};
        obs.where = "scan: tcp connect " + endpoint_text(host, port);
        obs.add("scan.tcp_open", std::to_string(port));
        emit(obs);
    }

    // Reads a TCP reply with the registry's stream protocols; the body of an HTTP reply also
    // with `body_protocol` (the parser of what was asked for: "onvif", "upnp"), when registered.
    void record_tcp_reply(const IpAddress& host, std::uint16_t port, const TcpReply& reply, const std::string& where,
                          std::string_view body_protocol = {}) {
        if (reply.truncated) ++summary_.truncated;
        if (reply.bytes.empty()) return;
        MessageMeta meta;
        meta.time = wall_clock_now();
        meta.src_ip = host;
        meta.src_port = port;
        meta.from_client = false;
        meta.final = true;
        const Bytes bytes(reinterpret_cast<const std::uint8_t*>(reply.bytes.data()), reply.bytes.size());
        if (!observe(Carrier::tcp, bytes, meta, where)) {
            warn(where + ": " + std::to_string(reply.bytes.size()) + " bytes in no protocol camsweep reads");
            return;
        }
        const ProtocolDescriptor* body_reader = body_protocol.empty() ? nullptr : find_protocol(body_protocol);
        if (!body_reader) return;
        const MessageHead head = parse_message_head(reply.bytes);
        if (head.state != ParseState::complete || !head.is_http()) return;
        const std::string body = message_body(head, reply.bytes, options_.max_reply_bytes);
        if (body.empty()) return;
        read_with(*body_reader, as_bytes(body), meta, where + " (body)");
    }

    // Connects (bounded by connect_timeout), sends `request`, reads the reply until it is whole
    // (`kind`), the byte cap (`limit`, at most max_reply_bytes), the peer's close or
    // exchange_timeout. `over_tls`: a TLS handshake first (no certificate verification: cameras
    // carry self-signed certificates; no SNI: the target is an address), then the request inside
    // it. One connection per host at a time is guaranteed by the caller's sequence; the global
    // count by max_inflight workers.
    awaitable<TcpReply> exchange(IpAddress host, std::uint16_t port, std::string request, ReplyKind kind, std::size_t limit = 0,
                                 bool over_tls = false) {
        const std::size_t cap = limit == 0 ? options_.max_reply_bytes : std::min(limit, options_.max_reply_bytes);
        TcpReply reply;
        if (!scope_.contains(host)) co_return reply;  // the one check before every connection
        co_await pacer_.wait();
        ++summary_.connections;
        tcp::socket socket(io_);
        asio::steady_timer timer(io_, options_.connect_timeout);
        auto connected = co_await (socket.async_connect(tcp::endpoint(to_asio(host), port), kAwait) || timer.async_wait(kAwait));
        if (connected.index() != 0) {
            reply.timed_out = true;
            co_return reply;
        }
        if (auto [error] = std::get<0>(connected); error) {
            reply.refused = error == asio::error::connection_refused;
            co_return reply;
        }
        reply.connected = true;
        if (request.empty()) co_return reply;
        timer.expires_after(options_.exchange_timeout);
        if (!over_tls) {
            co_await converse(socket, timer, request, kind, cap, reply);
            boost::system::error_code ignored;
            socket.shutdown(tcp::socket::shutdown_both, ignored);
            co_return reply;
        }
        asio::ssl::stream<tcp::socket> tls(std::move(socket), tls_context());
        auto shaken = co_await (tls.async_handshake(asio::ssl::stream_base::client, kAwait) || timer.async_wait(kAwait));
        if (shaken.index() != 0) {
            reply.timed_out = true;
            co_return reply;
        }
        if (auto [error] = std::get<0>(shaken); error) {
            reply.tls_failed = true;
            co_return reply;
        }
        co_await converse(tls, timer, request, kind, cap, reply);
        boost::system::error_code ignored;  // no close_notify wait: a peer that never answers it cannot hold the slot
        tls.lowest_layer().shutdown(tcp::socket::shutdown_both, ignored);
        co_return reply;
    }

    // Writes `request` and reads the reply into `reply` (see exchange) over a plain socket or a
    // TLS stream.
    template <class Stream>
    awaitable<void> converse(Stream& stream, asio::steady_timer& timer, const std::string& request, ReplyKind kind, std::size_t cap,
                             TcpReply& reply) {
        auto written = co_await (asio::async_write(stream, asio::buffer(request), kAwait) || timer.async_wait(kAwait));
        if (written.index() != 0) {
            reply.timed_out = true;
            co_return;
        }
        if (auto [error, size] = std::get<0>(written); error) co_return;  // reset before the request was taken
        std::array<char, 16 * 1024> chunk{};
        while (reply.bytes.size() < cap) {
            auto read = co_await (stream.async_read_some(asio::buffer(chunk), kAwait) || timer.async_wait(kAwait));
            if (read.index() != 0) {
                reply.timed_out = true;
                reply.truncated = !reply.bytes.empty() && !reply_complete(kind, reply.bytes);
                break;
            }
            auto [error, size] = std::get<0>(read);
            const std::size_t room = cap - reply.bytes.size();
            reply.bytes.append(chunk.data(), std::min(size, room));
            if (size > room) reply.truncated = true;
            if (error || reply_complete(kind, reply.bytes)) break;  // closed, reset, or whole
        }
        if (reply.bytes.size() >= cap && !reply_complete(kind, reply.bytes)) reply.truncated = true;
    }

    // One client context for every HTTPS exchange: verification off (a read-only inventory of
    // devices with self-signed certificates, nothing secret is sent), every protocol version and
    // security level OpenSSL still has, so old firmware with 1024-bit keys and TLS 1.0 answers.
    asio::ssl::context& tls_context() {
        if (!tls_context_) {
            tls_context_.emplace(asio::ssl::context::tls_client);
            tls_context_->set_verify_mode(asio::ssl::verify_none);
            SSL_CTX_set_security_level(tls_context_->native_handle(), 0);
            SSL_CTX_set_min_proto_version(tls_context_->native_handle(), TLS1_VERSION);
        }
        return *tls_context_;
    }

    asio::io_context& io_;
    const Scope& scope_;
    const ScanOptions& options_;
    const ScanCallbacks& callbacks_;
    Pacer pacer_;
    std::string message_id_;
    std::vector<IpAddress> hosts_;  // to probe: the scope's, or after a sweep those that answered
    std::set<IpAddress> probed_;     // after a sweep: the hosts in hosts_
    std::size_t next_host_ = 0;
    std::size_t workers_running_ = 0;
    std::size_t receivers_running_ = 0;
    Clock::time_point receive_until_ = Clock::time_point::max();
    std::map<IpAddress, std::uint64_t> datagrams_from_;
    std::set<IpAddress> off_subnet_marked_;
    std::map<IpAddress, std::vector<Link>> links_;
    std::map<IpAddress, VendorHints> hints_;  // what each host's answers say of its vendor family
    std::optional<asio::ssl::context> tls_context_;
    ScanSummary summary_;
    ScanProgress progress_;
    bool finished_ = false;
};

// Ends the run when the scan is done, `stop` is set or the deadline passes, and reports progress.
awaitable<void> supervise(asio::io_context& io, Engine& engine, const ScanOptions& options, const ScanCallbacks& callbacks) {
    const auto start = Clock::now();
    asio::steady_timer timer(io);
    while (!engine.finished()) {
        timer.expires_after(std::chrono::milliseconds(100));
        co_await timer.async_wait(kAwait);
        if (callbacks.on_progress) callbacks.on_progress(engine.progress());
        if (callbacks.stop && callbacks.stop->load()) {
            engine.summary().interrupted = true;
            break;
        }
        if (options.deadline.count() > 0 && Clock::now() - start >= options.deadline) {
            engine.summary().deadline_reached = true;
            break;
        }
    }
    io.stop();
}

}  // namespace

std::vector<std::uint16_t> default_tcp_ports() { return {80, 443, 554, 8000, 8080, 8443, 8554, 34567, 37777, 49152}; }

std::vector<PlannedProbe> planned_probes(const ScanOptions& options) {
    std::vector<PlannedProbe> plan;
    if (options.discovery)
        for (const auto* protocol : protocols_carried_by(Carrier::udp))
            if (protocol->build_request && !protocol->ports.empty())
                plan.push_back({"udp", protocol->ports.front(), std::string(protocol->name) + " request (" + std::string(protocol->summary) + ")"});
    if (options.follow_ups)
        for (std::uint16_t port : options.tcp_ports) plan.push_back({"tcp", port, follow_up_description(port)});
    return plan;
}

ScanSummary run_scan(const Scope& scope, const ScanOptions& options, const ScanCallbacks& callbacks) {
    asio::io_context io;
    Engine engine(io, scope, options, callbacks);
    asio::co_spawn(io, engine.run(), [&](std::exception_ptr error) {
        if (!error) return;
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            if (callbacks.on_warning) callbacks.on_warning(std::string("prober: ") + e.what());
        }
    });
    asio::co_spawn(io, supervise(io, engine, options, callbacks), asio::detached);
    io.run();
    return engine.summary();
}

}  // namespace camsweep::scan
