#pragma once
// XML helpers shared by the readers of SOAP envelopes (WS-Discovery, ONVIF) and UPnP
// descriptions. Elements are matched by local name: firmware toolkits pick their own prefixes
// ("s:", "env:", "SOAP-ENV:", a default namespace) for the same element. Internal to src/dissect.
#include <pugixml.hpp>

#include <string>
#include <string_view>

#include "camsweep/core/text.hpp"

namespace camsweep::xml {

// Nested elements are searched at most this deep below the starting node.
inline constexpr int kMaxDepth = 16;

// "env:Body" -> "Body"; a name without a prefix is its own local name.
inline std::string_view local_name(std::string_view qualified) {
    auto colon = qualified.find(':');
    return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// An element's text, bounded like every field value; empty for a missing element.
inline std::string text_of(pugi::xml_node node) { return node ? bounded_text(node.text().get()) : std::string(); }

// The first child element of `node` with this local name (children only).
inline pugi::xml_node child(pugi::xml_node node, std::string_view name) {
    for (auto c : node.children())
        if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
    return {};
}

// The first child element of `node`, whatever its name.
inline pugi::xml_node first_element(pugi::xml_node node) {
    for (auto c : node.children())
        if (c.type() == pugi::node_element) return c;
    return {};
}

// Depth-first search for the first element with this local name, bounded in depth.
inline pugi::xml_node find(pugi::xml_node node, std::string_view name, int depth = 0) {
    if (depth > kMaxDepth) return {};
    for (auto c : node.children()) {
        if (c.type() != pugi::node_element) continue;
        if (local_name(c.name()) == name) return c;
        if (auto found = find(c, name, depth + 1)) return found;
    }
    return {};
}

// Parse options for untrusted documents: no DOCTYPE processing, so custom entities are never
// declared nor expanded (an entity bomb stays literal text).
inline constexpr unsigned kParseOptions = pugi::parse_default & ~pugi::parse_doctype;

}  // namespace camsweep::xml
