// Vivotek device search on UDP 10000 (format: research/vendor-discovery.md §3).
//
// Source: julienblitte/UniversalScanner@1da55489:UniversalScanner/Vivotek.cs (the only public
// one; its commit ccadc9d says "Vivotek tested"): VivotekHeader, readNextValue, sender; and
// Vivotek.selftest, a synthetic reply transcribed in the research note:
//   02 4a5d8f1c | 01 11 "Virtual-Virtual-1" | 02 06 001122334455 | 03 04 f0000a00 | 04 1b |
//   06 02 5000 | 08 02 "en" | 09 07 "Virtual" | 10 04 03008200 | 0a 01 00 | 05 04 00000000
//
// Header, 5 bytes: a session byte (a counter from 1), then the magic 4a 5d 8f 1c. A search is the
// bare header; a reply (unicast to the searcher's address and port) repeats it and adds records
// type(1) length(1) value, except type 0x04, whose one value byte follows the type directly.
// Type 0x00 ends the records. Types: 0x01 long name, 0x02 MAC (6), 0x03 IPv4 (4), 0x09 short name
// (the model); 0x04, 0x05, 0x06 (50 00, the HTTP port LE?), 0x08 ("en"), 0x0a, 0x10 unknown.
#include <algorithm>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

constexpr std::uint8_t kMagic[] = {0x4a, 0x5d, 0x8f, 0x1c};
constexpr std::size_t kHeaderSize = 5;
constexpr std::size_t kMaxRecords = 64;
constexpr std::uint8_t kTypeEnd = 0x00, kTypeLongName = 0x01, kTypeMac = 0x02, kTypeIpv4 = 0x03, kTypeOneByte = 0x04,
                       kTypeModel = 0x09;

bool has_magic(Bytes b) { return b.size() >= kHeaderSize && std::equal(std::begin(kMagic), std::end(kMagic), b.begin() + 1); }

}  // namespace

bool looks_like_vivotek(Bytes bytes) { return has_magic(bytes); }

Parsed<VivotekMessage> parse_vivotek(Bytes bytes) {
    using Result = Parsed<VivotekMessage>;
    if (bytes.size() < kHeaderSize) return Result::failure("Vivotek header truncated: " + std::to_string(bytes.size()) + " of 5 bytes");
    if (!has_magic(bytes)) return Result::failure("Vivotek magic 4a 5d 8f 1c not at offset 1");
    VivotekMessage msg;
    ByteCursor cur(bytes);
    Bytes magic;
    cur.u8(msg.session);
    cur.bytes(4, magic);
    if (cur.empty()) return msg;  // a search
    msg.reply = true;
    for (std::size_t n = 0; !cur.empty() && n < kMaxRecords; ++n) {
        const std::size_t at = cur.offset();
        std::uint8_t type = 0, length = 0;
        Bytes value;
        cur.u8(type);
        if (type == kTypeEnd) break;
        if (type == kTypeOneByte) {
            if (!cur.bytes(1, value)) return Result::failure("Vivotek record type 0x04 at offset " + std::to_string(at) + " has no value byte");
            continue;
        }
        if (!cur.u8(length)) return Result::failure("Vivotek record at offset " + std::to_string(at) + " ends before its length byte");
        if (!cur.bytes(length, value))
            return Result::failure("Vivotek record type " + std::to_string(type) + " at offset " + std::to_string(at) + ": length " +
                                   std::to_string(length) + " but " + std::to_string(cur.remaining()) + " bytes remain");
        switch (type) {
            case kTypeLongName: msg.long_name = bounded_text(as_text(value)); break;
            case kTypeModel: msg.model = bounded_text(as_text(value)); break;
            case kTypeMac:
                if (value.size() == 6) {
                    MacAddress m;
                    std::copy(value.begin(), value.end(), m.octets.begin());
                    msg.mac = m;
                }
                break;
            case kTypeIpv4:
                if (value.size() == 4)
                    msg.ipv4 = IpAddress::v4((std::uint32_t{value[0]} << 24) | (std::uint32_t{value[1]} << 16) |
                                             (std::uint32_t{value[2]} << 8) | value[3]);
                break;
            default: break;
        }
    }
    return msg;
}

namespace {

ParseState vivotek_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto msg = parse_vivotek(message);
    if (!msg) return out.invalid(msg.error());
    if (!msg->reply) {
        out.add("vivotek.message", "search");  // a search tool asking: no device identity
        return ParseState::complete;
    }
    out.add("vivotek.message", "reply");
    out.add("vivotek.name", msg->long_name);
    out.add("vivotek.model", msg->model);
    if (msg->mac) {
        out.add("vivotek.mac", msg->mac->to_string());
        if (msg->mac->is_unicast_device()) out.add("id.mac", msg->mac->to_string());
    }
    if (msg->ipv4 && !msg->ipv4->is_unspecified()) {
        out.add("vivotek.ipv4", msg->ipv4->to_string());
        if (!msg->ipv4->is_multicast_or_broadcast()) out.add("id.ipv4", msg->ipv4->to_string());
    }
    return ParseState::complete;
}

// UniversalScanner's search (Vivotek.cs sender): the session byte (its counter starts at 1) and
// the magic, broadcast to UDP 10000. Read-only: devices answer with their name, MAC, IPv4, model.
// NEVER SEND anything else to UDP 10000: no Vivotek setter is documented, and Foscam/Wansview
// cameras listen on the same port for "MO_I" messages whose opcode 2 (Init_Req) reconfigures
// them (research/vendor-discovery.md §7.1).
std::vector<std::uint8_t> build_vivotek_search(const RequestContext&) {
    ByteWriter w;
    w.u8(0x01).bytes(kMagic);
    return w.take();
}

constexpr std::uint16_t kPorts[] = {kVivotekPort};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor vivotek = {
    .name = "vivotek", .protocol = "vivotek", .field_prefix = "vivotek", .carrier = Carrier::udp, .claim = Claim::content,
    .ports = kPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_vivotek>, .fields_of = vivotek_fields_of,
    .build_request = build_vivotek_search,
    .summary = "Vivotek search on UDP 10000 (magic 4a 5d 8f 1c at offset 1; TLV reply on any port)"};
}  // namespace protocols

}  // namespace camsweep
