// Legacy Dahua binary device search on UDP 5050 (format: research/protocols-active.md §1.5.2,
// protocols-passive.md §2.7).
//
// Request, 32 bytes: a3 01 00 01 + 12×00 + 02 00 00 00 + 12×00 (mcw0/DahuaConsole net.py
// dh_discover "dvrip"; julienblitte/UniversalScanner Dahua1.cs `discover`); NeiroNx/python-dvr
// DeviceManager.py SearchDahua sends a3 01 00 00 ... 02 ... (byte 3 zero). mcw0 net.py
// dahua_proto(): "a3 01" DVRIP Discover Request, "b3 00" DVRIP Discover Response.
//
// Reply (offsets from the start of the UDP payload; multi-byte numbers little-endian):
//   0x00 u8   0xb3, 0x01 u8 0x00     UniversalScanner headerMagic u16 0x00b3; mcw0 "b3 00"
//   0x02 u16  section 2 length       UniversalScanner Dahua1.cs section2Len (dtohs)
//   0x04 u32  0x58 in answers        UniversalScanner comment (not checked here)
//   0x10 u32  0x02 in answers        UniversalScanner protocolVersion (not checked here)
//   0x14 u16  section 3 length       UniversalScanner section3Len (dtohs)
//   0x28 16 B host name, NUL-padded  mcw0 dh_data[8:24] "Hostname"; python-dvr data[32:56] "8s16s"
//                                    HostName (UniversalScanner calls the same bytes deviceType)
//   0x38 4 B  IPv4 address           network order: mcw0 unbinary_ip(dh_data[24:28]); UniversalScanner
//                                    ntohl(section1.ip); python-dvr "<I" then inet_ntoa(pack("I"))
//   0x3C/0x40/0x44 mask, gateway, DNS
//   0x5E u16  web (HTTP) port        mcw0 dh_data[62:64]
//   0x60 u16  HTTPS port             mcw0 dh_data[64:66]
//   0x62 u16  DVRIP TCP port         mcw0 dh_data[66:68]; python-dvr "<IIII26xH" over data[56:100]
//   0x68 u16  UDP port               mcw0 dh_data[72:74]
//   0x78      end of section 1 (UniversalScanner struct Size = 120; mcw0 ASCII from dh_data[88:])
//   section 2 (section-2 length bytes): the MAC as 17 characters "aa:bb:cc:dd:ee:ff", then the
//             model (UniversalScanner; python-dvr MAC data[120:137], Model data[137:])
//   section 3 (section-3 length bytes): text lines "Key:Value" split on \r\n or \n, e.g.
//             Name:…, Device:…, IPv6Addr:…, SerialNo:… (UniversalScanner parseSection3 and
//             Dahua1.selftest)
#include <algorithm>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kRequestSize = 32;
constexpr std::size_t kSection1Size = 0x78;
constexpr std::size_t kMacTextSize = 17;
constexpr std::size_t kMaxTextLines = 32;

// A little-endian u16 at a fixed offset, read through a cursor; 0 when out of range.
std::uint16_t le16_at(Bytes b, std::size_t at) {
    ByteCursor cur(b);
    Bytes two;
    if (!cur.skip(at) || !cur.bytes(2, two)) return 0;
    return static_cast<std::uint16_t>(two[0] | (two[1] << 8));
}

std::vector<std::pair<std::string, std::string>> parse_text_section(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> lines;
    while (!text.empty() && lines.size() < kMaxTextLines) {
        auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (auto colon = line.find(':'); colon != std::string_view::npos) {
            std::string key = bounded_text(line.substr(0, colon), 64);
            if (!key.empty()) lines.emplace_back(std::move(key), bounded_text(line.substr(colon + 1)));
        }
    }
    return lines;
}

}  // namespace

std::optional<std::string_view> Dahua5050Message::get(std::string_view key) const {
    for (const auto& [k, v] : text)
        if (k == key) return std::string_view(v);
    return std::nullopt;
}

bool looks_like_dahua5050(Bytes bytes) {
    return bytes.size() >= 2 && ((bytes[0] == 0xa3 && bytes[1] == 0x01) || (bytes[0] == 0xb3 && bytes[1] == 0x00));
}

