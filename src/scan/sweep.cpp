#include "camsweep/scan/sweep.hpp"

namespace camsweep::scan {

bool sweep_applies(SweepMode mode, std::size_t ipv4_hosts) {
    if (ipv4_hosts == 0 || mode == SweepMode::never) return false;
    return mode == SweepMode::always || ipv4_hosts > kSweepAboveHosts;
}

namespace {

// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words.
std::uint16_t internet_checksum(std::span<const std::uint8_t> bytes) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) sum += static_cast<std::uint32_t>(bytes[i] << 8 | bytes[i + 1]);
    if (bytes.size() % 2) sum += static_cast<std::uint32_t>(bytes.back() << 8);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

constexpr std::uint8_t kEchoReply = 0, kEchoRequest = 8;

}  // namespace

std::vector<std::uint8_t> icmp_echo_request(std::uint16_t identifier, std::uint16_t sequence, std::span<const std::uint8_t> payload) {
    std::vector<std::uint8_t> out(8 + payload.size());
    out[0] = kEchoRequest;
    out[4] = static_cast<std::uint8_t>(identifier >> 8);
    out[5] = static_cast<std::uint8_t>(identifier);
    out[6] = static_cast<std::uint8_t>(sequence >> 8);
    out[7] = static_cast<std::uint8_t>(sequence);
    for (std::size_t i = 0; i < payload.size(); ++i) out[8 + i] = payload[i];
    const std::uint16_t checksum = internet_checksum(out);
    out[2] = static_cast<std::uint8_t>(checksum >> 8);
    out[3] = static_cast<std::uint8_t>(checksum);
    return out;
}

std::optional<EchoReply> parse_icmp_echo_reply(std::span<const std::uint8_t> bytes, bool with_ip_header) {
    if (with_ip_header) {
        if (bytes.empty() || (bytes[0] >> 4) != 4) return std::nullopt;
        const std::size_t header = static_cast<std::size_t>(bytes[0] & 0x0f) * 4;
        if (header < 20 || header > bytes.size() || bytes[9] != 1 /* ICMP */) return std::nullopt;
        bytes = bytes.subspan(header);
    }
    if (bytes.size() < 8 || bytes[0] != kEchoReply || bytes[1] != 0) return std::nullopt;
    return EchoReply{static_cast<std::uint16_t>(bytes[4] << 8 | bytes[5]), static_cast<std::uint16_t>(bytes[6] << 8 | bytes[7])};
}

}  // namespace camsweep::scan
