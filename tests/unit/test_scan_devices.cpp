// The prober end to end against emulated devices on loopback addresses (tests/unit/loopback_lab.hpp):
// real wire formats in, the right makers and verdicts out, nothing sent outside the scope, one
// connection per host at a time, and hostile peers bounded.
#include <gtest/gtest.h>

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

#include "camsweep/capture/live_capture.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/decode/packet.hpp"
#include "camsweep/dissect/parsers.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/scan/prober.hpp"
#include "camsweep/signatures/loader.hpp"
#include "camsweep/synth/payloads.hpp"
#include "lab_devices.hpp"
#include "loopback_lab.hpp"
#include "scan_run.hpp"

namespace camsweep::scan {
namespace {

using lab::TcpBehaviour;
using lab::UdpReply;
using scan_tests::ScanRun;
using scan_tests::device_at;
using scan_tests::lab_started;
using scan_tests::observed;
using scan_tests::quick_options;
using scan_tests::scan;
using scan_tests::scan_and_judge;
using lab::answer;
using lab::axis_camera;
using lab::axis_web_ui;
using lab::dahua_family_camera;
using lab::oem_hikvision_nvr;
using lab::upnp_camera;
using lab::hikvision_camera;
using lab::hikvision_isapi_reply;
using lab::kNotFound;

TEST(ScanDevices, NamesMakersAndJudgesThem) {
    REQUIRE_ROOT();
    lab::Lab lab;
    hikvision_camera(lab.add("127.0.0.11"));
    dahua_family_camera(lab.add("127.0.0.12"), {"08:ed:ed:87:42:7a", "IPC", "IPC-HDW1431T1-S4", "127.0.0.12", "127.0.0.1",
                                                "6C01E93PAG69A7D", "Private", "4M0747EPAA1D284", "Private", "2.800.0000000.13.R"});
    dahua_family_camera(lab.add("127.0.0.13"), {"3c:ef:8c:61:01:c0", "IPC", "IP4M-1041B", "127.0.0.13", "127.0.0.1",
                                                "AMC000N49SSV0M2U46", "Amcrest", "AMC000N49SSV0M2U46", "Amcrest", "2.800.0000002.0.R"});
    if (!lab_started(lab)) return;

    ScanRun run = scan({"127.0.0.10-20"}, quick_options());
    lab.stop();

    const Device* hik = device_at(run, "127.0.0.11");
    ASSERT_NE(hik, nullptr);
    EXPECT_EQ(hik->best_value("vendor"), "hikvision");
    EXPECT_EQ(hik->verdict.status, VerdictStatus::covered) << hik->verdict.reason;
    EXPECT_NE(std::find(hik->serials.begin(), hik->serials.end(), "DS-2CD2385G1-I20250414AAWRE33842150"), hik->serials.end());
    EXPECT_TRUE(std::find(hik->protocols.begin(), hik->protocols.end(), "rtsp") != hik->protocols.end());
    EXPECT_TRUE(std::find(hik->protocols.begin(), hik->protocols.end(), "http") != hik->protocols.end());

    const Device* dahua = device_at(run, "127.0.0.12");
    ASSERT_NE(dahua, nullptr);
    EXPECT_EQ(dahua->best_value("vendor"), "dahua");
    EXPECT_EQ(dahua->verdict.status, VerdictStatus::covered) << dahua->verdict.reason;

    const Device* amcrest = device_at(run, "127.0.0.13");
    ASSERT_NE(amcrest, nullptr);
    EXPECT_EQ(amcrest->verdict.status, VerdictStatus::covered) << amcrest->verdict.reason;
    EXPECT_EQ(amcrest->best_value("brand"), "amcrest");

    // Every observation is the prober's, and the same banner field a passive capture yields.
    bool saw_realm = false;
    for (const auto& obs : run.observations) {
        EXPECT_EQ(obs.origin, Origin::active);
        if (auto realm = obs.get("rtsp.realm"); realm && *realm == "IP Camera(C2875)") saw_realm = true;
    }
    EXPECT_TRUE(saw_realm);
    EXPECT_GT(run.summary.datagrams_sent, 0u);
    EXPECT_EQ(run.summary.replies_outside_scope, 0u);
}

// The HTTP request lines a device received: "GET /favicon.ico", "POST /RPC2_Login", ...
std::vector<std::string> request_lines(const lab::Device& d) {
    std::vector<std::string> lines;
    for (const auto& request : d.requests()) {
        const std::string line = request.substr(0, request.find("\r\n"));
        if (line.ends_with(" HTTP/1.1")) lines.push_back(line.substr(0, line.size() - 9));
    }
    return lines;
}

std::size_t count_of(const std::vector<std::string>& list, std::string_view value) {
    return static_cast<std::size_t>(std::count(list.begin(), list.end(), value));
}

// What every emulator may receive over HTTP (and SSDP's HTTP-like search): the documented
// paths, no credentials, and the one password ever written is RPC2 step 1's empty one.
void expect_only_documented_requests(const lab::Device& d) {
    static const std::vector<std::string> kAllowed = {
        "M-SEARCH *", "GET /", "GET /favicon.ico", "POST /onvif/device_service", "GET /SDK/activateStatus",
        "GET /ISAPI/Security/sessionLogin/capabilities?username=admin", "POST /RPC2_Login", "GET /rootdesc1.xml"};
    for (const auto& line : request_lines(d))
        EXPECT_NE(std::find(kAllowed.begin(), kAllowed.end(), line), kAllowed.end()) << d.address() << ": " << line;
    for (const auto& request : d.requests()) {
        EXPECT_EQ(request.find("Authorization"), std::string::npos) << request;
        std::string rest = request;
        for (std::size_t at; (at = rest.find("\"password\":\"\"")) != std::string::npos;) rest.erase(at, 13);
        EXPECT_EQ(rest.find("assword"), std::string::npos) << "a password other than RPC2 step 1's empty one: " << request;
    }
}

TEST(ScanDevices, VendorEndpointsFaviconsAndUpnp) {
    REQUIRE_ROOT();
    lab::Lab lab;
    auto& hik = lab.add("127.0.0.41");
    hikvision_camera(hik);
    auto& amcrest = lab.add("127.0.0.42");
    dahua_family_camera(amcrest, {"3c:ef:8c:61:01:c0", "IPC", "IP4M-1041B", "127.0.0.42", "127.0.0.1", "AMC000N49SSV0M2U46", "Amcrest",
                                  "AMC000N49SSV0M2U46", "Amcrest", "2.800.0000002.0.R"});
    auto& oem = lab.add("127.0.0.43");
    oem_hikvision_nvr(oem);
    auto& axis = lab.add("127.0.0.44");
    axis_camera(axis);
    auto& upnp = lab.add("127.0.0.45");
    upnp_camera(upnp);
    if (!lab_started(lab)) return;

    ScanRun run = scan({"127.0.0.41-45"}, quick_options());
    lab.stop();

    // Hikvision: asked both ISAPI/SDK paths once, read the namespace, judged covered.
    const auto hik_lines = request_lines(hik);
    EXPECT_EQ(count_of(hik_lines, "GET /SDK/activateStatus"), 1u) << ::testing::PrintToString(hik_lines);
    EXPECT_EQ(count_of(hik_lines, "GET /ISAPI/Security/sessionLogin/capabilities?username=admin"), 1u);
    EXPECT_EQ(count_of(hik_lines, "POST /RPC2_Login"), 0u);
    EXPECT_TRUE(observed(run, "127.0.0.41", "isapi.namespace", "http://www.hikvision.com/ver20/XMLSchema"));
    EXPECT_TRUE(observed(run, "127.0.0.41", "isapi.activated", "true"));
    const Device* hik_device = device_at(run, "127.0.0.41");
    ASSERT_NE(hik_device, nullptr);
    EXPECT_EQ(hik_device->verdict.status, VerdictStatus::covered) << hik_device->verdict.reason;

    // Amcrest (Dahua firmware): RPC2 step 1 once; its mac (a Dahua OUI) and realm serial read.
    const auto amcrest_lines = request_lines(amcrest);
    EXPECT_EQ(count_of(amcrest_lines, "POST /RPC2_Login"), 1u) << ::testing::PrintToString(amcrest_lines);
    EXPECT_EQ(count_of(amcrest_lines, "GET /SDK/activateStatus"), 0u);
    EXPECT_TRUE(observed(run, "127.0.0.42", "rpc2.mac", "3c:ef:8c:61:01:c0"));
    EXPECT_TRUE(observed(run, "127.0.0.42", "rpc2.serial", "AMC000N49SSV0M2U46"));
    const Device* amcrest_device = device_at(run, "127.0.0.42");
    ASSERT_NE(amcrest_device, nullptr);
    EXPECT_EQ(amcrest_device->verdict.producer, "dahua");
    EXPECT_EQ(amcrest_device->verdict.status, VerdictStatus::covered) << amcrest_device->verdict.reason;
    EXPECT_EQ(amcrest_device->best_value("brand"), "amcrest");

    // The OEM NVR: only the realm pointed at Hikvision (0.7, below the covered threshold of
    // 0.8); the std-cgi.com namespace is what makes the verdict.
    EXPECT_EQ(count_of(request_lines(oem), "GET /ISAPI/Security/sessionLogin/capabilities?username=admin"), 1u);
    EXPECT_TRUE(observed(run, "127.0.0.43", "isapi.namespace", "http://www.std-cgi.com/ver20/XMLSchema"));
    const Device* oem_device = device_at(run, "127.0.0.43");
    ASSERT_NE(oem_device, nullptr);
    EXPECT_EQ(oem_device->verdict.producer, "hikvision");
    EXPECT_EQ(oem_device->verdict.status, VerdictStatus::covered) << oem_device->verdict.reason;

    // Axis: identified, not covered, its served favicon hashed; no vendor endpoint asked.
    const auto axis_lines = request_lines(axis);
    EXPECT_EQ(count_of(axis_lines, "GET /favicon.ico"), 1u) << ::testing::PrintToString(axis_lines);
    EXPECT_EQ(count_of(axis_lines, "GET /SDK/activateStatus") + count_of(axis_lines, "POST /RPC2_Login"), 0u);
    EXPECT_TRUE(observed(run, "127.0.0.44", "http.favicon_md5", "4c0fbbe2f5765acd3e79a22400468b89"));  // md5sum of the served file
    const Device* axis_device = device_at(run, "127.0.0.44");
    ASSERT_NE(axis_device, nullptr);
    EXPECT_EQ(axis_device->best_value("vendor"), "axis");
    EXPECT_EQ(axis_device->verdict.status, VerdictStatus::not_covered) << axis_device->verdict.reason;

    // UPnP: the M-SEARCH answered, the in-scope LOCATION fetched, the description read.
    EXPECT_EQ(count_of(request_lines(upnp), "GET /rootdesc1.xml"), 1u) << ::testing::PrintToString(request_lines(upnp));
    EXPECT_TRUE(observed(run, "127.0.0.45", "upnp.model_name", "AXIS M1014"));
    EXPECT_TRUE(observed(run, "127.0.0.45", "upnp.serial", "ACCC8E270AD8"));
    const Device* upnp_device = device_at(run, "127.0.0.45");
    ASSERT_NE(upnp_device, nullptr);
    EXPECT_EQ(upnp_device->best_value("vendor"), "axis");

    for (const lab::Device* d : {&hik, &amcrest, &oem, &axis, &upnp}) {
        expect_only_documented_requests(*d);
        EXPECT_EQ(d->max_concurrent(), 1) << d->address();
    }
}

// A host the scan must never touch (excluded, or past the range): a web server and the SADP and
// WS-Discovery ports, so any contact is counted.
lab::Device& off_limits_host(lab::Lab& lab, const std::string& address) {
    lab::Device& d = lab.add(address);
    d.tcp(80, answer([](const std::string&) { return lab::http_response("HTTP/1.1 200 OK", "", "x"); }));
    d.udp(37020, [](const std::string&) { return std::vector<UdpReply>{}; });
    d.udp(3702, [](const std::string&) { return std::vector<UdpReply>{}; });
    return d;
}

TEST(ScanDevices, OneConnectionPerHostAndNothingOutsideTheScope) {
    REQUIRE_ROOT();
    lab::Lab lab;
    auto& camera = lab.add("127.0.0.21");
    hikvision_camera(camera);
    // Outside the scope: an excluded host and one just past the range. Neither may be touched.
    auto& excluded = off_limits_host(lab, "127.0.0.22");
    auto& beyond = off_limits_host(lab, "127.0.0.24");
    if (!lab_started(lab)) return;

    ScanOptions options = quick_options();
    options.max_inflight = 8;
    ScanRun run = scan({"127.0.0.20-23"}, options, {"127.0.0.22"});
    lab.stop();

    EXPECT_EQ(excluded.connections() + excluded.datagrams(), 0) << "an excluded host was contacted";
    EXPECT_EQ(beyond.connections() + beyond.datagrams(), 0) << "a host outside the range was contacted";
    ASSERT_NE(device_at(run, "127.0.0.21"), nullptr);
    // The web port, RTSP OPTIONS and DESCRIBE and the ONVIF calls: many connections, never two at once.
    EXPECT_GE(camera.connections(), 5);
    EXPECT_EQ(camera.max_concurrent(), 1);
    for (const auto& request : camera.requests()) {
        EXPECT_EQ(request.find("Authorization"), std::string::npos) << request;
        EXPECT_EQ(request.find("assword"), std::string::npos) << request;
    }
}

TEST(ScanDevices, HostilePeersAreBounded) {
    REQUIRE_ROOT();
    lab::Lab lab;
    auto& hostile = lab.add("127.0.0.31");
    // Silence after the request.
    TcpBehaviour silent;
    silent.reply = [](const std::string&) { return std::string(); };
    silent.after = TcpBehaviour::After::hold;
    hostile.tcp(8000, silent);
    // Endless headers: 200 KiB of header lines, never a blank line.
    TcpBehaviour endless = answer([](const std::string&) {
        std::string head = "HTTP/1.1 200 OK\r\n";
        while (head.size() < 200 * 1024) head += "X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
        return head;
    }, TcpBehaviour::After::hold);
    hostile.tcp(80, endless);
    // A 4 MB body without Content-Length.
    hostile.tcp(8080, answer([](const std::string&) {
        return "HTTP/1.1 200 OK\r\nServer: Bloat/1.0\r\nContent-Type: text/html\r\n\r\n<title>big</title>" + std::string(4 << 20, 'x');
    }));
    // Reset in the middle of the reply.
    hostile.tcp(554, answer([](const std::string&) { return std::string("RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Auth"); },
                            TcpBehaviour::After::reset));
    // A slow drip: one byte every 50 ms, far slower than the request deadline allows.
    TcpBehaviour drip = answer([](const std::string&) {
        return lab::http_response("HTTP/1.1 200 OK", "Server: Drip/1.0\r\n", std::string(200, 'd'));
    });
    drip.drip = std::chrono::milliseconds(50);
    hostile.tcp(8443, drip);
    // A reply flood, and replies from an address the prober never asked.
    hostile.udp(1900, [](const std::string&) {
        // The unasked reply first: a flood may overflow the prober's socket buffer, and the
        // kernel then drops datagrams, which is the flood's problem, not this check's.
        return std::vector<UdpReply>{
            {"HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN: uuid:elsewhere::upnp:rootdevice\r\nLOCATION: http://127.0.0.32:80/desc.xml\r\n"
             "SERVER: Elsewhere/1.0 UPnP/1.0\r\n\r\n",
             "127.0.0.32", 1, 1900},
            {"HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN: uuid:flood::upnp:rootdevice\r\nSERVER: Flood/1.0 UPnP/1.0\r\n\r\n", "", 300}};
    });
    // The address the unasked reply names: it must never be contacted.
    auto& elsewhere = lab.add("127.0.0.32");
    elsewhere.tcp(80, answer([](const std::string&) { return lab::http_response("HTTP/1.1 200 OK", "", "<root/>"); }));
    if (!lab_started(lab)) return;

    ScanOptions options = quick_options();
    options.tcp_ports = {80, 554, 8000, 8080, 8443};
    options.exchange_timeout = std::chrono::milliseconds(1000);
    const auto start = std::chrono::steady_clock::now();
    ScanRun run = scan({"127.0.0.31"}, options);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    lab.stop();

    EXPECT_EQ(elsewhere.connections(), 0) << "followed a LOCATION outside the scope";
    EXPECT_EQ(run.summary.replies_outside_scope, 1u) << ::testing::PrintToString(run.warnings);
    EXPECT_GT(run.summary.replies_dropped, 0u) << "the flood was not bounded";
    // 64 from the flooding address, and the unasked reply once per discovery round.
    EXPECT_LE(run.summary.replies, 64u + 1u + options.udp_retries);
    EXPECT_GE(run.summary.truncated, 1u) << "the 4 MB body was not cut";
    // Five ports, each bounded by the request deadline (1 s) and the connect timeout: the scan
    // ends; the bound here is loose on purpose (timing is for bench/, not tests).
    EXPECT_LT(elapsed, std::chrono::seconds(30));
    const Device* device = device_at(run, "127.0.0.31");
    ASSERT_NE(device, nullptr);
    bool saw_title = false;
    for (const auto& obs : run.observations)
        if (auto title = obs.get("http.title"); title && *title == "big") saw_title = true;
    EXPECT_TRUE(saw_title) << "the start of the huge body was still read";
    for (const auto& obs : run.observations) {
        for (const auto& field : obs.fields) EXPECT_LE(field.value.size(), 512u);
    }
}

// Runs `body` on a thread of its own in a new network namespace holding only a loopback
// interface (brought up here, so 127.0.0.1/8 exists): no other test's traffic, and nothing the
// body sends can reach a real network. The namespace goes away when the thread ends.
void in_private_network(const std::function<void()>& body) {
    std::thread([&body] {
        if (::unshare(CLONE_NEWNET) != 0) {
            ADD_FAILURE() << "unshare(CLONE_NEWNET): " << std::strerror(errno);
            return;
        }
        const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        ifreq request{};
        std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
        const bool up = fd >= 0 && ::ioctl(fd, SIOCGIFFLAGS, &request) == 0 &&
                        (request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP), ::ioctl(fd, SIOCSIFFLAGS, &request) == 0);
        if (fd >= 0) ::close(fd);
        if (!up) {
            ADD_FAILURE() << "cannot bring up the namespace's loopback interface: " << std::strerror(errno);
            return;
        }
        body();
    }).join();
}

// Every frame on the loopback interface while a scan runs, decoded.
struct WireCapture {
    std::vector<DecodedPacket> packets;
    std::vector<std::vector<std::uint8_t>> frames;  // what the packets' views point into
};

// The prober as the wire sees it: a capture on the loopback interface of a namespace of the
// test's own proves that every unicast packet the scanner sent went to an address in the scope
// (none to the excluded host, none to the host past the range) and that no request carried
// credentials.
TEST(ScanDevices, OnTheWireEveryPacketGoesToTheScopeAndNoneCarriesCredentials) {
    REQUIRE_ROOT();
    in_private_network([] {
        lab::Lab lab;
        hikvision_camera(lab.add("127.0.0.41"));
        off_limits_host(lab, "127.0.0.42");
        off_limits_host(lab, "127.0.0.44");
        if (!lab_started(lab)) return;

        LiveCaptureOptions capture_options;
        capture_options.interface = "lo";
        capture_options.poll_milliseconds = 50;
        std::string error;
        auto capture = LiveCapture::open(capture_options, error);
        ASSERT_TRUE(capture) << error;
        std::atomic<bool> stop{false};
        WireCapture wire;
        std::thread reader([&] {
            CaptureRecord record;
            while (!stop.load()) {
                const int got = capture->next(record);
                if (got < 0) break;
                if (got == 0) continue;
                wire.frames.emplace_back(record.data.begin(), record.data.end());
                DecodedPacket packet;
                if (decode_packet(record.link_type, Bytes(wire.frames.back().data(), wire.frames.back().size()), packet).empty())
                    wire.packets.push_back(packet);
            }
        });

        const std::vector<std::string> targets = {"127.0.0.40-43"}, excludes = {"127.0.0.42"};
        ScanRun run = scan(targets, quick_options(), excludes);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the last frames reach the capture
        stop = true;
        capture->interrupt();
        reader.join();
        lab.stop();

        ASSERT_NE(device_at(run, "127.0.0.41"), nullptr);
        auto scope = Scope::build(targets, excludes);
        ASSERT_TRUE(scope);
        const IpAddress scanner = *IpAddress::parse("127.0.0.1");  // the loopback source the kernel picks
        std::size_t sent = 0, requests = 0;
        for (const DecodedPacket& packet : wire.packets) {
            if (!packet.src_ip || !packet.dst_ip) continue;
            const std::string destination = packet.dst_ip->to_string();
            EXPECT_NE(destination, "127.0.0.42") << "a packet reached the excluded host";
            EXPECT_NE(destination, "127.0.0.44") << "a packet reached a host past the range";
            if (*packet.src_ip != scanner) continue;
            ++sent;
            EXPECT_TRUE(scope->contains(*packet.dst_ip)) << "sent to " << destination << ", outside the scope";
            if (packet.transport == Transport::tcp && !packet.payload.empty()) {
                ++requests;
                const std::string text = to_lower(as_text(packet.payload));
                EXPECT_EQ(text.find("authorization:"), std::string::npos) << as_text(packet.payload);
            }
        }
        // The check has something to check: discovery datagrams and TCP requests were on the wire.
        EXPECT_GT(sent, 20u);
        EXPECT_GE(requests, 5u);
    });
}

}  // namespace
}  // namespace camsweep::scan

