#include "camsweep/synth/frames.hpp"

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/dissect/parsers.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace camsweep::synth {
namespace {

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
    ByteWriter w;
    w.u8(0x45).u8(0).be16(static_cast<std::uint16_t>(20 + payload_length)).be16(id).be16(flags_fragment).u8(ttl).u8(protocol);
    w.be16(0);  // checksum, below
    w.ipv4(src).ipv4(dst);
    w.patch_be16(10, ones_complement_sum(w.data(), 0, 20));
    return w.take();
}

// Generator input is ours: a malformed literal is a bug, so stop at once.
template <class Value>
Value literal_or_abort(std::optional<Value> parsed, const char* what, std::string_view text) {
    if (!parsed) {
        std::fprintf(stderr, "synth: bad %s literal %.*s\n", what, static_cast<int>(text.size()), text.data());
        std::abort();
    }
    return *parsed;
}

}  // namespace

MacAddress mac(std::string_view text) { return literal_or_abort(MacAddress::parse(text), "MAC", text); }

IpAddress ipv4(std::string_view text) { return literal_or_abort(IpAddress::parse(text), "IP", text); }

MacAddress multicast_mac_for(const IpAddress& group) {
    return MacAddress{{0x01, 0x00, 0x5e, static_cast<std::uint8_t>(group.octets[1] & 0x7f), group.octets[2], group.octets[3]}};
}

Frame ethernet(const MacAddress& src, const MacAddress& dst, std::uint16_t ethertype, const Frame& payload,
               const std::vector<std::uint16_t>& vlan_ids) {
    ByteWriter w;
    w.mac(dst).mac(src);
    for (auto id : vlan_ids) w.be16(0x8100).be16(id & 0x0fff);
    w.be16(ethertype).bytes(payload);
    w.pad_to(60);  // minimum Ethernet frame (without FCS)
    return w.take();
}

Frame ipv4_udp(const IpAddress& src, const IpAddress& dst, std::uint16_t src_port, std::uint16_t dst_port,
               std::string_view payload, std::uint8_t ttl) {
    const std::uint16_t udp_length = static_cast<std::uint16_t>(8 + payload.size());
    ByteWriter w;
    w.bytes(ipv4_header(src, dst, 17, udp_length, 0, 0x4000, ttl));
    w.be16(src_port).be16(dst_port).be16(udp_length);
    w.be16(0);  // UDP checksum optional over IPv4
    w.text(payload);
    return w.take();
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
    ByteWriter w;
    w.be16(1).be16(0x0800).u8(6).u8(4).be16(operation);
    w.mac(sender_mac).ipv4(sender_ip).mac(target_mac).ipv4(target_ip);
    return w.take();
}

DhcpOption dhcp_text_option(std::uint8_t code, std::string_view text) {
    return {code, std::vector<std::uint8_t>(text.begin(), text.end())};
}

std::string dhcp_message(std::uint8_t op, std::uint32_t xid, const MacAddress& client, const IpAddress& client_ip,
                         const IpAddress& your_ip, const std::vector<DhcpOption>& options) {
    ByteWriter w;
    w.u8(op).u8(1).u8(6).u8(0);  // Ethernet, 6-byte addresses, no hops
    w.be32(xid).be16(0);
    w.be16(0x8000);  // broadcast flag
    w.ipv4(client_ip).ipv4(your_ip).be32(0).be32(0);
    w.mac(client).zeros(10 + 64 + 128);
    w.be32(0x63825363);
    for (const auto& o : options) w.u8(o.code).u8(static_cast<std::uint8_t>(o.data.size())).bytes(o.data);
    w.u8(255).pad_to(300);
    return w.take_string();
}

std::string dhip_packet(std::string_view json, std::uint32_t session, std::uint32_t request) {
    const auto bytes = camsweep::dhip_packet(json, session, request);
    return std::string(as_text(bytes));
}

namespace {

void write_bytes(std::ostream& out, Bytes bytes) {
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// A classic pcap record header: seconds, microseconds, captured and original length.
void put_record_header(ByteWriter& w, std::uint32_t ts_sec, std::uint32_t ts_usec, std::uint32_t caplen, std::uint32_t origlen) {
    w.le32(ts_sec).le32(ts_usec).le32(caplen).le32(origlen);
}

// The record header of a frame captured whole at `time`.
void put_frame_record_header(ByteWriter& w, double time, std::size_t size) {
    auto sec = static_cast<std::uint32_t>(time);
    auto usec = static_cast<std::uint32_t>((time - sec) * 1e6 + 0.5);
    put_record_header(w, sec, usec, static_cast<std::uint32_t>(size), static_cast<std::uint32_t>(size));
}

}  // namespace

PcapWriter::PcapWriter(int link_type, std::uint32_t snaplen) {
    bytes_.le32(0xa1b2c3d4).le16(2).le16(4);  // version 2.4, little-endian
    bytes_.le32(0);                            // thiszone
    bytes_.le32(0);                            // sigfigs
    bytes_.le32(snaplen).le32(static_cast<std::uint32_t>(link_type));
}

void PcapWriter::add(double time, const Frame& frame) {
    put_frame_record_header(bytes_, time, frame.size());
    bytes_.bytes(frame);
}

void PcapWriter::add_raw_record(std::uint32_t ts_sec, std::uint32_t ts_usec, std::uint32_t caplen, std::uint32_t origlen,
                                const Frame& bytes) {
    put_record_header(bytes_, ts_sec, ts_usec, caplen, origlen);
    bytes_.bytes(bytes);
}

bool PcapWriter::write(const std::string& path) const {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    write_bytes(out, bytes_.view());
    return static_cast<bool>(out);
}

PcapFileStream::PcapFileStream(const std::string& path, int link_type, std::uint32_t snaplen)
    : out_(path, std::ios::binary | std::ios::trunc) {
    PcapWriter header(link_type, snaplen);  // an empty writer is exactly the file header
    write_bytes(out_, header.bytes());
    written_ = header.bytes().size();
}

bool PcapFileStream::ok() const { return static_cast<bool>(out_); }

void PcapFileStream::add(double time, const Frame& frame) {
    ByteWriter record;
    put_frame_record_header(record, time, frame.size());
    write_bytes(out_, record.view());
    write_bytes(out_, frame);
    written_ += record.size() + frame.size();
}

Frame ipv4_tcp(const IpAddress& src, const IpAddress& dst, std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t seq,
               std::uint32_t ack, std::uint8_t flags, std::string_view payload) {
    ByteWriter w;
    w.bytes(ipv4_header(src, dst, 6, 20 + payload.size()));
    w.be16(src_port).be16(dst_port).be32(seq).be32(ack);
    w.u8(0x50);   // data offset 5 words
    w.u8(flags);
    w.be16(65535);  // window
    w.be16(0);      // checksum (not verified by analyzers of captures)
    w.be16(0);      // urgent pointer
    w.text(payload);
    return w.take();
}

}  // namespace camsweep::synth
