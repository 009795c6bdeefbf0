// Hikvision ISAPI / SDK XML replies the prober fetched without credentials: the activation state
// (GET /SDK/activateStatus: <ActivateStatus><Activated>true</Activated>) and the web UI's
// pre-login capabilities (GET /ISAPI/Security/sessionLogin/capabilities?username=admin:
// <SessionLoginCap version="2.0">), and the <ResponseStatus> an ISAPI path answers with on an
// error. What identifies the firmware is the root's XML namespace: hikvision.com on
// Hikvision-branded firmware, std-cgi.com on the brand-neutral OEM builds, isapi.org
// (research/protocols-active.md §1.7.1: idx:15251382388, idx:68967366903, idx:8866578660,
// idx:8488147100, idx:53816786329, idx:52200712626).
#include <algorithm>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_http.hpp"
#include "xml_helpers.hpp"

namespace camsweep {
namespace {

// The namespace URI of `element`: the xmlns (or xmlns:<prefix>) declared on it or the nearest
// ancestor that declares it.
std::string namespace_of(pugi::xml_node element) {
    std::string_view name = element.name();
    const auto colon = name.find(':');
    const std::string attribute = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
    for (auto node = element; node && node.type() == pugi::node_element; node = node.parent())
        if (auto declared = node.attribute(attribute.c_str())) return bounded_text(declared.value());
    return {};
}

// Never kept: sessionID, challenge, salt, salt2 (per-session values of the login exchange).
ParseState isapi_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    const std::string_view body = as_text(message);
    if (body.size() > kMaxIsapiBodyBytes)
        return out.invalid("ISAPI body of " + std::to_string(body.size()) + " bytes is over the " + std::to_string(kMaxIsapiBodyBytes) +
                           "-byte cap");
    pugi::xml_document doc;
    const auto result = doc.load_buffer(body.data(), body.size(), xml::kParseOptions);
    if (!result) return out.invalid("ISAPI XML invalid at offset " + std::to_string(result.offset) + ": " + result.description());
    const auto root = doc.document_element();
    if (!root) return out.invalid("ISAPI body has no root element");
    out.add("isapi.message", bounded_text(xml::local_name(root.name()), 64));
    out.add("isapi.namespace", namespace_of(root));
    out.add("isapi.version", bounded_text(root.attribute("version").value(), 32));
    const std::string_view root_name = xml::local_name(root.name());
    if (root_name == "ActivateStatus") {
        out.add("isapi.activated", xml::text_of(xml::child(root, "Activated")));
    } else if (root_name == "SessionLoginCap") {
        out.add("isapi.iterations", xml::text_of(xml::child(root, "iterations")));
        out.add("isapi.irreversible", xml::text_of(xml::child(root, "isIrreversible")));
    } else if (root_name == "ResponseStatus") {
        out.add("isapi.status_code", xml::text_of(xml::child(root, "statusCode")));
        out.add("isapi.sub_status_code", xml::text_of(xml::child(root, "subStatusCode")));
    }
    return ParseState::complete;
}

bool looks_like_isapi(Bytes first) {
    const std::string_view text = as_text(first.first(std::min<std::size_t>(first.size(), 1024)));
    return text.find('<') != std::string_view::npos &&
           (text.find("ActivateStatus") != std::string_view::npos || text.find("SessionLoginCap") != std::string_view::npos ||
            text.find("/ver20/XMLSchema") != std::string_view::npos || text.find("/ver10/XMLSchema") != std::string_view::npos);
}

}  // namespace

namespace protocols {
extern const ProtocolDescriptor isapi = http_body_reader("isapi", {
    .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_isapi>, .fields_of = isapi_fields_of,
    .summary = "Hikvision ISAPI/SDK replies the prober fetches without credentials (activateStatus, sessionLogin capabilities): root element, XML namespace (hikvision.com vs the OEM std-cgi.com)"});
}  // namespace protocols

}  // namespace camsweep
