// Hikvision SADP directly over Ethernet, EtherType 0x8033 (research/protocols-active.md §1.4,
// protocols-passive.md §2.6). DecodedPacket.network holds the bytes after the EtherType.
//
// Header, 0x26 = 38 bytes (themactep/hiktools lua/sadp.lua, hiktools/csadp/analyzer.py parse()
// and sender.py packet(); the device side in LLLL-M/privateCodeforItsc ARM/trunk/sadp/sadp.h
// struct sadp_header, a Hikvision traffic-signal controller):
//   0x00 u8   marker 0x21 (sadp.h SADP_IDENTIFIER)
//   0x01 u8   packet type (hiktools: 1 response, 2 request; sadp.h SADP_VERSION 0x02 in replies too)
//   0x02 u8   0x01 (sadp.h SADP_SERIES)
//   0x03 u8   hiktools: origin, high nibble 0xF sent by a device, 0x4 sent by the SADP tool
//             (the tool sends 01 42); sadp.h: sadp_len = 38 + payload bytes (0x42 = 66 for the
//             tool's 28-byte inquiry payload, 0xF6 = 38 + 208 for a device's InquiryResponse)
//   0x04 u32  sequence / counter, big-endian
//   0x08 u8×2 06 04 (sadp.h hardware and protocol address lengths; hiktools "marker2" 0x0406)
//   0x0A u8   query type: 02 DeviceOnlineRequest, 03 Inquiry, 04 InquiryResponse, 06 UpdateIP,
//             07 UpdateIPResponse, 0a ResetPassword, 0b ResetPasswordResponse, 0c CMSInfo,
//             0d CMSInfoResponse, 10 ModifyNetParam, 11 ModifyNetParamResponse (hiktools sadp.lua)
//   0x0B u8   query parameters
//   0x0C u16  checksum (one's complement over the message, sadp.c sadp_check_sum)
//   0x0E 6 B  sender MAC            0x14 4 B sender IPv4
//   0x18 6 B  destination MAC       0x1E 4 B destination IPv4
//   0x22 4 B  subnet mask
//   0x26 ...  payload
// InquiryResponse payload, sadp.h dev_info (filled by sadp.c make_sadp_packet, numbers htonl):
//   0x00 char[48] serial, 0x30 u32 device type, 0x34 u32 command port, 0x38 u32 encoder count,
//   0x3C u32 disk count, 0x40 char[48] software version, 0x70 char[48] DSP software version,
//   0xA0 char[48] start (boot) time; 208 bytes. The same sadp.c writes these values into the
//   UDP 37020 XML as DeviceSN, DeviceType, CommandPort, SoftwareVersion and DSPVersion, which is
//   why they share the sadp.* keys of the XML dissector.

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kHeaderSize = 0x26;
constexpr std::size_t kDevInfoSize = 208;
constexpr std::size_t kDevInfoText = 48;

constexpr std::uint8_t kDeviceOnlineRequest = 0x02;
constexpr std::uint8_t kInquiryResponse = 0x04;

constexpr std::pair<std::uint8_t, std::string_view> kQueryNames[] = {
    {0x02, "DeviceOnlineRequest"}, {0x03, "Inquiry"},         {0x04, "InquiryResponse"},
    {0x06, "UpdateIP"},            {0x07, "UpdateIPResponse"}, {0x0a, "ResetPassword"},
    {0x0b, "ResetPasswordResponse"}, {0x0c, "CMSInfo"},        {0x0d, "CMSInfoResponse"},
    {0x10, "ModifyNetParam"},      {0x11, "ModifyNetParamResponse"},
};

bool read_mac(ByteCursor& cur, MacAddress& out) {
    Bytes six;
    if (!cur.bytes(6, six)) return false;
    for (std::size_t i = 0; i < 6; ++i) out.octets[i] = six[i];
    return true;
}

bool read_ipv4(ByteCursor& cur, IpAddress& out) {
    std::uint32_t word = 0;
    if (!cur.be32(word)) return false;
    out = IpAddress::v4(word);
    return true;
}

bool read_text(ByteCursor& cur, std::string& out) {
    Bytes text;
    if (!cur.bytes(kDevInfoText, text)) return false;
    out = bounded_text(as_text(text));
    return true;
}

std::optional<SadpL2DeviceInfo> parse_dev_info(Bytes payload) {
    ByteCursor cur(payload);
    SadpL2DeviceInfo info;
    std::uint32_t encoders = 0, disks = 0;
    if (!read_text(cur, info.serial) || !cur.be32(info.device_type) || !cur.be32(info.command_port) || !cur.be32(encoders) ||
        !cur.be32(disks) || !read_text(cur, info.software_version) || !read_text(cur, info.dsp_version) ||
        !read_text(cur, info.boot_time))
        return std::nullopt;
    return info;
}

}  // namespace

