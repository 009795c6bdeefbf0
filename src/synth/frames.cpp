#include "camsweep/synth/frames.hpp"

#include "camsweep/dissect/parsers.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace camsweep::synth {
namespace {

void put16(Frame& f, std::uint16_t v) {
    f.push_back(static_cast<std::uint8_t>(v >> 8));
    f.push_back(static_cast<std::uint8_t>(v));
}
void put32(Frame& f, std::uint32_t v) {
    put16(f, static_cast<std::uint16_t>(v >> 16));
    put16(f, static_cast<std::uint16_t>(v));
}
void put32le(std::vector<std::uint8_t>& f, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) f.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put_mac(Frame& f, const MacAddress& m) { f.insert(f.end(), m.octets.begin(), m.octets.end()); }
void put_ip4(Frame& f, const IpAddress& ip) { f.insert(f.end(), ip.octets.begin(), ip.octets.begin() + 4); }

std::uint16_t ones_complement_sum(const Frame& f, std::size_t from, std::size_t len) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i + 1 < len; i += 2) sum += (f[from + i] << 8) | f[from + i + 1];
    if (len % 2) sum += f[from + len - 1] << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

// An IPv4 header (no options) with its checksum; `flags_fragment` holds the flags and offset.
Frame ipv4_header(const IpAddress& src, const IpAddress& dst, std::uint8_t protocol, std::size_t payload_length,
                  std::uint16_t id = 0, std::uint16_t flags_fragment = 0x4000, std::uint8_t ttl = 64) {
    Frame f;
    f.push_back(0x45);
    f.push_back(0);
    put16(f, static_cast<std::uint16_t>(20 + payload_length));
    put16(f, id);
    put16(f, flags_fragment);
    f.push_back(ttl);
    f.push_back(protocol);
    put16(f, 0);  // checksum, below
    put_ip4(f, src);
    put_ip4(f, dst);
    std::uint16_t checksum = ones_complement_sum(f, 0, 20);
    f[10] = static_cast<std::uint8_t>(checksum >> 8);
    f[11] = static_cast<std::uint8_t>(checksum);
    return f;
}

}  // namespace

MacAddress mac(std::string_view text) {
    auto m = MacAddress::parse(text);
    if (!m) {
        std::fprintf(stderr, "synth: bad MAC literal %.*s\n", static_cast<int>(text.size()), text.data());
        std::abort();
    }
    return *m;
}

IpAddress ipv4(std::string_view text) {
    auto ip = IpAddress::parse(text);
    if (!ip) {
        std::fprintf(stderr, "synth: bad IP literal %.*s\n", static_cast<int>(text.size()), text.data());
        std::abort();
    }
    return *ip;
}

MacAddress multicast_mac_for(const IpAddress& group) {
    return MacAddress{{0x01, 0x00, 0x5e, static_cast<std::uint8_t>(group.octets[1] & 0x7f), group.octets[2], group.octets[3]}};
}

Frame ethernet(const MacAddress& src, const MacAddress& dst, std::uint16_t ethertype, const Frame& payload,
               const std::vector<std::uint16_t>& vlan_ids) {
    Frame f;
    put_mac(f, dst);
    put_mac(f, src);
    for (auto id : vlan_ids) {
        put16(f, 0x8100);
        put16(f, id & 0x0fff);
    }
    put16(f, ethertype);
    f.insert(f.end(), payload.begin(), payload.end());
    while (f.size() < 60) f.push_back(0);  // minimum Ethernet frame (without FCS)
    return f;
}

Frame ipv4_udp(const IpAddress& src, const IpAddress& dst, std::uint16_t src_port, std::uint16_t dst_port,
               std::string_view payload, std::uint8_t ttl) {
    const std::uint16_t udp_length = static_cast<std::uint16_t>(8 + payload.size());
    Frame f = ipv4_header(src, dst, 17, udp_length, 0, 0x4000, ttl);
    put16(f, src_port);
    put16(f, dst_port);
    put16(f, udp_length);
    put16(f, 0);  // UDP checksum optional over IPv4
    f.insert(f.end(), payload.begin(), payload.end());
    return f;
}

std::vector<Frame> ipv4_udp_fragments(const IpAddress& src, const IpAddress& dst, std::uint16_t src_port, std::uint16_t dst_port,
                                      std::string_view payload, std::uint16_t ip_id, std::size_t mtu) {
    Frame whole = ipv4_udp(src, dst, src_port, dst_port, payload);
    if (whole.size() <= mtu) return {whole};
    const Frame datagram(whole.begin() + 20, whole.end());  // UDP header + payload
    const std::size_t step = (mtu - 20) / 8 * 8;           // fragment offsets count 8-byte units
    std::vector<Frame> out;
    for (std::size_t offset = 0; offset < datagram.size(); offset += step) {
        std::size_t n = std::min(step, datagram.size() - offset);
        bool more = offset + n < datagram.size();
        Frame f = ipv4_header(src, dst, 17, n, ip_id, static_cast<std::uint16_t>((more ? 0x2000 : 0) | (offset / 8)));
        f.insert(f.end(), datagram.begin() + static_cast<std::ptrdiff_t>(offset), datagram.begin() + static_cast<std::ptrdiff_t>(offset + n));
        out.push_back(std::move(f));
    }
    return out;
}

