// SSDP dissector, on the NOTIFY and M-SEARCH messages of the real D-Link DCS-935L and Edimax
// captures (IoT Sentinel; research/protocols-passive.md §2.0).
#include <gtest/gtest.h>

#include "camsweep/dissect/parsers.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

constexpr std::string_view kDlinkNotify =
    "NOTIFY * HTTP/1.1\r\n"
    "LOCATION: http://10.10.10.37:50510/\r\n"
    "HOST: 239.255.255.250:1900\r\n"
    "SERVER: Linux,    UPnP/1.0 DCS-935L/1.0\r\n"
    "NTS: ssdp:alive\r\n"
    "USN: uuid:b0c554255b0e-0::upnp:rootdevice\r\n"
    "CACHE-CONTROL: max-age=1800\r\n"
    "NT: upnp:rootdevice\r\n"
    "\r\n";

// Edimax sends bare LF line ends.
constexpr std::string_view kEdimaxNotify =
    "NOTIFY * HTTP/1.1\n"
    "HOST: 239.255.255.250:1900\n"
    "CACHE-CONTROL: max-age=300\n"
    "LOCATION: http://10.10.10.51:80/IPCamDesc.xml\n"
    "SERVER: Embedded UPnP/1.0\n"
    "NT: upnp:rootdevice\n"
    "USN: uuid:upnp-BasicDevice-1_0-74DA38807A08::upnp:rootdevice\n"
    "NTS: ssdp:alive\n"
    "\n";

constexpr std::string_view kEdimaxMsearch =
    "M-SEARCH * HTTP/1.1\n"
    "HOST: 239.255.255.250:1900\n"
    "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\n"
    "MAN: \"ssdp:discover\"\n"
    "MX: 2\n"
    "\n";

TEST(DissectSsdp, RealDlinkNotify) {
    auto f = udp_frame("b0:c5:54:25:5b:0e", "10.10.10.37", 1900, "239.255.255.250", 1900, kDlinkNotify);
    ASSERT_EQ(f.error, "");
    auto d = dissect(f.packet);
    EXPECT_EQ(d.protocol, "ssdp");
    ASSERT_EQ(d.error, "");
    expect_fields(d, {
        {"ssdp.method", "NOTIFY"},
        {"ssdp.server", "Linux,    UPnP/1.0 DCS-935L/1.0"},
        {"ssdp.location", "http://10.10.10.37:50510/"},
        {"ssdp.nt", "upnp:rootdevice"},
        {"ssdp.usn", "uuid:b0c554255b0e-0::upnp:rootdevice"},
        {"id.uuid", "b0c554255b0e-0"},
    });
    EXPECT_FALSE(d.has("ssdp.user_agent"));
    EXPECT_EQ(d.obs.endpoint.ip->to_string(), "10.10.10.37");
}

TEST(DissectSsdp, RealEdimaxNotifyWithBareLineFeeds) {
    auto f = udp_frame("74:da:38:80:7a:08", "10.10.10.51", 1900, "239.255.255.250", 1900, kEdimaxNotify);
    auto d = dissect(f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("ssdp.server"), "Embedded UPnP/1.0");
    EXPECT_EQ(d.get("ssdp.location"), "http://10.10.10.51:80/IPCamDesc.xml");
    EXPECT_EQ(d.get("id.uuid"), "upnp-basicdevice-1_0-74da38807a08");  // lower-cased
}

TEST(DissectSsdp, MsearchCarriesNoIdentity) {
    std::string with_usn = std::string(kEdimaxMsearch.substr(0, kEdimaxMsearch.size() - 1)) + "USER-AGENT: Linux/3.4 UPnP/1.0 cam/1\nUSN: uuid:abc\n\n";
    auto f = udp_frame("74:da:38:80:7a:08", "10.10.10.51", 50000, "239.255.255.250", 1900, with_usn);
    auto d = dissect(f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("ssdp.method"), "M-SEARCH");
    EXPECT_EQ(d.get("ssdp.st"), "urn:schemas-upnp-org:device:InternetGatewayDevice:1");
    EXPECT_EQ(d.get("ssdp.user_agent"), "Linux/3.4 UPnP/1.0 cam/1");
    EXPECT_FALSE(d.has("id.uuid"));
}

