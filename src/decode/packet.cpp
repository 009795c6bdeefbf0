#include "camsweep/decode/packet.hpp"

#include <cstring>

namespace camsweep {
namespace {

// A decoder's problem: kept in `error`, and false returned (the decoders return true on success,
// so the common case builds no string).
bool fail(std::string& error, std::string message) {
    error = std::move(message);
    return false;
}

constexpr int kMaxVlanTags = 8;  // deeper stacks are hostile or broken; stop there

MacAddress read_mac(Bytes six) {
    MacAddress mac;
    std::memcpy(mac.octets.data(), six.data(), 6);
    return mac;
}

bool decode_transport(ByteCursor& cur, DecodedPacket& out, std::string& error) {
    if (out.ip_protocol == 17) {
        std::uint16_t length = 0, checksum = 0;
        if (!cur.be16(out.src_port) || !cur.be16(out.dst_port) || !cur.be16(length) || !cur.be16(checksum))
            return fail(error, "UDP header truncated");
        out.transport = Transport::udp;
        std::size_t body = length >= 8 ? length - 8u : 0u;
        if (length < 8) return fail(error, "UDP length " + std::to_string(length) + " is below the 8-byte header");
        // A capture may be cut short (snaplen): keep what is there.
        if (body > cur.remaining()) body = cur.remaining();
        cur.bytes(body, out.payload);
        return true;
    }
    if (out.ip_protocol == 6) {
        std::uint32_t ack = 0;
        std::uint8_t offset_byte = 0;
        if (!cur.be16(out.src_port) || !cur.be16(out.dst_port) || !cur.be32(out.tcp_seq) || !cur.be32(ack) ||
            !cur.u8(offset_byte) || !cur.u8(out.tcp_flags))
            return fail(error, "TCP header truncated");
        std::size_t header_length = (offset_byte >> 4) * 4u;
        if (header_length < 20) return fail(error, "TCP data offset " + std::to_string(header_length) + " is below 20");
        if (!cur.skip(header_length - 14)) return fail(error, "TCP header length " + std::to_string(header_length) + " exceeds the frame");
        out.transport = Transport::tcp;
        out.payload = cur.rest();
        return true;
    }
    return true;
}

bool decode_ipv4(Bytes bytes, DecodedPacket& out, std::string& error) {
    ByteCursor cur(bytes);
    std::uint8_t version_ihl = 0;
    if (!cur.u8(version_ihl)) return fail(error, "IPv4 header truncated");
    if ((version_ihl >> 4) != 4) return fail(error, "IPv4 version field is " + std::to_string(version_ihl >> 4));
    std::size_t header_length = (version_ihl & 0x0f) * 4u;
    if (header_length < 20) return fail(error, "IPv4 header length " + std::to_string(header_length) + " is below 20");
    if (header_length > bytes.size())
        return fail(error, "IPv4 header length " + std::to_string(header_length) + " exceeds the " + std::to_string(bytes.size()) +
                               " captured bytes");
    ByteCursor hdr(bytes.first(header_length));
    std::uint8_t tos = 0, ttl = 0;
    std::uint16_t total_length = 0, id = 0, frag = 0, checksum = 0;
    std::uint32_t src = 0, dst = 0;
    hdr.skip(1);
    hdr.u8(tos);
    hdr.be16(total_length);
    hdr.be16(id);
    hdr.be16(frag);
    hdr.u8(ttl);
    hdr.u8(out.ip_protocol);
    hdr.be16(checksum);
    hdr.be32(src);
    hdr.be32(dst);
    out.src_ip = IpAddress::v4(src);
    out.dst_ip = IpAddress::v4(dst);
    std::size_t end = bytes.size();
    if (total_length >= header_length && total_length < end) end = total_length;  // drop Ethernet padding
    out.ip_id = id;
    if ((frag & 0x3fff) != 0) {  // more-fragments flag or a non-zero offset
        out.fragment = true;
        out.more_fragments = (frag & 0x2000) != 0;
        out.fragment_offset = (frag & 0x1fffu) * 8u;
        out.ip_payload = bytes.subspan(header_length, end - header_length);
        return true;
    }
    ByteCursor body(bytes.subspan(header_length, end - header_length));
    return decode_transport(body, out, error);
}

bool decode_ipv6(Bytes bytes, DecodedPacket& out, std::string& error) {
    ByteCursor cur(bytes);
    std::uint32_t first = 0;
    std::uint16_t payload_length = 0;
    std::uint8_t next = 0, hop = 0;
    Bytes src, dst;
    if (!cur.be32(first) || !cur.be16(payload_length) || !cur.u8(next) || !cur.u8(hop) || !cur.bytes(16, src) ||
        !cur.bytes(16, dst))
        return fail(error, "IPv6 header truncated");
    if ((first >> 28) != 6) return fail(error, "IPv6 version field is " + std::to_string(first >> 28));
    out.src_ip = IpAddress::v6(src.data());
    out.dst_ip = IpAddress::v6(dst.data());
    // Walk the common extension headers (hop-by-hop, routing, destination options); a bounded
    // number of them, since each is attacker-supplied.
    for (int i = 0; i < 8 && (next == 0 || next == 43 || next == 60); ++i) {
        std::uint8_t ext_next = 0, ext_len = 0;
        if (!cur.u8(ext_next) || !cur.u8(ext_len) || !cur.skip(6u + ext_len * 8u)) return fail(error, "IPv6 extension header truncated");
        next = ext_next;
    }
    if (next == 44) return true;  // fragment: not reassembled
    out.ip_protocol = next;
    Bytes rest = cur.rest();
    std::size_t extension_bytes = cur.offset() - 40;
    if (payload_length >= extension_bytes && payload_length - extension_bytes < rest.size())
        rest = rest.first(payload_length - extension_bytes);  // drop link-layer padding
    ByteCursor body(rest);
    return decode_transport(body, out, error);
}

bool decode_network(std::uint16_t ethertype, Bytes bytes, DecodedPacket& out, std::string& error) {
    out.ethertype = ethertype;
    out.network = bytes;
    if (ethertype == kEtherIpv4) return decode_ipv4(bytes, out, error);
    if (ethertype == kEtherIpv6) return decode_ipv6(bytes, out, error);
    return true;
}

bool decode_ethernet(Bytes frame, DecodedPacket& out, std::string& error) {
    ByteCursor cur(frame);
    Bytes dst, src;
    std::uint16_t type = 0;
    if (!cur.bytes(6, dst) || !cur.bytes(6, src) || !cur.be16(type)) return fail(error, "Ethernet header truncated");
    out.dst_mac = read_mac(dst);
    out.src_mac = read_mac(src);
    while (type == kEtherVlan || type == kEtherQinQ || type == 0x9100) {
        if (out.vlan_depth >= kMaxVlanTags) return fail(error, "more than " + std::to_string(kMaxVlanTags) + " VLAN tags");
        std::uint16_t tci = 0;
        if (!cur.be16(tci) || !cur.be16(type)) return fail(error, "802.1Q tag truncated");
        ++out.vlan_depth;
        out.vlan_id = tci & 0x0fff;
    }
    if (type < 0x0600) return true;  // 802.3 length field (LLC): nothing we dissect
    return decode_network(type, cur.rest(), out, error);
}

bool decode_sll(Bytes frame, DecodedPacket& out, std::string& error) {
    ByteCursor cur(frame);
    std::uint16_t packet_type = 0, arphrd = 0, addr_len = 0, protocol = 0;
    Bytes addr;
    if (!cur.be16(packet_type) || !cur.be16(arphrd) || !cur.be16(addr_len) || !cur.bytes(8, addr) || !cur.be16(protocol))
        return fail(error, "Linux cooked (SLL) header truncated");
    if (addr_len == 6) out.src_mac = read_mac(addr);
    return decode_network(protocol, cur.rest(), out, error);
}

bool decode_sll2(Bytes frame, DecodedPacket& out, std::string& error) {
    ByteCursor cur(frame);
    std::uint16_t protocol = 0, reserved = 0, arphrd = 0;
    std::uint32_t ifindex = 0;
    std::uint8_t packet_type = 0, addr_len = 0;
    Bytes addr;
    if (!cur.be16(protocol) || !cur.be16(reserved) || !cur.be32(ifindex) || !cur.be16(arphrd) ||
        !cur.u8(packet_type) || !cur.u8(addr_len) || !cur.bytes(8, addr))
        return fail(error, "Linux cooked (SLL2) header truncated");
    if (addr_len == 6) out.src_mac = read_mac(addr);
    return decode_network(protocol, cur.rest(), out, error);
}

bool decode_raw_ip(Bytes frame, DecodedPacket& out, std::string& error) {
    if (frame.empty()) return fail(error, "empty raw IP frame");
    int version = frame[0] >> 4;
    if (version == 4) return decode_network(kEtherIpv4, frame, out, error);
    if (version == 6) return decode_network(kEtherIpv6, frame, out, error);
    return fail(error, "raw IP frame with version " + std::to_string(version));
}

}  // namespace

std::string decode_reassembled_transport(Bytes ip_payload, DecodedPacket& out) {
    out.fragment = false;
    ByteCursor body(ip_payload);
    std::string error;
    decode_transport(body, out, error);
    return error;
}

bool is_supported_link_type(int link_type) {
    switch (link_type) {
        case kLinkEthernet: case kLinkRaw: case kLinkLinuxSll: case kLinkIpv4: case kLinkIpv6: case kLinkLinuxSll2:
        case 12: case 14:  // DLT_RAW as some platforms number it
            return true;
        default:
            return false;
    }
}

std::string decode_packet(int link_type, Bytes frame, DecodedPacket& out) {
    std::string error;
    switch (link_type) {
        case kLinkEthernet: decode_ethernet(frame, out, error); break;
        case kLinkLinuxSll: decode_sll(frame, out, error); break;
        case kLinkLinuxSll2: decode_sll2(frame, out, error); break;
        case kLinkRaw: case kLinkIpv4: case kLinkIpv6: case 12: case 14: decode_raw_ip(frame, out, error); break;
        default: error = "unsupported link type " + std::to_string(link_type);
    }
    return error;
}

}  // namespace camsweep
