// The benchmark captures (docs/performance.md): a recorder pulling RTP video from cameras, with
// discovery and banner traffic mixed in. The "lan" mix adds a burst every 4,000 RTP packets;
// the "chatter" mix makes several hundred cameras of several makers announce themselves, answer
// searches and serve banners all the time.
#include <cstdio>
#include <iterator>
#include <vector>

#include "camsweep/synth/payloads.hpp"
#include "camsweep/synth/scenarios.hpp"

namespace camsweep::synth {
namespace {

constexpr double kStart = 1793610000.0;  // 2026-11-02T09:00:00Z
constexpr std::size_t kRtpPayload = 1300;
constexpr std::size_t kRtpOffset = 14 + 20 + 8;  // Ethernet + IPv4 + UDP headers
constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kPsh = 0x08, kAck = 0x10;


// The capture being written, with its clock and the counts the mixes report.
class BenchCapture {
public:
    explicit BenchCapture(const std::string& path) : out_(path) {}

    bool ok() const { return out_.ok(); }
    std::uint64_t bytes_written() const { return out_.bytes_written(); }
    const BenchCounts& counts() const { return counts_; }

    void rtp(const Frame& frame) {
        add(frame, false);
        now_ += 0.0002;
    }
    // One datagram (as IPv4 fragments when it exceeds the MTU), its fragments at one instant.
    void udp(const Host& from, const MacAddress& to_mac, const IpAddress& to_ip, std::uint16_t sport, std::uint16_t dport,
             std::string_view payload) {
        for (const auto& packet : ipv4_udp_fragments(from.ip, to_ip, sport, dport, payload, ip_id_++))
            add(ethernet(from.mac, to_mac, 0x0800, packet), true);
        now_ += 0.0001;
    }
    void multicast(const Host& from, const IpAddress& group, std::uint16_t sport, std::uint16_t dport, std::string_view payload) {
        udp(from, multicast_mac_for(group), group, sport, dport, payload);
    }
    void tcp(const Host& from, const Host& to, std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint32_t ack,
             std::uint8_t flags, std::string_view payload) {
        add(ethernet(from.mac, to.mac, 0x0800, ipv4_tcp(from.ip, to.ip, sport, dport, seq, ack, flags, payload)), true);
        now_ += 0.0001;
    }
    // A short TCP conversation: SYN, SYN/ACK, the client's request, the server's response (none
    // when empty), and the client's FIN.
    void exchange(const Host& client, const Host& server, std::uint16_t cport, std::uint16_t sport, std::uint32_t client_isn,
                  std::uint32_t server_isn, std::string_view request, std::string_view response) {
        const auto req = static_cast<std::uint32_t>(request.size()), resp = static_cast<std::uint32_t>(response.size());
        tcp(client, server, cport, sport, client_isn, 0, kSyn, "");
        tcp(server, client, sport, cport, server_isn, client_isn + 1, kSyn | kAck, "");
        tcp(client, server, cport, sport, client_isn + 1, server_isn + 1, kPsh | kAck, request);
        if (!response.empty()) tcp(server, client, sport, cport, server_isn + 1, client_isn + 1 + req, kPsh | kAck, response);
        tcp(client, server, cport, sport, client_isn + 1 + req, server_isn + 1 + resp, kFin | kAck, "");
    }
    void arp(const Host& from) {  // a gratuitous ARP
        out_.add(now_, ethernet(from.mac, kBroadcastMac, 0x0806, synth::arp(1, from.mac, from.ip, MacAddress{}, from.ip)));
        ++counts_.frames;
        ++counts_.arp_frames;
        now_ += 0.0001;
    }

private:
    void add(const Frame& frame, bool chatter) {
        out_.add(now_, frame);
        ++counts_.frames;
        if (chatter) ++counts_.chatter_frames;
    }

