// WS-Discovery (ONVIF, UDP 3702): Hello / Bye / Probe / ProbeMatches SOAP envelopes
// (format: research/protocols-active.md §1.1, protocols-passive.md §2.5).
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/parsers.hpp"
#include "xml_helpers.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kMaxScopes = 32;
constexpr std::size_t kMaxNamespaces = 64;

constexpr std::string_view kScopePrefix = "onvif://www.onvif.org/";

}  // namespace

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size() && out.size() < kMaxFieldLength; ++i) {
        auto hex = [](char c) {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        };
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

Parsed<WsdMessage> parse_wsd(std::string_view text) {
    pugi::xml_document doc;
    auto result = doc.load_buffer(text.data(), text.size(), xml::kParseOptions);
    if (!result)
        return Parsed<WsdMessage>::failure(std::string("WS-Discovery XML invalid at offset ") + std::to_string(result.offset) +
                                           ": " + result.description());
    auto envelope = doc.document_element();
    if (xml::local_name(envelope.name()) != "Envelope") return Parsed<WsdMessage>::failure("WS-Discovery root is not a SOAP Envelope");
    WsdMessage msg;
    for (auto attr : envelope.attributes()) {
        std::string_view name(attr.name());
        if ((name == "xmlns" || name.starts_with("xmlns:")) && msg.namespaces.size() < kMaxNamespaces)
            msg.namespaces.push_back(bounded_text(attr.value()));
    }
    auto body = xml::find(envelope, "Body");
    if (!body) return Parsed<WsdMessage>::failure("WS-Discovery envelope has no Body");
    pugi::xml_node action = xml::first_element(body);
    if (!action) return Parsed<WsdMessage>::failure("WS-Discovery Body is empty");
    msg.action = bounded_text(xml::local_name(action.name()), 64);
    // ProbeMatches wraps one or more ProbeMatch elements; the first describes the responder.
    pugi::xml_node item = action;
    if (msg.action == "ProbeMatches" || msg.action == "ResolveMatches")
        if (auto first = xml::find(action, msg.action == "ProbeMatches" ? "ProbeMatch" : "ResolveMatch")) item = first;
    if (auto address = xml::find(item, "Address")) msg.endpoint = bounded_text(address.text().get());
    if (auto types = xml::find(item, "Types")) msg.types = bounded_text(types.text().get());
    if (auto xaddrs = xml::find(item, "XAddrs")) msg.xaddrs = bounded_text(xaddrs.text().get());
    if (auto scopes = xml::find(item, "Scopes")) {
        std::string_view all = scopes.text().get();
        std::size_t pos = 0;
        while (pos < all.size() && msg.scopes.size() < kMaxScopes) {
            auto start = all.find_first_not_of(" \t\r\n", pos);
            if (start == std::string_view::npos) break;
            auto end = all.find_first_of(" \t\r\n", start);
            msg.scopes.push_back(bounded_text(all.substr(start, end - start)));
            pos = end;
        }
    }
    return msg;
}

namespace {

ParseState wsd_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto wsd = parse_wsd(as_text(message));
    if (!wsd) return out.invalid(wsd.error());
    out.add("wsd.message", wsd->action);
    if (wsd->action == "Probe" || wsd->action == "Resolve") return ParseState::complete;  // a client searching
    out.add("wsd.types", wsd->types);
    out.add("wsd.xaddrs", wsd->xaddrs);
    out.add("wsd.endpoint", wsd->endpoint);
    if (istarts_with(wsd->endpoint, "urn:uuid:")) out.add("id.uuid", to_lower(wsd->endpoint.substr(9)));
    for (const auto& ns : wsd->namespaces) out.add("wsd.namespace", ns);
    for (const auto& scope : wsd->scopes) {
        out.add("wsd.scope", scope);
        if (!istarts_with(scope, kScopePrefix)) continue;
        std::string_view rest = std::string_view(scope).substr(kScopePrefix.size());
        auto slash = rest.find('/');
        if (slash == std::string_view::npos) continue;
        std::string kind = to_lower(rest.substr(0, slash));
        std::string value = percent_decode(rest.substr(slash + 1));
        if (kind == "name") out.add("wsd.scope.name", value);
        else if (kind == "hardware") out.add("wsd.scope.hardware", value);
        else if (kind == "manufacturer") out.add("wsd.scope.manufacturer", value);  // not in ONVIF Core, but sent (FLIR, DVTel)
        else if (kind == "mac") {
            if (auto mac = MacAddress::parse(value)) out.add("id.mac", mac->to_string());
        }
    }
    return ParseState::complete;
}

bool looks_like_wsd(Bytes first) {
    std::string_view text = trim(as_text(first));
    return text.starts_with("<");  // an XML declaration or the SOAP envelope
}

// The Probe of agsh/onvif discovery.ts (research/protocols-active.md §1.1.2 (a)), one line on
// the wire: it asks for NetworkVideoTransmitters, which every ONVIF camera and NVR is.
std::vector<std::uint8_t> build_wsd_probe(const RequestContext& context) {
    std::string text =
        "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\"><Header>"
        "<wsa:MessageID xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">urn:uuid:" + std::string(context.message_id) +
        "</wsa:MessageID><wsa:To xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">urn:schemas-xmlsoap-org:ws:2005:04:discovery"
        "</wsa:To><wsa:Action xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe"
        "</wsa:Action></Header><Body><Probe xmlns=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
        "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        "<Types>dn:NetworkVideoTransmitter</Types><Scopes /></Probe></Body></Envelope>";
    return {text.begin(), text.end()};
}

constexpr std::uint16_t kPorts[] = {3702};
// WS-Discovery's groups; ONVIF devices answer a Probe sent there (research/protocols-active.md §1.1).
constexpr std::string_view kGroups[] = {"239.255.255.250", "ff02::c"};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor wsd = protocol_named(
    "wsd", {.ports = kPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_wsd>, .fields_of = wsd_fields_of,
            .build_request = build_wsd_probe, .multicast_groups = kGroups, .summary = "WS-Discovery (ONVIF): Hello, Bye, Probe and ProbeMatches on UDP 3702"});
}  // namespace protocols

}  // namespace camsweep
