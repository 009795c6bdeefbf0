// Bosch "autodetect": the device search of Bosch video encoders and cameras on UDP 1757
// (format: research/vendor-discovery.md §2).
//
// Sources:
//   hawell/rcpplus@137998d2:src/device.c  autodetect(): request_template, the reply offsets, the
//       ports 1757 (autodetect), 1759 (address change), 1760 (command); src/device.h the ids
//   julienblitte/UniversalScanner@1be6e8be:UniversalScanner/Bosch.cs  BoschRequest (magic,
//       transactionID, requestMagic 0xff0006de), BoschBinaryResponse (32 bytes), the XML reply
//       told apart by size and read with regexes; Bosch.xml.selftest (@a8363c5a) a synthetic XML
//       reply; an early Bosch.cs (code index idx:45652873891) hard-codes the captured request
//       99 39 a4 27 60 08 ad 0a ff 00 06 de
//   https://pastebin.com/SpS7BacD  a real XML reply of a Bosch Dinion (research only; not stored)
//
// Request, 12 bytes, big-endian:
//   0x00 4  magic 99 39 a4 27
//   0x04 4  sequence, echoed in the binary reply (rcpplus: random; UniversalScanner: hh mm ss cs)
//   0x08 2  ff 00 in the captured request and UniversalScanner, 00 00 in rcpplus (meaning unknown)
//   0x0A 2  the UDP port replies go to (06 de = 1758 in the captured request; rcpplus writes the
//           ephemeral port it bound)
// Binary reply, 32 bytes (rcpplus autodetect(), UniversalScanner BoschBinaryResponse):
//   0x00 4  magic, 0x04 4 sequence echoed, 0x08 6 MAC, 0x0E 1 unknown,
//   0x0F 1  high nibble: legacy device id (1 NVR, 2 VJ8000, 3 VIP10, ...); 0xF: read byte 0x1F
//   0x10 4  IPv4, 0x14 4 mask, 0x18 4 gateway (network order)
//   0x1C 1  hardware type (0 video in, 1 video out, 2 in and out), 0x1D 1 active connections,
//   0x1E 1  unknown, 0x1F 1 hardware id when the nibble is 0xF (0x47 Dinion 1080P, ...)
// XML reply (newer firmware, a second datagram; rcpplus skips it, UniversalScanner reads every
// datagram that is not 32 bytes as XML): <root xmlns="OEMExt50:device-1-0"><device> with
// deviceType, friendlyName, unitName, serialNumber, physAddress ("00-04-63-37-03-86"),
// unitIPAddress, HTTPPort, ... No firmware field in either reply.
#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

constexpr std::uint8_t kMagic[] = {0x99, 0x39, 0xa4, 0x27};
constexpr std::size_t kSearchSize = 12;
constexpr std::size_t kBinaryReplySize = 32;
constexpr std::size_t kMaxElements = 64;
// Where a Bosch XML reply names its namespace: "<?xml ...?><root xmlns="OEMExt00:device-1-0">".
constexpr std::size_t kXmlSniffBytes = 256;

bool has_magic(Bytes b) { return b.size() >= 4 && std::equal(std::begin(kMagic), std::end(kMagic), b.begin()); }

std::string hex_byte(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", v & 0xffu);
    return buf;
}

IpAddress ipv4_at(Bytes four) {
    return IpAddress::v4((std::uint32_t{four[0]} << 24) | (std::uint32_t{four[1]} << 16) | (std::uint32_t{four[2]} << 8) | four[3]);
}