bool SadpL2Message::sent_by_device() const {
    return (query_type == kDeviceOnlineRequest || query_type == kInquiryResponse) && origin != SadpL2Origin::tool;
}

std::string sadp_l2_query_name(std::uint8_t query_type) {
    for (auto [code, name] : kQueryNames)
        if (code == query_type) return std::string(name);
    return hex_literal(query_type, 2);
}

Parsed<SadpL2Message> parse_sadp_l2(Bytes bytes) {
    using Result = Parsed<SadpL2Message>;
    ByteCursor cur(bytes);
    SadpL2Message msg;
    std::uint8_t marker = 0, series = 0, hw_len = 0, proto_len = 0;
    if (!cur.u8(marker) || !cur.u8(msg.packet_type) || !cur.u8(series) || !cur.u8(msg.length) || !cur.be32(msg.sequence) ||
        !cur.u8(hw_len) || !cur.u8(proto_len) || !cur.u8(msg.query_type) || !cur.u8(msg.query_params) || !cur.be16(msg.checksum) ||
        !read_mac(cur, msg.src_mac) || !read_ipv4(cur, msg.src_ip) || !read_mac(cur, msg.dst_mac) || !read_ipv4(cur, msg.dst_ip) ||
        !read_ipv4(cur, msg.subnet_mask))
        return Result::failure("SADP L2 header truncated: " + std::to_string(bytes.size()) + " of 38 bytes");
    if (marker != 0x21) return Result::failure("SADP L2 marker at offset 0 is not 0x21");
    if (hw_len != 6 || proto_len != 4) return Result::failure("SADP L2 address lengths at offset 0x08 are not 06 04");
    if (msg.length < kHeaderSize || msg.length > bytes.size())
        return Result::failure("SADP L2 length field " + std::to_string(msg.length) + " (offset 0x03) but the message has " +
                               std::to_string(bytes.size()) + " bytes and the header 38");
    switch (msg.length >> 4) {
        case 0xF: msg.origin = SadpL2Origin::device; break;
        case 0x4: msg.origin = SadpL2Origin::tool; break;
        default: msg.origin = SadpL2Origin::unknown; break;
    }
    // Ethernet padding after `length` bytes is not part of the message.
    Bytes payload;
    cur.bytes(msg.length - kHeaderSize, payload);
    if (msg.query_type == kInquiryResponse && payload.size() >= kDevInfoSize) msg.device = parse_dev_info(payload);
    return msg;
}

namespace {

ParseState sadp_l2_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto sadp = parse_sadp_l2(message);
    if (!sadp) return out.invalid(sadp.error());
    out.add("sadp.message", "L2 " + sadp_l2_query_name(sadp->query_type));
    if (!sadp->sent_by_device()) return ParseState::complete;  // the SADP tool asking or configuring: no device identity
    std::string mac = sadp->src_mac.to_string();
    out.add("sadp.mac", mac);
    if (sadp->src_mac.is_unicast_device()) out.add("id.mac", mac);
    if (!sadp->src_ip.is_unspecified()) {
        out.add("sadp.ipv4", sadp->src_ip.to_string());
        if (!sadp->src_ip.is_multicast_or_broadcast()) out.add("id.ipv4", sadp->src_ip.to_string());
    }
    if (const auto& info = sadp->device) {
        out.add("sadp.device_sn", info->serial);
        out.add("id.serial", info->serial);  // the identity rule (inventory/identity) judges it
        out.add("sadp.device_type", std::to_string(info->device_type));
        if (info->command_port != 0 && info->command_port <= 65535) out.add("sadp.command_port", std::to_string(info->command_port));
        out.add("sadp.software_version", info->software_version);
        out.add("sadp.dsp_version", info->dsp_version);
        out.add("sadp.boot_time", info->boot_time);
    }
    return ParseState::complete;
}

bool looks_like_sadp_l2(Bytes first) { return first.size() >= 2 && first[0] == 0x21; }

constexpr std::uint16_t kEtherTypes[] = {kEtherSadp};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor sadp_l2 = protocol_named(
    "sadp-l2", {.protocol = "sadp", .field_prefix = "sadp", .carrier = Carrier::ethernet, .ports = kEtherTypes, .tier = EvidenceTier::discovery,
                .looks_like = by_content<looks_like_sadp_l2>, .fields_of = sadp_l2_fields_of,
                .summary = "Hikvision SADP directly over Ethernet (EtherType 0x8033)"});
}  // namespace protocols

}  // namespace camsweep
