// The correlator's device cap (docs/robustness.md "Hostile inputs"): a flood of distinct senders
// evicts the least important devices first, never one with discovery or banner fields while a
// lesser one is held, and the identity maps stay consistent across the renumbering.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "camsweep/inventory/correlator.hpp"
#include "camsweep/pipeline/analyzer.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

Observation make(double time, std::string protocol, const std::string& src_mac, const std::string& src_ip,
                 std::initializer_list<std::pair<const char*, std::string>> fields = {}) {
    Observation o;
    o.time = time;
    if (const auto* descriptor = find_protocol(protocol)) o.tier = descriptor->tier;  // as the front ends set it
    o.protocol = std::move(protocol);
    o.endpoint.mac = mac(src_mac);
    o.endpoint.ip = ip(src_ip);
    for (auto& [k, v] : fields) o.add(k, v);
    o.where = "test:" + std::to_string(time);
    return o;
}

// Distinct locally administered unicast MACs and 10.x addresses for flood senders.
std::string flood_mac(int n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "02:00:00:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
    return buf;
}
std::string flood_ip(int n) { return "10." + std::to_string((n >> 16) & 0xff) + "." + std::to_string((n >> 8) & 0xff) + "." + std::to_string(n & 0xff); }

Observation arp_from(int n, double time) { return make(time, "arp", flood_mac(n), flood_ip(n), {{"arp.op", "request"}}); }

const Device* by_mac(const std::vector<Device>& devices, const std::string& m) {
    for (const auto& d : devices)
        if (std::find(d.macs.begin(), d.macs.end(), mac(m)) != d.macs.end()) return &d;
    return nullptr;
}

// Every MAC appears in at most one device, ids are unique and parents name held devices.
void expect_consistent(const Correlator& c) {
    auto devices = c.devices();
    EXPECT_EQ(devices.size(), c.device_count());
    EXPECT_LE(devices.size(), c.max_devices());
    std::set<std::string> ids, macs;
    for (const auto& d : devices) EXPECT_TRUE(ids.insert(d.id).second) << d.id;
    for (const auto& d : devices) {
        for (const auto& m : d.macs) EXPECT_TRUE(macs.insert(m.to_string()).second) << m.to_string() << " in two devices";
        if (!d.parent_id.empty()) {
            EXPECT_TRUE(ids.contains(d.parent_id)) << d.id << " has parent " << d.parent_id;
        }
    }
}

TEST(CorrelatorEviction, DefaultCapIsDocumented) {
    Correlator c;
    EXPECT_EQ(c.max_devices(), Correlator::kDefaultMaxDevices);
    EXPECT_EQ(Correlator::kDefaultMaxDevices, 100000u);
    EXPECT_EQ(Correlator(0).max_devices(), Correlator::kDefaultMaxDevices);
}

TEST(CorrelatorEviction, TableNeverExceedsTheCapAndCountsEvictions) {
    Correlator c(64);
    for (int i = 0; i < 10000; ++i) {
        c.add(arp_from(i, i));
        ASSERT_LE(c.device_count(), 64u) << "after " << i;
    }
    EXPECT_EQ(c.device_count() + c.evicted(), 10000u);
    EXPECT_GT(c.evicted(), 9000u);
    EXPECT_EQ(c.device_count_hint(), 10000u);  // devices created, for change detection
    expect_consistent(c);
    // The newest senders are the ones held.
    EXPECT_NE(by_mac(c.devices(), flood_mac(9999)), nullptr);
    EXPECT_EQ(by_mac(c.devices(), flood_mac(0)), nullptr);
}