Parsed<BoschMessage> parse_binary(Bytes bytes) {
    using Result = Parsed<BoschMessage>;
    BoschMessage msg;
    ByteCursor cur(bytes);
    Bytes magic, flags, mac;
    if (!cur.bytes(4, magic) || !cur.be32(msg.sequence)) return Result::failure("Bosch autodetect header truncated");
    if (bytes.size() == kSearchSize) {
        if (!cur.bytes(2, flags) || !cur.be16(msg.reply_port)) return Result::failure("Bosch autodetect search truncated");
        msg.kind = BoschMessage::Kind::search;
        return msg;
    }
    if (bytes.size() != kBinaryReplySize)
        return Result::failure("Bosch autodetect message of " + std::to_string(bytes.size()) +
                               " bytes after the magic: a search is 12 bytes and a binary reply 32");
    Bytes ids, ip, mask_and_gateway, tail;
    if (!cur.bytes(6, mac) || !cur.bytes(2, ids) || !cur.bytes(4, ip) || !cur.bytes(8, mask_and_gateway) || !cur.bytes(4, tail))
        return Result::failure("Bosch autodetect reply truncated");
    msg.kind = BoschMessage::Kind::binary_reply;
    MacAddress m;
    std::copy(mac.begin(), mac.end(), m.octets.begin());
    msg.mac = m;
    msg.legacy_id = static_cast<std::uint8_t>(ids[1] >> 4);
    msg.ipv4 = ipv4_at(ip);
    msg.hardware_type = tail[0];
    msg.hardware_id = tail[3];
    return msg;
}

Parsed<BoschMessage> parse_xml(std::string_view text) {
    using Result = Parsed<BoschMessage>;
    pugi::xml_document doc;
    // No DOCTYPE processing: pugixml never expands custom entities, so entity bombs stay inert.
    auto result = doc.load_buffer(text.data(), text.size(), pugi::parse_default & ~pugi::parse_doctype);
    if (!result)
        return Result::failure(std::string("Bosch XML reply invalid at offset ") + std::to_string(result.offset) + ": " +
                               result.description());
    auto root = doc.document_element();
    auto device = root.child("device");
    if (std::string_view(root.name()) != "root" || !device)
        return Result::failure("Bosch XML reply has no <root><device> element (root is <" + printable(bounded_text(root.name(), 64)) +
                               ">)");
    BoschMessage msg;
    msg.kind = BoschMessage::Kind::xml_reply;
    for (auto child : device.children()) {
        if (child.type() != pugi::node_element) continue;
        if (msg.elements.size() >= kMaxElements) break;
        msg.elements.emplace_back(bounded_text(child.name(), 64), bounded_text(child.text().get()));
    }
    return msg;
}

}  // namespace

std::optional<std::string_view> BoschMessage::get(std::string_view name) const {
    for (const auto& [k, v] : elements)
        if (k == name) return std::string_view(v);
    return std::nullopt;
}

bool looks_like_bosch(Bytes bytes) {
    if (has_magic(bytes)) return true;
    // Claimed by content, so asked of every datagram (video included): an XML reply's first byte
    // is '<' or the white space trim() skips, and anything else is refused before the trim.
    if (bytes.empty()) return false;
    if (const std::uint8_t first = bytes[0]; first != '<' && first != ' ' && first != '\t' && first != '\r' && first != '\n') return false;
    std::string_view text = trim(as_text(bytes.first(std::min(bytes.size(), kXmlSniffBytes))));
    return (text.starts_with("<?xml") || text.starts_with("<root")) && text.find("xmlns=\"OEMExt") != std::string_view::npos;
}

Parsed<BoschMessage> parse_bosch(Bytes bytes) {
    if (has_magic(bytes)) return parse_binary(bytes);
    if (looks_like_bosch(bytes)) return parse_xml(as_text(bytes));
    return Parsed<BoschMessage>::failure("Bosch autodetect: neither the magic 99 39 a4 27 at offset 0 nor an OEMExt XML reply");
}

