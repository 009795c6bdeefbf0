// Sony's setup protocol: SNC network cameras on UDP 2380 and BRC/SRG PTZ cameras ("Camera IP
// Setting Command", the VISCA-over-IP setup) on UDP 52380 (format: research/vendor-discovery.md
// §4). One parser, two descriptors: each port has its own read-only enquiry.
//
// Frame (both ports): STX 0x02, units of ASCII text each closed by 0xff, ETX 0x03. A unit is
// KEY:VALUE, split at the FIRST ':' only (MACs and times hold more colons or dashes).
//
// SNC, UDP 2380 [V2]: julienblitte/UniversalScanner@280c44e7:UniversalScanner/Sony.cs (writePacket
//   of "ENQ:allinfo", readPacket; the reply keys MODEL, SERIAL, MAC, IPADR) and Sony.selftest (a
//   synthetic reply: MAC:aa-bb-cc-dd-ee-ff, MODEL, SERIAL, INFO:allinfo, DHCP, IPADR, MASK,
//   GATEWAY, DNSAUTO, DNS1, DNS2, WEBPORT, TIME, TIMEZONE, DTFORMAT, SOFTVERSION). The reply is
//   broadcast to the searcher's port (UniversalScanner doc/protocols.html). No real capture.
// BRC/SRG, UDP 52380 [V1, Sony command lists]: SRG-120DH Technical Manual p.33
//   (https://www.manualowl.com/m/Sony/SRG120DH/Manual/481285?page=33), SRG-H40UH p.42
//   (https://easymanua.ls/sony/srg-h40uh/manual/1593346?p=42), BRC-X400 p.41
//   (https://manualslook.com/ko/manual/5709199/page-41): Inquiry 02 "ENQ:network" ff 03 to
//   255.255.255.255:52380; Inquiry reply broadcast to :52380 with MAC:**-**-**-**-**-**,
//   MODEL:IPCARD, SOFTVERSION:**.**.**, IPADR, MASK, NAME:xxxxxxxx (8 characters), WRITE:on|off;
//   Network setting (MAC, IPADR, MASK, NAME: the camera whose MAC matches applies it) answered by
//   ACK:<mac> or NAK:<mac>.
#include <algorithm>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

constexpr std::uint8_t kStx = 0x02, kEtx = 0x03, kUnitEnd = 0xff;
constexpr std::size_t kMaxUnits = 64;
constexpr std::size_t kMaxKeyLength = 32;

}  // namespace

std::optional<std::string_view> SonyMessage::get(std::string_view key) const {
    for (const auto& [k, v] : units)
        if (k == key) return std::string_view(v);
    return std::nullopt;
}

bool looks_like_sony(Bytes bytes) {
    if (bytes.size() < 4 || bytes[0] != kStx || bytes[bytes.size() - 1] != kEtx || bytes[bytes.size() - 2] != kUnitEnd) return false;
    // The first unit starts with an upper-case key and a ':' ("ENQ:", "MAC:", "ACK:").
    std::size_t i = 1;
    while (i < bytes.size() && i <= kMaxKeyLength && ((bytes[i] >= 'A' && bytes[i] <= 'Z') || (bytes[i] >= '0' && bytes[i] <= '9'))) ++i;
    return i > 1 && i < bytes.size() && bytes[i] == ':';
}

Parsed<SonyMessage> parse_sony(Bytes bytes) {
    using Result = Parsed<SonyMessage>;
    if (bytes.size() < 2) return Result::failure("Sony setup message truncated: " + std::to_string(bytes.size()) + " bytes");
    if (bytes[0] != kStx) return Result::failure("Sony setup message does not start with STX 0x02");
    if (bytes[bytes.size() - 1] != kEtx) return Result::failure("Sony setup message does not end with ETX 0x03");
    SonyMessage msg;
    ByteCursor cur(bytes.subspan(1, bytes.size() - 2));
    while (!cur.empty()) {
        const std::size_t at = cur.offset() + 1;
        Bytes rest = cur.rest();
        auto end = std::find(rest.begin(), rest.end(), kUnitEnd);
        if (end == rest.end())
            return Result::failure("Sony setup unit at offset " + std::to_string(at) + " is not closed by 0xff before ETX");
        Bytes unit;
        cur.bytes(static_cast<std::size_t>(end - rest.begin()), unit);
        cur.skip(1);
        if (msg.units.size() >= kMaxUnits) continue;
        std::string_view text = as_text(unit);
        auto colon = text.find(':');
        std::string key = bounded_text(text.substr(0, colon), kMaxKeyLength);
        std::string value = colon == std::string_view::npos ? std::string() : bounded_text(text.substr(colon + 1));
        msg.units.emplace_back(std::move(key), std::move(value));
    }
    if (msg.units.empty()) return Result::failure("Sony setup message holds no unit");
    return msg;
}

