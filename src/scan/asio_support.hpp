#pragma once
// What the prober's Asio parts share (prober.cpp, multicast.cpp): address conversions, the
// completion token every wait uses, and the Pacer that spaces all new packets of one scan.
// Private to src/scan: Boost.Asio stays out of the public headers.
#include <utility>  // before Asio: its headers use std::exchange

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <algorithm>
#include <chrono>
#include <string>

#include "camsweep/core/address.hpp"

namespace camsweep::scan {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
// Every wait completes with (error, ...) instead of throwing, so a refusal is a value.
inline constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

inline asio::ip::address to_asio(const IpAddress& address) {
    if (address.family == IpAddress::Family::v4) {
        asio::ip::address_v4::bytes_type bytes{};
        std::copy_n(address.octets.begin(), 4, bytes.begin());
        return asio::ip::address_v4(bytes);
    }
    asio::ip::address_v6::bytes_type bytes{};
    std::copy_n(address.octets.begin(), 16, bytes.begin());
    return asio::ip::address_v6(bytes);
}

inline IpAddress from_asio(const asio::ip::address& address) {
    if (address.is_v4()) return IpAddress::v4(address.to_v4().to_uint());
    const auto v6 = address.to_v6();
    if (v6.is_v4_mapped()) return IpAddress::v4(asio::ip::make_address_v4(asio::ip::v4_mapped, v6).to_uint());
    const auto bytes = v6.to_bytes();
    return IpAddress::v6(bytes.data());
}

inline double wall_clock_now() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

inline std::string endpoint_text(const IpAddress& ip, std::uint16_t port) {
    return ip.family == IpAddress::Family::v6 ? "[" + ip.to_string() + "]:" + std::to_string(port)
                                              : ip.to_string() + ":" + std::to_string(port);
}

// Waits until `socket` is readable (true) or 100 ms or `until` pass (false): callers loop while
// `until`, which may move meanwhile, is ahead.
template <typename Socket>
asio::awaitable<bool> readable_soon(Socket& socket, asio::steady_timer& timer, const Clock::time_point& until) {
    using namespace asio::experimental::awaitable_operators;
    timer.expires_at(std::min(until, Clock::now() + std::chrono::milliseconds(100)));
    auto woken = co_await (socket.async_wait(Socket::wait_read, kAwait) || timer.async_wait(kAwait));
    co_return woken.index() == 0;
}

// Spaces new packets (datagrams and connection attempts) at most `rate` per second.
class Pacer {
public:
    explicit Pacer(double rate)
        : interval_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / std::max(rate, 0.001)))) {}
    asio::awaitable<void> wait() {
        const auto now = Clock::now();
        if (next_ < now) next_ = now;
        const auto slot = next_;
        next_ += interval_;
        if (slot > now) {
            asio::steady_timer timer(co_await asio::this_coro::executor, slot);
            co_await timer.async_wait(kAwait);
        }
    }

private:
    Clock::duration interval_;
    Clock::time_point next_ = Clock::now();
};

}  // namespace camsweep::scan