namespace {

constexpr std::pair<std::string_view, std::string_view> kXmlFields[] = {
    {"friendlyName", "bosch.friendly_name"},
    {"unitName", "bosch.unit_name"},
    {"deviceType", "bosch.device_type"},
    {"HTTPPort", "bosch.http_port"},
};

std::string hardware_type_name(std::uint8_t type) {
    switch (type) {
        case 0: return "video-in";
        case 1: return "video-out";
        case 2: return "video-in-out";
        default: return hex_byte(type);
    }
}

void add_mac(MessageFields& out, const std::optional<MacAddress>& mac) {
    if (!mac) return;
    out.add("bosch.mac", mac->to_string());
    if (mac->is_unicast_device()) out.add("id.mac", mac->to_string());
}

void add_ipv4(MessageFields& out, const std::optional<IpAddress>& ip) {
    if (!ip || ip->is_unspecified()) return;
    out.add("bosch.ipv4", ip->to_string());
    if (!ip->is_multicast_or_broadcast()) out.add("id.ipv4", ip->to_string());
}

ParseState bosch_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto msg = parse_bosch(message);
    if (!msg) return out.invalid(msg.error());
    switch (msg->kind) {
        case BoschMessage::Kind::search:
            out.add("bosch.message", "search");  // a search tool asking: no device identity
            return ParseState::complete;
        case BoschMessage::Kind::binary_reply:
            out.add("bosch.message", "reply");
            add_mac(out, msg->mac);
            add_ipv4(out, msg->ipv4);
            if (msg->legacy_id == 0xf) out.add("bosch.hardware_id", hex_byte(msg->hardware_id));
            else out.add("bosch.legacy_id", hex_byte(msg->legacy_id));
            out.add("bosch.hardware_type", hardware_type_name(msg->hardware_type));
            return ParseState::complete;
        case BoschMessage::Kind::xml_reply: break;
    }
    out.add("bosch.message", "reply");
    for (auto [element, key] : kXmlFields)
        if (auto v = msg->get(element)) out.add(std::string(key), std::string(*v));
    if (auto v = msg->get("serialNumber")) {
        out.add("bosch.serial", std::string(*v));
        out.add("id.serial", std::string(*v));  // the identity rule (inventory/identity) judges it
    }
    if (auto v = msg->get("physAddress")) add_mac(out, MacAddress::parse(trim(*v)));
    if (auto v = msg->get("unitIPAddress"))
        if (auto ip = IpAddress::parse(trim(*v)); ip && ip->family == IpAddress::Family::v4) add_ipv4(out, ip);
    return ParseState::complete;
}

// The first 8 hex digits of the message id as the sequence (replies echo it), 0 without them.
std::uint32_t sequence_of(std::string_view message_id) {
    std::uint32_t v = 0;
    std::size_t digits = 0;
    for (char c : message_id) {
        if (digits == 8) break;
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return 0;
        v = (v << 4) | static_cast<std::uint32_t>(d);
        ++digits;
    }
    return digits == 8 ? v : 0;
}

// The captured autodetect request (early UniversalScanner Bosch.cs, idx:45652873891; the same
// layout as rcpplus request_template and UniversalScanner BoschRequest): magic, a sequence the
// reply echoes, ff 00, and the port replies go to (the prober's, else 1758 as captured).
// Read-only: devices answer with their addresses and ids.
// NEVER SEND anything to UDP 1759 (rcpplus set_device_address: MAC + new IP/mask/gateway
// reconfigures the unit) or UDP 1760 (rcpplus broadcast_command: a command keyed by MAC).
std::vector<std::uint8_t> build_bosch_search(const RequestContext& context) {
    ByteWriter w;
    w.bytes(kMagic).be32(sequence_of(context.message_id)).u8(0xff).u8(0x00);
    w.be16(context.local_port != 0 ? context.local_port : kBoschReplyPort);
    return w.take();
}

constexpr std::uint16_t kPorts[] = {kBoschAutodetectPort, kBoschReplyPort};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor bosch = {
    .name = "bosch", .protocol = "bosch", .field_prefix = "bosch", .carrier = Carrier::udp, .claim = Claim::content,
    .ports = kPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_bosch>, .fields_of = bosch_fields_of,
    .build_request = build_bosch_search, .subnet_broadcast = true,
    .summary = "Bosch autodetect on UDP 1757 (99 39 a4 27 search and binary reply, OEMExt XML reply; replies on any port)"};
}  // namespace protocols

}  // namespace camsweep