    PcapFileStream out_;
    double now_ = kStart;
    std::uint16_t ip_id_ = 1;
    BenchCounts counts_;
};

// One RTP frame template per camera to the recorder; sequence number and timestamp are patched
// in place, so the hot loop of the generator builds nothing.
class RtpStreams {
public:
    RtpStreams(const std::vector<Host>& cameras, const Host& recorder) {
        std::string rtp(12 + kRtpPayload, '\0');
        for (std::size_t i = 12; i < rtp.size(); ++i) rtp[i] = static_cast<char>((i * 131) & 0xff);
        rtp[0] = static_cast<char>(0x80);
        rtp[1] = 96;  // dynamic payload type (H.264)
        for (std::size_t i = 0; i < cameras.size(); ++i)
            templates_.push_back(ethernet(cameras[i].mac, recorder.mac, 0x0800,
                                          ipv4_udp(cameras[i].ip, recorder.ip, static_cast<std::uint16_t>(20000 + 2 * i), 30000, rtp)));
    }
    // The next packet of camera `k % cameras`.
    const Frame& next(std::size_t k) {
        auto& frame = templates_[k % templates_.size()];
        ++sequence_;
        frame[kRtpOffset + 2] = static_cast<std::uint8_t>(sequence_ >> 8);
        frame[kRtpOffset + 3] = static_cast<std::uint8_t>(sequence_);
        frame[kRtpOffset + 4] = static_cast<std::uint8_t>(sequence_ >> 24);
        frame[kRtpOffset + 5] = static_cast<std::uint8_t>(sequence_ >> 16);
        return frame;
    }

private:
    std::vector<Frame> templates_;
    std::uint32_t sequence_ = 0;
};

// ==== lan ====================================================================================

constexpr int kLanCameras = 48;
constexpr int kLanPacketsPerRound = 4000;  // RTP packets between two bursts of other traffic

Host lan_camera(int i) {
    // Alternate between the OUIs of a few makers so that classification has work to do.
    static const char* ouis[] = {"58:50:ed", "08:ed:ed", "ac:cc:8e", "14:2f:fd", "48:ea:63", "00:1f:54"};
    char mac_text[32], ip_text[32];
    std::snprintf(mac_text, sizeof mac_text, "%s:%02x:%02x:%02x", ouis[i % 6], 0x10 + i / 256, i % 256, 0x40 + i % 64);
    std::snprintf(ip_text, sizeof ip_text, "10.20.1.%d", 10 + i);
    return {mac(mac_text), ipv4(ip_text)};
}

bool write_lan(const std::string& path, std::uint64_t target_bytes, BenchCounts& counts) {
    BenchCapture out(path);
    if (!out.ok()) return false;
    const Host nvr{mac("68:6d:bc:11:00:01"), ipv4("10.20.1.2")};
    const Host client{mac("02:11:22:33:44:55"), ipv4("10.20.1.200")};
    std::vector<Host> cameras;
    for (int i = 0; i < kLanCameras; ++i) cameras.push_back(lan_camera(i));
    RtpStreams streams(cameras, nvr);

    std::uint32_t tcp_seq = 1000;
    for (int round = 0; out.bytes_written() < target_bytes; ++round) {
        for (int k = 0; k < kLanPacketsPerRound && out.bytes_written() < target_bytes; ++k) out.rtp(streams.next(static_cast<std::size_t>(k)));
        // A burst of discovery and banner traffic from one camera.
        const Host& host = cameras[static_cast<std::size_t>(round % kLanCameras)];
        char serial[64];
        std::snprintf(serial, sizeof serial, "DS-2CD2385G1-I20250414AAWRE%08d", round % kLanCameras);
        out.multicast(host, kDiscoveryGroup, 37020, 37020,
                      sadp_probe_match("8282F1DB-2FA6-4709-B261-3C6B6A48CA17",
                                       {"141945", "DS-2CD2385G1-I", serial, host.mac.to_string(), host.ip.to_string(), "10.20.1.1",
                                        "V5.7.3build 230217", "V7.3 build 230210", 0, 1}));
        out.multicast(host, kDiscoveryGroup, 1900, 1900,
                      ssdp_notify("http://" + host.ip.to_string() + ":49152/rootdesc1.xml",
                                  "Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22",
                                  "bench-" + std::to_string(round % kLanCameras), "upnp:rootdevice"));
        // DNS query for a vendor cloud name (hand-built: id, flags, one question).
        std::string dns = std::string("\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 12) +
                          std::string("\x03" "dev" "\x0b" "hik-connect" "\x03" "com" "\x00" "\x00\x01\x00\x01", 25);
        out.udp(host, nvr.mac, ipv4("10.20.1.1"), static_cast<std::uint16_t>(40000 + round % 1000), 53, dns);
        // An HTTP exchange with the camera's web server.
        const std::uint16_t port = static_cast<std::uint16_t>(50000 + round % 10000);
        const std::string request = "GET /ISAPI/System/deviceInfo HTTP/1.1\r\nHost: " + host.ip.to_string() +
                                    "\r\nUser-Agent: Mozilla/5.0\r\nAccept: */*\r\n\r\n";
        const std::string response =
            "HTTP/1.1 401 Unauthorized\r\nDate: Mon, 02 Nov 2026 09:00:00 GMT\r\nServer: App-webs/\r\nContent-Length: 0\r\n"
            "WWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C2183)\", nonce=\"4e5445314d6a59354e44466d\", stale=\"FALSE\"\r\n\r\n";
        out.exchange(client, host, port, 80, tcp_seq, 9000, request, response);
        tcp_seq += 100000;
    }
    counts = out.counts();
    return out.ok();
}


// ==== chatter ================================================================================

constexpr int kChatterCameras = 480;
constexpr int kRtpPerEvent = 30;      // RTP packets between two pieces of discovery or banner traffic
constexpr int kEventsPerSearch = 40;  // one of the laptop's searches every so many events

// A Huawei gateway (Huawei OUI), the auditor's laptop (locally administered MAC) and the
// Hikvision recorder the RTP goes to.
const Host kGateway{mac("00:18:82:3a:51:10"), ipv4("10.30.0.1")};
const Host kLaptop{mac("02:5e:11:20:30:40"), ipv4("10.30.0.5")};
const Host kRecorder{mac("68:6d:bc:11:00:01"), ipv4("10.30.0.2")};

enum class Maker : std::uint8_t { hikvision, hikvision_nvr, lts, dahua, amcrest, axis, xiongmai, lorex };

struct ChatterCamera {
    Host host;
    Maker maker;
    int index;
    std::string serial;  // as the maker's discovery reports it
    std::string model;
    std::uint32_t visits = 0;  // announcements so far: picks the next kind of traffic
};

// The site's makers in proportion (Hikvision and Dahua families most common), each on one of
// its registered OUIs.
constexpr Maker kMakerMix[] = {Maker::hikvision, Maker::dahua, Maker::axis,    Maker::hikvision_nvr, Maker::hikvision,
                               Maker::amcrest,   Maker::lts,   Maker::xiongmai, Maker::dahua,        Maker::lorex};

ChatterCamera chatter_camera(int i) {
    const Maker maker = kMakerMix[i % std::size(kMakerMix)];
    const char* oui = "58:50:ed";
    const char* model = "DS-2CD2385G1-I";
    switch (maker) {
        case Maker::hikvision: break;
        case Maker::hikvision_nvr: oui = "24:28:fd"; model = "DS-7608NI-K2"; break;
        case Maker::lts: oui = "14:2f:fd"; model = "CMIP3C42W-28M"; break;
        case Maker::dahua: oui = "08:ed:ed"; model = "IPC-HDW1431T1-S4"; break;
        case Maker::amcrest: oui = "3c:ef:8c"; model = "IP4M-1041B"; break;
        case Maker::axis: oui = "ac:cc:8e"; model = "P3343"; break;
        case Maker::xiongmai: oui = "00:12:31"; model = "IPC"; break;
        case Maker::lorex: oui = "00:1f:54"; model = "LNB4321B"; break;
    }
    char mac_text[32], ip_text[32], serial[64];
    std::snprintf(mac_text, sizeof mac_text, "%s:%02x:%02x:%02x", oui, 0x20 + i / 256, i % 256, 0x80 + i % 64);
    std::snprintf(ip_text, sizeof ip_text, "10.30.%d.%d", 1 + i / 200, 10 + i % 200);
    switch (maker) {
        case Maker::hikvision: case Maker::hikvision_nvr: case Maker::lts:
            std::snprintf(serial, sizeof serial, "%s20250414AAWRE%08d", model, 33840000 + i);
            break;
        case Maker::dahua: case Maker::amcrest: std::snprintf(serial, sizeof serial, "6C01E93PAG%05d", i); break;
        case Maker::xiongmai: std::snprintf(serial, sizeof serial, "41e6853ada5e%04x", i); break;
        default: std::snprintf(serial, sizeof serial, "%012llX", 0xACCC8E000000ull + static_cast<unsigned long long>(i)); break;
    }
    return {{mac(mac_text), ipv4(ip_text)}, maker, i, serial, model};
}

// The MAC as 12 hexadecimal digits, for names that embed it ("axis-accc8e3c0419").
std::string mac_hex(const MacAddress& m, bool upper) {
    char text[16];
    std::snprintf(text, sizeof text, upper ? "%02X%02X%02X%02X%02X%02X" : "%02x%02x%02x%02x%02x%02x", m.octets[0], m.octets[1], m.octets[2],
                  m.octets[3], m.octets[4], m.octets[5]);
    return text;
}

std::string mac_dashed(const MacAddress& m) {
    std::string text = m.to_string();
    for (auto& c : text)
        if (c == ':') c = '-';
    return text;
}

class ChatterSite {
public:
    explicit ChatterSite(BenchCapture& out) : out_(out), nvr_certificate_(hikvision_certificate()) {}

    // The laptop's next search: SADP, WS-Discovery, DHIP, SSDP and XMeye in turn.
    void search() {
        char uuid[40];
        switch (searches_++ % 5) {
            case 0:
                std::snprintf(uuid, sizeof uuid, "%08X-2FA6-4709-B261-3C6B6A48CA17", searches_);
                sadp_uuid_ = uuid;
                out_.multicast(kLaptop, kDiscoveryGroup, 37020, 37020, request_of("sadp", sadp_uuid_));
                break;
            case 1:
                std::snprintf(uuid, sizeof uuid, "5d1b8e2a-90c4-4f5e-9a61-%012x", searches_);
                out_.multicast(kLaptop, kDiscoveryGroup, 3702, 3702, request_of("wsd", uuid));
                break;
            case 2: out_.multicast(kLaptop, kDhipGroup, 37810, 37810, request_of("dhip")); break;
            case 3: out_.multicast(kLaptop, kDiscoveryGroup, 50123, 1900, request_of("ssdp")); break;
            default: out_.udp(kLaptop, kBroadcastMac, kBroadcast, 34569, 34569, request_of("xiongmai")); break;
        }
    }

    // The camera's next piece of traffic: its maker's kinds in turn.
    void announce(ChatterCamera& cam) {
        const std::uint32_t turn = cam.visits++;
        ++events_;
        switch (cam.maker) {
            case Maker::hikvision:
                switch (turn % 7) {
                    case 0: sadp(cam); break;
                    case 1:
                        out_.multicast(cam.host, kDiscoveryGroup, 3702, 3702,
                                       hikvision_wsd_hello(device_uuid(cam), cam.model, cam.host.mac.to_string(), ip(cam), message_id()));
                        break;
                    case 2: dns(cam, "dev.hik-connect.com"); break;
                    case 3: tls_hello(cam, "litedev.hik-connect.com"); break;
                    case 4: isapi(cam); break;
                    case 5:
                        out_.multicast(cam.host, kMdnsGroup, 5353, 5353,
                                       mdns_service_response("_CGI._tcp.local", "HIKVISION " + cam.model + " - " + cam.serial.substr(cam.serial.size() - 9),
                                                             cam.serial + ".local", 80, {""}, cam.host.ip));
                        break;
                    default: out_.arp(cam.host); break;
                }
                break;
            case Maker::hikvision_nvr:
                switch (turn % 4) {
                    case 0: sadp(cam); break;
                    case 1:
                        out_.exchange(kLaptop, cam.host, client_port(), 443, 0x10000 * events_, 0xd000, tls_client_hello("", events_),
                                      nvr_certificate_flight());
                        break;
                    case 2: dns(cam, "dev.hik-connect.com"); break;
                    default: isapi(cam); break;
                }
                break;
            case Maker::lts:
                switch (turn % 3) {
                    case 0: sadp(cam); break;
                    case 1: isapi(cam); break;
                    default: out_.arp(cam.host); break;
                }
                break;
            case Maker::dahua: case Maker::amcrest: {
                const bool amcrest = cam.maker == Maker::amcrest;
                switch (turn % (amcrest ? 3 : 5)) {
                    case 0: {
                        const std::string brand = amcrest ? "Amcrest" : "Private";
                        out_.udp(cam.host, kLaptop.mac, kLaptop.ip, 37810, 37810,
                                 dhip_packet(dhip_notify({cam.host.mac.to_string(), "IPC", cam.model, ip(cam), "10.30.0.1", cam.serial, brand,
                                                          cam.serial, brand, amcrest ? "2.800.0000002.0.R" : "2.800.0000000.13.R"})));
                        break;
                    }
                    case 1:
                        out_.multicast(cam.host, kDiscoveryGroup, 3702, 3702,
                                       dahua_wsd_hello(device_uuid(cam), amcrest ? "Amcrest" : "Dahua", cam.model, amcrest ? "usa" : "china", ip(cam),
                                                       message_id()));
                        break;
                    case 2: rtsp(cam); break;
                    case 3: dns(cam, "iotaccess.easy4ipcloud.com"); break;
                    default: out_.arp(cam.host); break;
                }
                break;
            }
            case Maker::axis:
                switch (turn % 4) {
                    case 0:
                        dhcp(cam, {dhcp_text_option(60, "AXIS,Network Camera,P3343,5.20.3"),
                                   dhcp_text_option(12, "axis-" + mac_hex(cam.host.mac, false)), kUdhcpPrl});
                        break;
                    case 1:
                        out_.multicast(cam.host, kDiscoveryGroup, 1900, 1900,
                                       ssdp_notify("http://" + ip(cam) + ":49152/rootdesc1.xml",
                                                   "Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22",
                                                   "Upnp-BasicDevice-1_0-" + mac_hex(cam.host.mac, true), "upnp:rootdevice"));
                        break;
                    case 2:
                        out_.multicast(cam.host, kMdnsGroup, 5353, 5353,
                                       mdns_service_response("_axis-video._tcp.local", "AXIS P3343 - " + mac_hex(cam.host.mac, true),
                                                             "axis-" + mac_hex(cam.host.mac, false) + ".local", 80,
                                                             {"macaddress=" + mac_hex(cam.host.mac, true)}, cam.host.ip));
                        break;
                    default: out_.arp(cam.host); break;
                }
                break;
            case Maker::xiongmai:
                if (turn % 2 == 0) {
                    const std::string body = "{ \"NetWork.NetCommon\" : { \"ChannelNum\" : 1, \"DeviceType\" : 1, \"GateWay\" : \"0x01001E0A\", "
                                             "\"HostIP\" : \"" + xm_address(cam.host.ip) + "\", \"HostName\" : \"LocalHost\", \"HttpPort\" : 80, "
                                             "\"MAC\" : \"" + cam.host.mac.to_string() + "\", \"MaxBps\" : 0, \"MonMode\" : \"TCP\", "
                                             "\"SN\" : \"" + cam.serial + "\", \"SSLPort\" : 8443, \"Submask\" : \"0x00FFFFFF\", "
                                             "\"TCPMaxConn\" : 10, \"TCPPort\" : 34567, \"UDPPort\" : 34568, \"UseHSDownLoad\" : false }, "
                                             "\"Ret\" : 100, \"SessionID\" : \"0x00000000\" }";
                    out_.udp(cam.host, kBroadcastMac, kBroadcast, 34569, 34569, xm_reply(body));
                } else {
                    dns(cam, "pub-cfg.secu100.net");
                }
                break;
            case Maker::lorex:
                if (turn % 2 == 0) {
                    dhcp(cam, {dhcp_text_option(12, "LNB4321B-" + mac_hex(cam.host.mac, false).substr(6)), kUdhcpPrl});
                } else {
                    out_.multicast(cam.host, kDiscoveryGroup, 1900, 1900,
                                   ssdp_notify("http://" + ip(cam) + ":80/IPCamDesc.xml",
                                               "Linux/3.10.14, UPnP/1.0, Portable SDK for UPnP devices/1.6.6",
                                               "7c2a9e10-55d3-4f21-b6c8-" + mac_hex(cam.host.mac, false), "upnp:rootdevice"));
                }
                break;
        }
    }

private:
    static std::string ip(const ChatterCamera& cam) { return cam.host.ip.to_string(); }
    static std::string device_uuid(const ChatterCamera& cam) { return "aa85c000-6324-11b3-819e-" + mac_hex(cam.host.mac, false); }
    // A fresh WS-Discovery MessageID for every Hello.
    std::string message_id() const {
        char text[40];
        std::snprintf(text, sizeof text, "c0a80a28-%04x-4e2b-9f6d-%012x", events_ >> 16, events_ & 0xffff);
        return text;
    }
    std::uint16_t client_port() { return static_cast<std::uint16_t>(50000 + events_ % 15000); }
    std::string nvr_certificate_flight() const { return tls_server_flight(nvr_certificate_); }

    // A ProbeMatch answering the laptop's latest SADP search (the Uuid echoes it).
    void sadp(const ChatterCamera& cam) {
        const bool nvr = cam.maker == Maker::hikvision_nvr;
        out_.multicast(cam.host, kDiscoveryGroup, 37020, 37020,
                       sadp_probe_match(sadp_uuid_, {nvr ? "201981" : "141945", cam.model, cam.serial, mac_dashed(cam.host.mac), ip(cam),
                                                     "10.30.0.1", "V5.7.3build 230217", "V7.3 build 230210", 0, nvr ? 8 : 1}));
    }
    void dns(const ChatterCamera& cam, const std::string& name) {
        out_.udp(cam.host, kGateway.mac, kGateway.ip, static_cast<std::uint16_t>(40000 + events_ % 20000), 53,
                 dns_message(static_cast<std::uint16_t>(events_), 0x0100, {{name}}, {}));
    }
    // The camera calling its maker's cloud (off-site: through the gateway); the server's answer
    // is not the camera's.
    void tls_hello(const ChatterCamera& cam, std::string_view sni) {
        const Host cloud{kGateway.mac, ipv4("203.0.113.80")};
        out_.exchange(cam.host, cloud, client_port(), 443, 0x20000 * events_, 0xe000, tls_client_hello(sni, events_), "");
    }
    void isapi(const ChatterCamera& cam) {
        char nonce[32];
        std::snprintf(nonce, sizeof nonce, "4e54453%017x", events_);
        out_.exchange(kLaptop, cam.host, client_port(), 80, 0x30000 * events_, 0x9000,
                      "GET /ISAPI/System/deviceInfo HTTP/1.1\r\nHost: " + ip(cam) + "\r\nUser-Agent: Mozilla/5.0\r\nAccept: */*\r\n\r\n",
                      "HTTP/1.1 401 Unauthorized\r\nDate: Mon, 02 Nov 2026 09:00:00 GMT\r\nServer: App-webs/\r\nContent-Length: 0\r\n"
                      "WWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C2183)\", nonce=\"" + std::string(nonce) +
                          "\", stale=\"FALSE\"\r\n\r\n");
    }
    // The recorder asking the camera for its main stream.
    void rtsp(const ChatterCamera& cam) {
        const std::string cseq = std::to_string(2 + cam.visits);
        out_.exchange(kRecorder, cam.host, client_port(), 554, 0x40000 * events_, 0xc000,
                      "DESCRIBE rtsp://" + ip(cam) + ":554/cam/realmonitor?channel=1&subtype=0 RTSP/1.0\r\nCSeq: " + cseq +
                          "\r\nAccept: application/sdp\r\nUser-Agent: LibVLC/3.0.20 (LIVE555 Streaming Media v2016.11.28)\r\n\r\n",
                      "RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq +
                          "\r\nWWW-Authenticate: Basic realm=\"device\"\r\nServer: Dahua Rtsp Server\r\n\r\n");
    }
    // DISCOVER from the camera, ACK from the gateway.
    void dhcp(const ChatterCamera& cam, std::vector<DhcpOption> options) {
        const std::uint32_t xid = 0x6c0d0000u + events_;
        out_.udp({cam.host.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67, dhcp_message(1, xid, cam.host.mac, kZero, kZero, with_type(1, std::move(options))));
        out_.udp(kGateway, cam.host.mac, cam.host.ip, 67, 68, dhcp_message(2, xid, cam.host.mac, kZero, cam.host.ip, with_type(5, {})));
    }

    BenchCapture& out_;
    const std::string nvr_certificate_;
    std::string sadp_uuid_ = "8282F1DB-2FA6-4709-B261-3C6B6A48CA17";
    std::uint32_t searches_ = 0;
    std::uint32_t events_ = 0;
};

bool write_chatter(const std::string& path, std::uint64_t target_bytes, BenchCounts& counts) {
    BenchCapture out(path);
    if (!out.ok()) return false;
    ChatterSite site(out);
    std::vector<ChatterCamera> cameras;
    std::vector<Host> hosts;
    for (int i = 0; i < kChatterCameras; ++i) {
        cameras.push_back(chatter_camera(i));
        hosts.push_back(cameras.back().host);
    }
    RtpStreams streams(hosts, kRecorder);
    std::size_t rtp = 0;
    for (std::size_t event = 0; out.bytes_written() < target_bytes; ++event) {
        for (int k = 0; k < kRtpPerEvent && out.bytes_written() < target_bytes; ++k) out.rtp(streams.next(rtp++));
        if (event % kEventsPerSearch == 0) site.search();
        site.announce(cameras[event % cameras.size()]);
    }
    counts = out.counts();
    return out.ok();
}

}  // namespace

bool write_bench(const std::string& path, std::uint64_t target_bytes, BenchMix mix, BenchCounts& counts) {
    return mix == BenchMix::chatter ? write_chatter(path, target_bytes, counts) : write_lan(path, target_bytes, counts);
}

}  // namespace camsweep::synth