Frame arp(std::uint16_t operation, const MacAddress& sender_mac, const IpAddress& sender_ip, const MacAddress& target_mac,
          const IpAddress& target_ip) {
    Frame f;
    put16(f, 1);
    put16(f, 0x0800);
    f.push_back(6);
    f.push_back(4);
    put16(f, operation);
    put_mac(f, sender_mac);
    put_ip4(f, sender_ip);
    put_mac(f, target_mac);
    put_ip4(f, target_ip);
    return f;
}

DhcpOption dhcp_text_option(std::uint8_t code, std::string_view text) {
    return {code, std::vector<std::uint8_t>(text.begin(), text.end())};
}

std::string dhcp_message(std::uint8_t op, std::uint32_t xid, const MacAddress& client, const IpAddress& client_ip,
                         const IpAddress& your_ip, const std::vector<DhcpOption>& options) {
    Frame f;
    f.push_back(op);
    f.push_back(1);  // Ethernet
    f.push_back(6);
    f.push_back(0);
    put32(f, xid);
    put16(f, 0);
    put16(f, 0x8000);  // broadcast flag
    put_ip4(f, client_ip);
    put_ip4(f, your_ip);
    put32(f, 0);
    put32(f, 0);
    put_mac(f, client);
    f.resize(f.size() + 10 + 64 + 128, 0);
    put32(f, 0x63825363);
    for (const auto& o : options) {
        f.push_back(o.code);
        f.push_back(static_cast<std::uint8_t>(o.data.size()));
        f.insert(f.end(), o.data.begin(), o.data.end());
    }
    f.push_back(255);
    while (f.size() < 300) f.push_back(0);
    return std::string(f.begin(), f.end());
}

std::string dhip_packet(std::string_view json, std::uint32_t session, std::uint32_t request) {
    auto bytes = camsweep::dhip_packet(json, session, request);
    return std::string(bytes.begin(), bytes.end());
}

PcapWriter::PcapWriter(int link_type, std::uint32_t snaplen) {
    put32le(bytes_, 0xa1b2c3d4);
    bytes_.push_back(2);
    bytes_.push_back(0);  // version 2.4, little-endian
    bytes_.push_back(4);
    bytes_.push_back(0);
    put32le(bytes_, 0);  // thiszone
    put32le(bytes_, 0);  // sigfigs
    put32le(bytes_, snaplen);
    put32le(bytes_, static_cast<std::uint32_t>(link_type));
}

void PcapWriter::add(double time, const Frame& frame) {
    auto sec = static_cast<std::uint32_t>(time);
    auto usec = static_cast<std::uint32_t>((time - sec) * 1e6 + 0.5);
    add_raw_record(sec, usec, static_cast<std::uint32_t>(frame.size()), static_cast<std::uint32_t>(frame.size()), frame);
}

void PcapWriter::add_raw_record(std::uint32_t ts_sec, std::uint32_t ts_usec, std::uint32_t caplen, std::uint32_t origlen,
                                const Frame& bytes) {
    put32le(bytes_, ts_sec);
    put32le(bytes_, ts_usec);
    put32le(bytes_, caplen);
    put32le(bytes_, origlen);
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
}

bool PcapWriter::write(const std::string& path) const {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes_.data()), static_cast<std::streamsize>(bytes_.size()));
    return static_cast<bool>(out);
}

PcapFileStream::PcapFileStream(const std::string& path, int link_type, std::uint32_t snaplen)
    : out_(path, std::ios::binary | std::ios::trunc) {
    PcapWriter header(link_type, snaplen);  // an empty writer is exactly the file header
    out_.write(reinterpret_cast<const char*>(header.bytes().data()), static_cast<std::streamsize>(header.bytes().size()));
    written_ = header.bytes().size();
}

bool PcapFileStream::ok() const { return static_cast<bool>(out_); }

void PcapFileStream::add(double time, const Frame& frame) {
    std::vector<std::uint8_t> record;
    auto sec = static_cast<std::uint32_t>(time);
    auto usec = static_cast<std::uint32_t>((time - sec) * 1e6 + 0.5);
    for (std::uint32_t v : {sec, usec, static_cast<std::uint32_t>(frame.size()), static_cast<std::uint32_t>(frame.size())})
        put32le(record, v);
    out_.write(reinterpret_cast<const char*>(record.data()), static_cast<std::streamsize>(record.size()));
    out_.write(reinterpret_cast<const char*>(frame.data()), static_cast<std::streamsize>(frame.size()));
    written_ += record.size() + frame.size();
}

Frame ipv4_tcp(const IpAddress& src, const IpAddress& dst, std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t seq,
               std::uint32_t ack, std::uint8_t flags, std::string_view payload) {
    Frame f = ipv4_header(src, dst, 6, 20 + payload.size());
    put16(f, src_port);
    put16(f, dst_port);
    put32(f, seq);
    put32(f, ack);
    f.push_back(0x50);  // data offset 5 words
    f.push_back(flags);
    put16(f, 65535);    // window
    put16(f, 0);        // checksum (not verified by analyzers of captures)
    put16(f, 0);
    f.insert(f.end(), payload.begin(), payload.end());
    return f;
}

}  // namespace camsweep::synth
