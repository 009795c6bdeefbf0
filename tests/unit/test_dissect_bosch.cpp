// Bosch autodetect (UDP 1757). Layouts: hawell/rcpplus@137998d2 src/device.c autodetect() and
// julienblitte/UniversalScanner@1be6e8be Bosch.cs (research/vendor-discovery.md §2). The request
// is the captured one hard-coded in an early UniversalScanner Bosch.cs (idx:45652873891); the XML
// reply is UniversalScanner's Bosch.xml.selftest (@a8363c5a) verbatim; the binary reply and the
// Dinion XML reply follow the research's tables byte for byte with the Dinion's values
// (pastebin SpS7BacD: physAddress 00-04-63-37-03-86, serialNumber f0002d41:46500410).
#include <gtest/gtest.h>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

const Buf kCapturedRequest = {0x99, 0x39, 0xa4, 0x27, 0x60, 0x08, 0xad, 0x0a, 0xff, 0x00, 0x06, 0xde};

// 32 bytes: magic, sequence echoed, MAC, unknown, id nibble F, IPv4/mask/gateway, hardware type
// 0 (video in), 1 connection, unknown, hardware id 0x47 (Dinion 1080P in rcpplus device.h).
Buf binary_reply(std::uint8_t id_byte = 0xf0, std::uint8_t hardware_id = 0x47) {
    ByteWriter w;
    w.u8(0x99).u8(0x39).u8(0xa4).u8(0x27).u8(0x60).u8(0x08).u8(0xad).u8(0x0a);
    w.mac(mac("00:04:63:37:03:86")).u8(0x00).u8(id_byte);
    w.ipv4(ip("192.168.1.4")).ipv4(ip("255.255.255.0")).ipv4(ip("192.168.1.1"));
    w.u8(0x00).u8(0x01).u8(0x00).u8(hardware_id);
    return w.take();
}

constexpr std::string_view kSelftestXml =
    R"(<?xml version="1.0" encoding="UTF-8"?><root xmlns="OEMExt00:device-1-0"><device><deviceType>OEMExt00:device:deviceID0</deviceType><App>1</App><friendlyName>Virtual (XML)</friendlyName><unitName></unitName><deviceGUID>0123456789000000000000000000000000000000000000000000000000000000</deviceGUID><serialNumber>12345678:12345678</serialNumber><physAddress>00-11-22-33-44-55</physAddress><sessionKey>0000000000000001</sessionKey><unitIPAddress>127.0.0.2</unitIPAddress><unitSubnetMask>255.0.0.0</unitSubnetMask><unitGatewayIp></unitGatewayIp><unitIPv6Address>fe80::1</unitIPv6Address><activeConnections>1</activeConnections><RCPPort>1756</RCPPort><HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort><dhcp>0</dhcp><dhcpState>0</dhcpState><cameraFrontendID>4881</cameraFrontendID><Flags>00000000</Flags><Lines>1</Lines><BcJpeg>1</BcJpeg><unitStatelessIPv6Address>::</unitStatelessIPv6Address><scanID></scanID><privacyMode>0</privacyMode><ClusterID>0</ClusterID><deviceCapabilities>00000006000100010200050001010002000100000d00010500190001000024000100</deviceCapabilities><deviceTypeIDs>000000300000000000001311</deviceTypeIDs></device></root>)";

constexpr std::string_view kDinionXml =
    R"(<root xmlns="OEMExt50:device-1-0"><device><deviceType>OEMExt50:device:deviceIDf0</deviceType><friendlyName>Dinion</friendlyName><unitName>192.168.1.4 - Unit</unitName><serialNumber>f0002d41:46500410</serialNumber><physAddress>00-04-63-37-03-86</physAddress><sessionKey>0000000000000000</sessionKey><unitIPAddress>192.168.1.4</unitIPAddress><unitSubnetMask>255.255.255.0</unitSubnetMask><unitGatewayIp>192.168.1.1</unitGatewayIp><activeConnections>0</activeConnections><HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort><dhcp>0</dhcp><cameraFrontendID>4881</cameraFrontendID><ClusterID>0</ClusterID></device></root>)";

