// Which interfaces the multicast discovery searches on, and what it sends there: pure choices
// over a listed set of interfaces (no network).
#include <gtest/gtest.h>

#include <algorithm>

#include "camsweep/scan/interfaces.hpp"

namespace camsweep::scan {
namespace {

InterfaceAddress at(std::string_view text, unsigned prefix) { return {*IpAddress::parse(text), prefix}; }

NetworkInterface nic(std::string name, unsigned index, std::vector<InterfaceAddress> addresses) {
    NetworkInterface out;
    out.name = std::move(name);
    out.index = index;
    out.up = true;
    out.multicast = true;
    out.addresses = std::move(addresses);
    return out;
}

Scope scope_of(std::vector<std::string> targets) {
    auto scope = Scope::build(targets, {});
    EXPECT_TRUE(scope) << scope.error();
    return *scope;
}

// A host with a wired LAN, Wi-Fi, loopback and a link that is down.
std::vector<NetworkInterface> sample_host() {
    std::vector<NetworkInterface> out;
    NetworkInterface lo = nic("lo", 1, {at("127.0.0.1", 8), at("::1", 128)});
    lo.loopback = true;
    lo.multicast = false;
    out.push_back(lo);
    out.push_back(nic("eth0", 2, {at("192.168.1.20", 24), at("fe80::1c2:3ff:fe04:506", 64), at("2001:db8:1::20", 64)}));
    out.push_back(nic("wlan0", 3, {at("10.40.0.7", 16)}));
    NetworkInterface down = nic("eth1", 4, {at("172.16.5.1", 24)});
    down.up = false;
    out.push_back(down);
    NetworkInterface no_multicast = nic("tun0", 5, {at("172.17.0.2", 24)});
    no_multicast.multicast = false;
    out.push_back(no_multicast);
    return out;
}

TEST(ScanInterfaces, SubnetsAndDirectedBroadcasts) {
    EXPECT_EQ(subnet_text(at("192.168.1.20", 24)), "192.168.1.0/24");
    EXPECT_EQ(subnet_text(at("10.40.0.7", 16)), "10.40.0.0/16");
    EXPECT_EQ(subnet_text(at("fe80::1c2:3ff:fe04:506", 64)), "fe80::/64");
    EXPECT_EQ(directed_broadcast(at("192.168.1.20", 24))->to_string(), "192.168.1.255");
    EXPECT_EQ(directed_broadcast(at("10.213.7.1", 30))->to_string(), "10.213.7.3");
    EXPECT_FALSE(directed_broadcast(at("10.0.0.1", 31)));
    EXPECT_FALSE(directed_broadcast(at("10.0.0.1", 32)));
    EXPECT_FALSE(directed_broadcast(at("2001:db8::1", 64)));
    const AddressInterval all_v4 = subnet_of(at("10.0.0.1", 0));
    EXPECT_TRUE(all_v4.first == 0);
    EXPECT_TRUE(all_v4.last == 0xffffffffu);
}

TEST(ScanInterfaces, OnlyInterfacesWhoseSubnetTheScopeReaches) {
    const auto host = sample_host();
    // One host of the wired LAN reaches it; nothing else does.
    auto links = select_multicast_links(host, scope_of({"192.168.1.77"}));
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].interface, "eth0");
    EXPECT_EQ(links[0].index, 2u);
    EXPECT_EQ(links[0].family, IpAddress::Family::v4);
    EXPECT_EQ(links[0].local.to_string(), "192.168.1.20");
    ASSERT_EQ(links[0].broadcasts.size(), 1u);
    EXPECT_EQ(links[0].broadcasts[0].to_string(), "192.168.1.255");

    // A scope beside every subnet: no link, so nothing is multicast.
    EXPECT_TRUE(select_multicast_links(host, scope_of({"192.168.2.0/24", "10.41.0.1"})).empty());
    // Loopback, a link that is down and one without MULTICAST are never used.
    EXPECT_TRUE(select_multicast_links(host, scope_of({"127.0.0.1-20"})).empty());
    EXPECT_TRUE(select_multicast_links(host, scope_of({"172.16.5.0/24"})).empty());
    EXPECT_TRUE(select_multicast_links(host, scope_of({"172.17.0.0/24"})).empty());

    // A scope wider than a subnet reaches it too; both IPv4 links here.
    links = select_multicast_links(host, scope_of({"10.40.3.0/24", "192.168.0.0/23"}));
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0].interface, "eth0");
    EXPECT_EQ(links[1].interface, "wlan0");
    EXPECT_EQ(links[1].broadcasts[0].to_string(), "10.40.255.255");
}

TEST(ScanInterfaces, IPv6LinksAreChosenByTheirOwnSubnets) {
    const auto host = sample_host();
    auto links = select_multicast_links(host, scope_of({"2001:db8:1::/120"}));
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].family, IpAddress::Family::v6);
    EXPECT_EQ(links[0].local.to_string(), "2001:db8:1::20");
    EXPECT_TRUE(links[0].broadcasts.empty());
    // Both of eth0's IPv6 subnets count as on-link.
    EXPECT_TRUE(links[0].on_subnet(*IpAddress::parse("fe80::aaaa")));
    EXPECT_FALSE(links[0].on_subnet(*IpAddress::parse("192.168.1.5")));
}

