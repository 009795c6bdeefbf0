// camsweep-lab-device: the project's emulated devices (tests/unit/lab_devices.hpp), served on
// given addresses until SIGINT or SIGTERM, for the namespace lab (tools/lab) and its benchmark.
//
//   camsweep-lab-device PROFILE@ADDRESS [PROFILE@ADDRESS ...]
//
// Prints "ready" once every socket is bound. A device alone in its network namespace (`--alone`)
// hears its discovery ports on the wildcard address too, as a real device does, so it answers
// multicast and unicast searches alike; several devices in one namespace answer unicast only.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <signal.h>

#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "../unit/lab_devices.hpp"

namespace {

using camsweep::lab::Device;

// The subnet's .1 as the device's gateway, as SADP and DHIP report it.
std::string gateway_of(const std::string& address) { return address.substr(0, address.rfind('.') + 1) + "1"; }

// The MAC of the interface holding `address` (empty when none does).
std::string interface_mac(const std::string& address) {
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return {};
    std::string name, mac;
    for (ifaddrs* i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
        char text[INET_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(i->ifa_addr)->sin_addr, text, sizeof text);
        if (address == text) name = i->ifa_name;
    }
    for (ifaddrs* i = list; i && mac.empty(); i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_PACKET || name != i->ifa_name) continue;
        const auto* link = reinterpret_cast<sockaddr_ll*>(i->ifa_addr);
        char text[18];
        std::snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", link->sll_addr[0], link->sll_addr[1], link->sll_addr[2],
                      link->sll_addr[3], link->sll_addr[4], link->sll_addr[5]);
        mac = text;
    }
    ::freeifaddrs(list);
    return mac;
}

// The device's MAC: its interface's when it is alone in its namespace (tools/lab gives each one
// its maker's OUI), else one of `oui` made unique by the address's last two octets.
std::string mac_of(const std::string& oui, const std::string& address, bool alone) {
    if (alone)
        if (std::string mac = interface_mac(address); !mac.empty()) return mac;
    unsigned a = 0, b = 0, c = 0, d = 0;
    std::sscanf(address.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d);
    char tail[16];
    std::snprintf(tail, sizeof tail, ":%02x:%02x:%02x", (c >> 8) & 0xff, c & 0xff, d & 0xff);
    return oui + tail;
}

struct Profile {
    std::string description;
    std::function<void(Device&, const std::string& address, bool alone)> build;
};

// The discovery groups a device alone in its namespace also hears (research/protocols-active.md
// §1.1); an empty group: the port hears broadcast (the makers' subnet-wide searches).
void join_groups(Device& d, bool alone, const std::vector<std::pair<std::uint16_t, std::string>>& groups) {
    if (!alone) return;
    for (const auto& [port, group] : groups) d.also_hears(port, group);
}

// A camera of the Dahua family (dahua_family_camera) with its DHIP fields; the MAC from `oui`.
// (The manufacturer field names the vendor too, as on the recorded units.)
auto dahua_profile(std::string oui, std::string model, std::string machine_name, std::string manufacturer, std::string serial,
                   std::string version) {
    return [=](Device& d, const std::string& address, bool alone) {
        camsweep::lab::dahua_family_camera(d, {mac_of(oui, address, alone), "IPC", model, address, gateway_of(address), machine_name,
                                               manufacturer, serial, manufacturer, version});
        join_groups(d, alone, {{37810, "239.255.255.251"}});
    };
}

// A maker's device whose search reply names its MAC (one of `oui`); alone, it hears the subnet
// broadcast searches on `port` too.
auto broadcast_profile(void (*build)(Device&, const std::string& mac), std::string oui, std::uint16_t port) {
    return [=](Device& d, const std::string& address, bool alone) {
        build(d, mac_of(oui, address, alone));
        join_groups(d, alone, {{port, ""}});
    };
}

