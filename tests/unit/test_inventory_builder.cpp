// InventoryBuilder: the one path from observations to an inventory, for every front end.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "camsweep/dissect/protocol.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "bundled_signatures.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

Observation arp_from(int n) {
    Observation o;
    o.time = n;
    o.protocol = "arp";
    o.tier = EvidenceTier::chatter;
    char text[32];
    std::snprintf(text, sizeof text, "02:00:00:00:%02x:%02x", (n >> 8) & 0xff, n & 0xff);
    o.endpoint.mac = mac(text);
    o.endpoint.ip = IpAddress::v4(0x0a000000u + static_cast<std::uint32_t>(n));
    o.add("arp.op", "request");
    return o;
}

// What the sink was told, one line per event ("created 1", "merged 1", "changed ip serial",
// "evicted 3"), with the device's MACs and IPs as the event showed them.
struct EventLog {
    std::vector<std::string> lines;
    std::vector<std::string> devices;

    InventoryBuilderOptions options() {
        InventoryBuilderOptions o;
        o.on_event = [this](const DeviceEvent& e) {
            std::string line;
            switch (e.kind) {
                case DeviceEventKind::created: line = "created " + std::to_string(e.count); break;
                case DeviceEventKind::merged: line = "merged " + std::to_string(e.count); break;
                case DeviceEventKind::evicted: line = "evicted " + std::to_string(e.count); break;
                case DeviceEventKind::changed:
                    line = "changed";
                    if (e.change.new_mac) line += " mac";
                    if (e.change.new_ip) line += " ip";
                    if (e.change.new_serial) line += " serial";
                    if (e.change.new_uuid) line += " uuid";
                    EXPECT_EQ(e.count, 1u);
                    break;
            }
            lines.push_back(line);
            std::string d = "-";
            if (e.device) {
                d.clear();
                for (const auto& m : e.device->macs) d += m.to_string() + " ";
                for (const auto& a : e.device->ips) d += a.to_string() + " ";
                for (const auto& s : e.device->serials) d += s + " ";
            }
            devices.push_back(d);
        };
        return o;
    }
    // The lines since the last call.
    std::vector<std::string> take() {
        std::vector<std::string> out = std::move(lines);
        lines.clear();
        devices.clear();
        return out;
    }
};

using Lines = std::vector<std::string>;

TEST(InventoryBuilderEvents, TheSameObservationTwiceIsOneCreatedAndNothingElse) {
    EventLog log;
    InventoryBuilder builder(hikvision_lts_db(), log.options());
    Observation first = observation_at(1, "sadp", "58:50:ed:1f:e3:85", "192.168.10.40",
                             {{"sadp.device_description", "DS-2CD2385G1-I"}, {"id.mac", "58:50:ed:1f:e3:85"},
                              {"id.serial", "DS-2CD2385G1-I20200414AAWRE33842150"}});
    Observation again = first;
    builder.add(first);
    ASSERT_EQ(log.devices.size(), 1u);
    EXPECT_EQ(log.devices[0], "58:50:ed:1f:e3:85 192.168.10.40 DS-2CD2385G1-I20200414AAWRE33842150 ");
    EXPECT_EQ(log.take(), Lines{"created 1"});
    builder.add(again);
    EXPECT_EQ(log.take(), Lines{});
    // Another message of the same device carrying nothing new about its identity: no event.
    Observation arp = observation_at(2, "arp", "58:50:ed:1f:e3:85", "192.168.10.40", {{"arp.op", "announcement"}});
    builder.add(arp);
    Observation by_ip = observation_at(3, "ssdp", std::nullopt, "192.168.10.40", {{"ssdp.server", "Linux UPnP/1.0"}});
    builder.add(by_ip);
    EXPECT_EQ(log.take(), Lines{});
    EXPECT_EQ(builder.judged_devices().size(), 1u);
}