TEST(DissectSsdp, ResponseAndHeaderNamesAreCaseInsensitive) {
    constexpr std::string_view response =
        "HTTP/1.1 200 OK\r\ncache-control: max-age=1800\r\nst: upnp:rootdevice\r\nusn: UUID:ABCD-1234::upnp:rootdevice\r\n"
        "Server: Linux/2.6 UPnP/1.0 Cellvision/1.0\r\nLocation: http://10.0.0.9:8614/rootdesc.xml\r\n\r\n";
    auto p = parse_ssdp(response);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->method, "RESPONSE");
    EXPECT_EQ(p->header("SERVER").value_or(""), "Linux/2.6 UPnP/1.0 Cellvision/1.0");
    auto f = udp_frame("b0:c5:54:1c:71:85", "10.0.0.9", 1900, "10.0.0.2", 50000, response);
    auto d = dissect(f.packet);
    EXPECT_EQ(d.get("id.uuid"), "abcd-1234");
    EXPECT_EQ(d.get("ssdp.location"), "http://10.0.0.9:8614/rootdesc.xml");
}

TEST(DissectSsdp, RejectsOtherStartLines) {
    for (std::string_view text : {"", "GET / HTTP/1.1\r\n\r\n", "\r\n\r\nNOTIFY * HTTP/1.1", "HTTP/2 200\r\n"}) {
        auto p = parse_ssdp(text);
        EXPECT_FALSE(p) << text;
    }
    auto f = udp_frame("b0:c5:54:25:5b:0e", "10.10.10.37", 1900, "239.255.255.250", 1900, "\x16\x03\x01 binary junk");
    auto d = dissect(f.packet);
    EXPECT_EQ(d.protocol, "ssdp");
    EXPECT_NE(d.error, "");
    EXPECT_TRUE(d.obs.fields.empty());
}

TEST(DissectSsdp, TruncatedAndHostileInputStaysBounded) {
    for (std::size_t n = 0; n <= kDlinkNotify.size(); ++n) {
        auto p = parse_ssdp(kDlinkNotify.substr(0, n));
        if (p) {
            for (auto& [k, v] : p->headers) EXPECT_LE(v.size(), 512u);
        }
    }
    // Thousands of headers and a 100 kB header value.
    std::string big = "NOTIFY * HTTP/1.1\r\n";
    for (int i = 0; i < 5000; ++i) big += "X-" + std::to_string(i) + ": v\r\n";
    big += "SERVER: " + std::string(100000, 'S') + "\r\n\r\n";
    auto p = parse_ssdp(big);
    ASSERT_TRUE(p);
    EXPECT_LE(p->headers.size(), 64u);
    std::string long_server = "NOTIFY * HTTP/1.1\r\nSERVER: " + std::string(100000, 'S') + "\r\n\r\n";
    auto q = parse_ssdp(long_server);
    ASSERT_TRUE(q);
    EXPECT_EQ(q->header("SERVER").value_or("").size(), 512u);
}

TEST(DissectSsdp, UsnWithoutUuidPrefixGivesNoUuid) {
    constexpr std::string_view notify = "NOTIFY * HTTP/1.1\r\nUSN: upnp:rootdevice\r\nNT: upnp:rootdevice\r\n\r\n";
    auto f = udp_frame("b0:c5:54:25:5b:0e", "10.10.10.37", 1900, "239.255.255.250", 1900, notify);
    auto d = dissect(f.packet);
    EXPECT_EQ(d.error, "");
    EXPECT_FALSE(d.has("id.uuid"));
    constexpr std::string_view empty_uuid = "NOTIFY * HTTP/1.1\r\nUSN: uuid:::upnp:rootdevice\r\n\r\n";
    auto e = dissect(udp_frame("b0:c5:54:25:5b:0e", "10.10.10.37", 1900, "239.255.255.250", 1900, empty_uuid).packet);
    EXPECT_FALSE(e.has("id.uuid"));
}

}  // namespace
}  // namespace camsweep
