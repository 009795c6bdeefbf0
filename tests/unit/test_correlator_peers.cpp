// Local devices and remote peers (docs/report-format.md "Local devices and remote peers"): a
// message from a public address came through the router, so it is neither a device of the link
// nor evidence about the gateway whose MAC carried it.
#include <gtest/gtest.h>

#include <algorithm>

#include "camsweep/inventory/correlator.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

constexpr const char* kGateway = "00:b5:6d:06:08:ba";
constexpr const char* kCamera = "58:50:ed:1f:e3:85";

// A message from `src_ip` in a frame from `src_mac`, sent to `dst_mac`/`dst_ip`.
Observation sent(double time, std::string protocol, const char* src_mac, const char* src_ip, const char* dst_mac,
                 const char* dst_ip, std::initializer_list<std::pair<const char*, std::string>> fields) {
    Observation o = observation_at(time, std::move(protocol), src_mac, src_ip, fields);
    o.peer.mac = mac(dst_mac);
    o.peer.ip = ip(dst_ip);
    return o;
}

const Device* holding_mac(const std::vector<Device>& devices, const char* m) {
    for (const auto& d : devices)
        if (std::find(d.macs.begin(), d.macs.end(), mac(m)) != d.macs.end()) return &d;
    return nullptr;
}

TEST(CorrelatorPeers, ACloudServerIsAPeerOfTheCameraNotAnAddressOfTheGateway) {
    Correlator c;
    c.add(observation_at(1, "arp", kGateway, "192.168.1.1", {{"arp.op", "reply"}}));
    c.add(sent(2, "tls", kCamera, "192.168.1.64", kGateway, "52.58.0.10", {{"tls.sni", "dev.hik-connect.com"}}));
    // The server's certificate, through the gateway: about the server, not about either device.
    c.add(sent(3, "tls", kGateway, "52.58.0.10", kCamera, "192.168.1.64", {{"tls.cert.subject", "CN=*.hik-connect.com"}}));
    c.add(sent(4, "tls", kGateway, "52.58.0.10", kCamera, "192.168.1.64", {{"tls.cert.subject", "CN=*.hik-connect.com"}}));
    const auto devices = c.devices();
    ASSERT_EQ(devices.size(), 2u);
    const Device* gateway = holding_mac(devices, kGateway);
    const Device* camera = holding_mac(devices, kCamera);
    ASSERT_TRUE(gateway && camera);
    EXPECT_EQ(gateway->ips, std::vector<IpAddress>{ip("192.168.1.1")});
    EXPECT_EQ(gateway->observation_count, 1u);  // its ARP only
    EXPECT_TRUE(gateway->peers.empty());
    ASSERT_EQ(camera->peers.size(), 1u);
    EXPECT_EQ(camera->peers[0].ip, ip("52.58.0.10"));
    EXPECT_EQ(camera->peers[0].protocol, "tls");
    EXPECT_EQ(camera->peers[0].said, "tls.cert.subject=CN=*.hik-connect.com");
    EXPECT_EQ(camera->peers[0].messages, 2u);
    EXPECT_EQ(camera->peers[0].first_seen, 3);
    EXPECT_EQ(camera->peers[0].last_seen, 4);
    // What the camera itself sent stays its evidence.
    EXPECT_EQ(camera->observation_count, 1u);
}

TEST(CorrelatorPeers, APublicAddressOnTheLinkIsADeviceOnceArpShowedIt) {
    Correlator c;
    // A LAN numbered with public addresses: ARP shows 52.9.9.9 on the link with its own MAC.
    c.add(observation_at(1, "arp", kCamera, "52.9.9.9", {{"arp.op", "reply"}}));
    c.add(sent(2, "http", kCamera, "52.9.9.9", kGateway, "52.9.9.1", {{"http.server", "App-webs/"}}));
    const auto devices = c.devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].observation_count, 2u);
    EXPECT_TRUE(devices[0].peers.empty());
}

TEST(CorrelatorPeers, LinkScopeMessagesAndPrivateAddressesAreAlwaysLocal) {
    Correlator c;
    // SSDP to the multicast group cannot have crossed a router, whatever its source address.
    c.add(sent(1, "ssdp", kCamera, "52.9.9.9", "01:00:5e:7f:ff:fa", "239.255.255.250", {{"ssdp.server", "Linux UPnP/1.0"}}));
    // A private address behind the gateway's MAC (a routed subnet) is left to the routed-MAC rules.
    c.add(sent(2, "http", kGateway, "10.1.0.40", "02:00:00:00:00:01", "192.168.1.5", {{"http.server", "Boa/0.94"}}));
    // The payload names the frame's MAC as its own: the sender is on the link.
    c.add(sent(3, "sadp", "08:ed:ed:87:42:7a", "52.1.1.1", "02:00:00:00:00:01", "52.1.1.2", {{"id.mac", "08:ed:ed:87:42:7a"}}));
    EXPECT_EQ(c.devices().size(), 3u);
}

TEST(CorrelatorPeers, AMessageToADeviceNeverHeardIsDropped) {
    Correlator c;
    c.add(sent(1, "tls", kGateway, "52.58.0.10", kCamera, "192.168.1.64", {{"tls.cert.subject", "CN=example"}}));
    EXPECT_TRUE(c.devices().empty());
}

TEST(CorrelatorPeers, PublicAddressClassesAreThoseOfTheRegistries) {
    for (const char* global : {"52.58.0.10", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2a00:1450::1"})
        EXPECT_TRUE(ip(global).is_global_unicast()) << global;
    for (const char* local : {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1", "169.254.1.1",
                              "127.0.0.1", "0.0.0.0", "224.0.0.251", "255.255.255.255", "192.0.0.9", "198.18.0.1", "fe80::1",
                              "fd00::1", "ff02::1", "::1"})
        EXPECT_FALSE(ip(local).is_global_unicast()) << local;
}

}  // namespace
}  // namespace camsweep
