// ONVIF device service replies (SOAP 1.2 bodies the prober fetched over HTTP) and the four
// read-only requests (format: research/protocols-active.md §1.1.5; ONVIF Core specification,
// device service: GetSystemDateAndTime, GetCapabilities, GetServices, GetDeviceInformation).
#include "camsweep/dissect/onvif.hpp"

#include <algorithm>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "xml_helpers.hpp"

namespace camsweep {
namespace {

constexpr std::string_view kDeviceWsdl = "http://www.onvif.org/ver10/device/wsdl";
constexpr std::size_t kMaxSupportedVersions = 16;
constexpr std::size_t kMaxFaultSubcodes = 4;
constexpr std::size_t kMaxKeyPart = 32;

// A field key part from a prefix or service name: lower case, [a-z0-9_] only (the characters a
// rule's field may use), at most kMaxKeyPart characters.
std::string key_part(std::string_view name) {
    std::string out;
    for (char c : name.substr(0, kMaxKeyPart)) {
        char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        out += ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) ? lower : '_';
    }
    return out;
}

// The service a GetServices namespace names: the path segment before "/wsdl"
// ("http://www.onvif.org/ver10/device/wsdl" -> "device"), "media2" for ONVIF's Media2 service
// (ver20/media), else the last path segment.
std::string service_name(std::string_view uri) {
    while (!uri.empty() && uri.back() == '/') uri.remove_suffix(1);
    std::string_view path = url_path(uri);
    if (path.ends_with("/wsdl")) path.remove_suffix(5);
    auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (name == "media" && path.ends_with("/ver20/media")) return "media2";
    return key_part(name);
}

// GetCapabilities: every category element with an XAddr child is a service; Extension holds
// more (DeviceIO, Recording, Search, Replay, vendor ones), itself possibly nested.
void read_capabilities(pugi::xml_node capabilities, OnvifReply& reply, int depth = 0) {
    if (depth > 3) return;
    for (auto category : capabilities.children()) {
        if (category.type() != pugi::node_element) continue;
        std::string_view name = xml::local_name(category.name());
        if (name == "Extension") {
            read_capabilities(category, reply, depth + 1);
            continue;
        }
        if (auto xaddr = xml::child(category, "XAddr"); xaddr && reply.services.size() < kMaxOnvifServices)
            reply.services.push_back({key_part(name), "", xml::text_of(xaddr), ""});
        if (name == "Device")
            if (auto system = xml::child(category, "System"))
                for (auto version : system.children()) {
                    if (version.type() != pugi::node_element || xml::local_name(version.name()) != "SupportedVersions") continue;
                    if (reply.supported_versions.size() >= kMaxSupportedVersions) break;
                    reply.supported_versions.push_back(xml::text_of(xml::child(version, "Major")) + "." +
                                                       xml::text_of(xml::child(version, "Minor")));
                }
    }
}

void read_services(pugi::xml_node response, OnvifReply& reply) {
    for (auto service : response.children()) {
        if (service.type() != pugi::node_element || xml::local_name(service.name()) != "Service") continue;
        if (reply.services.size() >= kMaxOnvifServices) break;
        OnvifService s;
        s.namespace_uri = xml::text_of(xml::child(service, "Namespace"));
        s.name = service_name(s.namespace_uri);
        s.xaddr = xml::text_of(xml::child(service, "XAddr"));
        if (auto version = xml::child(service, "Version"))
            s.version = xml::text_of(xml::child(version, "Major")) + "." + xml::text_of(xml::child(version, "Minor"));
        if (s.version == ".") s.version.clear();
        reply.services.push_back(std::move(s));
    }
}

void read_fault(pugi::xml_node fault, OnvifReply& reply) {
    if (auto code = xml::child(fault, "Code")) {  // SOAP 1.2
        reply.fault_code = xml::text_of(xml::child(code, "Value"));
        for (auto sub = xml::child(code, "Subcode"); sub && reply.fault_subcodes.size() < kMaxFaultSubcodes;
             sub = xml::child(sub, "Subcode"))
            reply.fault_subcodes.push_back(xml::text_of(xml::child(sub, "Value")));
        if (auto reason = xml::child(fault, "Reason")) reply.fault_reason = xml::text_of(xml::child(reason, "Text"));
        return;
    }
    reply.fault_code = xml::text_of(xml::child(fault, "faultcode"));  // SOAP 1.1
    reply.fault_reason = xml::text_of(xml::child(fault, "faultstring"));
}

}  // namespace