TEST(InventoryBuilderEvents, ChangedWhenAKnownDeviceGainsAnIdentityValueOnce) {
    EventLog log;
    InventoryBuilder builder(hikvision_lts_db(), log.options());
    Observation arp = observation_at(1, "arp", "58:50:ed:1f:e3:85", "192.168.10.40", {{"arp.op", "announcement"}});
    builder.add(arp);
    EXPECT_EQ(log.take(), Lines{"created 1"});
    // A new lease: a new IP, once.
    for (int i = 0; i < 2; ++i) {
        Observation lease = observation_at(2 + i, "arp", "58:50:ed:1f:e3:85", "192.168.10.99", {{"arp.op", "announcement"}});
        builder.add(lease);
    }
    ASSERT_EQ(log.devices.size(), 1u);
    EXPECT_EQ(log.devices[0], "58:50:ed:1f:e3:85 192.168.10.40 192.168.10.99 ");
    EXPECT_EQ(log.take(), Lines{"changed ip"});
    // Its serial and UUID, from discovery replies.
    Observation sadp = observation_at(5, "sadp", "58:50:ed:1f:e3:85", "192.168.10.99",
                            {{"id.mac", "58:50:ed:1f:e3:85"}, {"id.serial", "DS-2CD2385G1-I20200414AAWRE33842150"}});
    builder.add(sadp);
    Observation wsd = observation_at(6, "wsd", "58:50:ed:1f:e3:85", "192.168.10.99", {{"id.uuid", "aa85c000-6324-11b3-819e-5850ed1fe385"}});
    builder.add(wsd);
    EXPECT_EQ(log.take(), (Lines{"changed serial", "changed uuid"}));
    // A second NIC the payload names, and a new address in the same message: one event.
    Observation nic = observation_at(7, "sadp", "58:50:ed:1f:e3:85", "10.0.0.40",
                           {{"id.mac", "58:50:ed:1f:e3:85"}, {"id.mac", "58:50:ed:1f:e3:86"}});
    builder.add(nic);
    EXPECT_EQ(log.take(), Lines{"changed mac ip"});
    Observation nic_again = nic;
    builder.add(nic_again);
    EXPECT_EQ(log.take(), Lines{});
    // A placeholder serial is not an identity value: nothing changes.
    Observation placeholder = observation_at(8, "dhip", "58:50:ed:1f:e3:85", "10.0.0.40", {{"id.serial", "000000000000"}});
    builder.add(placeholder);
    EXPECT_EQ(log.take(), Lines{});
    EXPECT_EQ(builder.judged_devices().size(), 1u);
}

TEST(InventoryBuilderEvents, AnIpOnlyDeviceThatShowsItsMacChanges) {
    EventLog log;
    InventoryBuilder builder(hikvision_lts_db(), log.options());
    Observation raw = observation_at(1, "ssdp", std::nullopt, "10.0.0.5", {{"ssdp.server", "Embedded UPnP/1.0"}});
    builder.add(raw);
    Observation arp = observation_at(2, "arp", "3c:ef:8c:00:00:05", "10.0.0.5", {{"arp.op", "announcement"}});
    builder.add(arp);
    EXPECT_EQ(log.take(), (Lines{"created 1", "changed mac"}));
    EXPECT_EQ(builder.judged_devices().size(), 1u);
}

TEST(InventoryBuilderEvents, MergedWhenALaterObservationLinksTwoDevices) {
    EventLog log;
    InventoryBuilder builder(hikvision_lts_db(), log.options());
    // Two NICs of one NVR, first seen apart; then one NIC reports the serial the other announced.
    Observation first = observation_at(1, "dhip", "3c:ef:8c:00:00:01", "192.168.1.108", {{"id.serial", "6C01E93PAG69A7D"}});
    Observation second = observation_at(2, "arp", "3c:ef:8c:00:00:02", "10.0.0.8", {{"arp.op", "request"}});
    builder.add(first);
    builder.add(second);
    EXPECT_EQ(log.take(), (Lines{"created 1", "created 1"}));
    Observation link = observation_at(3, "dhip", "3c:ef:8c:00:00:02", "10.0.0.8", {{"id.serial", "6C01E93PAG69A7D"}});
    builder.add(link);
    ASSERT_EQ(log.devices.size(), 1u);
    EXPECT_EQ(log.devices[0], "3c:ef:8c:00:00:01 3c:ef:8c:00:00:02 192.168.1.108 10.0.0.8 6C01E93PAG69A7D ");
    // Everything the observation carried was already known to one of the two: no `changed`.
    EXPECT_EQ(log.take(), Lines{"merged 1"});
    Observation link_again = link;
    builder.add(link_again);
    EXPECT_EQ(log.take(), Lines{});
    EXPECT_EQ(builder.judged_devices().size(), 1u);
}

