// Ubiquiti discovery ("UBNT", UniFi/airOS/EdgeOS and UniFi Protect cameras) on UDP 10001
// (format: research/vendor-discovery.md §6).
//
// Sources:
//   nmap/nmap@7435c07e:scripts/ubiquiti-discovery.nse  PROBE_V1 01 00 00 00, PROBE_V2 02 08 00 00,
//       parse_discovery_response (version/command checks, length + 4 = datagram size, the TLV
//       types); nmap-service-probes UbiquitiDiscoveryv1/v2 (same payloads)
//   antoine-lombardo/unifi-cam-proxy@484246be:adoption-flow.md  a captured reply of a UVC G3 Flex
//       (camera:10001 -> controller:41117, the requester's port; the MAC and device id partly
//       redacted there)
//   wireshark/wireshark epan/dissectors/packet-ubdp.c, uilibs/unifi-discovery (research only)
//
// Header, 4 bytes: version, command, length (BE) of the records that follow; length + 4 is the
// datagram size. Version 1 with command 00; version 2 with commands 06, 09, 0b in replies and 08
// in the v2 probe; version 0 with a non-zero length from UniFi NVRs. A search has no records.
// Records: type(1) length(2 BE) value. 01 MAC; 02 MAC + IPv4 (10, one per address); 03 firmware;
// 04 IPv4; 06-09 username, salt, challenges (authentication material: never kept); 0a uptime;
// 0b hostname; 0c platform ("UVC G3 Flex", "ER-X"); 0d ESSID; 14 model (v1); 15 model (v2);
// 16 version; 17 is-default (1 unmanaged, 0 adopted); 20 device id (a UUID).
#include <algorithm>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kMaxRecords = 64;
constexpr std::size_t kMaxAddresses = 8;

bool known_version_and_command(std::uint8_t version, std::uint8_t command) {
    switch (version) {
        case 0: return true;  // UniFi NVR replies (research/vendor-discovery.md §6)
        case 1: return command == 0x00;
        case 2: return command == 0x06 || command == 0x08 || command == 0x09 || command == 0x0b;
        default: return false;
    }
}

}  // namespace

bool looks_like_ubiquiti(Bytes bytes) { return bytes.size() >= 4 && known_version_and_command(bytes[0], bytes[1]); }

Parsed<UbiquitiMessage> parse_ubiquiti(Bytes bytes) {
    using Result = Parsed<UbiquitiMessage>;
    ByteCursor cur(bytes);
    UbiquitiMessage msg;
    std::uint16_t length = 0;
    if (!cur.u8(msg.version) || !cur.u8(msg.command) || !cur.be16(length))
        return Result::failure("Ubiquiti discovery header truncated: " + std::to_string(bytes.size()) + " of 4 bytes");
    if (!known_version_and_command(msg.version, msg.command))
        return Result::failure("Ubiquiti discovery version " + std::to_string(msg.version) + " command " + std::to_string(msg.command) +
                               " is not a known pair");
    if (length != cur.remaining())
        return Result::failure("Ubiquiti discovery length field " + std::to_string(length) + " (offset 2) but " +
                               std::to_string(cur.remaining()) + " bytes follow the header");
    if (msg.version == 0 && length == 0) return Result::failure("Ubiquiti discovery version 0 without records");
    while (!cur.empty()) {
        const std::size_t at = cur.offset();
        UbiquitiRecord record;
        std::uint16_t record_length = 0;
        if (!cur.u8(record.type) || !cur.be16(record_length))
            return Result::failure("Ubiquiti discovery record at offset " + std::to_string(at) + " ends inside its type and length");
        if (!cur.bytes(record_length, record.value))
            return Result::failure("Ubiquiti discovery record type " + std::to_string(record.type) + " at offset " + std::to_string(at) +
                                   ": length " + std::to_string(record_length) + " but " + std::to_string(cur.remaining()) +
                                   " bytes remain");
        if (msg.records.size() < kMaxRecords) msg.records.push_back(record);
    }
    return msg;
}

