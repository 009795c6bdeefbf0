// Hikvision SADP over UDP 37020: XML <ProbeMatch>/<Hello> announcements
// (format: research/protocols-active.md §1.4, protocols-passive.md §2.6).
#include <pugixml.hpp>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/parsers.hpp"
#include "camsweep/dissect/protocol.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kMaxElements = 128;

// SADP element name -> observation field key.
constexpr std::pair<std::string_view, std::string_view> kSadpFields[] = {
    {"Types", "sadp.types"},
    {"DeviceType", "sadp.device_type"},
    {"DeviceDescription", "sadp.device_description"},
    {"DeviceSN", "sadp.device_sn"},
    {"IPv4Address", "sadp.ipv4"},
    {"SoftwareVersion", "sadp.software_version"},
    {"DSPVersion", "sadp.dsp_version"},
    {"OEMInfo", "sadp.oem_info"},
    {"DetailOEMCode", "sadp.detail_oem_code"},
    {"AnalogChannelNum", "sadp.analog_channels"},
    {"DigitalChannelNum", "sadp.digital_channels"},
};

}  // namespace

std::optional<std::string_view> SadpMessage::get(std::string_view name) const {
    for (const auto& [k, v] : elements)
        if (k == name) return std::string_view(v);
    return std::nullopt;
}

Parsed<SadpMessage> parse_sadp_xml(std::string_view text) {
    pugi::xml_document doc;
    // No DOCTYPE processing: pugixml never expands custom entities, so entity bombs stay inert.
    auto result = doc.load_buffer(text.data(), text.size(), pugi::parse_default & ~pugi::parse_doctype);
    if (!result)
        return Parsed<SadpMessage>::failure(std::string("SADP XML invalid at offset ") + std::to_string(result.offset) +
                                            ": " + result.description());
    auto root = doc.document_element();
    SadpMessage msg;
    msg.root = bounded_text(root.name(), 64);
    if (msg.root != "ProbeMatch" && msg.root != "Hello" && msg.root != "Probe")
        return Parsed<SadpMessage>::failure("SADP root element <" + printable(msg.root) + "> is not ProbeMatch, Hello or Probe");
    for (auto child : root.children()) {
        if (child.type() != pugi::node_element) continue;
        if (msg.elements.size() >= kMaxElements) break;
        msg.elements.emplace_back(bounded_text(child.name(), 64), bounded_text(child.text().get()));
    }
    return msg;
}

namespace {

ParseState sadp_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto sadp = parse_sadp_xml(as_text(message));
    if (!sadp) return out.invalid(sadp.error());
    out.add("sadp.message", sadp->root);
    if (sadp->root == "Probe") return {};  // a search tool asking, not a device answering
    for (auto [element, key] : kSadpFields)
        if (auto v = sadp->get(element)) out.add(std::string(key), std::string(*v));
    if (auto v = sadp->get("Activated")) out.add("sadp.activated", *v == "true" ? "true" : "false");
    if (auto v = sadp->get("MAC")) {
        if (auto mac = MacAddress::parse(*v)) {
            out.add("sadp.mac", mac->to_string());
            out.add("id.mac", mac->to_string());
        }
    }
    if (auto v = sadp->get("DeviceSN")) out.add("id.serial", std::string(*v));
    if (auto v = sadp->get("IPv4Address")) out.add("id.ipv4", std::string(*v));
    return ParseState::complete;
}

bool looks_like_sadp(Bytes first) {
    std::string_view text = trim(as_text(first));
    return text.starts_with("<?xml") || text.starts_with("<ProbeMatch") || text.starts_with("<Hello") || text.starts_with("<Probe");
}

// The inquiry of Hikvision's SADP tool (research/protocols-active.md §1.4): read-only, every
// device on the segment answers with a ProbeMatch.
std::vector<std::uint8_t> build_sadp_probe(const RequestContext& context) {
    std::string text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Probe><Uuid>" + std::string(context.message_id) +
                       "</Uuid><Types>inquiry</Types></Probe>";
    return {text.begin(), text.end()};
}

constexpr std::uint16_t kPorts[] = {37020};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor sadp = protocol_named(
    "sadp", {.ports = kPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_sadp>, .fields_of = sadp_fields_of,
             .build_request = build_sadp_probe, .summary = "Hikvision SADP: XML Probe / ProbeMatch / Hello on UDP 37020"});
}  // namespace protocols

}  // namespace camsweep