TEST(InventoryBuilderEvents, AMergeThatAlsoBringsANewValueIsMergedAndChanged) {
    EventLog log;
    InventoryBuilder builder(hikvision_lts_db(), log.options());
    Observation a = observation_at(1, "arp", "3c:ef:8c:00:00:01", "192.168.1.108", {{"arp.op", "request"}});
    Observation b = observation_at(2, "dhip", std::nullopt, "10.0.0.8", {{"id.serial", "6C01E93PAG69A7D"}});
    Observation c = observation_at(3, "arp", "3c:ef:8c:00:00:09", "172.16.0.9", {{"arp.op", "request"}});
    builder.add(a);
    builder.add(b);
    builder.add(c);
    EXPECT_EQ(log.take(), (Lines{"created 1", "created 1", "created 1"}));
    // One message names both MACs and the serial: three devices become one, and its UUID is new.
    Observation link = observation_at(4, "dhip", "3c:ef:8c:00:00:01", "192.168.1.108",
                            {{"id.mac", "3c:ef:8c:00:00:01"}, {"id.mac", "3c:ef:8c:00:00:09"}, {"id.serial", "6C01E93PAG69A7D"},
                             {"id.uuid", "e3f5a0b2-1c4d-4e6f-8a9b-b0c554256a71"}});
    builder.add(link);
    EXPECT_EQ(log.take(), (Lines{"merged 2", "changed uuid"}));
    EXPECT_EQ(builder.judged_devices().size(), 1u);
}

TEST(InventoryBuilderEvents, ASerialTwoUnitsAnnounceMergesNothing) {
    EventLog log;
    InventoryBuilder builder(hikvision_lts_db(), log.options());
    Observation one = observation_at(1, "dhip", "3c:ef:8c:00:00:01", "192.168.1.10", {{"id.serial", "6C01E93PAG69A7D"}});
    Observation other = observation_at(2, "dhip", "e0:50:8b:11:22:01", "192.168.1.11", {{"id.serial", "6C01E93PAG69A7D"}});
    builder.add(one);
    builder.add(other);
    EXPECT_EQ(log.take(), (Lines{"created 1", "created 1"}));
    EXPECT_EQ(builder.judged_devices().size(), 2u);
}

TEST(InventoryBuilderEvents, AChannelAndItsNewRecorderAreOneCreatedEventOfTwo) {
    EventLog log;
    InventoryBuilder builder(hikvision_lts_db(), log.options());
    const char* nvr = "68:6d:bc:ee:f8:f0";
    Observation channel = observation_at(1, "isapi", nvr, "192.168.1.227", {{"id.channel", "1"}, {"id.serial", "DS-2CD2143G0-I20190101AAWR00001"}});
    Observation again = channel;
    builder.add(channel);
    EXPECT_EQ(log.devices, std::vector<std::string>{"DS-2CD2143G0-I20190101AAWR00001 "});  // the camera, not the NVR
    EXPECT_EQ(log.take(), Lines{"created 2"});
    builder.add(again);
    EXPECT_EQ(log.take(), Lines{});
    EXPECT_EQ(builder.judged_devices().size(), 2u);
}

TEST(InventoryBuilderEvents, ANewRecorderOfAKnownCameraIsTheCreatedDevice) {
    EventLog log;
    InventoryBuilder builder(hikvision_lts_db(), log.options());
    Observation camera = observation_at(1, "sadp", "58:50:ed:1f:e3:85", "192.168.1.64",
                              {{"id.mac", "58:50:ed:1f:e3:85"}, {"id.serial", "DS-2CD2143G0-I20190101AAWR00001"}});
    builder.add(camera);
    EXPECT_EQ(log.take(), Lines{"created 1"});
    // A recorder not seen before reports that camera (by its serial) as its channel 1.
    Observation channel = observation_at(2, "isapi", "68:6d:bc:ee:f8:f0", "192.168.1.227",
                               {{"id.channel", "1"}, {"id.serial", "DS-2CD2143G0-I20190101AAWR00001"}});
    builder.add(channel);
    EXPECT_EQ(log.devices, std::vector<std::string>{"68:6d:bc:ee:f8:f0 192.168.1.227 "});
    EXPECT_EQ(log.take(), Lines{"created 1"});
    auto devices = builder.judged_devices();
    ASSERT_EQ(devices.size(), 2u);
    EXPECT_EQ(devices[0].parent_id, devices[1].id);
}

