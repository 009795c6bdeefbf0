#pragma once
// The protocol seam: one descriptor per protocol, shared by both front ends. A descriptor says
// how a message of the protocol travels (carrier, default ports), how to recognise one cheaply
// (looks_like), how to read its fields from bytes alone (fields_of: pure, no pcap types), how
// much those fields say about a device (tier), and, for protocols the prober may send, how to
// build the request. The passive adapters (dissect_datagram, the stream reassembler), the
// correlator's eviction tiers, the fuzz target, the fuzz corpus ports and `camsweep protocols`
// (the field documentation's index) all read the registry; adding a protocol is a file in
// src/dissect/ with its descriptor, one line in registry.cpp, and its tests.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/core/observation.hpp"
#include "camsweep/core/result.hpp"

namespace camsweep {

// How much of a client's first request a stream keeps for reading the server's reply: a request
// line and the first headers.
inline constexpr std::size_t kRequestHeadBytes = 512;

// What is known of one message besides its bytes: who sent it to whom, when. The passive side
// fills it from a decoded packet or a reassembled stream, the prober from its socket.
struct MessageMeta {
    double time = 0;
    std::optional<MacAddress> src_mac;
    std::optional<IpAddress> src_ip, dst_ip;
    std::uint16_t src_port = 0, dst_port = 0;
    std::uint16_t ethertype = 0;  // frames carried directly over Ethernet (Carrier::ethernet)
    // Streams: sent by the side that opened the connection (or the higher port when the SYN was
    // not seen). Datagrams: not used.
    bool from_client = true;
    // Streams: no more bytes will come (FIN/RST, the byte cap, the end of a capture or a probe's
    // deadline), so read what is there now.
    bool final = true;
    // Streams, the server's side: the start of the first request the client sent on this
    // connection (at most kRequestHeadBytes), so that a reply is read with the request it
    // answers; empty when it was not seen.
    std::string_view request;

    bool has_port(std::uint16_t port) const { return src_port == port || dst_port == port; }
};

// What one message says. `state` and `error` follow the one convention (core/result.hpp); an
// invalid message keeps the fields read before the problem (e.g. a truncated option).
struct MessageFields {
    ParseState state = ParseState::complete;
    std::string error;
    FieldList fields;
    // Set when the message describes another endpoint than its sender: an ARP sender's
    // addresses, the client a DHCP server answers.
    std::optional<Endpoint> subject;

