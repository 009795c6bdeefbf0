// UPnP device description documents (UPnP Device Architecture 1.0/1.1 §2.3: root/device with
// deviceType, friendlyName, manufacturer, modelName (required), the optional descriptive
// elements, serviceList and deviceList; format notes: research/protocols-active.md §1.2,
// research/vendor-discovery.md §1.2). Parsed with libupnp's ixml after the byte, NUL and markup
// bounds below (research/libupnp-asio.md §1.5): within 32 KiB and 2,048 '<' ixml's quadratic
// parse stays in milliseconds and its recursive free about a thousand frames deep at most; and
// after a structure check that keeps ixml off an error path that leaks (structure_problem).
#include "camsweep/dissect/upnp_description.hpp"

#include <algorithm>
#include <memory>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "xml_helpers.hpp"

// Last: ixml.h defines macros (TRUE, FALSE, IN, OUT, DOMString) that no other header should see.
#include <ixml.h>

namespace camsweep {
namespace {

// deviceList nesting followed below the root device (the UDA allows any depth; real devices
// nest one or two levels).
constexpr int kMaxDeviceDepth = 4;

struct DocumentFree {
    void operator()(IXML_Document* doc) const { ixmlDocument_free(doc); }
};
using Document = std::unique_ptr<IXML_Document, DocumentFree>;

std::string_view name_of(IXML_Node* node) {
    const char* name = ixmlNode_getNodeName(node);
    return xml::local_name(name ? std::string_view(name) : std::string_view());
}

bool is_element(IXML_Node* node) { return ixmlNode_getNodeType(node) == eELEMENT_NODE; }

// The element's text: its text and CDATA children joined, trimmed and bounded.
std::string text_of(IXML_Node* element) {
    std::string text;
    for (IXML_Node* c = ixmlNode_getFirstChild(element); c && text.size() <= kMaxFieldLength; c = ixmlNode_getNextSibling(c)) {
        auto type = ixmlNode_getNodeType(c);
        if (type != eTEXT_NODE && type != eCDATA_SECTION_NODE) continue;
        if (const char* value = ixmlNode_getNodeValue(c)) text += value;
    }
    return bounded_text(text);
}

IXML_Node* child(IXML_Node* node, std::string_view name) {
    for (IXML_Node* c = ixmlNode_getFirstChild(node); c; c = ixmlNode_getNextSibling(c))
        if (is_element(c) && name_of(c) == name) return c;
    return nullptr;
}

void read_services(IXML_Node* service_list, UpnpDescription& doc) {
    for (IXML_Node* s = ixmlNode_getFirstChild(service_list); s && doc.services.size() < kMaxUpnpServices;
         s = ixmlNode_getNextSibling(s)) {
        if (!is_element(s) || name_of(s) != "service") continue;
        if (IXML_Node* type = child(s, "serviceType")) {
            std::string value = text_of(type);
            if (!value.empty()) doc.services.push_back(std::move(value));
        }
    }
}

// Reads one <device>'s own elements and services, then its deviceList (depth first).
void read_device(IXML_Node* element, UpnpDevice& device, UpnpDescription& doc, int depth) {
    struct Slot {
        std::string_view name;
        std::string UpnpDevice::*field;
    };
    static constexpr Slot kSlots[] = {
        {"deviceType", &UpnpDevice::device_type},     {"friendlyName", &UpnpDevice::friendly_name},
        {"manufacturer", &UpnpDevice::manufacturer},  {"manufacturerURL", &UpnpDevice::manufacturer_url},
        {"modelDescription", &UpnpDevice::model_description}, {"modelName", &UpnpDevice::model_name},
        {"modelNumber", &UpnpDevice::model_number},   {"modelURL", &UpnpDevice::model_url},
        {"serialNumber", &UpnpDevice::serial_number}, {"UDN", &UpnpDevice::udn},
        {"presentationURL", &UpnpDevice::presentation_url},
    };
    IXML_Node* device_list = nullptr;
    for (IXML_Node* c = ixmlNode_getFirstChild(element); c; c = ixmlNode_getNextSibling(c)) {
        if (!is_element(c)) continue;
        std::string_view name = name_of(c);
        if (name == "serviceList") read_services(c, doc);
        else if (name == "deviceList") { if (!device_list) device_list = c; }
        else
            for (const auto& slot : kSlots)
                if (name == slot.name && (device.*slot.field).empty()) device.*slot.field = text_of(c);
    }
    if (!device_list || depth >= kMaxDeviceDepth) return;
    for (IXML_Node* c = ixmlNode_getFirstChild(device_list); c && doc.embedded.size() < kMaxUpnpEmbeddedDevices;
         c = ixmlNode_getNextSibling(c)) {
        if (!is_element(c) || name_of(c) != "device") continue;
        UpnpDevice embedded;
        const std::size_t index = doc.embedded.size();
        doc.embedded.emplace_back();
        read_device(c, embedded, doc, depth + 1);  // its own embedded devices follow it
        doc.embedded[index] = std::move(embedded);
    }
}

// ixml 1.8.4 leaks the text or CDATA node it cannot append when such content follows the root
// element (Parser_parseDocument appends it to the document node, the append fails, the error
// path does not free it; found by the protocols fuzz target under LeakSanitizer). So pugixml,
// linear and already linked, first checks that the document is well-formed and holds one
// element with nothing but a declaration, comments, processing instructions or a DOCTYPE around
// it; "" when it does.
std::string structure_problem(std::string_view document) {
    pugi::xml_document doc;
    // As a fragment, pugixml keeps text at the top level (a document parse drops it silently).
    auto result = doc.load_buffer(document.data(), document.size(), xml::kParseOptions | pugi::parse_fragment);
    if (!result)
        return "UPnP description XML invalid at offset " + std::to_string(result.offset) + ": " + result.description();
    std::size_t elements = 0;
    for (auto node : doc.children()) {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata)
            return "UPnP description has text outside its root element";
        elements += node.type() == pugi::node_element;
    }
    if (elements != 1) return "UPnP description has " + std::to_string(elements) + " root elements";
    return {};
}

}  // namespace

