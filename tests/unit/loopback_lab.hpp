#pragma once
// Emulated devices on 127.0.0.0/8 for the prober's tests: each device owns one loopback address
// and answers on its UDP and TCP ports with bytes a test writes (in the vendor's real wire
// format, research/protocols-active.md) or misbehaves on purpose (silence, drip, reset, floods).
// The network-namespace tests (test_scan_multicast.cpp) run the same devices on a veth link,
// where a UDP port may hear a multicast group or a broadcast address instead (Device::hears).
// Plain POSIX sockets and one thread per listener: the lab must not share code with the prober
// it checks. TLS ports use OpenSSL's blocking API directly (not Asio, which the prober uses),
// with a key and certificate made at test time (TlsIdentity): no key file is in the repository.
// Binding ports below 1024 needs root; tests skip without it.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace camsweep::lab {

// What a TCP port does with one connection: read the request, then act.
struct TcpBehaviour {
    // The reply to the bytes read so far; called each time more arrive (at most 64 KiB), until
    // it returns something. "" = wait for more.
    std::function<std::string(const std::string& request)> reply;
    enum class After : std::uint8_t { close, reset, hold } after = After::close;
    std::chrono::milliseconds drip{0};  // > 0: send the reply one byte at a time, this far apart
    std::string greeting;               // sent on accept, before any request (banner protocols)
    SSL_CTX* tls = nullptr;             // set: a TLS server (TlsIdentity); requests are recorded decrypted
};

// A TLS server identity made at test time: a fresh RSA 2048 key and a self-signed certificate
// whose subject RDNs are encoded in the given order (so {{"O", ...}, {"CN", ...}} reads
// "CN=...,O=..." in RFC 4514 order).
class TlsIdentity {
public:
    explicit TlsIdentity(const std::vector<std::pair<std::string, std::string>>& subject) {
        key_ = EVP_RSA_gen(2048);
        cert_ = X509_new();
        X509_set_version(cert_, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert_), -3600);
        X509_gmtime_adj(X509_getm_notAfter(cert_), 86400);
        X509_NAME* name = X509_get_subject_name(cert_);
        for (const auto& [type, value] : subject)
            X509_NAME_add_entry_by_txt(name, type.c_str(), MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0);
        X509_set_issuer_name(cert_, name);
        X509_set_pubkey(cert_, key_);
        X509_sign(cert_, key_, EVP_sha256());
        context_ = SSL_CTX_new(TLS_server_method());
        ok_ = key_ && context_ && SSL_CTX_use_certificate(context_, cert_) == 1 && SSL_CTX_use_PrivateKey(context_, key_) == 1;
    }
    ~TlsIdentity() {
        SSL_CTX_free(context_);
        X509_free(cert_);
        EVP_PKEY_free(key_);
    }
    TlsIdentity(const TlsIdentity&) = delete;
    TlsIdentity& operator=(const TlsIdentity&) = delete;
    bool ok() const { return ok_; }
    SSL_CTX* context() const { return context_; }

private:
    EVP_PKEY* key_ = nullptr;
    X509* cert_ = nullptr;
    SSL_CTX* context_ = nullptr;
    bool ok_ = false;
};

// One UDP datagram to send in answer, optionally from another lab socket (a reply from an
// address the prober never asked).
struct UdpReply {
    struct Source {
        std::string address;
        std::uint16_t port = 0;
    };
    std::string bytes{};
    std::string from_address{};  // "" = the device's own socket
    int copies = 1;
    std::uint16_t from_port = 0;  // with from_address: the source port (0: any)
};
using UdpBehaviour = std::function<std::vector<UdpReply>(const std::string& request)>;

class Device {
public:
    explicit Device(std::string address) : address_(std::move(address)) {}
    Device& tcp(std::uint16_t port, TcpBehaviour behaviour) {
        tcp_[port] = std::move(behaviour);
        return *this;
    }
    Device& udp(std::uint16_t port, UdpBehaviour behaviour) {
        udp_[port] = std::move(behaviour);
        return *this;
    }
    // UDP `port` hears only datagrams sent to `destination` (a multicast group, joined on the
    // interface holding the device's address, or a broadcast address), not unicast; answers
    // still come from the device's own address.
    Device& hears(std::uint16_t port, std::string destination) {
        hears_[port] = std::move(destination);
        return *this;
    }
    // UDP `port` hears unicast and the IPv4 multicast `group` alike (or, with no group, unicast and
    // broadcast), as a real device does: bound to the wildcard address, so only for a device alone
    // in its network namespace (tools/lab).
    Device& also_hears(std::uint16_t port, std::string group) {
        also_hears_[port] = std::move(group);
        return *this;
    }
    const std::string& address() const { return address_; }