namespace camsweep::scan {
namespace {

// The new requests meet hostile peers with the same bounds: a 4 MB favicon and an RPC2 reply that
// never ends are cut at the favicon reader's cap plus a head (80 KiB), counted as truncated, and
// neither yields a field (a hash of a cut icon would be a wrong hash).
TEST(ScanDevices, HugeFaviconAndEndlessRpc2AreCut) {
    REQUIRE_ROOT();
    lab::Lab lab;
    auto& hostile = lab.add("127.0.0.35");
    hostile.tcp(80, answer([](const std::string& request) {
        if (request.starts_with("GET / "))
            return lab::http_response("HTTP/1.1 200 OK", "Content-Type: text/html\r\n",
                                      "<html><script>$.post('/RPC2_Login')</script></html>");
        if (request.starts_with("GET /favicon.ico "))
            return "HTTP/1.1 200 OK\r\nContent-Type: image/x-icon\r\n\r\n" + std::string("\0\0\1\0", 4) + std::string(4 << 20, '\x55');
        if (request.starts_with("POST /RPC2_Login "))
            return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"params\":{\"realm\":\"Login to " + std::string(4 << 20, 'A');
        return kNotFound;
    }, TcpBehaviour::After::hold));
    if (!lab_started(lab)) return;

    ScanOptions options = quick_options();
    options.tcp_ports = {80};
    const auto start = std::chrono::steady_clock::now();
    ScanRun run = scan({"127.0.0.35"}, options);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    lab.stop();

    const auto lines = request_lines(hostile);
    EXPECT_EQ(count_of(lines, "GET /favicon.ico"), 1u) << ::testing::PrintToString(lines);
    EXPECT_EQ(count_of(lines, "POST /RPC2_Login"), 1u) << ::testing::PrintToString(lines);
    EXPECT_GE(run.summary.truncated, 2u);
    for (const auto& obs : run.observations) {
        EXPECT_FALSE(obs.get("http.favicon_md5").has_value()) << "a cut favicon was hashed";
        EXPECT_FALSE(obs.get("rpc2.realm").has_value()) << "a cut RPC2 reply was read";
        for (const auto& field : obs.fields) EXPECT_LE(field.value.size(), 512u);
    }
    EXPECT_LT(elapsed, std::chrono::seconds(20));
    expect_only_documented_requests(hostile);
}

}  // namespace
}  // namespace camsweep::scan

