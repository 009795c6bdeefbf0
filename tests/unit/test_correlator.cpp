// Correlator: merging observations into devices (research/traps.md "Identity and merging").
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "camsweep/inventory/correlator.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

bool has_mac(const Device& d, std::string_view m) {
    return std::find(d.macs.begin(), d.macs.end(), mac(m)) != d.macs.end();
}
bool has_ip(const Device& d, std::string_view a) { return std::find(d.ips.begin(), d.ips.end(), ip(a)) != d.ips.end(); }

const Device* by_mac(const std::vector<Device>& devices, std::string_view m) {
    for (const auto& d : devices)
        if (has_mac(d, m)) return &d;
    return nullptr;
}

TEST(Correlator, DhcpLeaseChangeIsOneDeviceWithTwoAddresses) {
    Correlator c;
    c.add(observation_at(1, "arp", "b0:c5:54:25:5b:0e", "10.10.10.37", {{"arp.op", "request"}}));
    c.add(observation_at(50, "ssdp", "b0:c5:54:25:5b:0e", "10.10.10.99", {{"ssdp.method", "NOTIFY"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(c.device_count(), 1u);
    const Device& d = devices[0];
    EXPECT_EQ(d.macs.size(), 1u);
    EXPECT_EQ(d.ips.size(), 2u);
    EXPECT_TRUE(has_ip(d, "10.10.10.37"));
    EXPECT_TRUE(has_ip(d, "10.10.10.99"));
    EXPECT_DOUBLE_EQ(d.first_seen, 1);
    EXPECT_DOUBLE_EQ(d.last_seen, 50);
    EXPECT_EQ(d.observation_count, 2u);
    EXPECT_EQ(d.protocols, (std::vector<std::string>{"arp", "ssdp"}));
}

TEST(Correlator, TwoNicsWithTheSameSerialAreOneDevice) {
    Correlator c;
    c.add(observation_at(1, "sadp", "68:6d:bc:ee:f8:f0", "192.168.1.227",
               {{"id.mac", "68:6d:bc:ee:f8:f0"}, {"id.serial", "DS-7804HQH-K10420190822CCCHD53257168WCVU"}}));
    c.add(observation_at(2, "sadp", "68:6d:bc:ee:f8:f1", "10.0.0.227",
               {{"id.mac", "68:6d:bc:ee:f8:f1"}, {"id.serial", "DS-7804HQH-K10420190822CCCHD53257168WCVU"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].macs.size(), 2u);
    EXPECT_EQ(devices[0].serials.size(), 1u);
    EXPECT_EQ(devices[0].ips.size(), 2u);
}

TEST(Correlator, SerialSeenLaterJoinsTwoKnownDevices) {
    Correlator c;
    c.add(observation_at(1, "dhip", "3c:ef:8c:00:00:01", "192.168.1.108", {{"id.serial", "6C01E93PAG69A7D"}}));
    c.add(observation_at(2, "arp", "3c:ef:8c:00:00:02", "10.0.0.8", {{"arp.op", "request"}}));
    ASSERT_EQ(c.device_count(), 2u);
    c.add(observation_at(3, "dhip", "3c:ef:8c:00:00:02", "10.0.0.8", {{"id.serial", "6C01E93PAG69A7D"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].macs.size(), 2u);
    EXPECT_DOUBLE_EQ(devices[0].first_seen, 1);
    EXPECT_DOUBLE_EQ(devices[0].last_seen, 3);
    EXPECT_EQ(devices[0].observation_count, 3u);
    EXPECT_EQ(devices[0].id, "dev-001");
}

TEST(Correlator, FactoryIpNeverMergesUnitsWithDifferentMacs) {
    Correlator c;
    for (int i = 0; i < 3; ++i) {
        std::string m = "3c:ef:8c:00:00:0" + std::to_string(i + 1);
        c.add(observation_at(1 + i, "dhip", m, "192.168.1.108",
                   {{"id.mac", m}, {"id.ipv4", "192.168.1.108"}, {"id.serial", "SERIAL" + std::to_string(i)}}));
        c.add(observation_at(10 + i, "arp", m, "192.168.1.108", {{"arp.op", "announcement"}}));
    }
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 3u);
    for (const auto& d : devices) {
        EXPECT_EQ(d.macs.size(), 1u);
        EXPECT_EQ(d.serials.size(), 1u);
        EXPECT_EQ(d.observation_count, 2u);
        EXPECT_TRUE(has_ip(d, "192.168.1.108"));
    }
}

TEST(Correlator, IpOnlyObservationAttachesToTheLastHolder) {
    Correlator c;
    c.add(observation_at(1, "arp", "3c:ef:8c:00:00:01", "192.168.1.108", {{"arp.op", "announcement"}}));
    c.add(observation_at(2, "arp", "3c:ef:8c:00:00:02", "192.168.1.108", {{"arp.op", "announcement"}}));
    // Raw-IP capture (no link layer): only the address says who sent it.
    c.add(observation_at(3, "ssdp", std::nullopt, "192.168.1.108", {{"ssdp.server", "Linux UPnP/1.0"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 2u);
    const Device* second = by_mac(devices, "3c:ef:8c:00:00:02");
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(second->observation_count, 2u);
    EXPECT_DOUBLE_EQ(second->last_seen, 3);
    EXPECT_EQ(by_mac(devices, "3c:ef:8c:00:00:01")->observation_count, 1u);
}

TEST(Correlator, IpOnlyDeviceIsAbsorbedWhenItsMacAppears) {
    Correlator c;
    c.add(observation_at(1, "ssdp", std::nullopt, "10.0.0.5", {{"ssdp.server", "Embedded UPnP/1.0"}}));
    ASSERT_EQ(c.device_count(), 1u);
    c.add(observation_at(2, "arp", "74:da:38:80:7a:08", "10.0.0.5", {{"arp.op", "reply"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].macs.size(), 1u);
    EXPECT_EQ(devices[0].observation_count, 2u);
    EXPECT_DOUBLE_EQ(devices[0].first_seen, 1);
}

TEST(Correlator, RoutedReplyDoesNotMergeTheCameraWithTheRouter) {
    Correlator c;
    const char* router = "00:b5:6d:06:08:ba";
    c.add(observation_at(1, "arp", router, "10.0.0.1", {{"arp.op", "reply"}}));
    // A SADP reply from a camera in another subnet, forwarded: the frame's source MAC is the router's.
    c.add(observation_at(2, "sadp", router, "10.1.0.40",
               {{"id.mac", "58:50:ed:1f:e3:85"}, {"id.serial", "DS-2CD2385G1-I20200414AAWRE33842150"}, {"id.ipv4", "10.1.0.40"}}));
    c.add(observation_at(3, "dhip", router, "10.1.0.17", {{"id.mac", "08:ed:ed:87:42:7a"}, {"id.serial", "6C01E93PAG69A7D"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 3u);
    const Device* r = by_mac(devices, router);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->macs.size(), 1u);
    EXPECT_TRUE(r->serials.empty());
    EXPECT_EQ(r->observation_count, 1u);
    const Device* cam = by_mac(devices, "58:50:ed:1f:e3:85");
    ASSERT_NE(cam, nullptr);
    EXPECT_FALSE(has_mac(*cam, router));
    EXPECT_TRUE(has_ip(*cam, "10.1.0.40"));
    const Device* dahua = by_mac(devices, "08:ed:ed:87:42:7a");
    ASSERT_NE(dahua, nullptr);
    EXPECT_NE(cam, dahua);
    EXPECT_FALSE(has_mac(*dahua, router));
}

TEST(Correlator, NvrChannelsAreSeparateDevicesBehindTheNvr) {
    Correlator c;
    const char* nvr = "68:6d:bc:ee:f8:f0";
    c.add(observation_at(1, "sadp", nvr, "192.168.1.227", {{"id.mac", nvr}, {"id.serial", "DS-7616NI-K21620190101CCWRD00000001WCVU"}}));
    for (int ch = 1; ch <= 16; ++ch) {
        std::string channel = std::to_string(ch);
        if (ch % 2 == 0)
            c.add(observation_at(1 + ch, "isapi", nvr, "192.168.1.227",
                       {{"id.channel", channel}, {"id.serial", "DS-2CD2143G0-I2019010" + channel + "AAWR0000" + channel}}));
        else
            c.add(observation_at(1 + ch, "isapi", nvr, "192.168.1.227", {{"id.channel", channel}, {"model", "IPC-" + channel}}));
    }
    // The same channels reported again later: no new devices.
    for (int ch = 1; ch <= 16; ++ch) {
        std::string channel = std::to_string(ch);
        if (ch % 2 == 0)
            c.add(observation_at(100 + ch, "isapi", nvr, "192.168.1.227",
                       {{"id.channel", channel}, {"id.serial", "DS-2CD2143G0-I2019010" + channel + "AAWR0000" + channel}}));
        else
            c.add(observation_at(100 + ch, "isapi", nvr, "192.168.1.227", {{"id.channel", channel}, {"model", "IPC-" + channel}}));
    }
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 17u);
    const Device* n = by_mac(devices, nvr);
    ASSERT_NE(n, nullptr);
    EXPECT_TRUE(n->parent_id.empty());
    EXPECT_EQ(n->serials.size(), 1u) << "channel serials must not stick to the NVR";
    EXPECT_EQ(n->macs.size(), 1u);
    int children = 0;
    std::set<std::string> channels;
    for (const auto& d : devices) {
        if (&d == n) continue;
        ++children;
        EXPECT_EQ(d.parent_id, n->id);
        EXPECT_FALSE(d.channel.empty());
        channels.insert(d.channel);
        EXPECT_TRUE(d.macs.empty()) << "a channel is not the NVR's NIC";
        EXPECT_EQ(d.observation_count, 2u) << d.channel;
    }
    EXPECT_EQ(children, 16);
    EXPECT_EQ(channels.size(), 16u);
}

TEST(Correlator, DuplicateRepliesDoNotMultiplyObservations) {
    Correlator c;
    auto reply = observation_at(1, "wsd", "58:50:ed:1f:e3:85", "192.168.124.40",
                      {{"wsd.message", "ProbeMatches"}, {"id.uuid", "aa85c000-6324-11b3-819e-5850ed1fe385"}});
    for (int i = 0; i < 5; ++i) {
        reply.time = 1 + i * 0.001;
        c.add(reply);
    }
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].observations.size(), 1u);
    EXPECT_EQ(devices[0].observation_count, 5u);
    EXPECT_EQ(devices[0].uuids.size(), 1u);
}

TEST(Correlator, DistinctObservationsAreCappedPerDevice) {
    Correlator c;
    for (int i = 0; i < 1000; ++i)
        c.add(observation_at(i, "ssdp", "b0:c5:54:25:5b:0e", "10.10.10.37", {{"ssdp.server", "s" + std::to_string(i)}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].observations.size(), Correlator::kMaxObservationsPerDevice);
    EXPECT_EQ(devices[0].observation_count, 1000u);
}

TEST(Correlator, DevicesAreOrderedByFirstSeen) {
    Correlator c;
    c.add(observation_at(30, "arp", "00:00:00:00:00:03", "10.0.0.3", {{"arp.op", "request"}}));
    c.add(observation_at(10, "arp", "00:00:00:00:00:01", "10.0.0.1", {{"arp.op", "request"}}));
    c.add(observation_at(20, "arp", "00:00:00:00:00:02", "10.0.0.2", {{"arp.op", "request"}}));
    c.add(observation_at(5, "arp", "00:00:00:00:00:03", "10.0.0.3", {{"arp.op", "reply"}}));  // out of order: earlier
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 3u);
    EXPECT_EQ(devices[0].id, "dev-001");
    EXPECT_EQ(devices[1].id, "dev-002");
    EXPECT_EQ(devices[2].id, "dev-003");
    EXPECT_TRUE(has_mac(devices[0], "00:00:00:00:00:03"));
    EXPECT_DOUBLE_EQ(devices[0].first_seen, 5);
    EXPECT_TRUE(has_mac(devices[1], "00:00:00:00:00:01"));
    EXPECT_TRUE(has_mac(devices[2], "00:00:00:00:00:02"));
}

TEST(Correlator, PlaceholderSerialsAndNonUnicastKeysMergeNothing) {
    Correlator c;
    c.add(observation_at(1, "dhip", "3c:ef:8c:00:00:01", "192.168.1.10", {{"id.serial", "N/A"}, {"id.ipv4", "0.0.0.0"}}));
    c.add(observation_at(2, "dhip", "3c:ef:8c:00:00:02", "192.168.1.11", {{"id.serial", "n/a"}, {"id.ipv4", "255.255.255.255"}}));
    c.add(observation_at(3, "dhip", "3c:ef:8c:00:00:03", "192.168.1.12", {{"id.serial", "0"}, {"id.mac", "ff:ff:ff:ff:ff:ff"}}));
    c.add(observation_at(4, "dhip", "3c:ef:8c:00:00:04", "192.168.1.13", {{"id.serial", "unknown"}, {"id.mac", "00:00:00:00:00:00"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 4u);
    for (const auto& d : devices) {
        EXPECT_TRUE(d.serials.empty());
        EXPECT_EQ(d.macs.size(), 1u);
        EXPECT_EQ(d.ips.size(), 1u);
    }
}

TEST(Correlator, ObservationWithoutAnyKeyIsDropped) {
    Correlator c;
    c.add(observation_at(1, "ssdp", std::nullopt, std::nullopt, {{"ssdp.method", "M-SEARCH"}}));
    c.add(observation_at(2, "ssdp", "01:00:5e:7f:ff:fa", "239.255.255.250", {{"ssdp.method", "M-SEARCH"}}));
    EXPECT_EQ(c.device_count(), 0u);
    EXPECT_TRUE(c.devices().empty());
}

TEST(Correlator, UuidMergesAcrossAddressChanges) {
    Correlator c;
    c.add(observation_at(1, "wsd", std::nullopt, "10.0.0.40", {{"id.uuid", "AA85C000-6324-11B3-819E-5850ED1FE385"}}));
    c.add(observation_at(2, "wsd", std::nullopt, "10.0.0.41", {{"id.uuid", "aa85c000-6324-11b3-819e-5850ed1fe385"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].uuids.size(), 1u);
    EXPECT_EQ(devices[0].ips.size(), 2u);
}

}  // namespace
}  // namespace camsweep

namespace camsweep {
namespace {

// The NVR is first known by one NIC, reports a channel from its other NIC, and only then do the
// two NICs merge (same serial): a later report of the same channel must reach the same device.
TEST(Correlator, NvrChannelSurvivesTheNvrMergingWithItsOtherNic) {
    using camsweep::test::mac;
    Correlator c;
    const char* nic2 = "68:6d:bc:ee:f8:f1";
    const char* nic1 = "68:6d:bc:ee:f8:f0";
    const std::string serial = "DS-7616NI-K21620190101CCWRD00000001WCVU";
    c.add(observation_at(1, "sadp", nic2, "10.0.1.2", {{"id.mac", nic2}, {"id.serial", serial}}));
    c.add(observation_at(2, "isapi", nic1, "10.0.0.2", {{"id.channel", "1"}, {"model", "IPC-1"}}));
    c.add(observation_at(3, "sadp", nic1, "10.0.0.2", {{"id.mac", nic1}, {"id.serial", serial}}));
    c.add(observation_at(4, "isapi", nic1, "10.0.0.2", {{"id.channel", "1"}, {"model", "IPC-1"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 2u) << "channel 1 was split into two devices";
    const Device* nvr = by_mac(devices, nic1);
    ASSERT_NE(nvr, nullptr);
    EXPECT_TRUE(has_mac(*nvr, nic2));
    for (const auto& d : devices)
        if (&d != nvr) {
            EXPECT_EQ(d.parent_id, nvr->id);
            EXPECT_EQ(d.channel, "1");
            EXPECT_EQ(d.observation_count, 2u);
        }
}

}  // namespace
}  // namespace camsweep

// One identity rule (inventory/identity.hpp, docs/architecture.md "Decisions"): placeholders and
// identifiers that several units announce merge nothing; where each MAC came from is kept.
namespace camsweep {
namespace {

const MacOrigin* origin_of(const Device& d, std::string_view m) {
    for (const auto& o : d.mac_origins)
        if (o.mac == mac(m)) return &o;
    return nullptr;
}

// Each of two hosts keeps its own address: a merge would show one host's IP next to the
// other's MAC.
void expect_two_hosts_apart(const std::vector<Device>& devices, const char* mac_a, const char* ip_a, const char* mac_b,
                            const char* ip_b) {
    ASSERT_EQ(devices.size(), 2u);
    const Device* a = by_mac(devices, mac_a);
    const Device* b = by_mac(devices, mac_b);
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    ASSERT_NE(a, b);
    EXPECT_EQ(a->macs.size(), 1u);
    EXPECT_EQ(b->macs.size(), 1u);
    ASSERT_EQ(a->ips.size(), 1u);
    ASSERT_EQ(b->ips.size(), 1u);
    EXPECT_TRUE(has_ip(*a, ip_a));
    EXPECT_TRUE(has_ip(*b, ip_b));
}

TEST(CorrelatorIdentity, PlaceholderUuidFromTwoHostsKeepsTwoDevices) {
    for (const char* uuid : {"00000000-0000-0000-0000-000000000000", "upnp-InternetGatewayDevice-1_0-000000000000",
                             "2fac1234-31f8-11b4-a222-08002b34c003"}) {
        Correlator c;
        // Sibling MACs on one network, and an unrelated third: a placeholder merges none of them.
        c.add(observation_at(1, "ssdp", "00:12:31:08:bb:97", "192.168.1.20", {{"ssdp.method", "NOTIFY"}, {"id.uuid", uuid}}));
        c.add(observation_at(2, "ssdp", "00:12:31:08:bb:98", "192.168.1.21", {{"ssdp.method", "NOTIFY"}, {"id.uuid", uuid}}));
        expect_two_hosts_apart(c.devices(), "00:12:31:08:bb:97", "192.168.1.20", "00:12:31:08:bb:98", "192.168.1.21");
        for (const auto& d : c.devices()) EXPECT_TRUE(d.uuids.empty()) << uuid << " is not an identity to list";
        // The raw-IP form (no link layer) attaches by address, not by the placeholder.
        c.add(observation_at(3, "ssdp", std::nullopt, "192.168.1.21", {{"ssdp.method", "NOTIFY"}, {"id.uuid", std::string("uuid:") + uuid}}));
        auto devices = c.devices();
        ASSERT_EQ(devices.size(), 2u) << uuid;
        EXPECT_EQ(by_mac(devices, "00:12:31:08:bb:97")->observation_count, 1u) << uuid;
        EXPECT_EQ(by_mac(devices, "00:12:31:08:bb:98")->observation_count, 2u) << uuid;
    }
}

TEST(CorrelatorIdentity, PlaceholderSerialFromTwoHostsKeepsTwoDevices) {
    for (const char* serial : {"000000000000", "N/A", "FFFFFFFF", "XXXXXXXX", "To Be Filled By O.E.M."}) {
        Correlator c;
        c.add(observation_at(1, "dhip", "3c:ef:8c:00:00:01", "192.168.1.10",
                   {{"dhip.device_type", "IPC-HDW1431T1-S4"}, {"id.mac", "3c:ef:8c:00:00:01"}, {"id.serial", serial}}));
        c.add(observation_at(2, "dhip", "e0:50:8b:11:22:01", "192.168.1.11",
                   {{"dhip.device_type", "IPC-HDW1431T1-S4"}, {"id.mac", "e0:50:8b:11:22:01"}, {"id.serial", serial}}));
        auto devices = c.devices();
        expect_two_hosts_apart(devices, "3c:ef:8c:00:00:01", "192.168.1.10", "e0:50:8b:11:22:01", "192.168.1.11");
        for (const auto& d : devices) {
            EXPECT_TRUE(d.serials.empty()) << serial;
            // A placeholder does not lift a device into the identified tier either.
            EXPECT_EQ(Correlator::tier_of(d.observations.front()), EvidenceTier::discovery) << serial;
        }
    }
}

TEST(CorrelatorIdentity, RealUuidFromUnrelatedMacsMergesNothing) {
    const std::string uuid = "e3f5a0b2-1c4d-4e6f-8a9b-b0c554256a71";
    Correlator c;
    c.add(observation_at(1, "ssdp", "b0:c5:54:25:6a:71", "192.168.10.61", {{"ssdp.method", "NOTIFY"}, {"id.uuid", uuid}}));
    c.add(observation_at(2, "ssdp", "00:18:82:3a:51:10", "192.168.10.62", {{"ssdp.method", "NOTIFY"}, {"id.uuid", uuid}}));
    auto devices = c.devices();
    expect_two_hosts_apart(devices, "b0:c5:54:25:6a:71", "192.168.10.61", "00:18:82:3a:51:10", "192.168.10.62");
    for (const auto& d : devices) EXPECT_EQ(d.uuids, std::vector<std::string>{uuid}) << "listed on each device";
    // From then on the UUID merges nothing: not a third host, not a sibling NIC of the first one
    // on another network, and not an observation that has nothing but the UUID and a new address.
    c.add(observation_at(3, "ssdp", "ac:cc:8e:3c:04:19", "192.168.10.63", {{"id.uuid", uuid}}));
    c.add(observation_at(4, "ssdp", "b0:c5:54:25:6a:72", "10.0.0.61", {{"id.uuid", uuid}}));
    c.add(observation_at(5, "wsd", std::nullopt, "10.9.9.9", {{"id.uuid", uuid}}));
    devices = c.devices();
    EXPECT_EQ(devices.size(), 5u);
    for (const auto& d : devices) {
        EXPECT_EQ(d.observation_count, 1u) << d.id;
        EXPECT_LE(d.macs.size(), 1u) << d.id;
        EXPECT_EQ(d.uuids.size(), 1u) << d.id;
    }
}

TEST(CorrelatorIdentity, SerialFromUnrelatedRoutedPayloadMacsMergesNothing) {
    // A router forwards replies of two cameras that both carry one cloned serial: the payloads
    // name two different MACs, so they are two units even though one frame MAC carried both.
    const char* router = "00:b5:6d:06:08:ba";
    Correlator c;
    c.add(observation_at(1, "sadp", router, "10.1.0.40", {{"id.mac", "58:50:ed:1f:e3:85"}, {"id.serial", "DS-2CD2385G1-I20200414AAWRE33842150"}}));
    c.add(observation_at(2, "sadp", router, "10.1.0.41", {{"id.mac", "14:2f:fd:08:4c:21"}, {"id.serial", "DS-2CD2385G1-I20200414AAWRE33842150"}}));
    auto devices = c.devices();
    expect_two_hosts_apart(devices, "58:50:ed:1f:e3:85", "10.1.0.40", "14:2f:fd:08:4c:21", "10.1.0.41");
}

TEST(CorrelatorIdentity, SiblingPortsMergeOnlyFromDifferentNetworks) {
    const std::string serial = "DS-7804HQH-K10420190822CCCHD53257168WCVU";
    // Two NICs of one NVR, numbered consecutively, on two networks: one device.
    Correlator nics;
    nics.add(observation_at(1, "sadp", "68:6d:bc:ee:f8:f0", "192.168.1.227", {{"id.mac", "68:6d:bc:ee:f8:f0"}, {"id.serial", serial}}));
    nics.add(observation_at(2, "sadp", "68:6d:bc:ee:f8:f1", "10.0.0.227", {{"id.mac", "68:6d:bc:ee:f8:f1"}, {"id.serial", serial}}));
    ASSERT_EQ(nics.device_count(), 1u);
    // Two units out of one box (consecutive MACs) side by side on one network, with a cloned
    // serial: two devices, the serial listed on both.
    Correlator batch;
    batch.add(observation_at(1, "sadp", "68:6d:bc:ee:f8:f0", "192.168.1.227", {{"id.mac", "68:6d:bc:ee:f8:f0"}, {"id.serial", serial}}));
    batch.add(observation_at(2, "sadp", "68:6d:bc:ee:f8:f1", "192.168.1.228", {{"id.mac", "68:6d:bc:ee:f8:f1"}, {"id.serial", serial}}));
    auto devices = batch.devices();
    expect_two_hosts_apart(devices, "68:6d:bc:ee:f8:f0", "192.168.1.227", "68:6d:bc:ee:f8:f1", "192.168.1.228");
    for (const auto& d : devices) EXPECT_EQ(d.serials, std::vector<std::string>{serial});
    // Far apart in one OUI: two units, whatever their networks.
    Correlator far;
    far.add(observation_at(1, "sadp", "68:6d:bc:ee:f8:f0", "192.168.1.227", {{"id.serial", serial}}));
    far.add(observation_at(2, "sadp", "68:6d:bc:ee:00:01", "10.0.0.227", {{"id.serial", serial}}));
    EXPECT_EQ(far.device_count(), 2u);
}

TEST(CorrelatorIdentity, PayloadMacThatIsAlsoTheFrameMacIsOneEntryWithBothSources) {
    Correlator c;
    c.add(observation_at(1, "sadp", "58:50:ed:1f:e3:85", "192.168.1.64", {{"id.mac", "58:50:ED:1F:E3:85"}, {"id.serial", "DS-2CD2385G1-I20200414AAWRE33842150"}}));
    c.add(observation_at(2, "dhip", "58:50:ed:1f:e3:85", "192.168.1.64", {{"id.mac", "58:50:ed:1f:e3:85"}}));
    c.add(observation_at(3, "arp", "58:50:ed:1f:e3:85", "192.168.1.64", {{"arp.op", "reply"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    ASSERT_EQ(devices[0].mac_origins.size(), 1u);
    EXPECT_EQ(devices[0].mac_origins[0].sources, (std::vector<std::string>{"frame", "payload:sadp", "payload:dhip"}));
    EXPECT_TRUE(devices[0].mac_origins[0].identifies_device());
}

TEST(CorrelatorIdentity, RoutedFrameKeepsTheRouterMacAsProvenanceNotAsKey) {
    const char* router = "00:b5:6d:06:08:ba";
    const char* camera = "58:50:ed:1f:e3:85";
    Correlator c;
    c.add(observation_at(1, "arp", router, "10.0.0.1", {{"arp.op", "reply"}}));
    c.add(observation_at(2, "sadp", router, "10.1.0.40", {{"id.mac", camera}, {"id.serial", "DS-2CD2385G1-I20200414AAWRE33842150"}}));
    // Later the camera is seen on the local segment: its own frames.
    c.add(observation_at(3, "arp", camera, "10.1.0.40", {{"arp.op", "announcement"}}));
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 2u);
    const Device* cam = by_mac(devices, camera);
    const Device* r = by_mac(devices, router);
    ASSERT_NE(cam, nullptr);
    ASSERT_NE(r, nullptr);
    ASSERT_NE(cam, r);
    EXPECT_EQ(cam->macs, std::vector<MacAddress>{mac(camera)});
    ASSERT_EQ(cam->mac_origins.size(), 2u);
    const MacOrigin* own = origin_of(*cam, camera);
    ASSERT_NE(own, nullptr);
    EXPECT_EQ(own->sources, (std::vector<std::string>{"payload:sadp", "frame"}));
    const MacOrigin* via = origin_of(*cam, router);
    ASSERT_NE(via, nullptr);
    EXPECT_EQ(via->sources, std::vector<std::string>{"frame:routed"});
    EXPECT_FALSE(via->identifies_device());
    // The router itself: its own frames only.
    ASSERT_EQ(r->mac_origins.size(), 1u);
    EXPECT_EQ(r->mac_origins[0].sources, std::vector<std::string>{"frame"});
}

TEST(CorrelatorIdentity, Eui64MacIsMarkedAsFromTheAddress) {
    Correlator c;
    Observation o = observation_at(1, "mdns", "00:12:31:08:bb:97", std::nullopt, {{"mdns.name", "cam.local"}});
    o.endpoint.ip = ip("fe80::212:31ff:fe08:bb97");
    o.add("ipv6.eui64_mac", "00:12:31:08:bb:97");
    o.add("id.mac", "00:12:31:08:bb:97");
    c.add(o);
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    ASSERT_EQ(devices[0].mac_origins.size(), 1u);
    EXPECT_EQ(devices[0].mac_origins[0].sources, (std::vector<std::string>{"frame", "ipv6:eui64"}));
}

TEST(CorrelatorIdentity, ProvenanceSurvivesMergesAndChannels) {
    const std::string serial = "DS-7616NI-K21620190101CCWRD00000001WCVU";
    const char* nic1 = "68:6d:bc:ee:f8:f0";
    const char* nic2 = "68:6d:bc:ee:f8:f1";
    Correlator c;
    c.add(observation_at(1, "arp", nic2, "10.0.1.2", {{"arp.op", "request"}}));
    c.add(observation_at(2, "sadp", nic1, "10.0.0.2", {{"id.mac", nic1}, {"id.serial", serial}}));
    c.add(observation_at(3, "isapi", nic1, "10.0.0.2", {{"id.channel", "1"}, {"id.mac", "4c:bd:8f:72:19:a4"}}));
    c.add(observation_at(4, "dhip", nic2, "10.0.1.2", {{"id.serial", serial}}));  // joins the two NICs
    auto devices = c.devices();
    ASSERT_EQ(devices.size(), 2u);
    const Device* nvr = by_mac(devices, nic1);
    ASSERT_NE(nvr, nullptr);
    EXPECT_EQ(nvr->macs.size(), 2u);
    ASSERT_EQ(nvr->mac_origins.size(), 2u);
    EXPECT_EQ(origin_of(*nvr, nic1)->sources, (std::vector<std::string>{"frame", "payload:sadp"}));
    EXPECT_EQ(origin_of(*nvr, nic2)->sources, std::vector<std::string>{"frame"});
    const Device* cam = by_mac(devices, "4c:bd:8f:72:19:a4");
    ASSERT_NE(cam, nullptr);
    EXPECT_EQ(cam->parent_id, nvr->id);
    ASSERT_EQ(cam->mac_origins.size(), 1u) << "the NVR's MAC is not the channel camera's";
    EXPECT_EQ(cam->mac_origins[0].sources, std::vector<std::string>{"payload:isapi"});
}

}  // namespace
}  // namespace camsweep