Parsed<UpnpDescription> parse_upnp_description(std::string_view document) {
    if (document.size() > kMaxUpnpDescriptionBytes)
        return Parsed<UpnpDescription>::failure("UPnP description of " + std::to_string(document.size()) +
                                                " bytes is over the " + std::to_string(kMaxUpnpDescriptionBytes) + "-byte cap");
    if (auto nul = document.find('\0'); nul != std::string_view::npos)
        return Parsed<UpnpDescription>::failure("UPnP description has a NUL byte at offset " + std::to_string(nul));
    const auto markup = static_cast<std::size_t>(std::count(document.begin(), document.end(), '<'));
    if (markup > kMaxUpnpDescriptionMarkup)
        return Parsed<UpnpDescription>::failure("UPnP description has " + std::to_string(markup) + " '<', over the " +
                                                std::to_string(kMaxUpnpDescriptionMarkup) + " cap");
    if (auto problem = structure_problem(document); !problem.empty()) return Parsed<UpnpDescription>::failure(problem);
    const std::string text(document);  // ixml reads a NUL-terminated string
    IXML_Document* raw = nullptr;
    const int rc = ixmlParseBufferEx(text.c_str(), &raw);
    Document doc(raw);  // freed on every path
    if (rc != IXML_SUCCESS || !doc)
        return Parsed<UpnpDescription>::failure("UPnP description is not well-formed XML (ixml error " + std::to_string(rc) + ")");
    IXML_Node* root = nullptr;
    for (IXML_Node* c = ixmlNode_getFirstChild(&doc->n); c; c = ixmlNode_getNextSibling(c))
        if (is_element(c)) { root = c; break; }
    if (!root) return Parsed<UpnpDescription>::failure("UPnP description has no root element");
    if (name_of(root) != "root")
        return Parsed<UpnpDescription>::failure("UPnP description root <" + printable(bounded_text(name_of(root), 64)) +
                                                "> is not <root>");
    IXML_Node* device = child(root, "device");
    if (!device) return Parsed<UpnpDescription>::failure("UPnP description has no root/device");
    UpnpDescription description;
    read_device(device, description.device, description, 0);
    return description;
}

namespace {

// "uuid:2fac..." -> "2fac..." lower-cased, as SSDP's USN is read (ssdp.cpp); the identity rule
// (inventory/identity) judges what is left.
std::string uuid_of(std::string_view udn) {
    udn = trim(udn);
    if (istarts_with(udn, "uuid:")) udn.remove_prefix(5);
    return to_lower(udn);
}

ParseState upnp_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto description = parse_upnp_description(as_text(message));
    if (!description) return out.invalid(description.error());
    const UpnpDevice& d = description->device;
    out.add("upnp.device_type", d.device_type);
    out.add("upnp.friendly_name", d.friendly_name);
    out.add("upnp.manufacturer", d.manufacturer);
    out.add("upnp.manufacturer_url", d.manufacturer_url);
    out.add("upnp.model_description", d.model_description);
    out.add("upnp.model_name", d.model_name);
    out.add("upnp.model_number", d.model_number);
    out.add("upnp.model_url", d.model_url);
    out.add("upnp.serial", d.serial_number);
    out.add("upnp.udn", d.udn);
    out.add("upnp.presentation_url", d.presentation_url);
    out.add("id.serial", d.serial_number);  // the identity rule (inventory/identity) judges it
    out.add("id.uuid", uuid_of(d.udn));
    for (const auto& service : description->services) out.add("upnp.service", service);
    for (const auto& e : description->embedded) {
        out.add("upnp.embedded.device_type", e.device_type);
        out.add("upnp.embedded.manufacturer", e.manufacturer);
        out.add("upnp.embedded.model_name", e.model_name);
        out.add("upnp.embedded.model_number", e.model_number);
        out.add("id.uuid", uuid_of(e.udn));  // one physical unit: UPnP embedded devices are its parts
    }
    return ParseState::complete;
}

bool looks_like_upnp(Bytes first) {
    std::string_view text = trim(as_text(first.first(std::min<std::size_t>(first.size(), 2048))));
    return text.starts_with("<") && (text.find("<root") != std::string_view::npos || text.find(":root") != std::string_view::npos);
}

}  // namespace

namespace protocols {
extern const ProtocolDescriptor upnp = {
    .name = "upnp", .protocol = "upnp", .field_prefix = "upnp", .carrier = Carrier::http_body, .claim = Claim::content,
    .ports = {}, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_upnp>, .fields_of = upnp_fields_of,
    .build_request = nullptr,
    .summary = "UPnP device descriptions the prober fetches from an SSDP LOCATION: maker, model, serial, UDN, services"};
}  // namespace protocols

}  // namespace camsweep