namespace {

constexpr std::pair<std::string_view, std::string_view> kReplyFields[] = {
    {"MODEL", "sony.model"},
    {"SOFTVERSION", "sony.firmware"},
    {"NAME", "sony.name"},
};

void add_mac(MessageFields& out, std::string_view text) {
    auto mac = MacAddress::parse(trim(text));
    if (!mac) return;
    out.add("sony.mac", mac->to_string());
    if (mac->is_unicast_device()) out.add("id.mac", mac->to_string());
}

ParseState sony_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto msg = parse_sony(message);
    if (!msg) return out.invalid(msg.error());
    const auto& [first_key, first_value] = msg->units.front();
    if (first_key == "ENQ") {
        out.add("sony.message", "enquiry");  // a setup tool asking: no device identity
        out.add("sony.enquiry", first_value);
        return ParseState::complete;
    }
    if (first_key == "ACK" || first_key == "NAK") {
        // A camera's answer to a network setting, naming its own MAC.
        out.add("sony.message", first_key == "ACK" ? "ack" : "nak");
        add_mac(out, first_value);
        return ParseState::complete;
    }
    const bool describes_itself = msg->get("MODEL") || msg->get("SOFTVERSION") || msg->get("SERIAL") || msg->get("INFO");
    if (!describes_itself) {
        // MAC, IPADR, MASK, NAME without a model: a tool's network setting for the camera with
        // that MAC, which says nothing about the sender.
        out.add("sony.message", msg->get("MAC") ? "setting" : "other");
        return ParseState::complete;
    }
    out.add("sony.message", "reply");
    if (auto mac = msg->get("MAC")) add_mac(out, *mac);
    for (auto [key, field] : kReplyFields)
        if (auto v = msg->get(key)) out.add(std::string(field), std::string(*v));
    if (auto serial = msg->get("SERIAL")) {
        out.add("sony.serial", std::string(*serial));
        out.add("id.serial", std::string(*serial));  // the identity rule (inventory/identity) judges it
    }
    if (auto v = msg->get("IPADR"))
        if (auto ip = IpAddress::parse(trim(*v)); ip && ip->family == IpAddress::Family::v4 && !ip->is_unspecified()) {
            out.add("sony.ipv4", ip->to_string());
            if (!ip->is_multicast_or_broadcast()) out.add("id.ipv4", ip->to_string());
        }
    return ParseState::complete;
}

std::vector<std::uint8_t> enquiry(std::string_view what) {
    ByteWriter w;
    w.u8(kStx).text("ENQ:").text(what).u8(kUnitEnd).u8(kEtx);
    return w.take();
}

// SNC: 02 "ENQ:allinfo" ff 03 to UDP 2380, as UniversalScanner Sony.cs sends it. Read-only: the
// camera broadcasts its settings back.
// NEVER SEND anything but an ENQ unit: no public source describes the SNC setters.
std::vector<std::uint8_t> build_sony_snc_enquiry(const RequestContext&) { return enquiry("allinfo"); }

// BRC/SRG: the Inquiry 02 "ENQ:network" ff 03 to UDP 52380 (Sony command lists, above).
// Read-only: the camera broadcasts its Inquiry reply.
// NEVER SEND the "Network setting" packet (MAC + IPADR + MASK + NAME): the camera whose MAC
// matches applies the new address and name.
std::vector<std::uint8_t> build_sony_ipsetup_enquiry(const RequestContext&) { return enquiry("network"); }

constexpr std::uint16_t kSncPorts[] = {kSonySncPort};
constexpr std::uint16_t kIpSetupPorts[] = {kSonyIpSetupPort};

}  // namespace

namespace protocols {
// Listed before `sony` in the registry: both directions of the BRC/SRG setup use UDP 52380.
extern const ProtocolDescriptor sony_ipsetup = {
    .name = "sony_ipsetup", .protocol = "sony", .field_prefix = "sony", .carrier = Carrier::udp, .claim = Claim::port_and_content,
    .ports = kIpSetupPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_sony>, .fields_of = sony_fields_of,
    .build_request = build_sony_ipsetup_enquiry,
    .summary = "Sony BRC/SRG camera IP setting inquiry on UDP 52380 (STX, KEY:VALUE units closed by 0xff, ETX)"};
extern const ProtocolDescriptor sony = {
    .name = "sony", .protocol = "sony", .field_prefix = "sony", .carrier = Carrier::udp, .claim = Claim::content,
    .ports = kSncPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_sony>, .fields_of = sony_fields_of,
    .build_request = build_sony_snc_enquiry,
    .summary = "Sony SNC camera enquiry on UDP 2380 (STX, KEY:VALUE units closed by 0xff, ETX; replies on any port)"};
}  // namespace protocols

}  // namespace camsweep
