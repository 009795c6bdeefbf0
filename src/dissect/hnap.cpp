// HNAP (Home Network Administration Protocol, Pure Networks, later Cisco) SOAP replies from
// D-Link cameras and routers and Cisco/Linksys routers: the device's own VendorName, ModelName,
// FirmwareVersion and DeviceMacId of GetDeviceSettings, and the name of the action answered (D-Link's cloud
// actions are Get/Set "mydlink..."). Seen in clear when the vendor's setup app or a web UI talks
// to the device (IoT SENTINEL D-Link DCS-935L setup capture, /work/shared/realdata). Never kept:
// the mydlink number, footprint and any password field.
#include <algorithm>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_http.hpp"
#include "xml_helpers.hpp"

namespace camsweep {
namespace {

constexpr std::string_view kHnapNamespace = "purenetworks.com/HNAP1";

ParseState hnap_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    const std::string_view body = as_text(message);
    if (body.size() > kMaxHnapBodyBytes)
        return out.invalid("HNAP body of " + std::to_string(body.size()) + " bytes is over the " + std::to_string(kMaxHnapBodyBytes) +
                           "-byte cap");
    pugi::xml_document doc;
    const auto result = doc.load_buffer(body.data(), body.size(), xml::kParseOptions);
    // pugixml keeps what it parsed before an error: a reply cut short (the stream's byte cap, a
    // quoted fragment) still gives the fields before the cut, and the error says where.
    const auto soap_body = xml::find(doc.document_element(), "Body");
    const auto action = soap_body ? xml::first_element(soap_body) : pugi::xml_node();
    if (!action && !result) return out.invalid("HNAP XML invalid at offset " + std::to_string(result.offset) + ": " + result.description());
    if (!action) return out.invalid("HNAP envelope has no Body element with an action");
    out.add("hnap.action", bounded_text(xml::local_name(action.name()), 64));
    out.add("hnap.vendor_name", xml::text_of(xml::child(action, "VendorName")));
    out.add("hnap.model", xml::text_of(xml::child(action, "ModelName")));
    out.add("hnap.device_name", xml::text_of(xml::child(action, "DeviceName")));
    out.add("hnap.firmware", xml::text_of(xml::child(action, "FirmwareVersion")));
    out.add("hnap.hardware", xml::text_of(xml::child(action, "HardwareVersion")));
    if (auto mac = MacAddress::parse(xml::text_of(xml::child(action, "DeviceMacId")))) out.add("id.mac", mac->to_string());
    if (!result) return out.invalid("HNAP XML cut or invalid at offset " + std::to_string(result.offset) + ": " + result.description());
    return ParseState::complete;
}

bool looks_like_hnap(Bytes first) {
    const std::string_view text = as_text(first.first(std::min<std::size_t>(first.size(), 1024)));
    return text.find('<') != std::string_view::npos && text.find(kHnapNamespace) != std::string_view::npos;
}

}  // namespace

namespace protocols {
extern const ProtocolDescriptor hnap = http_body_reader("hnap", {
    .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_hnap>, .fields_of = hnap_fields_of,
    .summary = "HNAP SOAP replies (D-Link, Cisco/Linksys): the action answered, VendorName, ModelName, FirmwareVersion"});
}  // namespace protocols

}  // namespace camsweep
