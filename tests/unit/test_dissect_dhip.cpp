// Dahua DHIP dissector on the real replies of research/protocols-active.md §1.5.1, with the
// 32-byte little-endian header built here.
#include <gtest/gtest.h>

#include "camsweep/dissect/parsers.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// Reply A: genuine Dahua IPC, international firmware, Vendor and Manufacturer "Private".
constexpr std::string_view kReplyA =
    R"({"mac":"08:ed:ed:87:42:7a","method":"client.notifyDevInfo","params":{"deviceInfo":{"AlarmInputChannels":0,"AlarmOutputChannels":0,"DeviceClass":"IPC","DeviceID":"","DeviceType":"IPC-HDW1431T1-S4","Find":"BC","FindVersion":1,"HttpPort":80,"IPv4Address":{"DefaultGateway":"192.168.124.1","DhcpEnable":true,"IPAddress":"192.168.124.17","SubnetMask":"255.255.255.0"},"IPv6Address":{"DefaultGateway":null,"DhcpEnable":false,"IPAddress":"\/0","LinkLocalAddress":"fe80::0aed:edff:fe87:427a\/64"},"Init":2714,"MachineName":"6C01E93PAG69A7D","Manufacturer":"Private","Port":37777,"RemoteVideoInputChannels":0,"SerialNo":"6C01E93PAG69A7D","UnLoginFuncMask":1,"Vendor":"Private","Version":"2.800.0000000.13.R","VideoInputChannels":1,"VideoOutputChannels":0}}})";

// Reply B: Intelbras SS 3530 MF FACE W (a Dahua OEM); the source is cut after
// "VideoOutputChannels", closed here.
constexpr std::string_view kReplyB =
    R"({"mac":"b4:4c:3b:f4:e3:01","method":"client.notifyDevInfo","params":{"deviceInfo":{"AlarmInputChannels":1,"AlarmOutputChannels":0,"DeviceClass":"BSC","DeviceID":"","DeviceType":"SS 3530 MF FACE W","Find":"BC","FindVersion":0,"HttpPort":80,"IPv4Address":{"DefaultGateway":"192.168.3.1","DhcpEnable":true,"IPAddress":"192.168.3.175","SubnetMask":"255.255.255.0"},"IPv6Address":{"DefaultGateway":null,"DhcpEnable":false,"IPAddress":"\/0","LinkLocalAddress":"fe80::b64c:3bff:fef4:e301\/64"},"Init":2198,"MachineGroup":"","MachineName":"K3LJ3400209RH","Manufacturer":"Intelbras","Port":37777,"RemoteVideoInputChannels":0,"SerialNo":"K3LJ3400209RH","UnLoginFuncMask":1,"Vendor":"Intelbras","Version":"2.000.00IB004.0.R","VideoInputChannels":1,"VideoOutputChannels":0}}})";

// The zscan/zasset request body (0x49 = 73 bytes with its \n).
constexpr std::string_view kSearch = "{ \"method\" : \"DHDiscover.search\", \"params\" : { \"mac\" : \"\", \"uni\" : 1 } }\n";

// Header: size 0x20, "DHIP", session, request, body length, 0, body length, 0 (little-endian).
Buf dhip(std::string_view body, std::optional<std::uint32_t> length = std::nullopt, std::uint32_t header_size = 0x20,
         std::string_view magic = "DHIP") {
    ByteWriter b;
    b.le32(header_size);
    b.text(magic);
    b.le32(0);
    b.le32(0);
    std::uint32_t n = length.value_or(static_cast<std::uint32_t>(body.size()));
    b.le32(n);
    b.le32(0);
    b.le32(n);
    b.le32(0);
    b.text(body);
    return b.take();
}

// A reply as devices send it: the body ends in "\n\0".
Buf reply(std::string_view json) {
    std::string body(json);
    body += '\n';
    body += '\0';
    return dhip(body);
}

Dissected over_udp(const Buf& payload, std::uint16_t sport = 37810, std::uint16_t dport = 37810,
                   std::string_view src_mac = "08:ed:ed:87:42:7a", std::string_view src_ip = "192.168.124.17") {
    auto f = decode(kLinkEthernet,
                    ethernet("01:00:5e:7f:ff:fb", src_mac, kEtherIpv4, ipv4_udp(src_ip, "239.255.255.251", sport, dport, payload)));
    EXPECT_EQ(f.error, "");
    return dissect(f.packet);
}