namespace {

// Distinct values in first-seen order, at most kMaxAddresses.
void add_unique(std::vector<std::string>& values, std::string value) {
    if (values.size() < kMaxAddresses && std::find(values.begin(), values.end(), value) == values.end())
        values.push_back(std::move(value));
}

ParseState ubiquiti_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto msg = parse_ubiquiti(message);
    if (!msg) return out.invalid(msg.error());
    const std::string protocol = msg->version == 0 ? "v0" : msg->version == 1 ? "v1" : "v2";
    if (msg->records.empty()) {
        out.add("ubiquiti.message", "search");  // a controller or a scanner asking: no device identity
        out.add("ubiquiti.protocol", protocol);
        return ParseState::complete;
    }
    out.add("ubiquiti.message", "reply");
    out.add("ubiquiti.protocol", protocol);
    std::vector<std::string> macs, ips;
    auto mac_at = [](Bytes six) {
        MacAddress m;
        std::copy(six.begin(), six.begin() + 6, m.octets.begin());
        return m;
    };
    auto ip_at = [](Bytes four) {
        return IpAddress::v4((std::uint32_t{four[0]} << 24) | (std::uint32_t{four[1]} << 16) | (std::uint32_t{four[2]} << 8) | four[3]);
    };
    for (const auto& r : msg->records) {
        std::string_view text = as_text(r.value);
        switch (r.type) {
            case 0x01:
                if (r.value.size() == 6) add_unique(macs, mac_at(r.value).to_string());
                break;
            case 0x02:
                if (r.value.size() == 10) {
                    add_unique(macs, mac_at(r.value).to_string());
                    add_unique(ips, ip_at(r.value.subspan(6)).to_string());
                }
                break;
            case 0x04:
                if (r.value.size() == 4) add_unique(ips, ip_at(r.value).to_string());
                break;
            case 0x03: out.add("ubiquiti.firmware", bounded_text(text)); break;
            case 0x0b: out.add("ubiquiti.hostname", bounded_text(text)); break;
            case 0x0c: out.add("ubiquiti.platform", bounded_text(text)); break;
            case 0x0d: out.add("ubiquiti.essid", bounded_text(text)); break;
            case 0x14:
            case 0x15: out.add("ubiquiti.model", bounded_text(text)); break;
            case 0x16: out.add("ubiquiti.version", bounded_text(text)); break;
            case 0x17:
                // 1 or 4 bytes; the last byte carries the flag.
                if (!r.value.empty() && r.value.size() <= 4) out.add("ubiquiti.adopted", r.value.back() == 0 ? "true" : "false");
                break;
            case 0x20: {
                std::string id = bounded_text(text, 64);
                out.add("ubiquiti.device_id", id);
                out.add("id.uuid", id);  // the identity rule (inventory/identity) judges it
                break;
            }
            default: break;  // 06-09 carry authentication material: never kept
        }
    }
    for (const auto& mac : macs) {
        out.add("ubiquiti.mac", mac);
        if (auto m = MacAddress::parse(mac); m && m->is_unicast_device()) out.add("id.mac", mac);
    }
    for (const auto& ip : ips) {
        auto a = IpAddress::parse(ip);
        if (!a || a->is_unspecified()) continue;
        out.add("ubiquiti.ipv4", ip);
        if (!a->is_multicast_or_broadcast()) out.add("id.ipv4", ip);
    }
    return ParseState::complete;
}

// nmap's PROBE_V1 (ubiquiti-discovery.nse): version 1, command 0, length 0, to UDP 10001 (unicast,
// broadcast or 233.89.188.1). Read-only: devices answer with their addresses, names and firmware.
// NEVER SEND anything but the 4-byte probes 01 00 00 00 and 02 08 00 00: the same port takes
// messages that carry credentials (records 06-09), so nothing else is built.
std::vector<std::uint8_t> build_ubiquiti_probe(const RequestContext&) {
    ByteWriter w;
    w.u8(0x01).u8(0x00).be16(0);
    return w.take();
}

constexpr std::uint16_t kPorts[] = {kUbiquitiPort};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor ubiquiti = {
    .name = "ubiquiti", .protocol = "ubiquiti", .field_prefix = "ubiquiti", .carrier = Carrier::udp,
    .claim = Claim::port_and_content, .ports = kPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_ubiquiti>,
    .fields_of = ubiquiti_fields_of, .build_request = build_ubiquiti_probe,
    .summary = "Ubiquiti discovery on UDP 10001 (v1 probe 01 00 00 00; v1/v2 TLV replies from port 10001)"};
}  // namespace protocols

}  // namespace camsweep
