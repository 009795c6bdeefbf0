#pragma once
// Helpers shared by the libFuzzer targets (docs/robustness.md). Each target is a few lines that
// turn the fuzzer's bytes into one parser's input; the formats below are also what
// make_corpus.cpp writes, so the seeds start from real golden messages.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
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

#include "camsweep/dissect/protocol.hpp"

namespace camsweep::fuzz {

// The helpers fuzz_parsers chooses from with its first byte (make_corpus seeds each).
inline constexpr std::size_t kParserHelperCount = 16;
// The helpers fuzz_scan_replies chooses from (make_corpus seeds each).
inline constexpr std::size_t kScanHelperCount = 8;

// Delivers one message to a protocol the way the passive side (or, for HTTP bodies, the
// prober) does. Datagrams and frames: one call of fields_of, with the protocol's first default
// port on both sides. HTTP bodies: one final call, the whole body from the server (the control
// byte is not used). Streams: the control byte's bit 0 says whether the client sent it, bits
// 1-7 where the prefix is first cut (in 1/128ths); calls on growing prefixes stop when the
// reader is no longer incomplete, the last one is final.
inline void deliver(const ProtocolDescriptor& protocol, std::uint8_t control, Bytes message) {
    MessageMeta meta;
    meta.src_mac = MacAddress{{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}};
    meta.src_ip = IpAddress::v4(0xc0a80140);
    meta.dst_ip = IpAddress::v4(0xeffffffa);
    const std::uint16_t port = protocol.ports.empty() ? 0 : protocol.ports.front();
    if (protocol.carrier == Carrier::ethernet) meta.ethertype = port;
    if (!message.empty()) (void)protocol.looks_like(meta, message);
    if (protocol.carrier == Carrier::http_body) {
        meta.src_port = 80;
        meta.dst_port = 49152;
        meta.from_client = false;
        meta.final = true;
        MessageFields out;
        (void)protocol.fields_of(message, meta, out);
        return;
    }
    if (protocol.carrier != Carrier::tcp) {
        meta.src_port = meta.dst_port = port;
        MessageFields out;
        (void)protocol.fields_of(message, meta, out);
        return;
    }
    meta.from_client = (control & 1) != 0;
    meta.src_port = meta.from_client ? 49152 : port;
    meta.dst_port = meta.from_client ? port : 49152;
    // A reply is also read with a request beside it (MessageMeta::request): the message's own
    // first half, so that requests and replies of every shape meet (high bit of control).
    std::string request;
    if (!meta.from_client && (control & 0x80)) {
        request.assign(reinterpret_cast<const char*>(message.data()), std::min(message.size() / 2, kRequestHeadBytes));
        meta.request = request;
    }
    std::size_t first_cut = message.size() * (control >> 1) / 128;
    const std::size_t cuts[] = {first_cut, first_cut + (message.size() - first_cut) / 2, message.size(), message.size()};
    for (std::size_t i = 0; i < 4; ++i) {
        meta.final = i == 3;
        Bytes prefix = message.first(cuts[i]);
        if (prefix.empty() && !meta.final) continue;
        MessageFields out;
        if (protocol.fields_of(prefix, meta, out) != ParseState::incomplete) break;
    }
}

}  // namespace camsweep::fuzz
