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
#include <cerrno>
#include <cstring>
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
using scan_tests::scan_and_judge;
using lab::answer;
using lab::dahua_family_camera;
using lab::hikvision_camera;

ScanRun scan(const std::vector<std::string>& targets, ScanOptions options, const std::vector<std::string>& excludes = {}) {
    auto scope = Scope::build(targets, excludes);
    EXPECT_TRUE(scope) << scope.error();
    return scope ? scan_and_judge(*scope, options) : ScanRun{};
}

ScanOptions quick_options() {
    ScanOptions options;
    options.udp_wait = std::chrono::milliseconds(400);
    options.udp_retry_interval = std::chrono::milliseconds(100);
    options.connect_timeout = std::chrono::milliseconds(500);
    options.exchange_timeout = std::chrono::milliseconds(1500);
    options.rate = 5000;
    return options;
}

bool lab_started(lab::Lab& lab) {
    std::string error;
    if (lab.start(error)) return true;
    ADD_FAILURE() << "cannot start the loopback lab: " << error;
    return false;
}

#define REQUIRE_ROOT()                                                                                   \
    if (::geteuid() != 0) GTEST_SKIP() << "binding camera ports (80, 554, ...) on 127.0.0.x needs root"

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

TEST(ScanDevices, OneConnectionPerHostAndNothingOutsideTheScope) {
    REQUIRE_ROOT();
    lab::Lab lab;
    auto& camera = lab.add("127.0.0.21");
    hikvision_camera(camera);
    // Outside the scope: an excluded host and one just past the range. Neither may be touched.
    auto& excluded = lab.add("127.0.0.22");
    auto& beyond = lab.add("127.0.0.24");
    for (lab::Device* d : {&excluded, &beyond}) {
        d->tcp(80, answer([](const std::string&) { return lab::http_response("HTTP/1.1 200 OK", "", "x"); }));
        d->udp(37020, [](const std::string&) { return std::vector<UdpReply>{}; });
    }
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
        auto& excluded = lab.add("127.0.0.42");
        auto& beyond = lab.add("127.0.0.44");
        for (lab::Device* d : {&excluded, &beyond}) {
            d->tcp(80, answer([](const std::string&) { return lab::http_response("HTTP/1.1 200 OK", "", "x"); }));
            d->udp(3702, [](const std::string&) { return std::vector<UdpReply>{}; });
        }
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
