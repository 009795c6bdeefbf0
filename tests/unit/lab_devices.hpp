#pragma once
// Emulated cameras for the prober's tests (loopback_lab.hpp), in the vendors' real wire formats:
// shared by the loopback tests (test_scan_devices.cpp) and the network-namespace tests
// (test_scan_multicast.cpp).
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "camsweep/dissect/parsers.hpp"
#include "camsweep/synth/payloads.hpp"
#include "loopback_lab.hpp"
#include "unit_helpers.hpp"

namespace camsweep::lab {

// Replies to a request once it is whole, by the request's first line.
inline TcpBehaviour answer(std::function<std::string(const std::string& request)> by_request,
                    TcpBehaviour::After after = TcpBehaviour::After::close) {
    TcpBehaviour b;
    b.reply = [by_request](const std::string& request) { return request_whole(request) ? by_request(request) : std::string(); };
    b.after = after;
    return b;
}

// Hikvision's unauthenticated ISAPI/SDK answers in `xml_namespace` (research/protocols-active.md
// §1.7.1: the SessionLoginCap of idx:68967366903 and the ActivateStatus root of idx:15251382388;
// tests/fixtures/isapi/SOURCES.md), or "" when the request is not one of them.
inline std::string hikvision_isapi_reply(const std::string& request, std::string_view xml_namespace) {
    const std::string ns(xml_namespace);
    if (request.starts_with("GET /SDK/activateStatus HTTP/1.1\r\n"))
        return http_response("HTTP/1.1 200 OK", "Content-Type: application/xml\r\nConnection: close\r\n",
                                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ActivateStatus version=\"2.0\" xmlns=\"" + ns +
                                      "\">\n<Activated>true</Activated>\n</ActivateStatus>\n");
    if (request.starts_with("GET /ISAPI/Security/sessionLogin/capabilities?username=admin HTTP/1.1\r\n"))
        return http_response(
            "HTTP/1.1 200 OK", "Content-Type: application/xml\r\nConnection: close\r\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SessionLoginCap version=\"2.0\" xmlns=\"" + ns +
                "\">\n<sessionID>5c2d2f0b3c7e4b1f9a6e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180716f5e4</sessionID>\n"
                "<challenge>165528821e2892d6e47365f8a628ebab</challenge>\n<iterations>100</iterations>\n<isIrreversible>true</isIrreversible>\n"
                "<salt>366e43db17908d26e39174f2f1a95dac78dd6a01df4a461cb6cc81eadbe07c85</salt>\n</SessionLoginCap>\n");
    return {};
}

inline const std::string kNotFound = http_response("HTTP/1.1 404 Not Found", "Content-Type: text/html\r\nConnection: close\r\n",
                                                 "<html><body>404 Not Found</body></html>");

inline void hikvision_web_and_rtsp(Device& d);

// One Hikvision unit's identity. The default is the recorded DS-2CD2385G1-I (research/
// protocols-active.md §1.1.5); `for_mac` gives another unit of the same model its own MAC,
// serial and UUIDs, so a lab of many units does not merge into one device.
struct HikvisionUnit {
    std::string mac = "58:50:ed:1f:e3:85";
    std::string serial = "DS-2CD2385G1-I20250414AAWRE33842150";
    std::string wsd_uuid = "18ec6401-3aa0-11b5-83f6-5850ed1fe385";  // ends in the MAC, as the unit's own does
    std::string sadp_uuid = "8282F1DB-2FA6-4709-B261-3C6B6A48CA17";

