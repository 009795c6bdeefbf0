#pragma once
// DHCPv6 (RFC 8415, UDP 546/547): what a client's messages say about it — its DUID (and the MAC
// inside a link-layer DUID), vendor class, vendor options, FQDN and option request list.
#include <cstdint>
#include <optional>
#include <string>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/core/observation.hpp"
#include "camsweep/core/result.hpp"
#include "camsweep/dissect/parsers.hpp"

namespace camsweep {

struct Dhcpv6Message {
    std::uint8_t type = 0;               // 1 solicit ... 11 information-request, 12/13 relay
    std::uint32_t transaction_id = 0;    // 24 bits (0 for relay messages)
    std::optional<MacAddress> client_mac;  // from a DUID-LLT / DUID-LL with hardware type 1
    FieldList fields;                    // dhcpv6.* keys, from the client's options
    // Empty when every option was read; otherwise the first problem (offset, option code).
    std::string problem;
};

// Fails only when the 4-byte header is missing. Relay messages (12, 13) are not unwrapped.
Parsed<Dhcpv6Message> parse_dhcpv6(Bytes bytes);

// "solicit", "advertise", "request", ... "relay-forw", "relay-repl", or "other".
const char* dhcpv6_message_type_name(std::uint8_t type);
// Messages a client sends: solicit, request, confirm, renew, rebind, release, decline,
// information-request.
bool is_dhcpv6_client_message(std::uint8_t type);

// The link-layer address of a DUID-LLT (type 1) or DUID-LL (type 3) with hardware type 1
// (Ethernet) and a 6-byte address.
std::optional<MacAddress> mac_from_duid(Bytes duid);

}  // namespace camsweep
