#pragma once
// UPnP device description documents (the XML at an SSDP LOCATION URL, UPnP Device Architecture
// §2): the pure reader of a document the prober fetched, registered as protocol "upnp"
// (Carrier::http_body, fields in docs/fields.md). Parsed with libupnp's ixml, on documents
// bounded first (docs/dependencies.md): ixml's parse time grows with the square of the element
// count and it frees a document recursively (research/libupnp-asio.md §0 item 4, §1.5).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/core/result.hpp"

namespace camsweep {

// Documents over this size are refused before parsing (real descriptions are 1-8 KiB; libupnp's
// own client refuses 16,000 bytes). The prober stops reading at this size.
inline constexpr std::size_t kMaxUpnpDescriptionBytes = 32 * 1024;
// Documents with more '<' than this are refused before parsing: every element, end tag,
// comment and declaration costs one, so ixml never sees more than 2,048 elements (a few ms).
inline constexpr std::size_t kMaxUpnpDescriptionMarkup = 2048;
// Embedded devices (deviceList, any depth) and serviceType values kept per document.
inline constexpr std::size_t kMaxUpnpEmbeddedDevices = 8;
inline constexpr std::size_t kMaxUpnpServices = 16;

struct UpnpDevice {
    std::string device_type, friendly_name, manufacturer, manufacturer_url, model_description, model_name, model_number,
        model_url, serial_number, udn, presentation_url;
};

struct UpnpDescription {
    UpnpDevice device;                  // root/device
    std::vector<UpnpDevice> embedded;   // its deviceList, depth first, at most kMaxUpnpEmbeddedDevices
    std::vector<std::string> services;  // serviceType of every serviceList, in document order, bounded
};

// Reads root/device (elements matched by local name, values trimmed and bounded). Refuses a
// document over the byte or markup cap, one holding a NUL byte, malformed XML, text outside the
// root element (ixml 1.8.4 leaks memory on it, so it is checked first), undeclared entities
// (ixml skips a DOCTYPE unread, so an entity bomb is an error), a root other than <root>, and a
// root without a <device>.
Parsed<UpnpDescription> parse_upnp_description(std::string_view document);

}  // namespace camsweep