Dissected over_udp(const Buf& payload, std::uint16_t sport, std::uint16_t dport, std::string_view src_mac = "00:04:63:37:03:86",
                   std::string_view src_ip = "192.168.1.4") {
    auto f = decode(kLinkEthernet, ethernet("02:5e:11:20:30:40", src_mac, kEtherIpv4, ipv4_udp(src_ip, "192.168.1.5", sport, dport, payload)));
    EXPECT_EQ(f.error, "");
    return dissect(f.packet);
}

Dissected on_payload(std::string_view payload) { return dissect_as("bosch", raw_udp_packet(payload, 1757, 1758)); }
Dissected on_payload(const Buf& payload) { return on_payload(std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size())); }

TEST(DissectBosch, RequestBuilderSendsTheCapturedBytes) {
    RequestContext context;
    context.message_id = "6008ad0a-90c4-4f5e-9a61-2f3b1c0e7d44";
    EXPECT_EQ(find_protocol("bosch")->build_request(context), kCapturedRequest);
    // The prober's own reply port goes into bytes 10-11; a message id that is no hex gives 0.
    context.message_id = "not-hex";
    context.local_port = 41117;
    EXPECT_EQ(find_protocol("bosch")->build_request(context),
              (Buf{0x99, 0x39, 0xa4, 0x27, 0, 0, 0, 0, 0xff, 0x00, 0xa0, 0x9d}));
}

TEST(DissectBosch, RequestIsASearch) {
    auto p = parse_bosch(kCapturedRequest);
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(p->kind, BoschMessage::Kind::search);
    EXPECT_EQ(p->sequence, 0x6008ad0au);
    EXPECT_EQ(p->reply_port, 1758);
    auto d = over_udp(kCapturedRequest, 49152, 1757, "02:5e:11:20:30:40", "192.168.1.5");
    EXPECT_TRUE(carries_only_its_message(d, "bosch", "bosch.message", "search"));
}

TEST(DissectBosch, BinaryReplyOnTheRequestersPort) {
    auto d = over_udp(binary_reply(), 1757, 49152);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "bosch");
    EXPECT_EQ(d.get("bosch.message"), "reply");
    EXPECT_EQ(d.get("bosch.mac"), "00:04:63:37:03:86");
    EXPECT_EQ(d.get("bosch.ipv4"), "192.168.1.4");
    EXPECT_EQ(d.get("bosch.hardware_id"), "0x47");
    EXPECT_FALSE(d.has("bosch.legacy_id"));
    EXPECT_EQ(d.get("bosch.hardware_type"), "video-in");
    EXPECT_EQ(d.get("id.mac"), "00:04:63:37:03:86");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.4");
    EXPECT_EQ(d.obs.tier, EvidenceTier::discovery);
}

TEST(DissectBosch, LegacyDeviceId) {
    auto d = on_payload(binary_reply(0x40, 0x00));  // nibble 4: VIP1000
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("bosch.legacy_id"), "0x04");
    EXPECT_FALSE(d.has("bosch.hardware_id"));
}

TEST(DissectBosch, SelftestXmlReply) {
    EXPECT_TRUE(looks_like_bosch(as_bytes(kSelftestXml)));
    auto d = on_payload(kSelftestXml);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("bosch.message"), "reply");
    EXPECT_EQ(d.get("bosch.friendly_name"), "Virtual (XML)");
    EXPECT_FALSE(d.has("bosch.unit_name"));  // empty
    expect_fields(d, {
        {"bosch.device_type", "OEMExt00:device:deviceID0"},
        {"bosch.serial", "12345678:12345678"},
        {"bosch.mac", "00:11:22:33:44:55"},
        {"bosch.ipv4", "127.0.0.2"},
        {"bosch.http_port", "80"},
        {"id.serial", "12345678:12345678"},
    });
}