Parsed<Dahua5050Message> parse_dahua5050(Bytes bytes) {
    using Result = Parsed<Dahua5050Message>;
    ByteCursor cur(bytes);
    std::uint8_t magic = 0, magic2 = 0;
    if (!cur.u8(magic) || !cur.u8(magic2)) return Result::failure("Dahua 5050 message truncated: " + std::to_string(bytes.size()) + " bytes");
    Dahua5050Message msg;
    if (magic == 0xa3 && magic2 == 0x01) {
        if (bytes.size() != kRequestSize)
            return Result::failure("Dahua 5050 search request of " + std::to_string(bytes.size()) + " bytes, expected 32");
        return msg;
    }
    if (magic != 0xb3 || magic2 != 0x00) return Result::failure("Dahua 5050 magic at offset 0 is neither a3 01 nor b3 00");
    if (bytes.size() < kSection1Size)
        return Result::failure("Dahua 5050 reply truncated: " + std::to_string(bytes.size()) + " of 120 header bytes");
    msg.reply = true;
    std::size_t section2 = le16_at(bytes, 2), section3 = le16_at(bytes, 0x14);
    if (kSection1Size + section2 + section3 > bytes.size())
        return Result::failure("Dahua 5050 section lengths " + std::to_string(section2) + " (offset 0x02) + " + std::to_string(section3) +
                               " (offset 0x14) exceed the " + std::to_string(bytes.size() - kSection1Size) + " bytes after the header");
    Bytes name, ip, s2, s3;
    ByteCursor at(bytes);
    if (!at.skip(0x28) || !at.bytes(16, name) || !at.bytes(4, ip)) return Result::failure("Dahua 5050 reply truncated at offset 0x28");
    msg.hostname = bounded_text(as_text(name));
    msg.ipv4 = IpAddress::v4((std::uint32_t{ip[0]} << 24) | (std::uint32_t{ip[1]} << 16) | (std::uint32_t{ip[2]} << 8) | ip[3]);
    msg.http_port = le16_at(bytes, 0x5E);
    msg.tcp_port = le16_at(bytes, 0x62);
    ByteCursor sections(bytes);
    if (!sections.skip(kSection1Size) || !sections.bytes(section2, s2) || !sections.bytes(section3, s3))
        return Result::failure("Dahua 5050 sections truncated after offset 0x78");
    std::string_view second = as_text(s2);
    msg.mac_text = bounded_text(second.substr(0, std::min(second.size(), kMacTextSize)), kMacTextSize);
    msg.mac = MacAddress::parse(msg.mac_text);
    if (second.size() > kMacTextSize) msg.model = bounded_text(second.substr(kMacTextSize));
    msg.text = parse_text_section(as_text(s3));
    return msg;
}

namespace {

ParseState dahua5050_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto d = parse_dahua5050(message);
    if (!d) return out.invalid(d.error());
    if (!d->reply) {
        out.add("d5050.message", "search");  // a search tool asking: no device identity
        return ParseState::complete;
    }
    out.add("d5050.message", "reply");
    out.add("d5050.hostname", d->hostname);
    std::string model = d->model;
    if (model.empty())
        if (auto device = d->get("Device")) model = std::string(*device);
    out.add("d5050.device_type", model);
    if (auto name = d->get("Name")) out.add("d5050.name", std::string(*name));
    if (auto serial = d->get("SerialNo")) {
        out.add("d5050.serial", std::string(*serial));
        out.add("id.serial", std::string(*serial));  // the identity rule (inventory/identity) judges it
    }
    if (d->mac) {
        out.add("d5050.mac", d->mac->to_string());
        if (d->mac->is_unicast_device()) out.add("id.mac", d->mac->to_string());
    }
    if (d->ipv4 && !d->ipv4->is_unspecified()) {
        out.add("d5050.ipv4", d->ipv4->to_string());
        if (!d->ipv4->is_multicast_or_broadcast()) out.add("id.ipv4", d->ipv4->to_string());
    }
    if (d->http_port != 0) out.add("d5050.http_port", std::to_string(d->http_port));
    if (d->tcp_port != 0) out.add("d5050.tcp_port", std::to_string(d->tcp_port));
    return ParseState::complete;
}

// The search of mcw0/DahuaConsole net.py (research/protocols-active.md §1.5.2): a3 01 00 01,
// twelve zero bytes, 02 00 00 00, twelve zero bytes. Read-only: devices answer with 0xb3.
std::vector<std::uint8_t> build_dahua5050_search(const RequestContext&) {
    ByteWriter w;
    w.u8(0xa3).u8(0x01).u8(0x00).u8(0x01).zeros(12).le32(2).zeros(12);
    return w.take();
}

constexpr std::uint16_t kPorts[] = {kDahua5050Port};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor dahua5050 = protocol_named(
    "dahua5050", {.field_prefix = "d5050", .claim = Claim::port_and_content, .ports = kPorts, .tier = EvidenceTier::discovery,
                  .looks_like = by_content<looks_like_dahua5050>, .fields_of = dahua5050_fields_of, .build_request = build_dahua5050_search,
                  .summary = "Dahua legacy binary search on UDP 5050 (0xa3 request, 0xb3 reply)"});
}  // namespace protocols

}  // namespace camsweep