    static HikvisionUnit for_mac(const std::string& mac) {
        std::string hex;
        for (char c : mac)
            if (c != ':') hex += c;
        HikvisionUnit unit;
        unit.mac = mac;
        unit.serial = "DS-2CD2385G1-I20250414AAWRE" + std::to_string(10000000 + std::stoul(hex.substr(6), nullptr, 16) % 90000000);
        unit.wsd_uuid = "18ec6401-3aa0-11b5-83f6-" + hex;
        std::string upper = hex;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        unit.sadp_uuid = "8282F1DB-2FA6-4709-B261-" + upper;
        return unit;
    }
};

// A Hikvision camera's WS-Discovery: ProbeMatches for a Probe; `host` goes into its XAddrs (an
// IPv6 address in brackets).
inline void hikvision_onvif_discovery(Device& d, std::string host, HikvisionUnit unit = {}) {
    d.udp(3702, [host, unit](const std::string& request) -> std::vector<UdpReply> {
        const std::size_t id_at = request.find("urn:uuid:");
        if (request.find("Probe") == std::string::npos || id_at == std::string::npos) return {};
        const std::string relates_to = request.substr(id_at, request.find('<', id_at) - id_at);
        return {{synth::hikvision_wsd_probe_matches(relates_to, unit.wsd_uuid, "DS-2CD2385G1-I", unit.mac, host)}};
    });
}

// A Hikvision camera: SADP and WS-Discovery answers, the App-webs web server with its
// unauthenticated ISAPI/SDK paths, an ONVIF service that answers GetSystemDateAndTime and
// refuses the rest, and the RTSP server of the real ffmpeg exchange (research/protocols-active.md
// §1.1.5, §1.3, §1.4, §1.7.1).
inline void hikvision_camera(Device& d, std::string address = "127.0.0.11", std::string gateway = "127.0.0.1", HikvisionUnit unit = {}) {
    hikvision_onvif_discovery(d, address, unit);
    hikvision_web_and_rtsp(d);
    std::string sadp_mac = unit.mac;
    std::replace(sadp_mac.begin(), sadp_mac.end(), ':', '-');  // SADP writes it with dashes
    d.udp(37020, [address, gateway, unit, sadp_mac](const std::string& request) -> std::vector<UdpReply> {
        if (request.find("<Types>inquiry</Types>") == std::string::npos) return {};
        return {{synth::sadp_probe_match(unit.sadp_uuid, {"141945", "DS-2CD2385G1-I", unit.serial, sadp_mac, address, gateway,
                                                          "V5.7.3build 230217", "V7.3 build 230210", 0, 1})}};
    });
}

// Its web server: App-webs, ISAPI, an ONVIF fault for anything but the time.
inline TcpBehaviour hikvision_web() {
    return answer([](const std::string& request) {
        if (request.starts_with("GET / ")) {
            return http_response("HTTP/1.1 200 OK", "Server: App-webs/\r\nContent-Type: text/html\r\nConnection: close\r\n",
                                      "<!DOCTYPE html><html><head><title>Login</title></head><body></body></html>");
        }
        if (std::string isapi = hikvision_isapi_reply(request, "http://www.hikvision.com/ver20/XMLSchema"); !isapi.empty()) return isapi;
        if (request.starts_with("GET ")) return kNotFound;
        if (request.find("GetSystemDateAndTime") != std::string::npos) {
            return http_response(
                "HTTP/1.1 200 OK", "Server: App-webs/\r\nContent-Type: application/soap+xml; charset=utf-8\r\nConnection: close\r\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
                "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\" "
                "xmlns:hikwsd=\"http://www.onvifext.com/onvif/ext/ver10/wsdl\" xmlns:hikxsd=\"http://www.onvifext.com/onvif/ext/ver10/schema\">"
                "<env:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>"
                "<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8:00:00</tt:TZ></tt:TimeZone>"
                "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></env:Body></env:Envelope>");
        }
        return http_response(
            "HTTP/1.1 400 Bad Request", "Server: App-webs/\r\nContent-Type: application/soap+xml; charset=utf-8\r\nConnection: close\r\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
            "xmlns:ter=\"http://www.onvif.org/ver10/error\"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value>"
            "<env:Subcode><env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">"
            "Sender not Authorized</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>");
    });
}

// Its web server on 80 and its RTSP server on 554.
inline void hikvision_web_and_rtsp(Device& d) {
    d.tcp(80, hikvision_web());
    d.tcp(554, answer([](const std::string& request) {
        if (request.starts_with("OPTIONS"))
            return std::string("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, "
                               "GET_PARAMETER\r\nDate:  Thu, May 14 2020 16:45:35 GMT\r\n\r\n");
        return std::string("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"IP Camera(C2875)\", "
                           "nonce=\"938032d91ffc30ca80b5da94c18887ac\", stale=\"FALSE\"\r\nDate:  Thu, May 14 2020 16:45:35 GMT\r\n\r\n");
    }));
}

// A Dahua camera (DHIP reply A, §1.5.1) and an Amcrest OEM unit (§1.7.2), each with the RTSP
// realm "Login to <serial>" of the real VLC exchange (§1.3), a web UI without a Server header
// whose page carries Greenbone's Dahua markers (§1.7.2 rule 1), and the RPC2_Login step 1
// challenge in the shape of the Amcrest reply of §1.7.2 with the unit's own mac and serial.
inline void dahua_family_camera(Device& d, const synth::DhipDevice& info) {
    d.tcp(80, answer([info](const std::string& request) {
        if (request.starts_with("GET / "))
            return http_response("HTTP/1.1 200 OK", "Content-Type: text/html\r\nConnection: close\r\n",
                                 "<!DOCTYPE html><html><head><title>WEB SERVICE</title></head><body><div class=\"ui-dialog-content\">"
                                 "</div></body></html>");
        if (request.starts_with("POST /RPC2_Login HTTP/1.1\r\n")) {
            std::string mac = info.mac;
            mac.erase(std::remove(mac.begin(), mac.end(), ':'), mac.end());
            std::transform(mac.begin(), mac.end(), mac.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            return http_response(
                "HTTP/1.1 200 OK", "Content-Type: application/json\r\nConnection: close\r\n",
                "{\"error\":{\"code\":268632079,\"message\":\"Component error: login challenge!\"},\"id\":1,\"params\":\n"
                "{\"authorization\":\"3339eaa9152eebff56a720c2f4dd0a62203a51dc\",\"encryption\":\"Default\",\n\"mac\":\"" + mac +
                    "\",\"random\":\"3734299\",\"realm\":\"Login to " + info.serial + "\"},\"result\":false,\"session\":1005027323}\n");
        }
        return kNotFound;
    }));
    d.udp(37810, [info](const std::string& request) -> std::vector<UdpReply> {
        if (request.find("DHDiscover.search") == std::string::npos) return {};
        const auto packet = dhip_packet(synth::dhip_notify(info));
        return {{std::string(packet.begin(), packet.end())}};
    });
    d.tcp(554, answer([serial = info.serial](const std::string& request) {
        if (request.starts_with("OPTIONS"))
            return std::string("RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Rtsp Server/3.0\r\nPublic: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, "
                               "PLAY, RECORD, PAUSE, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\n\r\n");
        return "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"Login to " + serial +
               "\", nonce=\"745449738fdf77164f570c37c9186b52\"\r\n\r\n";
    }));
}

// A 70-byte icon made for the tests (tests/fixtures/favicon/SOURCES.md): the lab cannot serve
// Axis's own favicon, so the scan is checked to hash what was served, and the rule tests
// (signatures/rules/axis.yaml axis.favicon, DissectFavicon.ResearchHashesNameTheirMakers) check
// the research's hash names Axis.
inline std::string test_icon() {
    std::ifstream in(CAMSWEEP_SOURCE_DIR "/tests/fixtures/favicon/camsweep-test-1x1.ico", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// An Axis-style web UI: the title AXIS and a favicon (the test's own icon, test_icon()).
inline std::string axis_web_ui(const std::string& request) {
    if (request.starts_with("GET / "))
        return http_response("HTTP/1.1 200 OK", "Content-Type: text/html\r\nConnection: close\r\n",
                                  "<!DOCTYPE html><html><head><title>AXIS</title></head><body></body></html>");
    if (request.starts_with("GET /favicon.ico "))
        return http_response("HTTP/1.1 200 OK", "Content-Type: image/x-icon\r\nConnection: close\r\n", test_icon());
    return kNotFound;
}

// An Axis camera (not a covered maker): web UI title AXIS, a favicon, and the RTSP realm
// AXIS_<MAC> (research/protocols-active.md §1.3, §1.7.4). Nothing in it points at Hikvision or
// Dahua, so it must get none of their endpoints.
inline void axis_camera(Device& d) {
    d.tcp(80, answer(axis_web_ui));
    d.tcp(554, answer([](const std::string& request) {
        if (request.starts_with("OPTIONS"))
            return std::string("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, GET_PARAMETER, PAUSE, PLAY, SETUP, "
                               "SET_PARAMETER, TEARDOWN\r\n\r\n");
        return std::string("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"AXIS_ACCC8E3C0419\", "
                           "nonce=\"0024e47aY398109708de9ccd8056c58a068a59540a99d3\", stale=FALSE\r\n\r\n");
    }));
}

// A UPnP camera: an SSDP answer to the unicast M-SEARCH whose LOCATION is in the scope (SERVER
// with the Axis kernel tag, research/protocols-active.md §1.2), and the description it names:
// the AXIS M1014 description of tests/fixtures/upnp (FantasticFiasco/axis-discovery-ssdp-js).
inline void upnp_camera(Device& d) {
    d.udp(1900, [address = d.address()](const std::string& request) -> std::vector<UdpReply> {
        if (!request.starts_with("M-SEARCH * HTTP/1.1\r\n")) return {};
        return {{"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://" + address +
                 ":49152/rootdesc1.xml\r\nSERVER: Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22\r\n"
                 "ST: upnp:rootdevice\r\nUSN: uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8::upnp:rootdevice\r\n\r\n"}};
    });
    d.tcp(49152, answer([](const std::string& request) {
        if (!request.starts_with("GET /rootdesc1.xml ")) return kNotFound;
        std::ifstream in(CAMSWEEP_SOURCE_DIR "/tests/fixtures/upnp/axis-m1014.xml", std::ios::binary);
        return http_response("HTTP/1.1 200 OK", "Content-Type: text/xml\r\nConnection: close\r\n",
                                  std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
    }));
}

// A white-label NVR running Hikvision firmware built for an OEM: no SADP, no Hikvision name in
// its page, a Digest 401 with ISAPI's realm on GET / (research §1.7.1: realm
// "IP Camera(C2183)"), and ISAPI answers in the brand-neutral std-cgi.com namespace.
inline void oem_hikvision_nvr(Device& d) {
    d.tcp(80, answer([](const std::string& request) {
        if (request.starts_with("GET / "))
            return http_response("HTTP/1.1 401 Unauthorized",
                                      "WWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C2183)\", nonce=\"4e5749344e7a51354e6a63\", "
                                      "stale=\"FALSE\"\r\nContent-Type: text/html\r\nConnection: close\r\n",
                                      "<html><head><title>Document Error: Unauthorized</title></head><body></body></html>");
        if (std::string isapi = hikvision_isapi_reply(request, "http://www.std-cgi.com/ver20/XMLSchema"); !isapi.empty()) return isapi;
        return kNotFound;
    }));
}

// ---- More profiles: makers outside the covered list, a covered doorbell and gateway, garbage ----

// A web server whose GET / answers `status_line` with `headers` and `body`, and 404 to the rest.
inline TcpBehaviour web_page(std::string status_line, std::string headers, std::string body) {
    return answer([status_line = std::move(status_line), headers = std::move(headers), body = std::move(body)](const std::string& request) {
        if (request.starts_with("GET / ")) return http_response(status_line, headers + "Connection: close\r\n", body);
        return kNotFound;
    });
}

// `address` as the synth builders take it (the lab's devices are IPv4 loopback addresses).
inline synth::Host lab_host(std::string_view mac, const std::string& address) { return {synth::mac(mac), synth::ipv4(address)}; }

// `mac` ("00:04:63:37:03:86") as the makers that write it in upper case and with `separator` do.
inline std::string mac_written(std::string mac, char separator) {
    for (char& c : mac) c = c == ':' ? separator : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return mac;
}

// A XiongMai-firmware DVR (research/protocols-active.md §1.6, §1.7.3). Its search reply on UDP
// 34569 has the layout python-dvr reads (synth::xm_reply: 20-byte header, message id 1531, the
// JSON and a NUL) and the key set of the real unit quoted in sol-vin/xet (synth::kXiongmaiReplyXet),
// with the lab's address in HostIP; its web server is uc-httpd (nmap-service-probes line 10782,
// recog ^uc-httpd[ /]) with the title NETSurveillance WEB (recog html_title). XiongMai is on no
// list; many such boards carry a HiSilicon (Huawei) SoC, a component relation for review, never
// "made by Huawei" (listings.md §1.1, traps.md "A chip is not a maker").
// `mac`: the recorded unit's by default; the namespace lab gives each its interface's.
inline void xiongmai_dvr(Device& d, const std::string& mac = "00:12:31:08:bb:97") {
    d.udp(34569, [host = lab_host(mac, d.address())](const std::string& request) -> std::vector<UdpReply> {
        // python-dvr's search: head 0xff, message id 1530 (fa 05) at offset 14, no body.
        if (request.size() < 20 || request[0] != '\xff' || request.compare(14, 2, "\xfa\x05") != 0) return {};
        return {{synth::xm_reply(
            "{ \"NetWork.NetCommon\" : { \"ChannelNum\" : 4, \"DeviceType\" : 1, \"GateWay\" : \"" + synth::xm_address(synth::ipv4("127.0.0.1")) +
            "\", \"HostIP\" : \"" + synth::xm_address(host.ip) + "\", \"HostName\" : \"LocalHost\", \"HttpPort\" : 80, \"MAC\" : \"" +
            host.mac.to_string() + "\", \"MaxBps\" : 0, \"MonMode\" : \"TCP\", \"NetConnectState\" : 0, \"OtherFunction\" : "
            "\"D=2019-02-28 17:30:58 V=92a9902100ec7c4\", \"SN\" : \"41e6853ada5e9323\", \"SSLPort\" : 8443, \"Submask\" : \"0x000000FF\", "
            "\"TCPMaxConn\" : 10, \"TCPPort\" : 34567, \"TransferPlan\" : \"Quality\", \"UDPPort\" : 34568, \"UseHSDownLoad\" : false }, "
            "\"Ret\" : 100, \"SessionID\" : \"0x00000000\" }")}};
    });
    d.tcp(80, web_page("HTTP/1.1 200 OK", "Server: uc-httpd 1.0.0\r\nContent-Type: text/html\r\n",
                       "<html><head><title>NETSurveillance WEB</title></head><body></body></html>"));
}

// A Hanwha Vision (Wisenet, formerly Samsung Techwin) camera, a maker on no list. Its search reply
// is the 262-byte 0x0b answer of research/protocols-active.md §1.6 (synth::hanwha_reply, the layout
// of the SND-6083 answer quoted in UniversalScanner Hanwha.cs). A real unit answers to UDP 7711,
// which the prober hears only on its multicast sockets (test_scan_multicast.cpp); on loopback the
// lab answers the searcher's own port. The web UI has the title "Hanwha Techwin" (recog
// html_title, research §1.7.4).
inline void hanwha_camera(Device& d, const std::string& mac = "00:16:6c:7d:75:6e") {
    d.udp(7701, [host = lab_host(mac, d.address()), mac](const std::string& request) -> std::vector<UdpReply> {
        if (request.empty() || request[0] != 0x01) return {};
        return {{synth::hanwha_reply(host, synth::ipv4("127.0.0.1"), mac_written(mac, ':'), "SND-6083")}};
    });
    d.tcp(80, web_page("HTTP/1.1 200 OK", "Content-Type: text/html\r\n",
                       "<!DOCTYPE html><html><head><title>Hanwha Techwin</title></head><body></body></html>"));
}

// A Bosch camera, a maker on no list. It answers the 12-byte autodetect search on UDP 1757 with
// the 32-byte binary reply (sequence echoed, hardware id 0x47 Dinion 1080P) and the XML reply newer
// firmware sends after it (research/vendor-discovery.md §2; synth::bosch_binary_reply and
// bosch_xml_reply, the Dinion reply of pastebin SpS7BacD), to the port the search names, which is
// the searcher's. Its web server is VCS-VideoJet-Webserver (nmap-service-probes, research §1.7.4).
inline void bosch_camera(Device& d, const std::string& mac = "00:04:63:37:03:86") {
    d.udp(1757, [host = lab_host(mac, d.address()), mac](const std::string& request) -> std::vector<UdpReply> {
        if (request.size() != 12 || !request.starts_with("\x99\x39\xa4\x27")) return {};
        std::uint32_t sequence = 0;
        for (std::size_t i = 4; i < 8; ++i) sequence = (sequence << 8) | static_cast<std::uint8_t>(request[i]);
        const IpAddress gateway = synth::ipv4("127.0.0.1");
        return {{synth::bosch_binary_reply(sequence, host, gateway, 0x47)},
                {synth::bosch_xml_reply(host, gateway, mac_written(mac, '-'), "f0002d41:46500410")}};
    });
    d.tcp(80, web_page("HTTP/1.1 200 OK", "Server: VCS-VideoJet-Webserver\r\nContent-Type: text/html\r\n", "<html><body></body></html>"));
}

// The certificate subject, in encoding order, that every Hikvision DS-KV6113-WPE1(C) video
// doorbell presents: a self-signed certificate baked into the firmware (research/protocols-passive.md
// §2.10, the teardown write-up index-id 58559640099: C=CN, ST=ZJ, L=HZ, O=HIKVISION, OU=HZ,
// CN=hikvision.com).
inline const std::vector<std::pair<std::string, std::string>> kHikvisionDoorbellSubject = {
    {"C", "CN"}, {"ST", "ZJ"}, {"L", "HZ"}, {"O", "HIKVISION"}, {"OU", "HZ"}, {"CN", "hikvision.com"}};

// A video doorbell: the Hikvision DS-KV6113-WPE1(C) (Hik-Connect), chosen because the research
// has wire evidence for it, its firmware's TLS certificate (kHikvisionDoorbellSubject); the Dahua
// VTO doorbells (research/protocols-active.md §2.8 item 5) are known only by model names and
// version strings. Hikvision makes it, so it is covered, purpose-qualified (§889(f)(3)(B);
// listings.md §1.1: "Treat NVRs, DVRs and doorbells from covered entities as covered").
// `identity` holds a certificate with that subject (TlsIdentity(kHikvisionDoorbellSubject)) and
// must outlive the lab. Nothing else the research documents for this model: every HTTPS path on
// 443 is 404.
inline void video_doorbell(Device& d, const TlsIdentity& identity) {
    TcpBehaviour web = answer([](const std::string&) { return kNotFound; });
    web.tls = identity.context();
    d.tcp(443, web);
}

// A Huawei ONT / home gateway, telecom equipment covered for any purpose (§889(f)(3)(A),
// listings.md §1.1). Its SSDP answer carries the SERVER banner Recog records for Huawei ATP
// gateways, "Linux UPnP/1.0 Huawei-ATP-IGD" (research/protocols-active.md §1.2), with the
// LOCATION on port 37215 that the project's captures use (src/synth/sample_lan.cpp; no description
// is served: none is documented); its web UI asks for Digest credentials in the realm
// HuaweiHomeGateway (recog http_wwwauth, research §1.7.4).
inline void huawei_ont(Device& d) {
    d.udp(1900, [address = d.address()](const std::string& request) -> std::vector<UdpReply> {
        if (!request.starts_with("M-SEARCH * HTTP/1.1\r\n")) return {};
        return {{synth::ssdp_search_response("http://" + address + ":37215/upnpdev.xml", "Linux UPnP/1.0 Huawei-ATP-IGD",
                                             "3f1d2a60-4b5c-11ee-8a3b-0018823a5110", "upnp:rootdevice")}};
    });
    d.tcp(80, web_page("HTTP/1.1 401 Unauthorized",
                       "WWW-Authenticate: Digest realm=\"HuaweiHomeGateway\", nonce=\"5c0e3b6a9d2f41e7b8c1a4d6f0e29b37\", qop=\"auth\"\r\n"
                       "Content-Type: text/html\r\n",
                       "<html><head><title>401 Unauthorized</title></head><body></body></html>"));
}

// A device that sends garbage and names no maker (research/traps.md "Scanning": fragile and
// hostile peers must not stall a sweep): its web server sends 1 MiB of header lines that never
// end and holds the connection; its SSDP answers are a valid reply with the generic libupnp
// banner (research §1.2: says nothing about the vendor) whose LOCATION serves a "billion laughs"
// description (entity_bomb_doctype, &lol9; in manufacturer and modelName), and a 60 KB reply whose
// SERVER line is one long run of bytes.
inline void hostile_device(Device& d) {
    d.tcp(80, answer([](const std::string&) {
        std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n";
        for (int line = 0; head.size() < (1u << 20); ++line) head += "X-Garbage-" + std::to_string(line) + ": " + std::string(64, 'g') + "\r\n";
        return head;
    }, TcpBehaviour::After::hold));
    d.udp(1900, [address = d.address()](const std::string& request) -> std::vector<UdpReply> {
        if (!request.starts_with("M-SEARCH * HTTP/1.1\r\n")) return {};
        const std::string location = "http://" + address + ":49152/desc.xml";
        return {{synth::ssdp_search_response(location, "Linux/3.10, UPnP/1.0, Portable SDK for UPnP devices/1.6.6",
                                             "b0a7e5e2-0000-4000-8000-0000000000ee", "upnp:rootdevice")},
                {synth::ssdp_search_response(location, std::string(60000, 'Z'), "b0a7e5e2-0000-4000-8000-0000000000ef", "upnp:rootdevice")}};
    });
    d.tcp(49152, answer([](const std::string& request) {
        if (!request.starts_with("GET /desc.xml ")) return kNotFound;
        return http_response("HTTP/1.1 200 OK", "Content-Type: text/xml\r\nConnection: close\r\n",
                             test::entity_bomb_doctype("root") +
                                 "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><deviceType>urn:schemas-upnp-org:device:Basic:1"
                                 "</deviceType><friendlyName>&lol9;</friendlyName><manufacturer>&lol9;</manufacturer><modelName>&lol9;"
                                 "</modelName></device></root>");
    }));
}

}  // namespace camsweep::lab