const std::map<std::string, Profile>& profiles() {
    using namespace camsweep::lab;
    static const std::map<std::string, Profile> table = {
        {"hikvision-camera",
         {"Hikvision IP camera: SADP, WS-Discovery, App-webs web UI with ISAPI, ONVIF, RTSP",
          [](Device& d, const std::string& address, bool alone) {
              hikvision_camera(d, address, gateway_of(address), HikvisionUnit::for_mac(mac_of("58:50:ed", address, alone)));
              join_groups(d, alone, {{37020, "239.255.255.250"}, {3702, "239.255.255.250"}});
          }}},
        {"hikvision-oem-nvr",
         {"White-label NVR on Hikvision OEM firmware: ISAPI realm, std-cgi.com namespace, no SADP",
          [](Device& d, const std::string&, bool) { oem_hikvision_nvr(d); }}},
        {"dahua-camera", {"Dahua IP camera: DHIP, RPC2 login challenge, Dahua web UI, RTSP realm",
                          dahua_profile("08:ed:ed", "IPC-HDW1431T1-S4", "6C01E93PAG69A7D", "Private", "4M0747EPAA1D284",
                                        "2.800.0000000.13.R")}},
        {"amcrest-camera", {"Amcrest camera (a Dahua OEM unit)",
                            dahua_profile("3c:ef:8c", "IP4M-1041B", "AMC000N49SSV0M2U46", "Amcrest", "AMC000N49SSV0M2U46",
                                          "2.800.0000002.0.R")}},
        {"axis-camera", {"Axis camera (clean): AXIS web UI and favicon, RTSP realm AXIS_<MAC>",
                         [](Device& d, const std::string&, bool) { axis_camera(d); }}},
        {"upnp-camera", {"UPnP camera: SSDP answer and the AXIS M1014 description document",
                         [](Device& d, const std::string&, bool alone) {
                             upnp_camera(d);
                             join_groups(d, alone, {{1900, "239.255.255.250"}});
                         }}},
        {"xiongmai-dvr", {"XiongMai-based DVR: the 34569 search reply, uc-httpd web UI", broadcast_profile(xiongmai_dvr, "00:12:31", 34569)}},
        {"hanwha-camera", {"Hanwha (Wisenet) camera (clean): the 7701 search reply, web UI", broadcast_profile(hanwha_camera, "00:16:6c", 7701)}},
        {"bosch-camera", {"Bosch camera (clean): the 1757 autodetect reply, VideoJet web server", broadcast_profile(bosch_camera, "00:04:63", 1757)}},
        {"video-doorbell", {"Hikvision video doorbell (DS-KV6113-WPE1(C)): its firmware's TLS certificate on 443",
                            [](Device& d, const std::string&, bool) {
                                static const TlsIdentity identity(kHikvisionDoorbellSubject);  // lives as long as the process
                                video_doorbell(d, identity);
                            }}},
        {"huawei-ont", {"Huawei home gateway / ONT: Huawei-ATP-IGD SSDP answer, HuaweiHomeGateway realm",
                        [](Device& d, const std::string&, bool alone) {
                            huawei_ont(d);
                            join_groups(d, alone, {{1900, "239.255.255.250"}});
                        }}},
        {"hostile-device", {"hostile: endless headers, an entity-bomb UPnP description, an oversized SSDP reply",
                            [](Device& d, const std::string&, bool alone) {
                                hostile_device(d);
                                join_groups(d, alone, {{1900, "239.255.255.250"}});
                            }}},
    };
    return table;
}

volatile sig_atomic_t stop_requested = 0;
void request_stop(int) { stop_requested = 1; }

int usage(const char* why, int exit_code = 2) {
    std::cerr << "camsweep-lab-device: " << why << "\nusage: camsweep-lab-device [--alone] PROFILE@ADDRESS ...\nprofiles:\n";
    for (const auto& [name, profile] : profiles()) std::cerr << "  " << name << "  " << profile.description << '\n';
    return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
    bool alone = false;
    camsweep::lab::Lab lab;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--alone") {
            alone = true;
            continue;
        }
        if (argument == "-h" || argument == "--help") return usage("emulated devices for the namespace lab (tools/lab, docs/lab.md)", 0);
        const auto at = argument.find('@');
        if (at == std::string::npos) return usage(("not PROFILE@ADDRESS: " + argument).c_str());
        const auto profile = profiles().find(argument.substr(0, at));
        if (profile == profiles().end()) return usage(("unknown profile: " + argument.substr(0, at)).c_str());
        const std::string address = argument.substr(at + 1);
        profile->second.build(lab.add(address), address, alone);
    }
    if (argc < 2) return usage("no device given");
    std::string error;
    if (!lab.start(error)) {
        std::cerr << "camsweep-lab-device: " << error << '\n';
        return 1;
    }
    ::signal(SIGINT, request_stop);
    ::signal(SIGTERM, request_stop);
    std::cout << "ready" << std::endl;
    while (!stop_requested) ::pause();
    lab.stop();
    return 0;
}
