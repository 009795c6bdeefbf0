// Panasonic / i-PRO "Easy IP Setup": the search of Panasonic-brand security cameras and
// recorders (i-PRO since 2019) and of Panasonic AW- PTZ cameras; the tool sends from UDP 10669
// to 255.255.255.255:10670, devices broadcast their reply to UDP 10669
// (format: research/vendor-discovery.md §5).
//
// Sources:
//   Rickardjd/Easy_IP@8b3e2113:"Delete/Old Versions/easy_IP_broadcast.txt"  a Wireshark capture of
//       Easy IP Setup's own 94-byte search (10669 -> 10670), reproduced exactly by the builder below
//   Rickardjd/Easy_IP@5595600e:Wireshark/responses.txt  three captured replies of a WV-X22700-V2L
//       (D4:2D:C5:2A:8D:13, 192.168.1.101, serial XBV30463), broadcast from 10669 to 10669
//   julienblitte/UniversalScanner@43a0422c:UniversalScanner/Panasonic.cs  port 10670, answerPort
//       10669, the device MAC at offset 6, TLV types 0x20 IPv4, 0xa7 full name, 0xa8 short name
//   dPro-Software/PanasonicEasyIPsetupCore (research only): AW-HE130 values of the same TLVs
//
// Header, 48 bytes, big-endian, the same shape both ways:
//   0x00 2  00 01
//   0x02 2  length of the TLV area, from offset 48 up to the ff ff terminator
//   0x04 2  opcode: 00 0d search, 00 0e search reply (00 02 and 00 04 change settings)
//   0x06 6  search: the addressed MAC (00 = all); reply: the device's MAC
//   0x0C 6  the requester's MAC (echoed in replies)
//   0x12 4  the requester's IPv4 (echoed)
//   0x16 2  00 00
//   0x18 10 20 11 1e 11 23 1f 1e 19 13 00 (constant)
//   0x22 2  00 02 (Easy_IP.py: 02 is needed for recorders to answer)
//   0x24 1  search 01; reply 02 camera, 00 NX510 recorder [U]
//   0x25 11 00 in the search; the reply's byte 0x25 varies with the admin password state [U]
// Then TLVs type(2) length(2) value, ff ff, and a 2-byte checksum: the 16-bit sum of all bytes
// before it plus one in all three captures [U: inferred]; dPro sends 12 21 and UniversalScanner
// 00 00, so devices may not check it, and neither does this parser.
// Reply TLVs read here: 0x0020 IPv4, 0x0025 HTTP port, 0x00a7 device name ("WV-X22700-V2L"),
// 0x00a8 model ("X22700-V2L"), 0x00a9 firmware ("3.67"), 0x00d1 serial ("XBV30463"). The search's
// TLV 0xfff0 lists the types it asks for.
#include <algorithm>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kHeaderSize = 48;
constexpr std::uint16_t kTerminator = 0xffff;
constexpr std::size_t kMaxTlvs = 128;
constexpr std::uint8_t kHeaderConstant[] = {0x20, 0x11, 0x1e, 0x11, 0x23, 0x1f, 0x1e, 0x19, 0x13, 0x00};
// The types Easy IP Setup's captured search asks for (TLV 0xfff0).
constexpr std::uint16_t kRequestedTypes[] = {0x0020, 0x0021, 0x0022, 0x0023, 0x0025, 0x0028, 0x0040, 0x0041, 0x0042,
                                             0x0044, 0x00a5, 0x00a6, 0x00a7, 0x00a8, 0x00ad, 0x00b3, 0x00b4, 0x00b7, 0x00b8};

std::string hex16(std::uint16_t v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out = "0x";
    for (int shift = 12; shift >= 0; shift -= 4) out += kDigits[(v >> shift) & 0xf];
    return out;
}

MacAddress mac_of(Bytes six) {
    MacAddress m;
    std::copy(six.begin(), six.end(), m.octets.begin());
    return m;
}

}  // namespace

std::optional<Bytes> EasyIpMessage::get(std::uint16_t type) const {
    for (const auto& tlv : tlvs)
        if (tlv.type == type) return tlv.value;
    return std::nullopt;
}

std::uint16_t easyip_checksum(Bytes message) {
    std::uint32_t sum = 1;
    for (std::uint8_t b : message) sum += b;
    return static_cast<std::uint16_t>(sum);
}

bool looks_like_easyip(Bytes bytes) { return bytes.size() >= 6 && bytes[0] == 0x00 && bytes[1] == 0x01 && bytes[4] == 0x00; }