TEST(CorrelatorEviction, DiscoveryAndBannerDevicesOutliveChatter) {
    Correlator c(32);
    // Early, and seen only once each: age and count alone would evict them first.
    c.add(make(1, "sadp", "58:50:ed:1f:e3:85", "192.168.1.64", {{"sadp.device_description", "DS-2CD2385G1-I"}}));
    c.add(make(2, "dhip", "08:ed:ed:87:42:7a", "192.168.1.108", {{"dhip.device_type", "IPC-HDW1431T1-S4"}}));
    c.add(make(3, "ssdp", "ac:cc:8e:3c:04:19", "192.168.1.60", {{"ssdp.server", "Linux/4.9.94-axis5"}}));
    c.add(make(4, "http", "00:11:22:33:44:55", "192.168.1.70", {{"http.server", "App-webs/"}}));
    c.add(make(5, "rtsp", "00:11:22:33:44:56", "192.168.1.71", {{"rtsp.server", "Dahua Rtsp Server"}}));
    c.add(make(6, "tls", "00:11:22:33:44:57", "192.168.1.72", {{"tls.sni", "camera.example"}}));
    c.add(make(7, "mdns", "00:11:22:33:44:58", "192.168.1.73", {{"mdns.name", "cam._CGI._tcp.local"}}));
    c.add(make(8, "dhcp", "00:11:22:33:44:59", "192.168.1.74", {{"dhcp.hostname", "axis-accc8e3c0419"}}));
    // Thousands of senders, half ARP-only chatter, half DNS queries (network tier).
    for (int i = 0; i < 4000; ++i) {
        if (i % 2 == 0) c.add(arp_from(i, 100 + i));
        else c.add(make(100 + i, "dns", flood_mac(i), flood_ip(i), {{"dns.query", "time.example.org"}}));
    }
    auto devices = c.devices();
    for (const char* m : {"58:50:ed:1f:e3:85", "08:ed:ed:87:42:7a", "ac:cc:8e:3c:04:19", "00:11:22:33:44:55", "00:11:22:33:44:56",
                          "00:11:22:33:44:57", "00:11:22:33:44:58"})
        EXPECT_NE(by_mac(devices, m), nullptr) << m << " (discovery/banner) was evicted while chatter was held";
    expect_consistent(c);
}

TEST(CorrelatorEviction, LowerTierGoesFirstThenFewerObservationsThenOlder) {
    Correlator c(16);
    // 8 DNS devices (network tier) and 8 ARP devices, one of them heard many times.
    for (int i = 0; i < 8; ++i) c.add(make(i, "dns", flood_mac(1000 + i), flood_ip(1000 + i), {{"dns.query", "a.example"}}));
    for (int i = 0; i < 8; ++i) c.add(arp_from(2000 + i, 10 + i));
    for (int k = 0; k < 5; ++k) c.add(arp_from(2000, 20 + k));  // the first ARP sender is chatty
    ASSERT_EQ(c.evicted(), 0u);
    c.add(arp_from(3000, 30));  // the 17th device: the table goes down to 16 - 16/8 = 14
    EXPECT_EQ(c.evicted(), 3u);
    auto devices = c.devices();
    // The three quietest, oldest ARP devices went; DNS devices and the chatty ARP sender stayed.
    for (int i : {2001, 2002, 2003}) EXPECT_EQ(by_mac(devices, flood_mac(i)), nullptr) << i;
    for (int i : {2000, 2004, 2007, 3000}) EXPECT_NE(by_mac(devices, flood_mac(i)), nullptr) << i;
    for (int i = 0; i < 8; ++i) EXPECT_NE(by_mac(devices, flood_mac(1000 + i)), nullptr) << i;
    expect_consistent(c);
}