namespace camsweep::scan {
namespace {

// HTTPS: a loopback TLS server (OpenSSL, a key and self-signed certificate made by the test)
// with an Axis-style web UI. The raw ClientHello reads the certificate (the one certificate
// parser, dissect/tls.cpp), then a real handshake carries GET / and the favicon, read by the
// same HTTP protocol as plain replies.
// Scans `device`, which serves `web` over TLS on port 443 only, with a fresh certificate whose
// subject is `subject`; the lab is stopped after. False (a failure) when it cannot start.
bool scan_tls_only_web(lab::Lab& lab, lab::Device& device, TcpBehaviour web,
                       const std::vector<std::pair<std::string, std::string>>& subject, ScanRun& run) {
    lab::TlsIdentity identity(subject);
    EXPECT_TRUE(identity.ok());
    web.tls = identity.context();
    device.tcp(443, web);
    if (!identity.ok() || !lab_started(lab)) return false;
    ScanOptions options = quick_options();
    options.tcp_ports = {443};
    run = scan({device.address()}, options);
    lab.stop();
    return true;
}

TEST(ScanDevices, HttpsGetOverARealHandshake) {
    REQUIRE_ROOT();
    lab::Lab lab;
    auto& device = lab.add("127.0.0.46");
    ScanRun run;
    if (!scan_tls_only_web(lab, device, answer(axis_web_ui), {{"O", "Axis Communications AB"}, {"CN", "axis-accc8e3c0419"}}, run)) return;

    EXPECT_TRUE(observed(run, "127.0.0.46", "tls.cert.subject", "CN=axis-accc8e3c0419,O=Axis Communications AB"))
        << ::testing::PrintToString(run.warnings);
    bool title_over_tls = false, favicon_over_tls = false;
    for (const auto& obs : run.observations) {
        if (obs.where.starts_with("scan: HTTPS GET / ") && obs.get("http.title") == std::optional<std::string_view>("AXIS"))
            title_over_tls = true;
        if (obs.where.starts_with("scan: HTTPS GET /favicon.ico ") &&
            obs.get("http.favicon_md5") == std::optional<std::string_view>("4c0fbbe2f5765acd3e79a22400468b89"))
            favicon_over_tls = true;
    }
    EXPECT_TRUE(title_over_tls) << ::testing::PrintToString(run.warnings);
    EXPECT_TRUE(favicon_over_tls);
    const auto lines = request_lines(device);
    // No plain web port: ONVIF is asked over TLS too (one call: the answer is not SOAP).
    EXPECT_EQ(lines, (std::vector<std::string>{"GET /", "GET /favicon.ico", "POST /onvif/device_service"}));
    expect_only_documented_requests(device);
    const Device* judged = device_at(run, "127.0.0.46");
    ASSERT_NE(judged, nullptr);
    EXPECT_EQ(judged->best_value("vendor"), "axis");
    EXPECT_EQ(judged->verdict.status, VerdictStatus::not_covered) << judged->verdict.reason;
}

// A Hikvision unit whose web UI is offered only over TLS: its ISAPI endpoints and ONVIF are asked
// over the same kind of handshake, since no plain HTTP port answered.
TEST(ScanDevices, VendorEndpointsAndOnvifOverTlsWhenNoPlainWebPort) {
    REQUIRE_ROOT();
    lab::Lab lab;
    auto& device = lab.add("127.0.0.47");
    ScanRun run;
    if (!scan_tls_only_web(lab, device, lab::hikvision_web(), {{"O", "Hikvision"}, {"CN", "192.168.1.64"}}, run)) return;

    const auto lines = request_lines(device);
    EXPECT_NE(std::find(lines.begin(), lines.end(), "GET /SDK/activateStatus"), lines.end()) << ::testing::PrintToString(lines);
    EXPECT_NE(std::find(lines.begin(), lines.end(), "POST /onvif/device_service"), lines.end()) << ::testing::PrintToString(lines);
    expect_only_documented_requests(device);
    EXPECT_TRUE(observed(run, "127.0.0.47", "isapi.namespace", "http://www.hikvision.com/ver20/XMLSchema"))
        << ::testing::PrintToString(run.warnings);
    bool said_tls = false;
    for (const auto& obs : run.observations)
        if (obs.where.starts_with("scan: Hikvision GET /SDK/activateStatus over TLS ") &&
            obs.where.ends_with("(asked because: Server: App-webs/)"))
            said_tls = true;
    EXPECT_TRUE(said_tls);
    const Device* judged = device_at(run, "127.0.0.47");
    ASSERT_NE(judged, nullptr);
    EXPECT_EQ(judged->best_value("vendor"), "hikvision");
}

}  // namespace
}  // namespace camsweep::scan