TEST(DissectDhip, HeaderOfTheRealRequest) {
    Buf b = dhip(kSearch);
    ASSERT_EQ(b.size(), 105u);  // "Request, verbatim hex, 105 bytes"
    EXPECT_EQ(b[16], 0x49);
    EXPECT_TRUE(looks_like_dhip(Bytes(b.data(), b.size())));
    auto p = parse_dhip(Bytes(b.data(), b.size()));
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(p->json, kSearch.substr(0, kSearch.size() - 1));  // trailing newline removed
}

TEST(DissectDhip, DahuaPrivateReply) {
    auto d = over_udp(reply(kReplyA), 37810, 50123);
    EXPECT_EQ(d.protocol, "dhip");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhip.method"), "client.notifyDevInfo");
    EXPECT_EQ(d.get("dhip.mac"), "08:ed:ed:87:42:7a");
    EXPECT_EQ(d.get("dhip.device_class"), "IPC");
    EXPECT_EQ(d.get("dhip.device_type"), "IPC-HDW1431T1-S4");
    EXPECT_EQ(d.get("dhip.serial"), "6C01E93PAG69A7D");
    EXPECT_EQ(d.get("dhip.vendor"), "Private");
    EXPECT_EQ(d.get("dhip.manufacturer"), "Private");
    EXPECT_EQ(d.get("dhip.machine_name"), "6C01E93PAG69A7D");
    EXPECT_EQ(d.get("dhip.version"), "2.800.0000000.13.R");
    EXPECT_EQ(d.get("dhip.video_inputs"), "1");
    EXPECT_EQ(d.get("dhip.remote_video_inputs"), "0");
    EXPECT_EQ(d.get("dhip.ipv4"), "192.168.124.17");
    EXPECT_EQ(d.get("id.mac"), "08:ed:ed:87:42:7a");
    EXPECT_EQ(d.get("id.serial"), "6C01E93PAG69A7D");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.124.17");
}

TEST(DissectDhip, IntelbrasReplyOnAnEphemeralPort) {
    // Replies go back to the searcher's port: the magic, not the port, identifies DHIP.
    auto d = over_udp(reply(kReplyB), 37810, 41234, "b4:4c:3b:f4:e3:01", "192.168.3.175");
    EXPECT_EQ(d.protocol, "dhip");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhip.vendor"), "Intelbras");
    EXPECT_EQ(d.get("dhip.manufacturer"), "Intelbras");
    EXPECT_EQ(d.get("dhip.device_class"), "BSC");
    EXPECT_EQ(d.get("dhip.device_type"), "SS 3530 MF FACE W");
    EXPECT_EQ(d.get("dhip.version"), "2.000.00IB004.0.R");
    EXPECT_EQ(d.get("id.mac"), "b4:4c:3b:f4:e3:01");
    EXPECT_EQ(d.get("id.serial"), "K3LJ3400209RH");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.3.175");
    auto other_port = over_udp(reply(kReplyB), 5000, 6000, "b4:4c:3b:f4:e3:01", "192.168.3.175");
    EXPECT_EQ(other_port.protocol, "dhip");
}

TEST(DissectDhip, SearchFromAClientCarriesNoDeviceIdentity) {
    auto d = over_udp(dhip(kSearch), 50000, 37810, "00:1b:21:aa:bb:cc", "192.168.124.5");
    EXPECT_EQ(d.protocol, "dhip");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhip.method"), "DHDiscover.search");
    EXPECT_EQ(d.obs.fields.size(), 1u);
    // Even a search naming a MAC and carrying device info describes no device.
    auto odd = over_udp(dhip(R"({"method":"DHDiscover.search","mac":"08:ed:ed:87:42:7a","params":{"deviceInfo":{"SerialNo":"X1"}}})"));
    EXPECT_EQ(odd.obs.fields.size(), 1u);
    EXPECT_FALSE(odd.has("id.mac"));
    EXPECT_FALSE(odd.has("id.serial"));
}

TEST(DissectDhip, LengthFieldLying) {
    std::string body = std::string(kReplyA) + "\n";
    for (std::uint32_t lie : {0u, static_cast<std::uint32_t>(body.size() - 1), static_cast<std::uint32_t>(body.size() + 1),
                              0x7fffffffu, 0xffffffffu}) {
        Buf b = dhip(body, lie);
        auto p = parse_dhip(Bytes(b.data(), b.size()));
        EXPECT_FALSE(p) << lie;
        auto d = over_udp(b);
        EXPECT_NE(d.error, "") << lie;
        EXPECT_FALSE(d.has("id.serial")) << lie;
    }
}

