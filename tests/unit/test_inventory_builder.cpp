// InventoryBuilder: the one path from observations to an inventory, for every front end.
#include <gtest/gtest.h>

#include <vector>

#include "camsweep/inventory/inventory_builder.hpp"
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

TEST(InventoryBuilder, TellsTheSinkAboutNewAndEvictedDevices) {
    std::size_t created = 0;
    std::uint64_t evicted = 0;
    InventoryBuilderOptions options;
    options.max_devices = 8;
    options.on_event = [&](const DeviceEvent& event) {
        if (event.kind == DeviceEventKind::created) ++created;
        if (event.kind == DeviceEventKind::evicted) evicted += event.count;
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
    EXPECT_GT(evicted, 0u);
    EXPECT_EQ(evicted, returned);
    EXPECT_LE(builder.judged_devices().size(), 8u);
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
