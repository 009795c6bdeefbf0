#pragma once
// Payloads in the vendors' real wire formats (research/protocols-active.md, cited per function),
// shared by the generator's scenarios.
#include <string>
#include <string_view>
#include <vector>

namespace camsweep::synth {

struct SadpDevice {
    std::string type_code, description, serial, mac_dashed, ipv4, gateway, software, dsp;
    int analog = 0, digital = 1;
};

struct DhipDevice {
    std::string mac, device_class, device_type, ip, gateway, machine_name, manufacturer, serial, vendor, version;
    int video_inputs = 1, http_port = 80;
};

// The request a registered protocol's prober would send (ProtocolDescriptor::build_request), as
// the generator's payload: the generator never writes a request of its own.
std::string request_of(std::string_view protocol, std::string_view message_id = {});

// The ProbeMatch layout of a real DS-2CD2385G1-I reply (research/protocols-active.md §1.4).
std::string sadp_probe_match(std::string_view uuid, const SadpDevice& d);

// A WS-Discovery Hello with Hikvision's namespace table and scope style
// (research/protocols-active.md §1.1.3).
std::string hikvision_wsd_hello(std::string_view uuid, std::string_view model, std::string_view mac, std::string_view ip);

// A WS-Discovery Hello with Dahua firmware's scope shape (research/protocols-active.md §1.1.4).
std::string dahua_wsd_hello(std::string_view uuid, std::string_view name, std::string_view model, std::string_view country,
                            std::string_view ip);

// client.notifyDevInfo as sent by real Dahua and Intelbras units (research/protocols-active.md §1.5.1).
std::string dhip_notify(const DhipDevice& d);

std::string ssdp_notify(std::string_view location, std::string_view server, std::string_view uuid, std::string_view nt);

}  // namespace camsweep::synth