TEST(DissectDhip, WrongMagicOrHeaderSize) {
    Buf wrong_magic = dhip(kSearch, std::nullopt, 0x20, "DHIQ");
    EXPECT_FALSE(looks_like_dhip(Bytes(wrong_magic.data(), wrong_magic.size())));
    EXPECT_FALSE(parse_dhip(Bytes(wrong_magic.data(), wrong_magic.size())));
    Buf wrong_size = dhip(kSearch, std::nullopt, 0x24);
    EXPECT_FALSE(looks_like_dhip(Bytes(wrong_size.data(), wrong_size.size())));
    EXPECT_FALSE(parse_dhip(Bytes(wrong_size.data(), wrong_size.size())));
    // Not DHIP: no dissector on a random port takes it.
    auto d = over_udp(wrong_magic, 40000, 40001);
    EXPECT_EQ(d.protocol, "");
}

TEST(DissectDhip, TruncatedAtEveryLength) {
    Buf full = reply(kReplyA);
    for (std::size_t n = 0; n < full.size(); ++n) {
        auto p = parse_dhip(Bytes(full.data(), n));
        EXPECT_FALSE(p) << n;
        EXPECT_NE(p.error(), "") << n;
    }
}

TEST(DissectDhip, BodyThatIsNotAJsonObject) {
    for (std::string_view body : {"", "not json", "[1,2,3]", "\"string\"", "{\"mac\":", "{\"method\":\"client.notifyDevInfo\",}"}) {
        auto d = over_udp(dhip(body));
        EXPECT_NE(d.error, "") << body;
        EXPECT_TRUE(d.obs.fields.empty()) << body;
    }
}

TEST(DissectDhip, UnexpectedJsonTypesAreIgnored) {
    auto f = dhip_fields(R"({"mac":12,"method":["x"],"params":{"deviceInfo":{"SerialNo":{"a":1},"DeviceType":null,"Vendor":true,"IPv4Address":"1.2.3.4"}}})");
    ASSERT_TRUE(f) << f.error();
    for (auto& [k, v] : *f) {
        EXPECT_NE(k, "id.mac");
        EXPECT_NE(k, "id.ipv4");
        if (k == "dhip.vendor") {
            EXPECT_EQ(v, "true");
        }
    }
    auto d = over_udp(dhip(R"({"mac":12,"method":["x"],"params":{"deviceInfo":{"SerialNo":{"a":1}}}})"));
    EXPECT_EQ(d.error, "");
    EXPECT_FALSE(d.has("id.serial")) << "an object is no serial";
    EXPECT_FALSE(d.has("dhip.method"));
}

TEST(DissectDhip, DeeplyNestedJsonDoesNotCrash) {
    std::string deep = R"({"method":"client.notifyDevInfo","params":)";
    for (int i = 0; i < 10000; ++i) deep += "[";
    for (int i = 0; i < 10000; ++i) deep += "]";
    deep += "}";
    auto d = over_udp(dhip(deep));
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.get("dhip.method"), "client.notifyDevInfo");
    std::string objects = "{\"method\":\"x\",\"params\":";
    for (int i = 0; i < 10000; ++i) objects += "{\"a\":";
    objects += "1";
    for (int i = 0; i < 10000; ++i) objects += "}";
    objects += "}";
    ASSERT_LE(objects.size(), 64u * 1024);
    auto o = over_udp(dhip(objects));
    EXPECT_EQ(o.error, "");
    std::string unbalanced(30000, '[');
    auto u = over_udp(dhip(unbalanced));
    EXPECT_NE(u.error, "");
}

TEST(DissectDhip, OversizedBodyIsRefused) {
    std::string body = "{\"method\":\"client.notifyDevInfo\",\"pad\":\"" + std::string(70000, 'x') + "\"}";
    Buf b = dhip(body);
    auto p = parse_dhip(Bytes(b.data(), b.size()));
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().find("64 KiB"), std::string::npos) << p.error();
}

TEST(DissectDhip, LongStringValuesAreBounded) {
    std::string json = R"({"method":"client.notifyDevInfo","params":{"deviceInfo":{"DeviceType":")" + std::string(5000, 'M') + "\"}}}";
    auto d = over_udp(dhip(json));
    EXPECT_EQ(d.get("dhip.device_type").size(), 512u);
}

}  // namespace
}  // namespace camsweep