std::string_view onvif_call_name(OnvifCall call) {
    switch (call) {
        case OnvifCall::get_system_date_and_time: return "GetSystemDateAndTime";
        case OnvifCall::get_capabilities: return "GetCapabilities";
        case OnvifCall::get_services: return "GetServices";
        case OnvifCall::get_device_information: return "GetDeviceInformation";
    }
    return "GetSystemDateAndTime";
}

std::string onvif_action(OnvifCall call) { return std::string(kDeviceWsdl) + "/" + std::string(onvif_call_name(call)); }

std::string onvif_request(OnvifCall call) {
    std::string element = "<" + std::string(onvif_call_name(call)) + " xmlns=\"" + std::string(kDeviceWsdl) + "\"";
    switch (call) {
        case OnvifCall::get_capabilities: element += "><Category>All</Category></GetCapabilities>"; break;
        case OnvifCall::get_services: element += "><IncludeCapability>false</IncludeCapability></GetServices>"; break;
        case OnvifCall::get_system_date_and_time:
        case OnvifCall::get_device_information: element += "/>"; break;
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header/><s:Body "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">" +
           element + "</s:Body></s:Envelope>";
}

Parsed<OnvifReply> parse_onvif(std::string_view body) {
    if (body.size() > kMaxOnvifBodyBytes)
        return Parsed<OnvifReply>::failure("ONVIF body of " + std::to_string(body.size()) + " bytes is over the " +
                                           std::to_string(kMaxOnvifBodyBytes) + "-byte cap");
    pugi::xml_document doc;
    auto result = doc.load_buffer(body.data(), body.size(), xml::kParseOptions);
    if (!result)
        return Parsed<OnvifReply>::failure("ONVIF XML invalid at offset " + std::to_string(result.offset) + ": " +
                                           result.description());
    auto envelope = doc.document_element();
    if (xml::local_name(envelope.name()) != "Envelope")
        return Parsed<OnvifReply>::failure("ONVIF root <" + printable(bounded_text(envelope.name(), 64)) + "> is not a SOAP Envelope");
    OnvifReply reply;
    for (auto attr : envelope.attributes()) {
        std::string_view name(attr.name());
        if (reply.namespaces.size() >= kMaxOnvifNamespaces) break;
        if (name == "xmlns") reply.namespaces.emplace_back("", bounded_text(attr.value()));
        else if (name.starts_with("xmlns:")) reply.namespaces.emplace_back(bounded_text(name.substr(6), 64), bounded_text(attr.value()));
    }
    auto soap_body = xml::child(envelope, "Body");
    if (!soap_body) return Parsed<OnvifReply>::failure("ONVIF envelope has no Body");
    auto message = xml::first_element(soap_body);
    if (!message) return Parsed<OnvifReply>::failure("ONVIF Body is empty");
    reply.message = bounded_text(xml::local_name(message.name()), 64);
    if (reply.message == "Fault") read_fault(message, reply);
    else if (reply.message == "GetDeviceInformationResponse") {
        reply.manufacturer = xml::text_of(xml::child(message, "Manufacturer"));
        reply.model = xml::text_of(xml::child(message, "Model"));
        reply.firmware = xml::text_of(xml::child(message, "FirmwareVersion"));
        reply.serial = xml::text_of(xml::child(message, "SerialNumber"));
        reply.hardware_id = xml::text_of(xml::child(message, "HardwareId"));
    } else if (reply.message == "GetSystemDateAndTimeResponse") {
        if (auto time = xml::child(message, "SystemDateAndTime")) {
            reply.date_time_type = xml::text_of(xml::child(time, "DateTimeType"));
            if (auto zone = xml::child(time, "TimeZone")) reply.time_zone = xml::text_of(xml::child(zone, "TZ"));
        }
    } else if (reply.message == "GetCapabilitiesResponse") {
        if (auto capabilities = xml::child(message, "Capabilities")) read_capabilities(capabilities, reply);
    } else if (reply.message == "GetServicesResponse") {
        read_services(message, reply);
    }
    return reply;
}

namespace {

// Namespaces of standards bodies (W3C, ONVIF, xmlsoap.org, OASIS) come last, after the other
// namespaces and the services, so a vendor's entries (Hikvision's hikwsd, tnshik) and the
// XAddrs survive the per-message field cap (kMaxFieldsPerObservation) whatever the table's size.
bool standard_namespace(std::string_view uri) {
    static constexpr std::string_view kStandardHosts[] = {"http://www.w3.org/", "http://www.onvif.org/",
                                                          "http://schemas.xmlsoap.org/", "http://docs.oasis-open.org/"};
    return std::any_of(std::begin(kStandardHosts), std::end(kStandardHosts),
                       [&](std::string_view host) { return istarts_with(uri, host); });
}

ParseState onvif_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto reply = parse_onvif(as_text(message));
    if (!reply) return out.invalid(reply.error());
    out.add("onvif.message", reply->message);
    if (!reply->is_response()) return ParseState::complete;  // a client's request, not a device
    out.add("onvif.fault_code", reply->fault_code);
    for (const auto& subcode : reply->fault_subcodes) out.add("onvif.fault_subcode", subcode);
    out.add("onvif.fault_reason", reply->fault_reason);
    out.add("onvif.manufacturer", reply->manufacturer);
    out.add("onvif.model", reply->model);
    out.add("onvif.firmware", reply->firmware);
    out.add("onvif.serial", reply->serial);
    out.add("onvif.hardware_id", reply->hardware_id);
    out.add("id.serial", reply->serial);  // the identity rule (inventory/identity) judges it
    out.add("onvif.date_time_type", reply->date_time_type);
    out.add("onvif.time_zone", reply->time_zone);
    auto add_namespaces = [&](bool standard) {
        for (const auto& [prefix, uri] : reply->namespaces)
            if (standard_namespace(uri) == standard)
                out.add("onvif.namespace." + (prefix.empty() ? std::string("xmlns") : key_part(prefix)), uri);
    };
    add_namespaces(false);
    for (const auto& service : reply->services) {
        if (service.name.empty()) continue;
        out.add("onvif.xaddr." + service.name, service.xaddr);
        out.add("onvif.version." + service.name, service.version);
        out.add("onvif.service", service.namespace_uri);
    }
    std::string versions;
    for (const auto& v : reply->supported_versions) versions += (versions.empty() ? "" : ",") + v;
    out.add("onvif.supported_versions", versions);
    add_namespaces(true);
    return ParseState::complete;
}

bool looks_like_onvif(Bytes first) {
    std::string_view text = trim(as_text(first.first(std::min<std::size_t>(first.size(), 2048))));
    return text.starts_with("<") && text.find("Envelope") != std::string_view::npos;
}

// The prober's first call (PRE_AUTH); onvif_request() builds all four.
std::vector<std::uint8_t> build_onvif_request(const RequestContext&) {
    std::string text = onvif_request(OnvifCall::get_system_date_and_time);
    return {text.begin(), text.end()};
}

}  // namespace

namespace protocols {
extern const ProtocolDescriptor onvif = http_body_reader("onvif", {
    .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_onvif>, .fields_of = onvif_fields_of, .build_request = build_onvif_request,
    .summary = "ONVIF device service replies the prober fetches: device information, services and XAddrs, faults, the envelope's namespace table"});
}  // namespace protocols

}  // namespace camsweep
