// The bundled sample capture. Every payload shape comes from a recorded device response in
// shared/docs/research (cited per device below); identities are the generator's own.
#include <string>

#include "camsweep/synth/payloads.hpp"
#include "camsweep/synth/scenarios.hpp"

namespace camsweep::synth {
namespace {

constexpr double kStart = 1793610000.0;  // 2026-11-02T09:00:00Z


class Lan {
public:
    explicit Lan(PcapWriter& out) : out_(out) {}

    void at(double offset) { now_ = kStart + offset; }
    void udp(const Host& src, const MacAddress& dst_mac, const IpAddress& dst_ip, std::uint16_t sport, std::uint16_t dport,
             std::string_view payload, std::vector<std::uint16_t> vlans = {}) {
        // Datagrams over the Ethernet MTU go out as IPv4 fragments, as real SADP and ONVIF replies do.
        for (const auto& packet : ipv4_udp_fragments(src.ip, dst_ip, sport, dport, payload, next_ip_id_++)) {
            out_.add(now_, ethernet(src.mac, dst_mac, 0x0800, packet, vlans));
            now_ += 0.0001;
        }
        now_ += 0.001;
    }
    void multicast(const Host& src, const IpAddress& group, std::uint16_t sport, std::uint16_t dport, std::string_view payload,
                   std::vector<std::uint16_t> vlans = {}) {
        udp(src, multicast_mac_for(group), group, sport, dport, payload, std::move(vlans));
    }
    void announce(const Host& h, std::vector<std::uint16_t> vlans = {}) {  // gratuitous ARP
        out_.add(now_, ethernet(h.mac, kBroadcastMac, 0x0806, arp(1, h.mac, h.ip, MacAddress{}, h.ip), vlans));
        now_ += 0.001;
    }
    // DHCP DISCOVER + REQUEST from a client, ACK from the server.
    void dhcp(const Host& client, const Host& server, std::vector<DhcpOption> client_options, std::uint32_t xid) {
        auto request_options = client_options;
        request_options.push_back({50, {client.ip.octets[0], client.ip.octets[1], client.ip.octets[2], client.ip.octets[3]}});
        udp({client.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67, dhcp_message(1, xid, client.mac, kZero, kZero, with_type(1, client_options)));
        udp({client.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67, dhcp_message(1, xid, client.mac, kZero, kZero, with_type(3, request_options)));
        udp(server, client.mac, client.ip, 67, 68, dhcp_message(2, xid, client.mac, kZero, client.ip, with_type(5, {})));
    }

private:
    PcapWriter& out_;
    double now_ = kStart;
    std::uint16_t next_ip_id_ = 0x3c10;
};

}  // namespace

PcapWriter sample_lan() {
    PcapWriter out;
    Lan lan(out);
    const IpAddress gw_ip = ipv4("192.168.10.1");

    // The site gateway: a Huawei home gateway; its SSDP banner is recorded in Recog
    // (research/protocols-active.md §1.2, "Linux UPnP/1.0 Huawei-ATP-IGD").
    const Host gateway{mac("00:18:82:3a:51:10"), gw_ip};
    // The auditor's laptop (locally administered MAC: no OUI) running discovery tools.
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.10.5")};

    lan.at(0.0);
    lan.announce(gateway);
    lan.multicast(gateway, kDiscoveryGroup, 1900, 1900,
                  ssdp_notify("http://192.168.10.1:37215/upnpdev.xml", "Linux UPnP/1.0 Huawei-ATP-IGD",
                              "3f1d2a60-4b5c-11ee-8a3b-0018823a5110", "upnp:rootdevice"));

    // 1. Hikvision DS-2CD2385G1-I (Hikvision OUI 58:50:ED): DHCP, SADP ProbeMatch, ONVIF Hello.
    const Host hik{mac("58:50:ed:1f:e3:85"), ipv4("192.168.10.40")};
    lan.at(2.0);
    lan.dhcp(hik, gateway, {kUdhcpPrl}, 0x1a2b3c01);
    lan.announce(hik);

    // 2. An LTS camera (LTS OUI 14:2F:FD, a Hikvision relabeler) running Hikvision firmware:
    //    the SADP answer shows the firmware family whatever the label.
    const Host lts{mac("14:2f:fd:08:4c:21"), ipv4("192.168.10.41")};
    lan.at(4.0);
    lan.dhcp(lts, gateway, {kUdhcpPrl}, 0x1a2b3c02);
    lan.announce(lts);

    // 3. Hikvision DVR DS-7804HQH-K1 on VLAN 20 (research/protocols-active.md §1.4, reply 2).
    const Host dvr{mac("68:6d:bc:ee:f8:f0"), ipv4("192.168.20.27")};
    lan.at(5.0);
    lan.announce(dvr, {20});

    // The auditor's laptop runs a SADP search; the Hikvision-firmware units answer.
    lan.at(10.0);
    const std::string probe_uuid = "8282F1DB-2FA6-4709-B261-3C6B6A48CA17";
    lan.multicast(laptop, kDiscoveryGroup, 37020, 37020, request_of("sadp", probe_uuid));
    lan.multicast(hik, kDiscoveryGroup, 37020, 37020,
                  sadp_probe_match(probe_uuid, {"141945", "DS-2CD2385G1-I", "DS-2CD2385G1-I20250414AAWRE33842150", "58-50-ed-1f-e3-85",
                                                "192.168.10.40", "192.168.10.1", "V5.7.3build 230217", "V7.3 build 230210", 0, 1}));
    lan.multicast(lts, kDiscoveryGroup, 37020, 37020,
                  sadp_probe_match(probe_uuid, {"141945", "CMIP3C42W-28M", "CMIP3C42W-28M20240611AAWRF91872216", "14-2f-fd-08-4c-21",
                                                "192.168.10.41", "192.168.10.1", "V5.7.1build 221129", "V7.3 build 221125", 0, 1}));
    lan.multicast(dvr, kDiscoveryGroup, 37020, 37020,
                  sadp_probe_match(probe_uuid, {"44322", "DS-7804HQH-K1", "DS-7804HQH-K10420190822CCCHD53257168WCVU", "68-6d-bc-ee-f8-f0",
                                                "192.168.20.27", "192.168.20.1", "V3.5.38build 191215", "V5.0, build 191213", 4, 5}),
                  {20});

    // 4. Dahua IPC-HDW1431T1-S4, international "Private" firmware (reply A, §1.5.1).
    const Host dahua{mac("08:ed:ed:87:42:7a"), ipv4("192.168.10.50")};
    // 5. Amcrest (a Dahua OEM) carrying Dahua's OUI 3C:EF:8C (§1.7.2 RPC2 capture).
    const Host amcrest{mac("3c:ef:8c:61:01:c0"), ipv4("192.168.10.51")};
    // 6. Intelbras VIP camera on Intelbras's own OUI 30:E1:F1, speaking Dahua DHIP (reply D, §1.5.1).
    const Host intelbras{mac("30:e1:f1:00:00:65"), ipv4("192.168.10.52")};
    // 7+8. Two factory-fresh Dahua cameras on the same default address 192.168.1.108, off the
    //      site subnet (research/traps.md): two devices, not one.
    const Host fresh1{mac("e0:50:8b:11:22:01"), ipv4("192.168.1.108")};
    const Host fresh2{mac("e0:50:8b:11:22:02"), ipv4("192.168.1.108")};
    lan.at(14.0);
    lan.dhcp(dahua, gateway, {kUdhcpPrl}, 0x1a2b3c03);
    lan.dhcp(amcrest, gateway, {kUdhcpPrl}, 0x1a2b3c04);
    lan.dhcp(intelbras, gateway, {kUdhcpPrl}, 0x1a2b3c05);
    lan.at(20.0);
    lan.multicast(laptop, kDhipGroup, 37810, 37810,
                  request_of("dhip"));
    lan.udp(dahua, laptop.mac, laptop.ip, 37810, 37810,
            dhip_packet(dhip_notify({"08:ed:ed:87:42:7a", "IPC", "IPC-HDW1431T1-S4", "192.168.10.50", "192.168.10.1", "6C01E93PAG69A7D",
                                     "Private", "6C01E93PAG69A7D", "Private", "2.800.0000000.13.R"})));
    lan.udp(amcrest, laptop.mac, laptop.ip, 37810, 37810,
            dhip_packet(dhip_notify({"3c:ef:8c:61:01:c0", "IPC", "IP4M-1041B", "192.168.10.51", "192.168.10.1", "AMC000N49SSV0M2U46",
                                     "Amcrest", "AMC000N49SSV0M2U46", "Amcrest", "2.800.0000002.0.R"})));
    lan.udp(intelbras, laptop.mac, laptop.ip, 37810, 37810,
            dhip_packet(dhip_notify({"30:e1:f1:00:00:65", "IPC", "VIP 1230 D G4", "192.168.10.52", "192.168.10.1", "VIP1230DG4",
                                     "IntelBras", "K3LJ3400209RK", "IntelBras", "2.800.00IB00C.0.T"})));
    lan.udp(fresh1, laptop.mac, laptop.ip, 37810, 37810,
            dhip_packet(dhip_notify({"e0:50:8b:11:22:01", "IPC", "IPC-HFW2431S-S-S2", "192.168.1.108", "192.168.1.1", "8F02B51PAZ1C4E7",
                                     "Private", "8F02B51PAZ1C4E7", "Private", "2.800.0000000.25.R"})));
    lan.udp(fresh2, laptop.mac, laptop.ip, 37810, 37810,
            dhip_packet(dhip_notify({"e0:50:8b:11:22:02", "IPC", "IPC-HFW2431S-S-S2", "192.168.1.108", "192.168.1.1", "8F02B51PAZ1C4F2",
                                     "Private", "8F02B51PAZ1C4F2", "Private", "2.800.0000000.25.R"})));
    // The Amcrest unit also announces itself over ONVIF with Dahua's scope shape.
    lan.multicast(amcrest, kDiscoveryGroup, 3702, 3702,
                  dahua_wsd_hello("4b1f0c2e-6a5d-4c1b-9e7f-3cef8c6101c0", "Amcrest", "IP4M-1041B", "usa", "192.168.10.51"));

    // 9. Axis P3343 (Axis OUI AC:CC:8E): DHCP vendor class and SSDP banner as recorded by Recog
    //    (research/protocols-passive.md §2.2 and §2.4).
    const Host axis{mac("ac:cc:8e:3c:04:19"), ipv4("192.168.10.60")};
    lan.at(30.0);
    lan.dhcp(axis, gateway, {dhcp_text_option(60, "AXIS,Network Camera,P3343,5.20.3"), dhcp_text_option(12, "axis-accc8e3c0419"), kUdhcpPrl},
             0x1a2b3c06);
    lan.multicast(axis, kDiscoveryGroup, 1900, 1900,
                  ssdp_notify("http://192.168.10.60:49152/rootdesc1.xml", "Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22",
                              "Upnp-BasicDevice-1_0-ACCC8E3C0419", "upnp:rootdevice"));

    // 10. D-Link DCS-935L (D-Link OUI B0:C5:54), with the hostname, DHCP and SSDP values of the
    //     real IoT Sentinel capture (research/protocols-passive.md §2.0).
    const Host dlink{mac("b0:c5:54:25:6a:71"), ipv4("192.168.10.61")};
    lan.at(33.0);
    lan.dhcp(dlink, gateway, {dhcp_text_option(12, "DCS-935L"), dhcp_text_option(60, "udhcp 1.22.1"), kUdhcpPrl}, 0x1a2b3c07);
    lan.multicast(dlink, kDiscoveryGroup, 1900, 1900,
                  ssdp_notify("http://192.168.10.61:50510/", "Linux,    UPnP/1.0 DCS-935L/1.0", "e3f5a0b2-1c4d-4e6f-8a9b-b0c554256a71",
                              "upnp:rootdevice"));

    // 12. An EZVIZ (Hikvision subsidiary) doorbell seen only through DHCP: its OUI alone is
    //     not enough to assert "covered", too much to clear it.
    const Host ezviz{mac("64:f2:fb:9a:31:0e"), ipv4("192.168.10.70")};
    // 13. A Lorex unit seen only through DHCP: Lorex left Dahua's ownership on 2022-11-24, and
    //     what remains on the audit date is an alleged OEM tie (research/listings.md §6).
    const Host lorex{mac("00:1f:54:7d:20:9b"), ipv4("192.168.10.71")};
    lan.at(36.0);
    lan.dhcp(ezviz, gateway, {kUdhcpPrl}, 0x1a2b3c08);
    lan.dhcp(lorex, gateway, {kUdhcpPrl}, 0x1a2b3c09);

    // 11. A camera-like device with a locally administered MAC and the generic libupnp banner:
    //     nothing names its maker, so it must stay "unknown", never clean.
    const Host mystery{mac("06:3a:9f:44:12:c7"), ipv4("192.168.10.77")};
    lan.at(40.0);
    lan.announce(mystery);
    lan.multicast(mystery, kDiscoveryGroup, 1900, 1900,
                  ssdp_notify("http://192.168.10.77:80/IPCamDesc.xml", "Linux/3.10.14, UPnP/1.0, Portable SDK for UPnP devices/1.6.6",
                              "7c2a9e10-55d3-4f21-b6c8-063a9f4412c7", "upnp:rootdevice"));

    // Later the Hikvision camera announces itself over ONVIF.
    lan.at(45.0);
    lan.multicast(hik, kDiscoveryGroup, 3702, 3702,
                  hikvision_wsd_hello("aa85c000-6324-11b3-819e-5850ed1fe385", "DS-2CD2385G1-I", "58:50:ed:1f:e3:85", "192.168.10.40"));
    return out;
}

}  // namespace camsweep::synth