TEST(ScanInterfaces, OffSubnetSourcesAreTold) {
    auto links = select_multicast_links(sample_host(), scope_of({"192.168.1.0/24"}));
    ASSERT_EQ(links.size(), 1u);
    const MulticastLink& eth0 = links[0];
    EXPECT_TRUE(eth0.on_subnet(*IpAddress::parse("192.168.1.108")));
    EXPECT_FALSE(eth0.on_subnet(*IpAddress::parse("192.0.0.64")));  // a Hikvision unit on its factory address
    EXPECT_FALSE(eth0.on_subnet(*IpAddress::parse("192.168.0.64")));
    EXPECT_EQ(eth0.describe(), "eth0 192.168.1.0/24");
}

TEST(ScanInterfaces, SendsComeFromTheRegistry) {
    auto links = select_multicast_links(sample_host(), scope_of({"192.168.1.0/24", "2001:db8:1::1"}));
    ASSERT_EQ(links.size(), 2u);
    auto has = [](const std::vector<MulticastSend>& sends, std::string_view protocol, std::string_view destination, std::uint16_t port) {
        return std::any_of(sends.begin(), sends.end(), [&](const MulticastSend& s) {
            return s.protocol->name == protocol && s.destination.to_string() == destination && s.port == port;
        });
    };
    const auto v4 = multicast_sends(links[0]);
    EXPECT_TRUE(has(v4, "wsd", "239.255.255.250", 3702));
    EXPECT_TRUE(has(v4, "ssdp", "239.255.255.250", 1900));
    EXPECT_TRUE(has(v4, "mdns", "224.0.0.251", 5353));
    EXPECT_TRUE(has(v4, "sadp", "239.255.255.250", 37020));
    EXPECT_TRUE(has(v4, "dhip", "239.255.255.251", 37810));
    EXPECT_TRUE(has(v4, "xiongmai", "192.168.1.255", 34569));
    EXPECT_TRUE(has(v4, "panasonic", "192.168.1.255", 10670));
    EXPECT_TRUE(has(v4, "hanwha", "192.168.1.255", 7701));
    EXPECT_TRUE(has(v4, "ubiquiti", "192.168.1.255", 10001));
    EXPECT_FALSE(has(v4, "sadp", "192.168.1.255", 37020));  // SADP is multicast, not broadcast
    for (const MulticastSend& send : v4) {
        EXPECT_EQ(send.destination.family, IpAddress::Family::v4);
        // Never the all-ones broadcast, never a unicast host: a group or this subnet's broadcast.
        EXPECT_NE(send.destination.to_string(), "255.255.255.255");
        EXPECT_TRUE(send.broadcast ? send.destination.to_string() == "192.168.1.255" : send.destination.is_multicast_or_broadcast());
    }
    const auto v6 = multicast_sends(links[1]);
    EXPECT_TRUE(has(v6, "wsd", "ff02::c", 3702));
    EXPECT_TRUE(has(v6, "ssdp", "ff02::c", 1900));
    EXPECT_TRUE(has(v6, "mdns", "ff02::fb", 5353));
    for (const MulticastSend& send : v6) EXPECT_FALSE(send.broadcast);
}

TEST(ScanInterfaces, ReplyPortsAndThePlan) {
    const auto ports = reply_ports();
    auto port = [&](std::uint16_t number) -> const ReplyPort* {
        for (const auto& p : ports)
            if (p.port == number) return &p;
        return nullptr;
    };
    ASSERT_NE(port(37020), nullptr);
    ASSERT_EQ(port(37020)->groups.size(), 1u);
    EXPECT_EQ(port(37020)->groups[0].to_string(), "239.255.255.250");
    ASSERT_NE(port(37810), nullptr);
    EXPECT_EQ(port(37810)->groups[0].to_string(), "239.255.255.251");
    ASSERT_NE(port(10669), nullptr);  // Panasonic replies are broadcast there
    EXPECT_TRUE(port(10669)->groups.empty());
    ASSERT_NE(port(7711), nullptr);   // Hanwha's reply port
    EXPECT_EQ(port(10670), nullptr);  // the Panasonic request port is not listened to

    auto links = select_multicast_links(sample_host(), scope_of({"192.168.1.0/24"}));
    const auto plan = describe_multicast_plan(links);
    ASSERT_GE(plan.size(), 3u);
    EXPECT_EQ(plan.front(), "multicast on eth0 192.168.1.0/24 (from 192.168.1.20, TTL/hops 1):");
    EXPECT_NE(std::find(plan.begin(), plan.end(), "  udp 239.255.255.251:37810  dhip"), plan.end());
    EXPECT_NE(std::find(plan.begin(), plan.end(), "  udp 192.168.1.255:34569  xiongmai (subnet broadcast)"), plan.end());
    EXPECT_NE(plan.back().find("37020 (joined to 239.255.255.250)"), std::string::npos) << plan.back();
    EXPECT_EQ(describe_multicast_plan({}).size(), 1u);
}

}  // namespace
}  // namespace camsweep::scan
