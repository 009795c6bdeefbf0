#pragma once
// ONVIF device service (SOAP 1.2 over HTTP, POSTed to an XAddr such as /onvif/device_service):
// the four read-only requests the prober sends and the pure reader of their reply bodies
// (research/protocols-active.md §1.1.5). The reader is registered as protocol "onvif"
// (Carrier::http_body, fields in docs/fields.md); the prober hands it the body its own bounded
// HTTP client fetched.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/core/result.hpp"

namespace camsweep {

// Bodies larger than this are refused as invalid before any XML is parsed. Real replies are a
// few KiB (a Hikvision GetDeviceInformation reply with its 38-entry namespace table is 2.4 KiB);
// the prober stops reading at this size.
inline constexpr std::size_t kMaxOnvifBodyBytes = 64 * 1024;

// The calls camsweep makes, all read-only: none of them changes a setting. GetSystemDateAndTime
// and GetServices are PRE_AUTH in the ONVIF Core specification and GetCapabilities answers
// without credentials on most firmware; GetDeviceInformation is READ_SYSTEM and usually ends in
// a ter:NotAuthorized fault, whose envelope still carries the vendor's namespace table.
enum class OnvifCall : std::uint8_t {
    get_system_date_and_time,
    get_capabilities,      // Category All
    get_services,          // IncludeCapability false
    get_device_information,
};
// In the order the prober sends them (unauthenticated ones first).
inline constexpr OnvifCall kOnvifCalls[] = {OnvifCall::get_system_date_and_time, OnvifCall::get_capabilities,
                                            OnvifCall::get_services, OnvifCall::get_device_information};

// "GetSystemDateAndTime", "GetCapabilities", "GetServices", "GetDeviceInformation".
std::string_view onvif_call_name(OnvifCall call);
// The SOAP 1.2 action URI, for the Content-Type's action parameter:
// "http://www.onvif.org/ver10/device/wsdl/GetCapabilities".
std::string onvif_action(OnvifCall call);
// The Content-Type of the POST (the action parameter is optional in SOAP 1.2).
inline constexpr std::string_view kOnvifContentType = "application/soap+xml; charset=utf-8";
// The request body: the envelope of the GetSystemDateAndTime request logged in
// cdavis-code/easy_onvif_workspace#53 (research §1.1.5) around the call's element, no
// WS-Security header (camsweep sends no credentials).
std::string onvif_request(OnvifCall call);

// One service a GetCapabilities or GetServices reply lists.
struct OnvifService {
    std::string name;           // field key part: "device", "media", "media2", "ptz", "deviceio", ...
    std::string namespace_uri;  // GetServices: <Namespace>
    std::string xaddr;
    std::string version;        // GetServices: "<Major>.<Minor>"
};

// What one reply body says. Strings are bounded (core/text.hpp); lists are bounded below.
struct OnvifReply {
    // Local name of the Body's first element: "GetDeviceInformationResponse", "Fault", or the
    // request's name ("GetServices") when the body is a request.
    std::string message;
    // The namespace table declared on the Envelope in document order: prefix ("" for the
    // default namespace) and URI. At most kMaxOnvifNamespaces.
    std::vector<std::pair<std::string, std::string>> namespaces;
    // GetDeviceInformationResponse
    std::string manufacturer, model, firmware, serial, hardware_id;
    // GetSystemDateAndTimeResponse
    std::string date_time_type, time_zone;
    // GetCapabilitiesResponse (Device/System/SupportedVersions, "2.60") and the services of
    // GetCapabilities or GetServices, at most kMaxOnvifServices.
    std::vector<std::string> supported_versions;
    std::vector<OnvifService> services;
    // Fault (SOAP 1.2 Code/Value, each Subcode/Value outermost first, the first Reason/Text;
    // SOAP 1.1 faultcode and faultstring), values as sent ("s:Sender", "ter:NotAuthorized").
    std::string fault_code, fault_reason;
    std::vector<std::string> fault_subcodes;

    bool is_response() const { return message == "Fault" || message.ends_with("Response"); }
};
inline constexpr std::size_t kMaxOnvifNamespaces = 64;
inline constexpr std::size_t kMaxOnvifServices = 24;

// Reads a SOAP envelope whatever its prefixes (elements are matched by local name). Refuses a
// body over kMaxOnvifBodyBytes, malformed XML (no DTD processing, custom entities never
// expanded), a root that is not an Envelope and a Body without an element.
Parsed<OnvifReply> parse_onvif(std::string_view body);

}  // namespace camsweep