TEST(InventoryBuilder, TellsTheSinkAboutNewAndEvictedDevices) {
    std::size_t created = 0;
    std::uint64_t evicted = 0;
    InventoryBuilderOptions options;
    options.max_devices = 8;
    std::size_t others = 0;
    options.on_event = [&](const DeviceEvent& event) {
        if (event.kind == DeviceEventKind::created) ++created;
        else if (event.kind == DeviceEventKind::evicted) evicted += event.count;
        else ++others;
    };
    InventoryBuilder builder(hikvision_lts_db(), options);
    std::uint64_t returned = 0;
    for (int n = 1; n <= 20; ++n) {
        Observation o = arp_from(n);
        returned += builder.add(o);
    }
    Observation again = arp_from(20);
    builder.add(again);  // a known device: no event
    EXPECT_EQ(created, 20u);
    EXPECT_EQ(others, 0u);  // twenty unrelated senders: nothing merged or changed
    EXPECT_GT(evicted, 0u);
    EXPECT_EQ(evicted, returned);
    EXPECT_LE(builder.judged_devices().size(), 8u);
}

// A full table keeps a device that would be judged covered or likely covered before any that
// would not, however little it said: here a Hikvision MAC heard once by ARP, the oldest of twenty
// senders that all said as little.
std::vector<std::string> macs_after_flood(bool database_ready) {
    InventoryBuilderOptions options;
    options.max_devices = 8;
    options.audit_date = Date{2026, 12, 1};
    options.database_ready = [database_ready] { return database_ready; };
    InventoryBuilder builder(bundled_signatures(), options);
    Observation hikvision = arp_from(1);
    hikvision.endpoint.mac = mac("58:50:ed:1f:e3:85");  // an OUI of Hikvision's (IEEE registry)
    builder.add(hikvision);
    for (int n = 2; n <= 20; ++n) {
        Observation o = arp_from(n);
        builder.add(o);
    }
    std::vector<std::string> kept;
    for (const auto& d : builder.judged_devices()) {
        kept.push_back(d.macs.front().to_string());
        if (kept.back() == "58:50:ed:1f:e3:85") {
            EXPECT_TRUE(d.verdict.status == VerdictStatus::covered || d.verdict.status == VerdictStatus::likely_covered)
                << to_string(d.verdict.status);
        }
    }
    return kept;
}

TEST(InventoryBuilder, EvictionKeepsCoveredAndLikelyCoveredDevicesFirst) {
    const auto kept = macs_after_flood(true);
    EXPECT_LE(kept.size(), 8u);
    EXPECT_NE(std::find(kept.begin(), kept.end(), "58:50:ed:1f:e3:85"), kept.end());
    // Without the database (not loaded yet, or failed) eviction ranks by evidence alone, and the
    // oldest of equals goes first: what the judgement above protects against.
    const auto unjudged = macs_after_flood(false);
    EXPECT_EQ(std::find(unjudged.begin(), unjudged.end(), "58:50:ed:1f:e3:85"), unjudged.end());
}

TEST(InventoryBuilder, AddsTheMacOfAnEui64AddressAndIgnoresEmptyObservations) {
    InventoryBuilder builder(hikvision_lts_db(), {});
    Observation empty;
    empty.endpoint.ip = ip("fe80::6a6d:bcff:feee:f8f0");
    EXPECT_EQ(builder.add(empty), 0u);
    EXPECT_TRUE(builder.judged_devices().empty());
    Observation o;
    o.protocol = "dhcpv6";
    o.endpoint.ip = ip("fe80::6a6d:bcff:feee:f8f0");
    o.add("dhcpv6.message_type", "solicit");
    builder.add(o);
    EXPECT_EQ(o.get("ipv6.eui64_mac").value_or(""), "68:6d:bc:ee:f8:f0");
    auto devices = builder.judged_devices();
    ASSERT_EQ(devices.size(), 1u);
    ASSERT_EQ(devices[0].macs.size(), 1u);
    EXPECT_EQ(devices[0].macs[0].to_string(), "68:6d:bc:ee:f8:f0");
}

}  // namespace
}  // namespace camsweep