TEST(CorrelatorEviction, AnEvictedIdentityComesBackAsAFreshDevice) {
    Correlator c(8);
    c.add(make(1, "sadp", "58:50:ed:1f:e3:85", "192.168.1.64",
               {{"id.serial", "DS-2CD2385G1-I20250414AAWRE33842150"}, {"sadp.device_description", "DS-2CD2385G1-I"}}));
    c.add(arp_from(1, 2));  // will be evicted
    for (int i = 2; i < 200; ++i) c.add(arp_from(i, 2 + i));
    ASSERT_EQ(by_mac(c.devices(), flood_mac(1)), nullptr);
    // The evicted sender speaks again: a device of its own, not merged into whichever device
    // now sits in its old slot.
    c.add(make(1000, "dhcp", flood_mac(1), flood_ip(1), {{"dhcp.hostname", "back"}}));
    auto devices = c.devices();
    const Device* back = by_mac(devices, flood_mac(1));
    ASSERT_NE(back, nullptr);
    EXPECT_EQ(back->macs.size(), 1u);
    EXPECT_EQ(back->observation_count, 1u);
    EXPECT_DOUBLE_EQ(back->first_seen, 1000);
    // An IP-only observation for an evicted holder's address attaches to nothing stale.
    Observation ip_only;
    ip_only.time = 1001;
    ip_only.protocol = "dns";
    ip_only.tier = EvidenceTier::network;
    ip_only.endpoint.ip = ip(flood_ip(3));
    ip_only.add("dns.query", "x.example");
    std::size_t before = c.device_count();
    c.add(ip_only);
    devices = c.devices();
    for (const auto& d : devices)
        if (std::find(d.ips.begin(), d.ips.end(), ip(flood_ip(3))) != d.ips.end()) {
            EXPECT_EQ(d.observation_count, 1u) << d.id;
        }
    EXPECT_LE(c.device_count(), before + 1);
    // The camera kept its serial index: a second NIC with the same serial joins it.
    c.add(make(1002, "sadp", "58:50:ed:1f:e3:86", "10.9.9.9", {{"id.serial", "DS-2CD2385G1-I20250414AAWRE33842150"}}));
    devices = c.devices();
    const Device* cam = by_mac(devices, "58:50:ed:1f:e3:85");
    ASSERT_NE(cam, nullptr);
    EXPECT_EQ(cam->macs.size(), 2u);
    expect_consistent(c);
}

TEST(CorrelatorEviction, NvrChannelsSurviveRenumbering) {
    Correlator c(16);
    c.add(arp_from(1, 0.5));  // an older device, evicted, so slots shift under the NVR
    const std::string nvr = "68:6d:bc:ee:f8:f0";
    for (int ch = 1; ch <= 3; ++ch)
        c.add(make(ch, "isapi", nvr, "192.168.1.227", {{"id.channel", std::to_string(ch)}, {"model", "IPC-" + std::to_string(ch)}}));
    for (int i = 2; i < 500; ++i) c.add(arp_from(i, 10 + i));
    // The same channels reported again: still the same devices.
    for (int ch = 1; ch <= 3; ++ch)
        c.add(make(600 + ch, "isapi", nvr, "192.168.1.227", {{"id.channel", std::to_string(ch)}, {"model", "IPC-" + std::to_string(ch)}}));
    auto devices = c.devices();
    const Device* n = by_mac(devices, nvr);
    ASSERT_NE(n, nullptr);
    int children = 0;
    for (const auto& d : devices) {
        if (d.channel.empty()) continue;
        ++children;
        EXPECT_EQ(d.parent_id, n->id) << "channel " << d.channel;
        EXPECT_EQ(d.observation_count, 2u) << "channel " << d.channel;
    }
    EXPECT_EQ(children, 3);
    expect_consistent(c);
}

TEST(CorrelatorEviction, OneSenderCyclingAddressesIsBounded) {
    Correlator c;
    for (int i = 0; i < 5000; ++i) c.add(make(i, "arp", "02:aa:bb:cc:dd:ee", flood_ip(i), {{"arp.op", "request"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].ips.size(), Correlator::kMaxKeysPerDevice);
    EXPECT_EQ(devices[0].observation_count, 5000u);
    EXPECT_LE(devices[0].observations.size(), Correlator::kMaxObservationsPerDevice);
    // The same for reported MACs: a payload naming ever new MACs from one frame source.
    Correlator d;
    for (int i = 0; i < 500; ++i) {
        Observation o = make(i, "dhip", "02:aa:bb:cc:dd:ee", "10.0.0.1", {{"id.serial", "SN1"}, {"id.mac", flood_mac(i)}});
        d.add(o);
    }
    auto merged = d.devices();
    for (const auto& dev : merged) EXPECT_LE(dev.macs.size(), Correlator::kMaxKeysPerDevice);
}

// An observation as large as the dissectors allow: 64 fields of 512 bytes.
Observation big_observation(int sender, int variant, double time) {
    Observation o = make(time, "ssdp", flood_mac(sender), flood_ip(sender));
    for (int f = 0; f < 64; ++f) o.add("ssdp.x" + std::to_string(f), std::to_string(variant) + std::string(500, 'v'));
    return o;
}

TEST(CorrelatorEviction, KeptObservationBytesAreCappedPerDevice) {
    Correlator c;
    for (int v = 0; v < 256; ++v) c.add(big_observation(1, v, v));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].observation_count, 256u);
    std::size_t bytes = 0;
    for (const auto& o : devices[0].observations) bytes += Correlator::cost_of(o);
    EXPECT_LE(bytes, Correlator::kMaxObservationBytesPerDevice);
    EXPECT_GE(devices[0].observations.size(), 1u);
    EXPECT_EQ(c.observation_bytes(), bytes);
    EXPECT_LT(devices[0].observations.size(), 256u);  // 256 of these would be 8 MiB
}

