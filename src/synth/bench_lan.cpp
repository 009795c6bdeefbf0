// The benchmark capture: a recorder pulling RTP video from a few dozen cameras, with discovery
// and banner traffic every few thousand packets (see bench/README.md).
#include <array>
#include <cstdio>

#include "camsweep/synth/payloads.hpp"
#include "camsweep/synth/scenarios.hpp"

namespace camsweep::synth {
namespace {

constexpr double kStart = 1793610000.0;  // 2026-11-02T09:00:00Z
constexpr int kCameras = 48;
constexpr std::size_t kRtpPayload = 1300;
constexpr int kPacketsPerRound = 4000;  // RTP packets between two bursts of other traffic

struct Camera {
    MacAddress mac;
    IpAddress ip;
};

Camera camera(int i) {
    // Alternate between the OUIs of a few makers so that classification has work to do.
    static const char* ouis[] = {"58:50:ed", "08:ed:ed", "ac:cc:8e", "14:2f:fd", "48:ea:63", "00:1f:54"};
    char mac_text[32], ip_text[32];
    std::snprintf(mac_text, sizeof mac_text, "%s:%02x:%02x:%02x", ouis[i % 6], 0x10 + i / 256, i % 256, 0x40 + i % 64);
    std::snprintf(ip_text, sizeof ip_text, "10.20.1.%d", 10 + i);
    return {mac(mac_text), ipv4(ip_text)};
}

}  // namespace

bool write_bench_lan(const std::string& path, std::uint64_t target_bytes) {
    PcapFileStream out(path);
    if (!out.ok()) return false;
    const Host nvr{mac("68:6d:bc:11:00:01"), ipv4("10.20.1.2")};
    const Host client{mac("02:11:22:33:44:55"), ipv4("10.20.1.200")};
    std::array<Camera, kCameras> cameras;
    for (int i = 0; i < kCameras; ++i) cameras[static_cast<std::size_t>(i)] = camera(i);

    // One RTP frame template per camera; sequence number and timestamp are patched in place.
    std::string rtp(12 + kRtpPayload, '\0');
    for (std::size_t i = 12; i < rtp.size(); ++i) rtp[i] = static_cast<char>((i * 131) & 0xff);
    rtp[0] = static_cast<char>(0x80);
    rtp[1] = 96;  // dynamic payload type (H.264)
    std::array<Frame, kCameras> templates;
    for (int i = 0; i < kCameras; ++i) {
        const auto& cam = cameras[static_cast<std::size_t>(i)];
        templates[static_cast<std::size_t>(i)] =
            ethernet(cam.mac, nvr.mac, 0x0800, ipv4_udp(cam.ip, nvr.ip, static_cast<std::uint16_t>(20000 + 2 * i), 30000, rtp));
    }
    const std::size_t rtp_offset = 14 + 20 + 8;  // Ethernet + IPv4 + UDP headers

    double now = kStart;
    std::uint32_t sequence = 0;
    std::uint16_t ip_id = 1;
    std::uint32_t tcp_seq = 1000;
    for (int round = 0; out.bytes_written() < target_bytes; ++round) {
        for (int k = 0; k < kPacketsPerRound && out.bytes_written() < target_bytes; ++k) {
            auto& frame = templates[static_cast<std::size_t>(k % kCameras)];
            ++sequence;
            frame[rtp_offset + 2] = static_cast<std::uint8_t>(sequence >> 8);
            frame[rtp_offset + 3] = static_cast<std::uint8_t>(sequence);
            frame[rtp_offset + 4] = static_cast<std::uint8_t>(sequence >> 24);
            frame[rtp_offset + 5] = static_cast<std::uint8_t>(sequence >> 16);
            out.add(now, frame);
            now += 0.0002;
        }
        // A burst of discovery and banner traffic from one camera.
        const auto& cam = cameras[static_cast<std::size_t>(round % kCameras)];
        const Host host{cam.mac, cam.ip};
        const IpAddress group = ipv4("239.255.255.250");
        auto udp = [&](const Host& from, const MacAddress& to_mac, const IpAddress& to_ip, std::uint16_t sport, std::uint16_t dport,
                       const std::string& payload) {
            for (const auto& packet : ipv4_udp_fragments(from.ip, to_ip, sport, dport, payload, ip_id++))
                out.add(now, ethernet(from.mac, to_mac, 0x0800, packet));
            now += 0.0001;
        };
        char serial[64];
        std::snprintf(serial, sizeof serial, "DS-2CD2385G1-I20250414AAWRE%08d", round % kCameras);
        udp(host, multicast_mac_for(group), group, 37020, 37020,
            sadp_probe_match("8282F1DB-2FA6-4709-B261-3C6B6A48CA17",
                             {"141945", "DS-2CD2385G1-I", serial, cam.mac.to_string(), cam.ip.to_string(), "10.20.1.1",
                              "V5.7.3build 230217", "V7.3 build 230210", 0, 1}));
        udp(host, multicast_mac_for(group), group, 1900, 1900,
            ssdp_notify("http://" + cam.ip.to_string() + ":49152/rootdesc1.xml",
                        "Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22", "bench-" + std::to_string(round % kCameras),
                        "upnp:rootdevice"));
        // DNS query for a vendor cloud name (hand-built: id, flags, one question).
        std::string dns = std::string("\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 12) +
                          std::string("\x03" "dev" "\x0b" "hik-connect" "\x03" "com" "\x00" "\x00\x01\x00\x01", 25);
        udp(host, nvr.mac, ipv4("10.20.1.1"), static_cast<std::uint16_t>(40000 + round % 1000), 53, dns);
        // An HTTP exchange with the camera's web server, and an RTSP one with the recorder.
        auto tcp = [&](const Host& from, const Host& to, std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint32_t ack,
                       std::uint8_t flags, std::string_view payload) {
            out.add(now, ethernet(from.mac, to.mac, 0x0800, ipv4_tcp(from.ip, to.ip, sport, dport, seq, ack, flags, payload)));
            now += 0.0001;
        };
        const std::uint16_t port = static_cast<std::uint16_t>(50000 + round % 10000);
        const std::string request = "GET /ISAPI/System/deviceInfo HTTP/1.1\r\nHost: " + cam.ip.to_string() +
                                    "\r\nUser-Agent: Mozilla/5.0\r\nAccept: */*\r\n\r\n";
        const std::string response =
            "HTTP/1.1 401 Unauthorized\r\nDate: Mon, 02 Nov 2026 09:00:00 GMT\r\nServer: App-webs/\r\nContent-Length: 0\r\n"
            "WWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C2183)\", nonce=\"4e5445314d6a59354e44466d\", stale=\"FALSE\"\r\n\r\n";
        tcp(client, host, port, 80, tcp_seq, 0, 0x02, "");
        tcp(host, client, 80, port, 9000, tcp_seq + 1, 0x12, "");
        tcp(client, host, port, 80, tcp_seq + 1, 9001, 0x18, request);
        tcp(host, client, 80, port, 9001, tcp_seq + 1 + static_cast<std::uint32_t>(request.size()), 0x18, response);
        tcp(client, host, port, 80, tcp_seq + 1 + static_cast<std::uint32_t>(request.size()), 9001 + static_cast<std::uint32_t>(response.size()),
            0x11, "");
        tcp_seq += 100000;
    }
    return out.ok();
}

}  // namespace camsweep::synth
