#pragma once
// Pure parsers over bytes, shared by the passive dissectors and the (later) active prober.
// No I/O, no globals, no logging: bytes in, a value or an error out.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/core/observation.hpp"
#include "camsweep/core/result.hpp"

namespace camsweep {

// ARP over Ethernet/IPv4.
struct ArpMessage {
    std::uint16_t operation = 0;  // 1 request, 2 reply
    MacAddress sender_mac, target_mac;
    IpAddress sender_ip, target_ip;
};
Parsed<ArpMessage> parse_arp(Bytes bytes);

// DHCPv4 (BOOTP with the DHCP magic cookie).
struct DhcpMessage {
    std::uint8_t op = 0;  // 1 request (client), 2 reply (server)
    std::optional<MacAddress> client_mac;
    IpAddress client_ip, your_ip;
    std::optional<std::uint8_t> message_type;
    FieldList fields;  // dhcp.* keys (docs/fields.md)
    std::optional<IpAddress> requested_ip;
};
Parsed<DhcpMessage> parse_dhcp(Bytes bytes);

// SSDP: an HTTP-like message over UDP.
struct SsdpMessage {
    std::string method;  // NOTIFY, M-SEARCH or RESPONSE
    std::vector<std::pair<std::string, std::string>> headers;  // names upper-cased
    std::optional<std::string_view> header(std::string_view upper_name) const;
};
Parsed<SsdpMessage> parse_ssdp(std::string_view text);

// Hikvision SADP over UDP 37020: one XML element whose children are the device's fields.
struct SadpMessage {
    std::string root;                                            // ProbeMatch, Hello, Probe
    std::vector<std::pair<std::string, std::string>> elements;  // child name -> text
    std::optional<std::string_view> get(std::string_view name) const;
};
Parsed<SadpMessage> parse_sadp_xml(std::string_view text);

// Dahua DHIP: a 32-byte little-endian header ("DHIP" magic) followed by JSON.
struct DhipMessage {
    std::uint32_t session_id = 0, request_id = 0;
    std::string json;  // the body, trailing "\n\0" removed
};
Parsed<DhipMessage> parse_dhip(Bytes bytes);
bool looks_like_dhip(Bytes bytes);
// A DHIP datagram: the 32-byte header (lengths filled in) and `json`.
std::vector<std::uint8_t> dhip_packet(std::string_view json, std::uint32_t session_id = 0, std::uint32_t request_id = 0);
// The fields of a client.notifyDevInfo (or any DHIP) JSON body as dhip.* keys.
Parsed<FieldList> dhip_fields(std::string_view json);

// WS-Discovery (ONVIF, SOAP 1.2 over UDP 3702).
struct WsdMessage {
    std::string action;                   // Hello, Bye, Probe, ProbeMatches, Resolve, ...
    std::string endpoint;                 // EndpointReference/Address
    std::string types;
    std::vector<std::string> scopes;
    std::string xaddrs;
    std::vector<std::string> namespaces;  // namespace URIs declared on the envelope
};
Parsed<WsdMessage> parse_wsd(std::string_view text);
// Percent-decoding for ONVIF scope segments ("HIKVISION%20DS-2CD..."), bounded and lenient.
std::string percent_decode(std::string_view text);

}  // namespace camsweep
