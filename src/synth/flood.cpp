// The flood capture (include/camsweep/synth/flood.hpp). The camera payloads are the sample's
// (src/synth/sample_lan.cpp, which cites their sources); the flood is the generator's own.
#include "camsweep/synth/flood.hpp"

#include <algorithm>
#include <string>

#include "camsweep/synth/frames.hpp"
#include "camsweep/synth/payloads.hpp"

namespace camsweep::synth {
namespace {

constexpr double kStart = 1793610000.0;  // 2026-11-02T09:00:00Z, as the sample

// xorshift64*: deterministic and cheap.
class Random {
public:
    std::uint64_t next() {
        state_ ^= state_ >> 12;
        state_ ^= state_ << 25;
        state_ ^= state_ >> 27;
        return state_ * 0x2545F4914F6CDD1DULL;
    }

private:
    std::uint64_t state_ = 0x9E3779B97F4A7C15ULL;
};

// A random unicast, locally administered MAC (no OUI: the flood claims no maker), unique for
// a given counter value because the counter is in the low octets.
MacAddress flood_mac(Random& random, std::uint64_t n) {
    std::uint64_t r = random.next();
    MacAddress m;
    m.octets[0] = static_cast<std::uint8_t>(((r >> 8) & 0xfc) | 0x02);
    m.octets[1] = static_cast<std::uint8_t>(r >> 16);
    m.octets[2] = static_cast<std::uint8_t>(n >> 24);
    m.octets[3] = static_cast<std::uint8_t>(n >> 16);
    m.octets[4] = static_cast<std::uint8_t>(n >> 8);
    m.octets[5] = static_cast<std::uint8_t>(n);
    return m;
}

IpAddress flood_ip(std::uint64_t n, std::uint8_t first) {
    IpAddress ip = ipv4("10.0.0.0");
    ip.octets[12] = first;
    ip.octets[13] = static_cast<std::uint8_t>(n >> 16);
    ip.octets[14] = static_cast<std::uint8_t>(n >> 8);
    ip.octets[15] = static_cast<std::uint8_t>(n);
    return ip;
}

}  // namespace

bool write_flood_macs(const std::string& path, FloodCounts counts) {
    PcapFileStream out(path);
    if (!out.ok()) return false;
    double now = kStart;
    auto add = [&](const Frame& frame) {
        out.add(now, frame);
        now += 0.00001;
    };
    std::uint16_t ip_id = 0x5a00;
    auto udp = [&](const Host& src, const MacAddress& dst_mac, const IpAddress& dst_ip, std::uint16_t sport, std::uint16_t dport,
                   std::string_view payload) {
        for (const auto& packet : ipv4_udp_fragments(src.ip, dst_ip, sport, dport, payload, ip_id++))
            add(ethernet(src.mac, dst_mac, 0x0800, packet));
    };
    const IpAddress group = ipv4("239.255.255.250");
    const Host gateway{mac("00:18:82:3a:51:10"), ipv4("192.168.10.1")};
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.10.5")};
    const Host hik{mac("58:50:ed:1f:e3:85"), ipv4("192.168.10.40")};
    const Host dahua{mac("08:ed:ed:87:42:7a"), ipv4("192.168.10.50")};
    const Host axis{mac("ac:cc:8e:3c:04:19"), ipv4("192.168.10.60")};
    const IpAddress zero = ipv4("0.0.0.0"), broadcast = ipv4("255.255.255.255");
    const std::string probe_uuid = "8282F1DB-2FA6-4709-B261-3C6B6A48CA17";
    // The cameras speak once each, early, among the flood (see the schedule below).
    auto camera = [&](int which) {
        switch (which) {
            case 0:
                add(ethernet(hik.mac, kBroadcastMac, 0x0806, arp(1, hik.mac, hik.ip, MacAddress{}, hik.ip)));
                udp(hik, multicast_mac_for(group), group, 37020, 37020,
                    sadp_probe_match(probe_uuid, {"141945", "DS-2CD2385G1-I", "DS-2CD2385G1-I20250414AAWRE33842150", "58-50-ed-1f-e3-85",
                                                  "192.168.10.40", "192.168.10.1", "V5.7.3build 230217", "V7.3 build 230210", 0, 1}));
                break;
            case 1:
                udp(dahua, laptop.mac, laptop.ip, 37810, 37810,
                    dhip_packet(dhip_notify({"08:ed:ed:87:42:7a", "IPC", "IPC-HDW1431T1-S4", "192.168.10.50", "192.168.10.1",
                                             "6C01E93PAG69A7D", "Private", "6C01E93PAG69A7D", "Private", "2.800.0000000.13.R"})));
                break;
            default:
                udp({axis.mac, zero}, kBroadcastMac, broadcast, 68, 67,
                    dhcp_message(1, 0x1a2b3c06, axis.mac, zero, zero,
                                 {DhcpOption{53, {1}}, dhcp_text_option(60, "AXIS,Network Camera,P3343,5.20.3"),
                                  dhcp_text_option(12, "axis-accc8e3c0419")}));
                udp(axis, multicast_mac_for(group), group, 1900, 1900,
                    ssdp_notify("http://192.168.10.60:49152/rootdesc1.xml",
                                "Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22",
                                "Upnp-BasicDevice-1_0-ACCC8E3C0419", "upnp:rootdevice"));
                break;
        }
    };
    // A DNS query for a neutral name (id, flags, one question).
    const std::string dns = std::string("\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 12) +
                            std::string("\x04" "time" "\x07" "example" "\x03" "org" "\x00" "\x00\x01\x00\x01", 22);
    const std::string head = "GET / HTTP/1.1\r\nHost: 192.168.10.40\r\nUser-Agent: flood/1.0\r\n";
    const std::string finished = head + "\r\n";
    const std::uint64_t steps = std::max(counts.senders, counts.flows);
    Random random;
    for (std::uint64_t i = 0; i < steps; ++i) {
        if (i == 1000 || i == 20000 || i == 40000) camera(i == 1000 ? 0 : i == 20000 ? 1 : 2);
        if (i < counts.senders) {
            Host h{flood_mac(random, 2 * i), flood_ip(i, 10)};
            if (i % 2 == 0) add(ethernet(h.mac, kBroadcastMac, 0x0806, arp(1, h.mac, h.ip, MacAddress{}, h.ip)));
            else add(ethernet(h.mac, gateway.mac, 0x0800, ipv4_udp(h.ip, gateway.ip, static_cast<std::uint16_t>(1024 + i % 60000), 53, dns)));
        }
        if (i < counts.flows) {
            Host client{flood_mac(random, 2 * i + 1), flood_ip(i, 11)};
            const auto sport = static_cast<std::uint16_t>(1024 + i % 60000);
            const auto seq = static_cast<std::uint32_t>(random.next());
            add(ethernet(client.mac, hik.mac, 0x0800, ipv4_tcp(client.ip, hik.ip, sport, 80, seq, 0, 0x02, {})));
            add(ethernet(client.mac, hik.mac, 0x0800,
                         ipv4_tcp(client.ip, hik.ip, sport, 80, seq + 1, 1, 0x18, i % 2 == 0 ? finished : head)));
        }
    }
    return out.ok();
}

}  // namespace camsweep::synth