    void add(std::string key, std::string value) { fields.add(std::move(key), std::move(value)); }
    // Records why the message cannot be read; returns ParseState::invalid for `return out.invalid(...)`.
    ParseState invalid(std::string why) {
        error = std::move(why);
        return state = ParseState::invalid;
    }
};

// Adapts a reader that returns its problem as text ("" when none), keeping the fields it read
// before the problem, to fields_of.
template <std::string (*Read)(Bytes, const MessageMeta&, MessageFields&)>
ParseState fields_of_reader(Bytes message, const MessageMeta& meta, MessageFields& out) {
    std::string problem = Read(message, meta, out);
    if (problem.empty()) return ParseState::complete;
    return out.invalid(std::move(problem));
}

// Header lines captured per message beyond the named ones (add_header_fields).
inline constexpr std::size_t kMaxGenericHeaders = 24;

// Generic capture: every header in `headers` that has no named field of its own (`named`,
// compared case-insensitively) as "<prefix>.header.<lower-case name>", in order, at most
// kMaxGenericHeaders per message.
void add_header_fields(std::span<const std::pair<std::string, std::string>> headers, std::string_view prefix,
                       std::span<const std::string_view> named, MessageFields& out);

// A looks_like that needs only the bytes.
template <bool (*Test)(Bytes)>
bool by_content(const MessageMeta&, Bytes first_bytes) {
    return Test(first_bytes);
}

// How a protocol's messages travel.
enum class Carrier : std::uint8_t {
    ethernet,   // a frame's payload after the EtherType (ports hold EtherTypes)
    udp,        // one datagram's payload
    tcp,        // the in-order prefix of one direction of a stream
    // The body of an HTTP response the prober fetched (passive reads heads only): an ONVIF SOAP
    // reply, a UPnP description. Whole and final (the prober's HTTP client has cut it at its
    // size bound), delivered once with the server as the sender; the passive adapters never
    // offer these protocols a packet or a stream. The prober picks the protocol by name
    // (find_protocol) for what it asked for; `claims` by content is for tools and the fuzzer.
    http_body,
};

// How a datagram or frame is claimed by a protocol (streams are claimed by content alone).
enum class Claim : std::uint8_t {
    port,              // sent from or to one of its ports; malformed content is reported as such
    port_and_content,  // one of its ports and looks_like
    content,           // looks_like on any port (replies to a search go to ephemeral ports)
};

// What a request builder may use: a fresh message id (a UUID text, for protocols that echo one)
// and the address it goes to (for a Host header), when known; and the prober's own addresses on
// the interface the request leaves by, for requests that carry them (Panasonic Easy IP Setup
// writes the requester's MAC and IPv4, Bosch autodetect the UDP port replies go to). Builders
// write zeros or their protocol's usual value for what is not known.
struct RequestContext {  // every member has a default: designated initializers name only what they set
    std::string_view message_id{};
    std::optional<IpAddress> target{};
    std::uint16_t target_port = 0;
    std::optional<MacAddress> local_mac{};
    std::optional<IpAddress> local_ip{};
    std::uint16_t local_port = 0;
};

struct ProtocolDescriptor {
    std::string_view name{};          // unique: the registry's, the fuzz target's and `camsweep protocols`' key
    std::string_view protocol{};      // Observation::protocol (SADP over UDP and over Ethernet are both "sadp")
    std::string_view field_prefix{};  // of its field keys ("xm" for "xm.serial"), besides the id.* keys
    Carrier carrier = Carrier::udp;
    Claim claim = Claim::port;
    std::span<const std::uint16_t> ports{};  // default ports (ethernet: EtherTypes)
    EvidenceTier tier = EvidenceTier::network;
    // A cheap look at the first bytes (at least one) and the ports: could this be the protocol?
    bool (*looks_like)(const MessageMeta& meta, Bytes first_bytes) = nullptr;
    // Reads one message (a stream's prefix may be called again as it grows). Pure.
    ParseState (*fields_of)(Bytes message, const MessageMeta& meta, MessageFields& out) = nullptr;
    // The read-only query the prober sends (a search, an M-SEARCH, a Probe); null when the
    // protocol is only listened to.
    std::vector<std::uint8_t> (*build_request)(const RequestContext& context) = nullptr;
    // Where the prober's multicast discovery sends that request besides unicast (docs/scan.md,
    // "Multicast and broadcast discovery"): the link-local groups (address literals of either
    // family) its makers' tools search, and whether the search goes to each interface's
    // subnet-directed broadcast address (the protocols whose tools send to 255.255.255.255).
    std::span<const std::string_view> multicast_groups{};
    bool subnet_broadcast = false;
    // Fixed UDP ports answers come back to instead of the requester's port (Panasonic broadcasts
    // to 10669, Hanwha answers on 7711): the prober listens there too, joined to the IPv4 groups.
    std::span<const std::uint16_t> reply_ports{};
    std::string_view summary{};  // one line for `camsweep protocols` and docs/fields.md

    bool claims(const MessageMeta& meta, Bytes bytes) const;
};

// The descriptor `d` under the registry name `name`; its Observation::protocol and field prefix
// are the name too unless `d` gives them (most protocols use one name for all three).
constexpr ProtocolDescriptor protocol_named(std::string_view name, ProtocolDescriptor d) {
    d.name = name;
    if (d.protocol.empty()) d.protocol = name;
    if (d.field_prefix.empty()) d.field_prefix = name;
    return d;
}

// A reader of HTTP response bodies the prober fetches (ONVIF replies, UPnP descriptions, vendor
// endpoints): carried by HTTP bodies, claimed by content, no default ports (passive analysis
// never offers it a packet).
constexpr ProtocolDescriptor http_body_reader(std::string_view name, ProtocolDescriptor d) {
    d.carrier = Carrier::http_body;
    d.claim = Claim::content;
    return protocol_named(name, d);
}

// Every registered protocol, in the order they are tried (the first that claims a message wins).
std::span<const ProtocolDescriptor* const> all_protocols();
const ProtocolDescriptor* find_protocol(std::string_view name);
std::vector<const ProtocolDescriptor*> protocols_carried_by(Carrier carrier);

// Reads one message with the protocol's fields_of into `obs`: its fields, and its endpoint when
// the message names another subject. `obs.protocol` and `obs.tier` are set from the descriptor.
ParseState read_message(const ProtocolDescriptor& protocol, Bytes message, const MessageMeta& meta, Observation& obs,
                        std::string& error);
// The second half of read_message, for fields read earlier: they go into `obs` as read_message
// puts them there.
void take_fields(const ProtocolDescriptor& protocol, MessageFields&& fields, Observation& obs, std::string& error);

}  // namespace camsweep
