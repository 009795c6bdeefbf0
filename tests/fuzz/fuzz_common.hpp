#pragma once
// Helpers shared by the libFuzzer targets (docs/robustness.md). Each target is a few lines that
// turn the fuzzer's bytes into one parser's input; the formats below are also what
// make_corpus.cpp writes, so the seeds start from real golden messages.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/core/observation.hpp"
#include "camsweep/decode/packet.hpp"

namespace camsweep::fuzz {

inline Bytes bytes_of(const std::uint8_t* data, std::size_t size) { return Bytes(data, size); }
inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A UDP datagram between two LAN hosts on `port` (both directions' port fields), whose payload
// and network bytes are the fuzzer's input, as decode_packet would leave it.
inline DecodedPacket udp_packet(Bytes payload, std::uint16_t src_port, std::uint16_t dst_port) {
    DecodedPacket packet;
    packet.src_mac = MacAddress{{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}};
    packet.dst_mac = MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
    packet.ethertype = kEtherIpv4;
    packet.src_ip = IpAddress::v4(0xc0a80140);
    packet.dst_ip = IpAddress::v4(0xeffffffa);
    packet.ip_protocol = 17;
    packet.transport = Transport::udp;
    packet.src_port = src_port;
    packet.dst_port = dst_port;
    packet.network = payload;
    packet.payload = payload;
    return packet;
}

// A Layer-2 frame's network bytes (ARP, SADP over 0x8033): no IP, no transport.
inline DecodedPacket l2_packet(Bytes network, std::uint16_t ethertype) {
    DecodedPacket packet;
    packet.src_mac = MacAddress{{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}};
    packet.dst_mac = MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
    packet.ethertype = ethertype;
    packet.network = network;
    return packet;
}

// Runs one packet dissector the way the analyzer does: an observation whose endpoint is the
// packet's source.
template <typename Dissect>
void run_dissector(const DecodedPacket& packet, Dissect dissect) {
    Observation obs;
    obs.endpoint = Endpoint{packet.src_mac, packet.src_ip, packet.src_port};
    std::string error = dissect(packet, obs);
    (void)error;
}

// A file whose contents are `data`, readable by path (/proc/self/fd/N), rewritten per input.
class MemoryFile {
public:
    MemoryFile() {
        fd_ = memfd_create("camsweep-fuzz", 0);
        if (fd_ < 0) std::abort();
        path_ = "/proc/self/fd/" + std::to_string(fd_);
    }
    ~MemoryFile() { close(fd_); }
    const std::string& write(const std::uint8_t* data, std::size_t size) {
        if (ftruncate(fd_, 0) != 0) std::abort();
        std::size_t done = 0;
        while (done < size) {
            ssize_t n = pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
            if (n <= 0) std::abort();
            done += static_cast<std::size_t>(n);
        }
        return path_;
    }

private:
    int fd_ = -1;
    std::string path_;
};

// The link types the decode target (and the corpus writer) choose from with the first byte.
inline constexpr int kFuzzLinkTypes[] = {kLinkEthernet, kLinkRaw, kLinkLinuxSll, kLinkIpv4, kLinkIpv6, kLinkLinuxSll2, 0};
inline constexpr std::size_t kFuzzLinkTypeCount = sizeof(kFuzzLinkTypes) / sizeof(kFuzzLinkTypes[0]);

}  // namespace camsweep::fuzz

#include "camsweep/dissect/stream.hpp"

namespace camsweep::fuzz {

// Feeds a stream dissector the way the reassembler does: the first byte of the input chooses
// the direction (bit 0: from the client) and where the prefix grows (bits 1-7: the first cut, in
// 1/128ths of the rest); the rest is the direction's bytes. Calls stop at `done`; the last one
// is final.
template <typename Dissect>
void run_stream_dissector(const std::uint8_t* data, std::size_t size, std::uint16_t server_port, Dissect dissect) {
    if (size == 0) return;
    StreamContext context;
    context.from_client = (data[0] & 1) != 0;
    context.src_port = context.from_client ? 49152 : server_port;
    context.dst_port = context.from_client ? server_port : 49152;
    Bytes stream(data + 1, size - 1);
    std::size_t first_cut = stream.size() * (data[0] >> 1) / 128;
    const std::size_t cuts[] = {first_cut, first_cut + (stream.size() - first_cut) / 2, stream.size(), stream.size()};
    for (std::size_t i = 0; i < 4; ++i) {
        context.final = i == 3;
        Bytes prefix = stream.first(cuts[i]);
        if (prefix.empty() && !context.final) continue;
        Observation obs;
        std::string error;
        if (dissect(context, prefix, obs, error) == StreamStatus::done) break;
    }
}

}  // namespace camsweep::fuzz
