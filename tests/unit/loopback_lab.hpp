#pragma once
// Emulated devices on 127.0.0.0/8 for the prober's tests: each device owns one loopback address
// and answers on its UDP and TCP ports with bytes a test writes (in the vendor's real wire
// format, research/protocols-active.md) or misbehaves on purpose (silence, drip, reset, floods).
// Plain POSIX sockets and one thread per listener: the lab must not share code with the prober
// it checks. Binding ports below 1024 needs root; tests skip without it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
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
};

// One UDP datagram to send in answer, optionally from another lab socket (a reply from an
// address the prober never asked).
struct UdpReply {
    std::string bytes;
    std::string from_address;  // "" = the device's own socket
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
                int fd = bound_socket(SOCK_DGRAM, device->address(), port, error);
                if (fd < 0) return false;
                threads_.emplace_back([this, fd, d = device.get(), b = &behaviour] { serve_udp(fd, *d, *b); });
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

    static sockaddr_in address_of(const std::string& address, std::uint16_t port) {
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        ::inet_pton(AF_INET, address.c_str(), &sa.sin_addr);
        return sa;
    }

    static int bound_socket(int type, const std::string& address, std::uint16_t port, std::string& error) {
        int fd = ::socket(AF_INET, type, 0);
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in sa = address_of(address, port);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
            error = address + ":" + std::to_string(port) + ": " + std::strerror(errno);
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

    void handle(int fd, Device& device, const TcpBehaviour& behaviour) {
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

    void serve_udp(int fd, Device& device, const UdpBehaviour& behaviour) {
        char buffer[65536];
        while (!stopping_) {
            if (!wait_readable(fd, std::chrono::hours(1))) break;
            sockaddr_in from{};
            socklen_t length = sizeof from;
            const ssize_t n = ::recvfrom(fd, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &length);
            if (n < 0) continue;
            ++device.datagrams_;
            const std::string request(buffer, static_cast<std::size_t>(n));
            device.record(request);
            for (const UdpReply& reply : behaviour(request)) {
                int out = fd;
                if (!reply.from_address.empty()) {
                    std::string ignored;
                    out = bound_socket(SOCK_DGRAM, reply.from_address, reply.from_port, ignored);
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
