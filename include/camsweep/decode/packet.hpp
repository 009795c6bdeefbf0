#pragma once
// Link, network and transport decoding of one captured frame: no allocation, no copies;
// the result points into the frame.
#include <cstdint>
#include <optional>
#include <string>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_cursor.hpp"

namespace camsweep {

enum class Transport : std::uint8_t { none, udp, tcp };

struct DecodedPacket {
    std::optional<MacAddress> src_mac;
    std::optional<MacAddress> dst_mac;
    std::uint16_t ethertype = 0;   // after any 802.1Q/QinQ tags
    std::uint8_t vlan_depth = 0;
    std::uint16_t vlan_id = 0;     // innermost tag
    Bytes network;                 // L3 bytes (for ARP and Layer-2 protocols)
    std::optional<IpAddress> src_ip;
    std::optional<IpAddress> dst_ip;
    std::uint8_t ip_protocol = 0;
    Transport transport = Transport::none;
    std::uint16_t src_port = 0;
    std::uint16_t dst_port = 0;
    Bytes payload;                 // L4 payload (UDP datagram or TCP segment data)
    std::uint32_t tcp_seq = 0;
    std::uint8_t tcp_flags = 0;
    // IPv4 fragments: the transport is not decoded; the defragmenter collects ip_payload.
    bool fragment = false;
    bool more_fragments = false;
    std::uint16_t ip_id = 0;
    std::uint32_t fragment_offset = 0;  // bytes
    Bytes ip_payload;
};

// Link-layer header types (the pcap LINKTYPE_ values) this decoder understands.
inline constexpr int kLinkEthernet = 1;
inline constexpr int kLinkRaw = 101;
inline constexpr int kLinkLinuxSll = 113;
inline constexpr int kLinkIpv4 = 228;
inline constexpr int kLinkIpv6 = 229;
inline constexpr int kLinkLinuxSll2 = 276;

inline constexpr std::uint16_t kEtherIpv4 = 0x0800;
inline constexpr std::uint16_t kEtherArp = 0x0806;
inline constexpr std::uint16_t kEtherIpv6 = 0x86dd;
inline constexpr std::uint16_t kEtherVlan = 0x8100;
inline constexpr std::uint16_t kEtherQinQ = 0x88a8;

// Decodes as far as the frame allows. Returns an empty string on success, otherwise what was
// wrong (e.g. "IPv4 header length 60 exceeds the 40 captured bytes"); the fields decoded before
// the problem stay filled in.
std::string decode_packet(int link_type, Bytes frame, DecodedPacket& out);

bool is_supported_link_type(int link_type);

// Decodes the transport header of a reassembled IP payload (after defragmentation) into `out`,
// whose ip_protocol is already set.
std::string decode_reassembled_transport(Bytes ip_payload, DecodedPacket& out);

}  // namespace camsweep
