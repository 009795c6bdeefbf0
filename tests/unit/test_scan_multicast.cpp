// Multicast discovery end to end, inside two network namespaces this test creates and removes:
// a scanner side and a device side joined by a veth pair on 10.213.7.0/24. Emulated devices in
// the device namespace hear only the multicast groups (not unicast), so what is found was found
// by multicast; one of them answers from a factory address off the veth subnet (192.0.0.64).
// A second veth pair carries IPv6 only (fd13:7::/64): a camera there hears ff02::c and its MAC is
// learned from the kernel's NDP table.
// Nothing is sent anywhere but inside these namespaces. Needs root and `ip netns`; skips without.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/scan/prober.hpp"
#include "camsweep/signatures/loader.hpp"
#include "lab_devices.hpp"
#include "scan_run.hpp"

namespace camsweep::scan {
namespace {

using lab::UdpReply;
using scan_tests::ScanRun;
using scan_tests::device_at;
using scan_tests::scan_and_judge;

constexpr const char* kScannerAddress = "10.213.7.1";
constexpr const char* kDahuaAddress = "10.213.7.3";
constexpr const char* kAxisAddress = "10.213.7.4";
constexpr const char* kFactoryAddress = "192.0.0.64";  // a Hikvision unit never readdressed
constexpr const char* kIpv6Camera = "fd13:7::5";
constexpr const char* kIpv6CameraMac = "58:50:ed:1f:e3:85";  // its NIC, also named in its ProbeMatch

bool quiet(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }
bool run_to(const std::string& command, const std::string& output) { return std::system((command + " >" + output + " 2>&1").c_str()) == 0; }

// Waits (at most 5 s) until `link` in namespace `ns` is up and has a usable IPv6 link-local address.
bool link_ready(const std::string& ns, const std::string& link) {
    const std::string check = "ip -n " + ns + " link show " + link + " | grep -q 'state UP' && ip -n " + ns + " -6 addr show dev " +
                              link + " scope link -tentative | grep -q inet6";
    for (int tries = 0; tries < 100; ++tries) {
        if (quiet(check)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// The two namespaces and their veth link; removed in every path (the destructor).
class NamespacePair {
public:
    NamespacePair() {
        const std::string tag = "csm" + std::to_string(::getpid());
        scanner = tag + "s";
        devices = tag + "d";
        scanner_link = tag + "vs";
        device_link = tag + "vd";
        scanner_link6 = tag + "ws";
        device_link6 = tag + "wd";
        const std::vector<std::string> setup = {
            "ip netns add " + scanner,
            "ip netns add " + devices,
            // No duplicate address detection: the IPv6 addresses are usable at once.
            "ip netns exec " + scanner + " sysctl -qw net.ipv6.conf.default.accept_dad=0",
            "ip netns exec " + devices + " sysctl -qw net.ipv6.conf.default.accept_dad=0",
            "ip link add " + scanner_link + " netns " + scanner + " type veth peer name " + device_link + " netns " + devices,
            "ip link add " + scanner_link6 + " netns " + scanner + " type veth peer name " + device_link6 + " netns " + devices,
            "ip -n " + devices + " link set " + device_link6 + " address " + kIpv6CameraMac,
            "ip -n " + scanner + " addr add fd13:7::1/64 dev " + scanner_link6 + " nodad",
            "ip -n " + devices + " addr add " + std::string(kIpv6Camera) + "/64 dev " + device_link6 + " nodad",
            "ip -n " + scanner + " link set " + scanner_link6 + " up",
            "ip -n " + devices + " link set " + device_link6 + " up",
            "ip -n " + scanner + " addr add " + kScannerAddress + "/24 dev " + scanner_link,
            "ip -n " + devices + " addr add 10.213.7.2/24 dev " + device_link,
            "ip -n " + devices + " addr add " + kDahuaAddress + "/24 dev " + device_link,
            "ip -n " + devices + " addr add " + kAxisAddress + "/24 dev " + device_link,
            "ip -n " + devices + " addr add " + std::string(kFactoryAddress) + "/32 dev " + device_link,
            "ip -n " + scanner + " link set lo up",
            "ip -n " + devices + " link set lo up",
            "ip -n " + scanner + " link set " + scanner_link + " up",
            "ip -n " + devices + " link set " + device_link + " up",
            // The scanner can reach the factory address: a follow-up, were one tried, would arrive
            // and be counted by the emulated device. That is what proves none is sent.
            "ip -n " + scanner + " route add " + std::string(kFactoryAddress) + "/32 dev " + scanner_link,
        };
        for (const std::string& command : setup) {
            if (!quiet(command)) {
                error = "failed: " + command;
                return;
            }
        }
        // The kernel turns a new link's carrier on (and gives it its IPv6 link-local address) up
        // to a second after `up`; until then what is sent on it is dropped.
        for (const auto& [ns, link] : {std::pair{scanner, scanner_link}, {devices, device_link}, {scanner, scanner_link6}, {devices, device_link6}}) {
            if (!link_ready(ns, link)) {
                error = link + " in " + ns + " did not come up within 5 s";
                return;
            }
        }
        ready = true;
    }
    ~NamespacePair() {
        quiet("ip netns del " + scanner);
        quiet("ip netns del " + devices);
    }
    NamespacePair(const NamespacePair&) = delete;
    NamespacePair& operator=(const NamespacePair&) = delete;

    std::string scanner, devices, scanner_link, device_link, scanner_link6, device_link6, error;
    bool ready = false;
};

// Runs `work` on a thread of its own inside namespace `name`: sockets it opens, and threads it
// starts, stay there; the test's own thread never changes namespace.
bool in_namespace(const std::string& name, const std::function<void()>& work, std::string& error) {
    std::thread worker([&] {
        const int fd = ::open(("/run/netns/" + name).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0 || ::setns(fd, CLONE_NEWNET) != 0) {
            error = "cannot enter network namespace " + name + ": " + std::strerror(errno);
            if (fd >= 0) ::close(fd);
            return;
        }
        ::close(fd);
        work();
    });
    worker.join();
    return error.empty();
}

#define REQUIRE_NETNS()                                                                                  \
    if (::geteuid() != 0) GTEST_SKIP() << "creating network namespaces needs root";                      \
    if (!quiet("ip netns list")) GTEST_SKIP() << "`ip netns` is unavailable (iproute2 not installed?)"

// The device side: Hikvision on its factory address (SADP and WS-Discovery), a Dahua camera
// (DHIP) and an Axis camera (SSDP) on the veth subnet. Each hears its discovery port only on the
// group its makers' tools search, answering from its own address. On the IPv6 link, a Hikvision
// camera hears WS-Discovery on ff02::c only.
struct DeviceSide {
    lab::Lab lab;
    lab::Device* hikvision = nullptr;
    lab::Device* dahua = nullptr;
    lab::Device* axis = nullptr;
    lab::Device* hikvision6 = nullptr;

    DeviceSide() {
        hikvision6 = &lab.add(kIpv6Camera);
        lab::hikvision_onvif_discovery(*hikvision6, "[" + std::string(kIpv6Camera) + "]");
        lab::hikvision_web_and_rtsp(*hikvision6);
        hikvision6->hears(3702, "ff02::c");

        hikvision = &lab.add(kFactoryAddress);
        lab::hikvision_camera(*hikvision, kFactoryAddress, "192.0.0.1");
        hikvision->hears(37020, "239.255.255.250").hears(3702, "239.255.255.250");

        dahua = &lab.add(kDahuaAddress);
        lab::dahua_family_camera(*dahua, {"08:ed:ed:87:42:7a", "IPC", "IPC-HDW1431T1-S4", kDahuaAddress, "10.213.7.254",
                                          "6C01E93PAG69A7D", "Private", "4M0747EPAA1D284", "Private", "2.800.0000000.13.R"});
        dahua->hears(37810, "239.255.255.251");

        axis = &lab.add(kAxisAddress);
        axis->udp(1900, [](const std::string& request) -> std::vector<UdpReply> {
            if (!request.starts_with("M-SEARCH")) return {};
            return {{synth::ssdp_search_response("http://10.213.7.4:49152/rootdesc.xml",
                                                 "Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22",
                                                 "Upnp-BasicDevice-1_0-ACCC8E3C0419", "upnp:rootdevice")}};
        });
        axis->hears(1900, "239.255.255.250");
    }
};

ScanRun scan_in(const std::string& ns, const std::string& target, ScanOptions options) {
    ScanRun run;
    auto scope = Scope::build(std::vector<std::string>{target}, {});
    EXPECT_TRUE(scope) << scope.error();
    if (!scope) return run;
    std::string error;
    in_namespace(ns, [&] { run = scan_and_judge(*scope, options); }, error);
    EXPECT_EQ(error, "");
    return run;
}

// The loopback waits, a little longer for the veth link; only the web and RTSP ports.
ScanOptions quick_options() {
    ScanOptions options = scan_tests::quick_options();
    options.udp_wait = std::chrono::milliseconds(600);
    options.udp_retry_interval = std::chrono::milliseconds(150);
    options.tcp_ports = {80, 554};
    return options;
}

// Each test gets its own pair of namespaces and the device side already answering in it.
class ScanMulticast : public ::testing::Test {
protected:
    void SetUp() override {
        REQUIRE_NETNS();
        ASSERT_TRUE(namespaces.ready) << namespaces.error;
        std::string error;
        ASSERT_TRUE(in_namespace(namespaces.devices, [&] { ASSERT_TRUE(side.lab.start(error)) << error; }, error)) << error;
    }

    // A scan of `target` from the scanner side that searched exactly one link; the lab then stops.
    ScanRun scan_one_link(const char* target) {
        ScanRun run = scan_in(namespaces.scanner, target, quick_options());
        side.lab.stop();
        EXPECT_EQ(run.summary.multicast_links, 1u) << ::testing::PrintToString(run.warnings);
        return run;
    }

    NamespacePair namespaces;
    DeviceSide side;
};

// The device at `address`, named as `vendor`'s and judged covered; nullptr (a failure) if absent.
const Device* covered_device_at(const ScanRun& run, const char* address, const char* vendor) {
    const Device* device = device_at(run, address);
    EXPECT_NE(device, nullptr) << address << " not found: " << ::testing::PrintToString(run.warnings);
    if (!device) return nullptr;
    EXPECT_EQ(device->best_value("vendor"), vendor);
    EXPECT_EQ(device->verdict.status, VerdictStatus::covered) << device->verdict.reason;
    return device;
}

TEST_F(ScanMulticast, FindsDevicesByMulticastAndMarksTheOffSubnetOne) {
    // The scope is the veth subnet's first hosts: the factory address is outside it.
    ScanRun run = scan_one_link("10.213.7.0/29");
    // Devices that hear only their groups were found: by multicast.
    const Device* dahua = covered_device_at(run, kDahuaAddress, "dahua");
    ASSERT_NE(dahua, nullptr);
    EXPECT_GT(side.dahua->datagrams(), 0);
    // In scope: followed up over TCP as usual (its RTSP realm names its serial).
    EXPECT_GT(side.dahua->connections(), 0);

    const Device* axis = device_at(run, kAxisAddress);
    ASSERT_NE(axis, nullptr);
    EXPECT_EQ(axis->best_value("vendor"), "axis");

    const Device* hikvision = covered_device_at(run, kFactoryAddress, "hikvision");
    ASSERT_NE(hikvision, nullptr);
    EXPECT_NE(std::find(hikvision->protocols.begin(), hikvision->protocols.end(), "wsd"), hikvision->protocols.end());
    // Off the veth subnet and outside the scope: read and marked, never followed up.
    EXPECT_EQ(side.hikvision->connections(), 0) << "the factory-address device was followed up over TCP";
    EXPECT_GE(run.summary.replies_off_subnet, 1u);
    EXPECT_GE(run.summary.replies_outside_scope, 1u);
    bool marked = false;
    for (const auto& obs : hikvision->observations)
        if (auto mark = obs.get("scan.off_subnet")) {
            EXPECT_EQ(*mark, namespaces.scanner_link + " 10.213.7.0/24");
            marked = true;
        }
    EXPECT_TRUE(marked) << "no scan.off_subnet on the factory-address device";
    bool where_says_so = false;
    for (const auto& obs : run.observations)
        if (obs.where.find("from 192.0.0.64:37020") != std::string::npos &&
            obs.where.find("(off the subnet of " + namespaces.scanner_link + " 10.213.7.0/24)") != std::string::npos &&
            obs.where.find("outside the scope") != std::string::npos)
            where_says_so = true;
    EXPECT_TRUE(where_says_so);
    // In-subnet devices carry no mark.
    for (const auto& obs : dahua->observations) EXPECT_FALSE(obs.get("scan.off_subnet"));
}

TEST_F(ScanMulticast, NothingFoundWithMulticastOff) {

    ScanOptions options = quick_options();
    options.multicast = false;
    options.follow_ups = false;
    ScanRun run = scan_in(namespaces.scanner, "10.213.7.0/29", options);
    side.lab.stop();

    // Unicast alone reaches none of them: their discovery ports hear only the groups.
    EXPECT_EQ(run.summary.multicast_links, 0u);
    EXPECT_EQ(device_at(run, kDahuaAddress), nullptr);
    EXPECT_EQ(device_at(run, kFactoryAddress), nullptr);
    EXPECT_EQ(side.hikvision->datagrams() + side.dahua->datagrams() + side.axis->datagrams(), 0);
    EXPECT_GT(run.summary.datagrams_sent, 0u);  // the unicast requests did go out
}

// The scope reaches no interface's subnet: no link is searched, nothing is multicast.
TEST_F(ScanMulticast, NoInterfaceOutsideTheScope) {

    ScanOptions options = quick_options();
    options.follow_ups = false;
    ScanRun run = scan_in(namespaces.scanner, "10.213.8.0/30", options);
    side.lab.stop();
    EXPECT_EQ(run.summary.multicast_links, 0u);
    EXPECT_EQ(side.hikvision->datagrams() + side.dahua->datagrams() + side.axis->datagrams(), 0);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The IPv6 link: the camera hears WS-Discovery only on ff02::c, so finding it proves the IPv6
// multicast search; it is then followed up over IPv6 like any in-scope host.
TEST_F(ScanMulticast, FindsAnIpv6DeviceByItsLinkLocalGroup) {
    ScanRun run = scan_one_link("fd13:7::4/126");
    const Device* camera = covered_device_at(run, kIpv6Camera, "hikvision");
    ASSERT_NE(camera, nullptr);
    EXPECT_NE(std::find(camera->protocols.begin(), camera->protocols.end(), "wsd"), camera->protocols.end());
    EXPECT_GT(side.hikvision6->datagrams(), 0) << ::testing::PrintToString(run.warnings) << ::testing::PrintToString(side.hikvision6->requests());
    EXPECT_GT(side.hikvision6->connections(), 0) << "the IPv6 camera was not followed up";
    // The IPv4 devices are on another link the scope does not reach.
    EXPECT_EQ(side.hikvision->datagrams() + side.dahua->datagrams() + side.axis->datagrams(), 0);
}

// A scope larger than a /24 is swept first: the hosts that answer the ICMP echo (or ARP) are
// probed, the 500-odd empty addresses get no connection at all.
TEST_F(ScanMulticast, ALargeScopeIsSweptAndOnlyHostsThatAnswerAreProbed) {
    ScanOptions options = quick_options();
    options.multicast = false;  // the devices hear only their groups: found here by their web ports
    ScanRun run = scan_in(namespaces.scanner, "10.213.6.0/23", options);
    side.lab.stop();

    EXPECT_TRUE(run.summary.swept);
    EXPECT_EQ(run.summary.hosts, 510u);
    EXPECT_GE(run.summary.echo_requests, 250u) << "the 10.213.6.0/24 half has no route: those cannot be sent";
    // The device side's three addresses on the veth subnet answer (10.213.7.2, .3, .4), and the
    // scanner's own (10.213.7.1).
    EXPECT_EQ(run.summary.hosts_up, 4u) << ::testing::PrintToString(run.warnings);
    EXPECT_LE(run.summary.connections, 4u * (options.tcp_ports.size() + 16)) << "hosts that did not answer were connected to";
    EXPECT_GT(side.dahua->connections(), 0);
    EXPECT_NE(device_at(run, kDahuaAddress), nullptr);
}

TEST_F(ScanMulticast, NoPingProbesEveryHost) {
    ScanOptions options = quick_options();
    options.multicast = false;
    options.discovery = false;
    options.tcp_ports = {80};
    options.connect_timeout = std::chrono::milliseconds(200);
    options.sweep = SweepMode::never;
    ScanRun run = scan_in(namespaces.scanner, "10.213.7.0/28", options);
    side.lab.stop();
    EXPECT_FALSE(run.summary.swept);
    // Every host of the /28 gets its port (and the web servers among them their follow-ups).
    EXPECT_GE(run.summary.connections, 14u);
}

// Without multicast the camera answers only over TCP, which names no MAC: the one in the report
// is the one the kernel resolved by NDP while the scan connected.
TEST_F(ScanMulticast, AnIpv6HostGetsItsMacFromTheNdpTable) {
    const std::string scratch = ::testing::TempDir() + "csn" + std::to_string(::getpid());
    ASSERT_TRUE(quiet("mkdir -p " + scratch));
    const int code = std::system(("ip netns exec " + namespaces.scanner + " " + CAMSWEEP_BINARY +
                                  " scan fd13:7::4/126 --no-multicast --udp-wait 0.5 --connect-timeout 0.5 -p 80,554 "
                                  "--audit-date 2026-12-03 -f json -o " + scratch + "/scan.json 2>" + scratch + "/scan.err")
                                     .c_str());
    side.lab.stop();
    ASSERT_EQ(code, 0) << read_file(scratch + "/scan.err");
    const auto report = nlohmann::json::parse(read_file(scratch + "/scan.json"));
    quiet("rm -rf " + scratch);
    EXPECT_EQ(side.hikvision6->datagrams(), 0) << "something reached the group-only port";

    const nlohmann::json* camera = nullptr;
    for (const auto& device : report.at("devices"))
        for (const auto& ip : device.at("ips"))
            if (ip == kIpv6Camera) camera = &device;
    ASSERT_NE(camera, nullptr) << report.dump(1);
    EXPECT_EQ(camera->at("macs"), nlohmann::json::array({kIpv6CameraMac})) << camera->dump(1);
    bool from_ndp = false;
    for (const auto& sent : camera->at("sent"))
        if (sent.at("field") == "scan.neighbour" && sent.at("value") == namespaces.scanner_link6) from_ndp = true;
    EXPECT_TRUE(from_ndp) << camera->at("sent").dump(1);
    EXPECT_EQ(camera->at("vendor").at("id"), "hikvision") << camera->dump(1);
}

// The command line in the scanner namespace: --dry-run names the interface and the groups, and
// `survey` captures the replies the multicast searches cause into the same inventory.
TEST_F(ScanMulticast, DryRunAndSurveyInTheNamespace) {
    const std::string scratch = ::testing::TempDir() + "csm" + std::to_string(::getpid());
    ASSERT_TRUE(quiet("mkdir -p " + scratch));
    const std::string exec = "ip netns exec " + namespaces.scanner + " " + CAMSWEEP_BINARY;

    ASSERT_TRUE(run_to(exec + " scan 10.213.7.0/29 --dry-run", scratch + "/plan"));
    const std::string plan = read_file(scratch + "/plan");
    EXPECT_NE(plan.find("# multicast on " + namespaces.scanner_link + " 10.213.7.0/24 (from 10.213.7.1, TTL/hops 1):"),
              std::string::npos) << plan;
    EXPECT_NE(plan.find("udp 239.255.255.250:37020  sadp"), std::string::npos) << plan;
    EXPECT_NE(plan.find("udp 239.255.255.251:37810  dhip"), std::string::npos) << plan;
    EXPECT_NE(plan.find("udp 10.213.7.255:34569  xiongmai (subnet broadcast)"), std::string::npos) << plan;
    ASSERT_TRUE(run_to(exec + " scan 10.213.7.0/29 --dry-run --no-multicast", scratch + "/plan-off"));
    EXPECT_NE(read_file(scratch + "/plan-off").find("# multicast: off (--no-multicast)"), std::string::npos);

    const int code = std::system((exec + " survey -i " + namespaces.scanner_link +
                                  " 10.213.7.0/29 --no-follow-ups --udp-wait 1 --linger 1 --audit-date 2026-12-03 -f json -o " +
                                  scratch + "/survey.json 2>" + scratch + "/survey.err")
                                     .c_str());
    side.lab.stop();
    ASSERT_EQ(code, 0) << read_file(scratch + "/survey.err");
    const auto report = nlohmann::json::parse(read_file(scratch + "/survey.json"));
    quiet("rm -rf " + scratch);

    const nlohmann::json* hikvision = nullptr;
    const nlohmann::json* dahua = nullptr;
    const nlohmann::json* axis = nullptr;
    for (const auto& device : report.at("devices")) {
        for (const auto& ip : device.at("ips")) {
            if (ip == kFactoryAddress) hikvision = &device;
            if (ip == kDahuaAddress) dahua = &device;
            if (ip == kAxisAddress) axis = &device;
        }
    }
    ASSERT_NE(hikvision, nullptr) << report.dump(1);
    ASSERT_NE(dahua, nullptr) << report.dump(1);
    ASSERT_NE(axis, nullptr) << report.dump(1);
    EXPECT_EQ(hikvision->at("verdict").at("status"), "covered");
    EXPECT_EQ(dahua->at("verdict").at("status"), "covered");
    // The capture heard the SSDP answer's frame (the payload names no MAC, so the frame's source
    // is the device's): passive and active observations made one device.
    bool heard_frame = false;
    for (const auto& origin : axis->at("mac_origins"))
        for (const auto& source : origin.at("sources"))
            if (source == "frame") heard_frame = true;
    EXPECT_TRUE(heard_frame) << axis->dump(1);
    EXPECT_EQ(axis->at("vendor").at("id"), "axis");
    // The off-subnet mark reaches the report's "what it sent".
    bool marked = false;
    for (const auto& sent : hikvision->at("sent"))
        if (sent.at("field") == "scan.off_subnet" && sent.at("value") == namespaces.scanner_link + " 10.213.7.0/24") marked = true;
    EXPECT_TRUE(marked) << hikvision->dump(1);
}

}  // namespace
}  // namespace camsweep::scan