TEST(CorrelatorEviction, ObservationByteBudgetEvictsToo) {
    const std::size_t budget = 2 * 1024 * 1024;
    Correlator c(100000, budget);
    // A camera first, then many senders with large, distinct discovery-looking messages.
    c.add(make(0, "sadp", "58:50:ed:1f:e3:85", "192.168.1.64",
               {{"id.serial", "DS-2CD2385G1-I20250414AAWRE33842150"}, {"sadp.device_description", "DS-2CD2385G1-I"}}));
    for (int i = 0; i < 400; ++i) {
        c.add(big_observation(i, 0, 1 + i));
        ASSERT_LE(c.observation_bytes(), budget) << i;
    }
    EXPECT_GT(c.evicted(), 0u);
    EXPECT_LT(c.device_count(), 401u);
    expect_consistent(c);
    // The camera reported a serial (the identified tier, above discovery-only senders): held.
    EXPECT_NE(by_mac(c.devices(), "58:50:ed:1f:e3:85"), nullptr);
    // The budget follows the evictions exactly.
    std::size_t bytes = 0;
    for (const auto& d : c.devices())
        for (const auto& o : d.observations) bytes += Correlator::cost_of(o);
    EXPECT_EQ(bytes, c.observation_bytes());
}

TEST(CorrelatorEviction, AnalyzerReportsEvictionsOncePerInput) {
    AnalyzerOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    options.max_devices = 100;
    options.max_warnings_per_input = 3;
    std::vector<std::string> warnings;
    options.on_warning = [&](const std::string& w) { warnings.push_back(w); };
    Analyzer analyzer(hikvision_lts_db(), options);
    InputSummary& summary = analyzer.begin_input("mem", "pcap");
    for (int i = 0; i < 1000; ++i) {
        ByteWriter body;
        body.be16(1);       // Ethernet
        body.be16(0x0800);  // IPv4
        body.u8(6).u8(4);
        body.be16(1);       // request
        body.mac(mac(flood_mac(i))).ipv4(ip(flood_ip(i)));
        body.mac(mac("00:00:00:00:00:00")).ipv4(ip(flood_ip(i)));
        Buf frame = ethernet("ff:ff:ff:ff:ff:ff", flood_mac(i), 0x0806, body.take());
        analyzer.feed_frame(kLinkEthernet, Bytes(frame.data(), frame.size()), 1.0 + i, "mem:frame " + std::to_string(i + 1), summary);
    }
    EXPECT_EQ(summary.observations, 1000u);
    EXPECT_GE(summary.devices_evicted, 900u);
    Inventory inv = analyzer.finish();
    EXPECT_LE(inv.devices.size(), 100u);
    EXPECT_EQ(inv.devices.size() + inv.inputs.back().devices_evicted, 1000u);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("mem:frame 101: device table full (at most 100 devices and 256 MiB of observations): evicting", 0), 0u)
        << warnings[0];
    EXPECT_EQ(inv.warnings, warnings);
}

}  // namespace
}  // namespace camsweep
