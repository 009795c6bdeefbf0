// Hanwha Vision (Samsung Techwin, Wisenet) device search: broadcast to UDP 7701, replies to UDP
// 7711 (format: research/protocols-active.md §1.6, the Hanwha row).
//
// Sources:
//   julienblitte/UniversalScanner@c44f5f93:UniversalScanner/Hanwha.cs  HanwhaHeader (262 bytes),
//       packet_type 0x01 request / 0x0b reply, the request all zeros but byte 0, port 7701 and
//       answerPort 7711
//   julienblitte/UniversalScanner@06fbf8ee:UniversalScanner/Hanwha.cs  a comment with two captured
//       requests of the vendor's tool (uninitialised bytes after byte 0) and the 262-byte answer
//       of a Samsung SND-6083 (MAC 00:16:6c:7d:75:6e, 172.16.125.55): bytes 1-18 and the tail
//       echo the request
//
// Layout (offsets from the start of the UDP payload; text fields NUL-padded ASCII):
//   0x00  1  packet type: 0x01 search, 0x0b reply
//   0x01 18  echoed from the request (unknown)
//   0x13 18  MAC as text "00:16:6C:7D:75:6E"
//   0x25 16  IPv4 as text, 0x35 16 mask, 0x45 16 gateway
//   0x55 24  unknown (the SND-6083 answer: zeros, then e2 50 00 00)
//   0x6D 10  model ("SND-6083")
//   0x77 14  unknown (the answer: 00 50 00 a8 ..., 0x0050 = 80 may be the HTTP port [U])
//   0x85 39  URL of the web interface ("http://172.16.125.55/index.htm")
//   0xAC ..  to 262 bytes: echoed from the request
#include <algorithm>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

constexpr std::uint8_t kSearch = 0x01;
constexpr std::uint8_t kReply = 0x0b;
constexpr std::size_t kMessageSize = 262;  // UniversalScanner HanwhaHeader Size = 262
constexpr std::size_t kFieldsEnd = 0xAC;   // end of the URL: a reply must hold every field

// The NUL-padded text field of `width` bytes at `offset` (the caller checked the size).
std::string text_at(Bytes b, std::size_t offset, std::size_t width) {
    ByteCursor cur(b);
    Bytes field;
    if (!cur.skip(offset) || !cur.bytes(width, field)) return {};
    return bounded_text(as_text(field));
}

}  // namespace

bool looks_like_hanwha(Bytes bytes) { return !bytes.empty() && (bytes[0] == kSearch || bytes[0] == kReply); }

Parsed<HanwhaMessage> parse_hanwha(Bytes bytes) {
    using Result = Parsed<HanwhaMessage>;
    if (bytes.empty()) return Result::failure("Hanwha discovery message is empty");
    HanwhaMessage msg;
    if (bytes[0] == kSearch) {
        // The vendor's tool sends 262 bytes with uninitialised memory after byte 0; any size will do.
        return msg;
    }
    if (bytes[0] != kReply)
        return Result::failure("Hanwha packet type at offset 0 is " + std::to_string(bytes[0]) + ", neither 0x01 (search) nor 0x0b (reply)");
    if (bytes.size() < kFieldsEnd)
        return Result::failure("Hanwha reply truncated: " + std::to_string(bytes.size()) + " bytes, the fields end at offset 0xAC (172)");
    msg.reply = true;
    msg.mac_text = text_at(bytes, 0x13, 18);
    msg.ipv4_text = text_at(bytes, 0x25, 16);
    msg.model = text_at(bytes, 0x6D, 10);
    msg.url = text_at(bytes, 0x85, 39);
    return msg;
}

namespace {

ParseState hanwha_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto msg = parse_hanwha(message);
    if (!msg) return out.invalid(msg.error());
    if (!msg->reply) {
        out.add("hanwha.message", "search");  // a search tool asking: no device identity
        return ParseState::complete;
    }
    out.add("hanwha.message", "reply");
    if (auto mac = MacAddress::parse(msg->mac_text)) {
        out.add("hanwha.mac", mac->to_string());
        if (mac->is_unicast_device()) out.add("id.mac", mac->to_string());
    }
    if (auto ip = IpAddress::parse(msg->ipv4_text); ip && ip->family == IpAddress::Family::v4 && !ip->is_unspecified()) {
        out.add("hanwha.ipv4", ip->to_string());
        if (!ip->is_multicast_or_broadcast()) out.add("id.ipv4", ip->to_string());
    }
    out.add("hanwha.model", msg->model);
    out.add("hanwha.url", msg->url);
    return ParseState::complete;
}

// UniversalScanner's search (Hanwha.cs sender): packet type 0x01 and 261 zero bytes, broadcast to
// UDP 7701; devices answer to UDP 7711 with their addresses and model. Read-only.
// NEVER SEND any other packet type: no public source describes the vendor tool's other
// messages (the address change of its IP installer), so none is built here.
std::vector<std::uint8_t> build_hanwha_search(const RequestContext&) {
    ByteWriter w;
    w.u8(kSearch).zeros(kMessageSize - 1);
    return w.take();
}

constexpr std::uint16_t kPorts[] = {kHanwhaSearchPort, kHanwhaReplyPort};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor hanwha = {
    .name = "hanwha", .protocol = "hanwha", .field_prefix = "hanwha", .carrier = Carrier::udp, .claim = Claim::port_and_content,
    .ports = kPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_hanwha>, .fields_of = hanwha_fields_of,
    .build_request = build_hanwha_search,
    .summary = "Hanwha Vision (Samsung Techwin) search: 0x01 to UDP 7701, 262-byte 0x0b reply to UDP 7711"};
}  // namespace protocols

}  // namespace camsweep