    // What the device saw: connections at once (the most), connections, datagrams.
    int max_concurrent() const { return max_concurrent_; }
    int connections() const { return connections_; }
    int datagrams() const { return datagrams_; }
    std::vector<std::string> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    friend class Lab;
    std::string address_;
    std::map<std::uint16_t, TcpBehaviour> tcp_;
    std::map<std::uint16_t, UdpBehaviour> udp_;
    std::map<std::uint16_t, std::string> hears_, also_hears_;
    std::atomic<int> active_{0}, max_concurrent_{0}, connections_{0}, datagrams_{0};
    mutable std::mutex mutex_;
    std::vector<std::string> requests_;

    void connection_started() {
        ++connections_;
        const int now = ++active_;
        int seen = max_concurrent_.load();
        while (now > seen && !max_concurrent_.compare_exchange_weak(seen, now)) {
        }
    }
    void record(std::string request) {
        std::lock_guard lock(mutex_);
        if (requests_.size() < 256) requests_.push_back(std::move(request));
    }
};

class Lab {
public:
    ~Lab() { stop(); }

    Device& add(const std::string& address) {
        devices_.push_back(std::make_unique<Device>(address));
        return *devices_.back();
    }

    // Binds every socket; false (with `error`) when one cannot be bound (no root, port taken).
    bool start(std::string& error) {
        for (auto& device : devices_) {
            for (auto& [port, behaviour] : device->tcp_) {
                int fd = bound_socket(SOCK_STREAM, device->address(), port, error);
                if (fd < 0) return false;
                ::listen(fd, 16);
                threads_.emplace_back([this, fd, d = device.get(), b = &behaviour] { serve_tcp(fd, *d, *b); });
            }
            for (auto& [port, behaviour] : device->udp_) {
                auto heard = device->hears_.find(port);
                auto also = device->also_hears_.find(port);
                int fd = heard != device->hears_.end()       ? destination_socket(heard->second, port, device->address(), error)
                         : also != device->also_hears_.end() ? wildcard_socket(also->second, port, device->address(), error)
                                                             : bound_socket(SOCK_DGRAM, device->address(), port, error);
                if (fd < 0) return false;
                // A socket bound to a group or broadcast address cannot be a source: answer from
                // the device's own address and port.
                UdpReply::Source own;
                if (heard != device->hears_.end()) own = {device->address(), port};
                threads_.emplace_back([this, fd, d = device.get(), b = &behaviour, own] { serve_udp(fd, *d, *b, own); });
            }
        }
        return true;
    }

    void stop() {
        stopping_ = true;
        for (auto& t : threads_)
            if (t.joinable()) t.join();
        threads_.clear();
    }

private:
    std::vector<std::unique_ptr<Device>> devices_;
    std::vector<std::thread> threads_;
    std::atomic<bool> stopping_{false};

