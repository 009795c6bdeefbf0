// The hostile-banners capture (include/camsweep/synth/hostile.hpp). The payload shapes are the
// real ones of the sample capture (DHIP client.notifyDevInfo, DHCP option 60, SSDP NOTIFY); only
// the device-controlled strings are hostile, and each one sits in a field a signature rule
// reports (model, serial, evidence value), so it reaches every report format.
#include <string>

#include "camsweep/synth/hostile.hpp"
#include "camsweep/synth/payloads.hpp"

namespace camsweep::synth {
namespace {

constexpr double kStart = 1793610000.0;  // 2026-11-02T09:00:00Z, as the sample

// For text placed inside a JSON string by dhip_notify(), which does not escape.
std::string json_escaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

PcapWriter hostile_banners() {
    PcapWriter out;
    double now = kStart;
    std::uint16_t ip_id = 0x4d00;
    auto send = [&](const Host& src, const MacAddress& dst_mac, const IpAddress& dst_ip, std::uint16_t sport, std::uint16_t dport,
                    std::string_view payload) {
        for (const auto& packet : ipv4_udp_fragments(src.ip, dst_ip, sport, dport, payload, ip_id++)) {
            out.add(now, ethernet(src.mac, dst_mac, 0x0800, packet));
            now += 0.0001;
        }
        now += 0.01;
    };
    const IpAddress group = ipv4("239.255.255.250");
    const IpAddress broadcast = ipv4("255.255.255.255");
    const Host gateway{mac("00:18:82:3a:51:10"), ipv4("192.168.30.1")};
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.30.5")};

    // 1. A gateway whose UPnP SERVER banner hides an iframe before the Huawei ATP tag.
    send(gateway, multicast_mac_for(group), group, 1900, 1900,
         ssdp_notify("http://192.168.30.1:37215/upnpdev.xml", "Linux UPnP/1.0 <iframe src=javascript:alert(9)></iframe> Huawei-ATP-IGD",
                     "3f1d2a60-4b5c-11ee-8a3b-0018823a5199", "upnp:rootdevice"));

    // 2. A Dahua-firmware camera answering DHDiscover with markup in every text field.
    const Host cam{mac("08:ed:ed:87:42:99"), ipv4("192.168.30.50")};
    send(laptop, multicast_mac_for(ipv4("239.255.255.251")), ipv4("239.255.255.251"), 37810, 37810,
         request_of("dhip"));
    DhipDevice d{"08:ed:ed:87:42:99", "IPC",
                 json_escaped("<script>alert(1)</script>\u2028</script><script>alert(10)</script>"),  // DeviceType: the model
                 "192.168.30.50", "192.168.30.1", json_escaped("<b onmouseover=alert(11)>cam</b>"),
                 "Private", json_escaped("\"><img src=x onerror=alert(2)>"),                           // SerialNo
                 json_escaped("</title><script>alert(3)</script>"),                                    // Vendor
                 json_escaped("2.800.0000000.13.R </title><script>alert(4)</script>")};                // Version
    send(cam, laptop.mac, laptop.ip, 37810, 37810, dhip_packet(dhip_notify(d)));

    // 3. An Axis-style camera: hostile DHCP hostname, a vendor class whose model field is markup,
    //    and an SSDP SERVER banner with script and invalid UTF-8 after the Axis kernel tag.
    const Host axis{mac("ac:cc:8e:3c:04:99"), ipv4("192.168.30.60")};
    const IpAddress zero = ipv4("0.0.0.0");
    std::vector<DhcpOption> options = {DhcpOption{53, {1}}, dhcp_text_option(12, "\"><img src=x onerror=alert(5)>"),
                                       dhcp_text_option(60, "AXIS,Network Camera,\"><img src=x onerror=alert(6)>,5.20.3")};
    send({axis.mac, zero}, kBroadcastMac, broadcast, 68, 67, dhcp_message(1, 0x5a5a0001, axis.mac, zero, zero, options));
    send(axis, multicast_mac_for(group), group, 1900, 1900,
         ssdp_notify("http://192.168.30.60:49152/rootdesc1.xml",
                     "Linux/4.9.94-axis5, UPnP/1.0, <script>alert(7)</script>\xff\xfe </title><svg onload=alert(8)>",
                     "Upnp-BasicDevice-1_0-ACCC8E3C0499", "upnp:rootdevice"));

    // 4 and 5. Dahua-firmware cameras whose strings target terminals and spreadsheets: ESC
    //    sequences (window title, clear screen, colour, cursor report), a C1 CSI (U+009B), BEL,
    //    and model and serial values that start a spreadsheet formula (=, +, -, @). The JSON
    //    \u escapes are decoded by the DHIP parser, so the raw control bytes reach the device.
    //    tests/e2e/safe_output.sh checks every writer against them.
    const std::string terminal = "\\u001b]0;owned\\u0007\\u001b[2J\\u001b[31mRED\\u001b[0m\\u009b31m\\u001b[6n";
    const Host sheet1{mac("08:ed:ed:87:42:98"), ipv4("192.168.30.51")};
    DhipDevice f1{"08:ed:ed:87:42:98", "IPC", json_escaped("=HYPERLINK(\"http://evil.example/\",\"open\")") + terminal,
                  "192.168.30.51", "192.168.30.1", "cam" + terminal,
                  "Private", json_escaped("+cmd|' /C calc'!A0"), "Private", "2.800.0000000.13.R"};
    send(sheet1, laptop.mac, laptop.ip, 37810, 37810, dhip_packet(dhip_notify(f1)));
    const Host sheet2{mac("08:ed:ed:87:42:97"), ipv4("192.168.30.52")};
    DhipDevice f2{"08:ed:ed:87:42:97", "IPC", json_escaped("-2+3+cmd|' /C calc'!A0") + terminal,
                  "192.168.30.52", "192.168.30.1", "cam2",
                  "Private", json_escaped("@SUM(1+1)*cmd|' /C calc'!A0"), "Private", "2.800.0000000.13.R"};
    send(sheet2, laptop.mac, laptop.ip, 37810, 37810, dhip_packet(dhip_notify(f2)));
    return out;
}

}  // namespace camsweep::synth
