// Hikvision SADP over UDP 37020: XML <ProbeMatch>/<Hello> announcements
// (format: research/protocols-active.md §1.4, protocols-passive.md §2.6).
#include <pugixml.hpp>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/parsers.hpp"

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

std::string dissect_sadp(const DecodedPacket& packet, Observation& obs) {
    auto sadp = parse_sadp_xml(as_text(packet.payload));
    if (!sadp) return sadp.error();
    obs.add("sadp.message", sadp->root);
    if (sadp->root == "Probe") return {};  // a search tool asking, not a device answering
    for (auto [element, key] : kSadpFields)
        if (auto v = sadp->get(element)) obs.add(std::string(key), std::string(*v));
    if (auto v = sadp->get("Activated")) obs.add("sadp.activated", *v == "true" ? "true" : "false");
    if (auto v = sadp->get("MAC")) {
        if (auto mac = MacAddress::parse(*v)) {
            obs.add("sadp.mac", mac->to_string());
            obs.add("id.mac", mac->to_string());
        }
    }
    if (auto v = sadp->get("DeviceSN")) obs.add("id.serial", std::string(*v));
    if (auto v = sadp->get("IPv4Address")) obs.add("id.ipv4", std::string(*v));
    return {};
}

}  // namespace camsweep