Parsed<EasyIpMessage> parse_easyip(Bytes bytes) {
    using Result = Parsed<EasyIpMessage>;
    ByteCursor cur(bytes);
    std::uint16_t magic = 0, tlv_length = 0;
    EasyIpMessage msg;
    Bytes target, requester, rest_of_header;
    if (!cur.be16(magic) || !cur.be16(tlv_length) || !cur.be16(msg.opcode) || !cur.bytes(6, target) || !cur.bytes(6, requester) ||
        !cur.bytes(kHeaderSize - 18, rest_of_header))
        return Result::failure("Easy IP Setup header truncated: " + std::to_string(bytes.size()) + " of 48 bytes");
    if (magic != 0x0001) return Result::failure("Easy IP Setup message does not start with 00 01");
    msg.target_mac = mac_of(target);
    msg.requester_mac = mac_of(requester);
    for (;;) {
        const std::size_t at = cur.offset();
        std::uint16_t type = 0, length = 0;
        if (!cur.be16(type)) return Result::failure("Easy IP Setup TLV list ends at offset " + std::to_string(at) + " without ff ff");
        if (type == kTerminator) {
            if (at - kHeaderSize != tlv_length)
                return Result::failure("Easy IP Setup TLV area ends at offset " + std::to_string(at) + " but the length field (offset 2) says " +
                                       std::to_string(tlv_length) + " bytes from offset 48");
            if (!cur.be16(msg.checksum)) return Result::failure("Easy IP Setup checksum missing after ff ff at offset " + std::to_string(at));
            return msg;
        }
        Bytes value;
        if (!cur.be16(length) || !cur.bytes(length, value))
            return Result::failure("Easy IP Setup TLV " + hex16(type) + " at offset " + std::to_string(at) + ": length " +
                                   std::to_string(length) + " runs past the " + std::to_string(bytes.size()) + "-byte message");
        if (msg.tlvs.size() < kMaxTlvs) msg.tlvs.push_back({type, value});
    }
}

namespace {

constexpr std::pair<std::uint16_t, std::string_view> kTextFields[] = {
    {0x00a7, "panasonic.name"},
    {0x00a8, "panasonic.model"},
    {0x00a9, "panasonic.firmware"},
};

ParseState panasonic_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto msg = parse_easyip(message);
    if (!msg) return out.invalid(msg.error());
    if (msg->opcode == kEasyIpSearch) {
        out.add("panasonic.message", "search");  // a setup tool asking: no device identity
        return ParseState::complete;
    }
    if (msg->opcode != kEasyIpSearchReply) {
        // A setting (0x0002, 0x0004) or its answer: it names the device it configures, not the sender.
        out.add("panasonic.message", "opcode " + hex16(msg->opcode));
        return ParseState::complete;
    }
    out.add("panasonic.message", "reply");
    // The device's MAC is in the header; the requester's MAC beside it is the tool's, never kept.
    out.add("panasonic.mac", msg->target_mac.to_string());
    if (msg->target_mac.is_unicast_device()) out.add("id.mac", msg->target_mac.to_string());
    if (auto v = msg->get(0x0020); v && v->size() == 4) {
        auto ip = IpAddress::v4((std::uint32_t{(*v)[0]} << 24) | (std::uint32_t{(*v)[1]} << 16) | (std::uint32_t{(*v)[2]} << 8) | (*v)[3]);
        if (!ip.is_unspecified()) {
            out.add("panasonic.ipv4", ip.to_string());
            if (!ip.is_multicast_or_broadcast()) out.add("id.ipv4", ip.to_string());
        }
    }
    for (auto [type, key] : kTextFields)
        if (auto v = msg->get(type)) out.add(std::string(key), bounded_text(as_text(*v)));
    if (auto v = msg->get(0x00d1)) {
        std::string serial = bounded_text(as_text(*v));
        out.add("panasonic.serial", serial);
        out.add("id.serial", serial);  // the identity rule (inventory/identity) judges it
    }
    if (auto v = msg->get(0x0025); v && v->size() == 2) {
        auto port = static_cast<std::uint16_t>(((*v)[0] << 8) | (*v)[1]);
        if (port != 0) out.add("panasonic.http_port", std::to_string(port));
    }
    return ParseState::complete;
}

// Easy IP Setup's own search, byte for byte as captured (easy_IP_broadcast.txt above): opcode
// 00 0d to all (target MAC zero), the requester's MAC and IPv4 (the prober's, zeros when not
// known), the constant header bytes, TLV 0xfff0 listing the types asked for, ff ff and the
// checksum. Sent from UDP 10669 to 255.255.255.255:10670; devices broadcast their reply to 10669.
// Read-only.
// NEVER SEND opcode 00 02 (sets IP, mask, gateway, DNS and port of the device with the target
// MAC) or 00 04 (its follow-up), nor any opcode but 00 0d.
std::vector<std::uint8_t> build_easyip_search(const RequestContext& context) {
    ByteWriter w;
    w.be16(0x0001).be16(0).be16(kEasyIpSearch).zeros(6);
    if (context.local_mac) w.mac(*context.local_mac);
    else w.zeros(6);
    if (context.local_ip && context.local_ip->family == IpAddress::Family::v4) w.ipv4(*context.local_ip);
    else w.zeros(4);
    w.zeros(2).bytes(kHeaderConstant).be16(0x0002).u8(0x01).zeros(11);
    const std::size_t tlv_start = w.size();
    w.be16(0xfff0).be16(static_cast<std::uint16_t>(2 * std::size(kRequestedTypes)));
    for (std::uint16_t type : kRequestedTypes) w.be16(type);
    w.patch_be16(2, static_cast<std::uint16_t>(w.size() - tlv_start));
    w.be16(kTerminator);
    w.be16(easyip_checksum(w.view()));
    return w.take();
}

constexpr std::uint16_t kPorts[] = {kEasyIpRequestPort, kEasyIpReplyPort};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor panasonic = {
    .name = "panasonic", .protocol = "panasonic", .field_prefix = "panasonic", .carrier = Carrier::udp,
    .claim = Claim::port_and_content, .ports = kPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_easyip>,
    .fields_of = panasonic_fields_of, .build_request = build_easyip_search,
    .summary = "Panasonic / i-PRO Easy IP Setup: opcode 000d search to UDP 10670, 000e TLV reply broadcast to UDP 10669"};
}  // namespace protocols

}  // namespace camsweep
