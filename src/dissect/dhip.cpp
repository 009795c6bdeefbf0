// Dahua DHIP discovery (UDP 37810): a 32-byte little-endian header with the "DHIP" magic,
// then JSON (format: research/protocols-active.md §1.5.1).
#include <nlohmann/json.hpp>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/parsers.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kHeaderSize = 0x20;
constexpr std::size_t kMaxBody = 64 * 1024;

constexpr std::pair<std::string_view, std::string_view> kDeviceInfoFields[] = {
    {"DeviceClass", "dhip.device_class"},   {"DeviceType", "dhip.device_type"},
    {"SerialNo", "dhip.serial"},            {"Vendor", "dhip.vendor"},
    {"Manufacturer", "dhip.manufacturer"},  {"MachineName", "dhip.machine_name"},
    {"Version", "dhip.version"},            {"VideoInputChannels", "dhip.video_inputs"},
    {"RemoteVideoInputChannels", "dhip.remote_video_inputs"},
};

std::string scalar_text(const nlohmann::json& v) {
    if (v.is_string()) return bounded_text(v.get<std::string>());
    if (v.is_number_integer() || v.is_number_unsigned() || v.is_boolean()) return v.dump();
    return {};
}

}  // namespace

bool looks_like_dhip(Bytes bytes) {
    return bytes.size() >= 8 && bytes[0] == 0x20 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0 &&
           bytes[4] == 'D' && bytes[5] == 'H' && bytes[6] == 'I' && bytes[7] == 'P';
}

Parsed<DhipMessage> parse_dhip(Bytes bytes) {
    ByteCursor cur(bytes);
    std::uint32_t header_size = 0, magic = 0, body_length = 0, reserved = 0, body_length2 = 0;
    DhipMessage msg;
    if (!cur.le32(header_size) || !cur.be32(magic) || !cur.le32(msg.session_id) || !cur.le32(msg.request_id) ||
        !cur.le32(body_length) || !cur.le32(reserved) || !cur.le32(body_length2) || !cur.le32(reserved))
        return Parsed<DhipMessage>::failure("DHIP header truncated: " + std::to_string(bytes.size()) + " of 32 bytes");
    if (header_size != kHeaderSize || magic != 0x44484950)
        return Parsed<DhipMessage>::failure("DHIP magic or header size wrong at offset 0");
    if (body_length > kMaxBody) return Parsed<DhipMessage>::failure("DHIP body length " + std::to_string(body_length) + " exceeds 64 KiB");
    if (body_length != cur.remaining())
        return Parsed<DhipMessage>::failure("DHIP body length field " + std::to_string(body_length) + " (offset 0x10) but " +
                                            std::to_string(cur.remaining()) + " bytes follow the header");
    std::string_view body = as_text(cur.rest());
    while (!body.empty() && (body.back() == '\0' || body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    msg.json = std::string(body);
    return msg;
}

Parsed<FieldList> dhip_fields(std::string_view text) {
    auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) return Parsed<FieldList>::failure("DHIP body is not a JSON object");
    FieldList fields;
    if (auto it = json.find("method"); it != json.end()) fields.add("dhip.method", scalar_text(*it));
    if (auto it = json.find("mac"); it != json.end() && it->is_string()) {
        if (auto mac = MacAddress::parse(it->get<std::string>())) {
            fields.add("dhip.mac", mac->to_string());
            fields.add("id.mac", mac->to_string());
        }
    }
    auto params = json.find("params");
    if (params == json.end() || !params->is_object()) return fields;
    auto info = params->find("deviceInfo");
    if (info == params->end() || !info->is_object()) return fields;
    for (auto [name, key] : kDeviceInfoFields)
        if (auto it = info->find(std::string(name)); it != info->end()) fields.add(std::string(key), scalar_text(*it));
    if (auto it = info->find("SerialNo"); it != info->end()) fields.add("id.serial", scalar_text(*it));
    if (auto v4 = info->find("IPv4Address"); v4 != info->end() && v4->is_object()) {
        if (auto ip = v4->find("IPAddress"); ip != v4->end()) {
            fields.add("dhip.ipv4", scalar_text(*ip));
            fields.add("id.ipv4", scalar_text(*ip));
        }
    }
    return fields;
}

namespace {

ParseState dhip_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto dhip = parse_dhip(message);
    if (!dhip) return out.invalid(dhip.error());
    auto fields = dhip_fields(dhip->json);
    if (!fields) return out.invalid(fields.error());
    for (auto& [k, v] : *fields) out.add(k, v);
    if (auto method = out.fields.get("dhip.method"); method && *method == "DHDiscover.search") {
        // A search tool asking, not a device: keep only the method.
        std::erase_if(out.fields, [](const Field& f) { return f.key != "dhip.method"; });
    }
    return ParseState::complete;
}

// DHDiscover.search as Dahua's ConfigTool and real units send it (research/protocols-active.md
// §1.5.1): a read-only search every Dahua-firmware device answers with client.notifyDevInfo.
std::vector<std::uint8_t> build_dhip_search(const RequestContext&) {
    return dhip_packet("{ \"method\" : \"DHDiscover.search\", \"params\" : { \"mac\" : \"\", \"uni\" : 1 } }\n");
}

constexpr std::uint16_t kPorts[] = {37810};

}  // namespace

std::vector<std::uint8_t> dhip_packet(std::string_view json, std::uint32_t session_id, std::uint32_t request_id) {
    ByteWriter w;
    w.le32(kHeaderSize).text("DHIP").le32(session_id).le32(request_id);
    w.le32(static_cast<std::uint32_t>(json.size())).le32(0).le32(static_cast<std::uint32_t>(json.size())).le32(0);
    w.text(json);
    return w.take();
}

namespace protocols {
extern const ProtocolDescriptor dhip = protocol_named(
    "dhip", {.claim = Claim::content, .ports = kPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_dhip>,
             .fields_of = dhip_fields_of, .build_request = build_dhip_search,
             .summary = "Dahua DHIP discovery: a 32-byte header and JSON, UDP 37810 (replies on any port)"});
}  // namespace protocols

}  // namespace camsweep
