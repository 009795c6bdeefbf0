#pragma once
// The host sweep before a large scan (docs/scan.md "Which hosts are probed"): an ICMP echo to
// every IPv4 host, so that only hosts that answer (or that the kernel resolved on the local link,
// or that answered a discovery request) get the unicast requests and the TCP ports. A /16 holds
// 65,536 addresses and a site a few hundred devices: ten ports each to every address would take
// hours; the sweep takes seconds.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace camsweep::scan {

enum class SweepMode : std::uint8_t {
    automatic,  // sweep scopes of more than kSweepAboveHosts hosts (a /24 is probed whole)
    always,     // --ping
    never,      // --no-ping / -Pn: every host is probed
};
inline constexpr std::size_t kSweepAboveHosts = 256;
bool sweep_applies(SweepMode mode, std::size_t ipv4_hosts);

// An ICMP echo request (RFC 792: type 8, code 0, checksum, identifier, sequence, `payload`).
std::vector<std::uint8_t> icmp_echo_request(std::uint16_t identifier, std::uint16_t sequence, std::span<const std::uint8_t> payload);

// An ICMP echo reply's identifier and sequence; `bytes` starts with the IPv4 header when read
// from a raw socket (`with_ip_header`), with the ICMP header from a datagram (ping) socket.
// nullopt for anything else: another ICMP type, a truncated or malformed message.
struct EchoReply {
    std::uint16_t identifier = 0, sequence = 0;
};
std::optional<EchoReply> parse_icmp_echo_reply(std::span<const std::uint8_t> bytes, bool with_ip_header);

}  // namespace camsweep::scan
