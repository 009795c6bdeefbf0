// WS-Discovery (ONVIF, UDP 3702): Hello / Bye / Probe / ProbeMatches SOAP envelopes
// (format: research/protocols-active.md §1.1, protocols-passive.md §2.5).
#include <pugixml.hpp>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/parsers.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kMaxScopes = 32;
constexpr std::size_t kMaxNamespaces = 64;
constexpr int kMaxDepth = 16;

std::string_view local_name(const char* qualified) {
    std::string_view name(qualified);
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Depth-first search for the first element with this local name, bounded in depth.
pugi::xml_node find_local(pugi::xml_node node, std::string_view name, int depth = 0) {
    if (depth > kMaxDepth) return {};
    for (auto child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (local_name(child.name()) == name) return child;
        if (auto found = find_local(child, name, depth + 1)) return found;
    }
    return {};
}

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
    auto result = doc.load_buffer(text.data(), text.size(), pugi::parse_default & ~pugi::parse_doctype);
    if (!result)
        return Parsed<WsdMessage>::failure(std::string("WS-Discovery XML invalid at offset ") + std::to_string(result.offset) +
                                           ": " + result.description());
    auto envelope = doc.document_element();
    if (local_name(envelope.name()) != "Envelope") return Parsed<WsdMessage>::failure("WS-Discovery root is not a SOAP Envelope");
    WsdMessage msg;
    for (auto attr : envelope.attributes()) {
        std::string_view name(attr.name());
        if ((name == "xmlns" || name.starts_with("xmlns:")) && msg.namespaces.size() < kMaxNamespaces)
            msg.namespaces.push_back(bounded_text(attr.value()));
    }
    auto body = find_local(envelope, "Body");
    if (!body) return Parsed<WsdMessage>::failure("WS-Discovery envelope has no Body");
    pugi::xml_node action;
    for (auto child : body.children())
        if (child.type() == pugi::node_element) { action = child; break; }
    if (!action) return Parsed<WsdMessage>::failure("WS-Discovery Body is empty");
    msg.action = bounded_text(local_name(action.name()), 64);
    // ProbeMatches wraps one or more ProbeMatch elements; the first describes the responder.
    pugi::xml_node item = action;
    if (msg.action == "ProbeMatches" || msg.action == "ResolveMatches")
        if (auto first = find_local(action, msg.action == "ProbeMatches" ? "ProbeMatch" : "ResolveMatch")) item = first;
    if (auto address = find_local(item, "Address")) msg.endpoint = bounded_text(address.text().get());
    if (auto types = find_local(item, "Types")) msg.types = bounded_text(types.text().get());
    if (auto xaddrs = find_local(item, "XAddrs")) msg.xaddrs = bounded_text(xaddrs.text().get());
    if (auto scopes = find_local(item, "Scopes")) {
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

std::string dissect_wsd(const DecodedPacket& packet, Observation& obs) {
    auto wsd = parse_wsd(as_text(packet.payload));
    if (!wsd) return wsd.error();
    obs.add("wsd.message", wsd->action);
    if (wsd->action == "Probe" || wsd->action == "Resolve") return {};  // a client searching
    obs.add("wsd.types", wsd->types);
    obs.add("wsd.xaddrs", wsd->xaddrs);
    obs.add("wsd.endpoint", wsd->endpoint);
    if (istarts_with(wsd->endpoint, "urn:uuid:")) obs.add("id.uuid", to_lower(wsd->endpoint.substr(9)));
    for (const auto& ns : wsd->namespaces) obs.add("wsd.namespace", ns);
    for (const auto& scope : wsd->scopes) {
        obs.add("wsd.scope", scope);
        if (!istarts_with(scope, kScopePrefix)) continue;
        std::string_view rest = std::string_view(scope).substr(kScopePrefix.size());
        auto slash = rest.find('/');
        if (slash == std::string_view::npos) continue;
        std::string kind = to_lower(rest.substr(0, slash));
        std::string value = percent_decode(rest.substr(slash + 1));
        if (kind == "name") obs.add("wsd.scope.name", value);
        else if (kind == "hardware") obs.add("wsd.scope.hardware", value);
        else if (kind == "mac") {
            if (auto mac = MacAddress::parse(value)) obs.add("id.mac", mac->to_string());
        }
    }
    return {};
}

}  // namespace camsweep