TEST(DissectBosch, DinionXmlReplyOnAnyPort) {
    auto d = over_udp(bytes_of(kDinionXml), 1757, 1758);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.protocol, "bosch");
    expect_fields(d, {
        {"bosch.friendly_name", "Dinion"},
        {"bosch.unit_name", "192.168.1.4 - Unit"},
        {"bosch.device_type", "OEMExt50:device:deviceIDf0"},
        {"id.mac", "00:04:63:37:03:86"},
        {"id.serial", "f0002d41:46500410"},
        {"id.ipv4", "192.168.1.4"},
    });
    // An ephemeral port on both sides: claimed by content alone.
    EXPECT_EQ(over_udp(bytes_of(kDinionXml), 40001, 40002).protocol, "bosch");
}

// White space before the declaration is skipped (as a device's stack may send it); a message
// that starts with anything else is not XML, whatever follows.
TEST(DissectBosch, XmlReplyAfterWhiteSpace) {
    for (std::string_view lead : {" ", "\t", "\r\n", "\n \n"}) {
        const std::string reply = std::string(lead) + std::string(kDinionXml);
        EXPECT_TRUE(looks_like_bosch(as_bytes(reply))) << "lead of " << lead.size();
        EXPECT_EQ(over_udp(bytes_of(reply), 40001, 40002).protocol, "bosch") << "lead of " << lead.size();
    }
    EXPECT_FALSE(looks_like_bosch(as_bytes("x" + std::string(kDinionXml))));
    EXPECT_FALSE(looks_like_bosch(as_bytes(std::string(1, '\0') + std::string(kDinionXml))));
    EXPECT_FALSE(looks_like_bosch(Bytes{}));
}

TEST(DissectBosch, OtherXmlIsNotBosch) {
    EXPECT_FALSE(looks_like_bosch(as_bytes("<?xml version=\"1.0\"?><ProbeMatch><MAC>aa</MAC></ProbeMatch>")));
    EXPECT_FALSE(looks_like_bosch(as_bytes("<root><device/></root>")));
    EXPECT_EQ(over_udp(bytes_of("<?xml version=\"1.0\"?><root><device/></root>"), 40001, 40002).protocol, "");
}

TEST(DissectBosch, ClearErrors) {
    Buf twenty(kCapturedRequest);
    twenty.resize(20, 0);
    EXPECT_NE(on_payload(twenty).error.find("20 bytes"), std::string::npos) << on_payload(twenty).error;
    Buf short_magic = {0x99, 0x39, 0xa4, 0x27, 0x01};
    EXPECT_NE(on_payload(short_magic).error, "");
    EXPECT_NE(on_payload(std::string_view("<root xmlns=\"OEMExt50:device-1-0\"><device><friendlyName>x")).error.find("Bosch XML reply invalid"),
              std::string::npos);
    EXPECT_NE(on_payload(std::string_view("<?xml version=\"1.0\"?><other xmlns=\"OEMExt50:x\"/>")).error.find("no <root><device>"),
              std::string::npos);
    EXPECT_NE(on_payload(std::string_view("garbage")).error, "");
    EXPECT_NE(on_payload(std::string_view()).error, "");
}

TEST(DissectBosch, OversizedXmlIsBounded) {
    std::string xml = "<root xmlns=\"OEMExt50:device-1-0\"><device>";
    for (int i = 0; i < 5000; ++i) xml += "<x" + std::to_string(i) + ">v</x" + std::to_string(i) + ">";
    xml += "<serialNumber>late</serialNumber></device></root>";
    auto p = parse_bosch(as_bytes(xml));
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(p->elements.size(), 64u);
    auto d = on_payload(xml);
    EXPECT_EQ(d.error, "");
    EXPECT_FALSE(d.has("bosch.serial"));  // beyond the element bound
    EXPECT_LE(d.obs.fields.size(), kMaxFieldsPerObservation);
}

TEST(DissectBosch, EveryPrefixIsSafe) {
    for (const Buf& full : {kCapturedRequest, binary_reply(), bytes_of(kSelftestXml), bytes_of(kDinionXml)}) {
        for (std::size_t n = 0; n < full.size(); ++n) {
            auto d = on_payload(Buf(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n)));
            if (n != kCapturedRequest.size()) {
                EXPECT_NE(d.error, "") << n;
            }
            EXPECT_FALSE(d.has("id.mac") && d.error != "") << n;
        }
    }
}

}  // namespace
}  // namespace camsweep