    // An IPv4 or IPv6 socket address; `scope` names the link of a link-local IPv6 address.
    struct SocketAddress {
        sockaddr_storage storage{};
        socklen_t length = 0;
        int family = AF_INET;
    };
    static SocketAddress address_of(const std::string& address, std::uint16_t port, unsigned scope = 0) {
        SocketAddress out;
        if (address.find(':') == std::string::npos) {
            auto* v4 = reinterpret_cast<sockaddr_in*>(&out.storage);
            v4->sin_family = AF_INET;
            v4->sin_port = htons(port);
            ::inet_pton(AF_INET, address.c_str(), &v4->sin_addr);
            out.length = sizeof(sockaddr_in);
        } else {
            auto* v6 = reinterpret_cast<sockaddr_in6*>(&out.storage);
            v6->sin6_family = AF_INET6;
            v6->sin6_port = htons(port);
            v6->sin6_scope_id = scope;
            ::inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr);
            out.length = sizeof(sockaddr_in6);
            out.family = AF_INET6;
        }
        return out;
    }

    static int bound_socket(int type, const std::string& address, std::uint16_t port, std::string& error, unsigned scope = 0) {
        const SocketAddress sa = address_of(address, port, scope);
        int fd = ::socket(sa.family, type, 0);
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (sa.family == AF_INET6) ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        if (::bind(fd, reinterpret_cast<const sockaddr*>(&sa.storage), sa.length) != 0) {
            error = address + ":" + std::to_string(port) + ": " + std::strerror(errno);
            ::close(fd);
            return -1;
        }
        return fd;
    }

    // The index of the interface holding `address` (0 when none does).
    static unsigned interface_holding(const std::string& address) {
        const SocketAddress wanted = address_of(address, 0);
        const auto& want6 = reinterpret_cast<const sockaddr_in6&>(wanted.storage).sin6_addr;
        ifaddrs* list = nullptr;
        if (::getifaddrs(&list) != 0) return 0;
        unsigned index = 0;
        for (ifaddrs* i = list; i && !index; i = i->ifa_next)
            if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET6 &&
                std::memcmp(&reinterpret_cast<sockaddr_in6*>(i->ifa_addr)->sin6_addr, &want6, sizeof want6) == 0)
                index = ::if_nametoindex(i->ifa_name);
        ::freeifaddrs(list);
        return index;
    }

    // A socket hearing `destination`:`port`; a multicast destination is joined on the interface
    // that holds `interface_address`.
    static int destination_socket(const std::string& destination, std::uint16_t port, const std::string& interface_address,
                                  std::string& error) {
        if (destination.find(':') != std::string::npos) {  // an IPv6 group: bound and joined on the device's link
            const unsigned link = interface_holding(interface_address);
            int fd = bound_socket(SOCK_DGRAM, destination, port, error, link);
            if (fd < 0) return -1;
            ipv6_mreq request{};
            ::inet_pton(AF_INET6, destination.c_str(), &request.ipv6mr_multiaddr);
            request.ipv6mr_interface = link;
            if (::setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &request, sizeof request) != 0) {
                error = "join " + destination + " on the link of " + interface_address + ": " + std::strerror(errno);
                ::close(fd);
                return -1;
            }
            return fd;
        }
        int fd = bound_socket(SOCK_DGRAM, destination, port, error);
        if (fd < 0) return -1;
        in_addr group{};
        ::inet_pton(AF_INET, destination.c_str(), &group);
        if ((ntohl(group.s_addr) >> 28) != 0xe) return fd;  // a broadcast address: nothing to join
        return join_v4(fd, destination, interface_address, error);
    }

    // A socket on 0.0.0.0:`port` that has also joined `group` on the interface holding `interface_address`.
    static int wildcard_socket(const std::string& group, std::uint16_t port, const std::string& interface_address, std::string& error) {
        const int fd = bound_socket(SOCK_DGRAM, "0.0.0.0", port, error);
        return fd < 0 || group.empty() ? fd : join_v4(fd, group, interface_address, error);
    }

    // Joins IPv4 `group` on the interface holding `interface_address`; closes `fd` on failure.
    static int join_v4(int fd, const std::string& group, const std::string& interface_address, std::string& error) {
        ip_mreq request{};
        ::inet_pton(AF_INET, group.c_str(), &request.imr_multiaddr);
        ::inet_pton(AF_INET, interface_address.c_str(), &request.imr_interface);
        if (::setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) != 0) {
            error = "join " + group + " on " + interface_address + ": " + std::strerror(errno);
            ::close(fd);
            return -1;
        }
        return fd;
    }

    // Waits until `fd` is readable; false when the lab stops or `limit` passes.
    bool wait_readable(int fd, std::chrono::milliseconds limit) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (!stopping_ && std::chrono::steady_clock::now() < end) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 20) > 0) return true;
        }
        return false;
    }

    void serve_tcp(int listener, Device& device, const TcpBehaviour& behaviour) {
        while (!stopping_) {
            if (!wait_readable(listener, std::chrono::hours(1))) break;
            int fd = ::accept(listener, nullptr, nullptr);
            if (fd < 0) continue;
            device.connection_started();
            handle(fd, device, behaviour);
        }
        ::close(listener);
    }

    // A TLS connection: handshake, the request decrypted, the reply, close. A client that only
    // reads the certificate and hangs up (the prober's raw ClientHello) fails the handshake and
    // is recorded as an empty request.
    void handle_tls(int fd, Device& device, const TcpBehaviour& behaviour) {
        timeval limit{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
        SSL* ssl = SSL_new(behaviour.tls);
        SSL_set_fd(ssl, fd);
        std::string request, reply;
        if (SSL_accept(ssl) == 1) {
            char buffer[4096];
            while (reply.empty() && request.size() < 65536 && !stopping_) {
                const int n = SSL_read(ssl, buffer, sizeof buffer);
                if (n <= 0) break;
                request.append(buffer, static_cast<std::size_t>(n));
                if (behaviour.reply) reply = behaviour.reply(request);
            }
            for (std::size_t at = 0; at < reply.size();) {
                const int n = SSL_write(ssl, reply.data() + at, static_cast<int>(std::min<std::size_t>(reply.size() - at, 16384)));
                if (n <= 0) break;
                at += static_cast<std::size_t>(n);
            }
            SSL_shutdown(ssl);
        }
        device.record(request);
        --device.active_;
        SSL_free(ssl);
        ::close(fd);
    }

    void handle(int fd, Device& device, const TcpBehaviour& behaviour) {
        if (behaviour.tls) return handle_tls(fd, device, behaviour);
        if (!behaviour.greeting.empty()) send_all(fd, behaviour.greeting, std::chrono::milliseconds(0));
        std::string request, reply;
        char buffer[4096];
        while (reply.empty() && request.size() < 65536 && wait_readable(fd, std::chrono::seconds(5))) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            request.append(buffer, static_cast<std::size_t>(n));
            if (behaviour.reply) reply = behaviour.reply(request);
        }
        device.record(request);
        // A connection counts as open until the device has its request and will only answer and
        // close: the prober may connect again as soon as the answer is in, before this thread
        // gets to close().
        bool counted = true;
        if (behaviour.after == TcpBehaviour::After::close && behaviour.drip.count() == 0) {
            --device.active_;
            counted = false;
        }
        if (!reply.empty()) send_all(fd, reply, behaviour.drip);
        if (behaviour.after == TcpBehaviour::After::reset) {
            linger hard{1, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        } else if (behaviour.after == TcpBehaviour::After::hold) {
            while (wait_readable(fd, std::chrono::seconds(30)))  // until the prober gives up and closes
                if (::recv(fd, buffer, sizeof buffer, 0) <= 0) break;
        }
        if (counted) --device.active_;
        ::close(fd);
    }

    bool send_all(int fd, const std::string& bytes, std::chrono::milliseconds drip) {
        std::size_t at = 0;
        while (at < bytes.size() && !stopping_) {
            const std::size_t piece = drip.count() > 0 ? 1 : bytes.size() - at;
            const ssize_t n = ::send(fd, bytes.data() + at, piece, MSG_NOSIGNAL);
            if (n <= 0) return false;
            at += static_cast<std::size_t>(n);
            if (drip.count() > 0) std::this_thread::sleep_for(drip);
        }
        return true;
    }

    void serve_udp(int fd, Device& device, const UdpBehaviour& behaviour, const UdpReply::Source& own) {
        char buffer[65536];
        while (!stopping_) {
            if (!wait_readable(fd, std::chrono::hours(1))) break;
            sockaddr_storage from{};
            socklen_t length = sizeof from;
            const ssize_t n = ::recvfrom(fd, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &length);
            if (n < 0) continue;
            ++device.datagrams_;
            const std::string request(buffer, static_cast<std::size_t>(n));
            device.record(request);
            for (const UdpReply& reply : behaviour(request)) {
                int out = fd;
                const std::string& from_address = reply.from_address.empty() ? own.address : reply.from_address;
                const std::uint16_t from_port = reply.from_address.empty() ? own.port : reply.from_port;
                if (!from_address.empty()) {
                    std::string ignored;
                    out = bound_socket(SOCK_DGRAM, from_address, from_port, ignored);
                    if (out < 0) continue;
                }
                for (int i = 0; i < reply.copies; ++i)
                    ::sendto(out, reply.bytes.data(), reply.bytes.size(), 0, reinterpret_cast<sockaddr*>(&from), length);
                if (out != fd) ::close(out);
            }
        }
        ::close(fd);
    }
};

// An HTTP response with a Content-Length.
inline std::string http_response(std::string_view status_line, std::string_view headers, std::string_view body) {
    return std::string(status_line) + "\r\n" + std::string(headers) + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           std::string(body);
}

// The whole HTTP/RTSP request has arrived (head, and a body by Content-Length).
inline bool request_whole(const std::string& request) {
    const std::size_t end = request.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const std::size_t length_at = request.find("Content-Length: ");
    if (length_at == std::string::npos || length_at > end) return true;
    return request.size() >= end + 4 + std::stoul(request.substr(length_at + 16));
}

}  // namespace camsweep::lab
