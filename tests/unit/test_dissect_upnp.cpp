// UPnP device descriptions (protocol "upnp", Carrier::http_body, parsed with libupnp's ixml) on
// documents written after the UPnP Device Architecture (tests/fixtures/upnp/SOURCES.md): an
// Axis camera, a gateway with embedded devices, and hostile documents that must be refused
// before ixml sees them (research/libupnp-asio.md §1.5: quadratic parse, recursive free).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "camsweep/dissect/upnp_description.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/signatures/loader.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

std::string document_with(std::string_view device_body) {
    return R"(<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>0</minor></specVersion><device>)" +
           std::string(device_body) + "</device></root>";
}

TEST(DissectUpnp, AxisDescription) {
    auto r = read_body("upnp", read_fixture("upnp/axis-m1014.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.obs.protocol, "upnp");
    EXPECT_EQ(r.get("upnp.device_type"), "urn:schemas-upnp-org:device:Basic:1");
    EXPECT_EQ(r.get("upnp.friendly_name"), "AXIS M1014 - ACCC8E270AD8");
    EXPECT_EQ(r.get("upnp.manufacturer"), "AXIS");
    EXPECT_EQ(r.get("upnp.manufacturer_url"), "http://www.axis.com/");
    EXPECT_EQ(r.get("upnp.model_description"), "AXIS M1014 Fixed Network Camera");
    EXPECT_EQ(r.get("upnp.model_name"), "AXIS M1014");
    EXPECT_EQ(r.get("upnp.model_number"), "M1014");
    EXPECT_EQ(r.get("upnp.model_url"), "http://www.axis.com/");
    EXPECT_EQ(r.get("upnp.serial"), "ACCC8E270AD8");
    EXPECT_EQ(r.get("upnp.udn"), "uuid:Upnp-BasicDevice-1_0-ACCC8E270AD8");
    EXPECT_EQ(r.get("upnp.presentation_url"), "http://192.168.1.102:80/");
    EXPECT_EQ(r.values("upnp.service"), std::vector<std::string>{"urn:axis-com:service:BasicService:1"});
    EXPECT_EQ(r.get("id.serial"), "ACCC8E270AD8");
    // As SSDP reads the same UDN from the USN (ssdp.cpp): prefix dropped, lower case.
    EXPECT_EQ(r.values("id.uuid"), std::vector<std::string>{"upnp-basicdevice-1_0-accc8e270ad8"});
    EXPECT_FALSE(r.has("upnp.embedded.manufacturer"));
}

TEST(DissectUpnp, EmbeddedDevicesDepthFirst) {
    auto r = read_body("upnp", read_fixture("upnp/gateway-embedded.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("upnp.friendly_name"), "Example Router & Recorder");     // entity decoded
    EXPECT_EQ(r.get("upnp.model_description"), "Example <Gateway> 4000");    // CDATA read
    EXPECT_EQ(r.get("upnp.manufacturer"), "Example Networks");
    EXPECT_EQ(r.get("upnp.serial"), "EXN4000A1B2C3");
    EXPECT_EQ(r.get("upnp.presentation_url"), "http://192.168.1.1/");  // after the deviceList
    EXPECT_EQ(r.values("upnp.service"),
              (std::vector<std::string>{"urn:schemas-upnp-org:service:Layer3Forwarding:1",
                                        "urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1",
                                        "urn:schemas-upnp-org:service:WANIPConnection:1",
                                        "urn:schemas-upnp-org:service:ContentDirectory:1"}));
    EXPECT_EQ(r.values("upnp.embedded.device_type"),
              (std::vector<std::string>{"urn:schemas-upnp-org:device:WANDevice:1", "urn:schemas-upnp-org:device:WANConnectionDevice:1",
                                        "urn:schemas-upnp-org:device:MediaServer:1"}));
    EXPECT_EQ(r.values("upnp.embedded.manufacturer"),
              (std::vector<std::string>{"Example Networks", "Example Networks", "Example Media"}));
    EXPECT_EQ(r.values("upnp.embedded.model_name"),
              (std::vector<std::string>{"EX-4000 WAN", "EX-4000 WAN Connection", "EX-DMS"}));
    EXPECT_EQ(r.values("upnp.embedded.model_number"), std::vector<std::string>{"4000-C"});
    EXPECT_EQ(r.values("id.uuid"),
              (std::vector<std::string>{"4d696e69-5550-6e50-0002-0024a5c1d2e3", "4d696e69-5550-6e50-0003-0024a5c1d2e3",
                                        "4d696e69-5550-6e50-0004-0024a5c1d2e3", "4d696e69-5550-6e50-0005-0024a5c1d2e3"}));
    EXPECT_EQ(r.values("id.serial"), std::vector<std::string>{"EXN4000A1B2C3"});  // the root's only
}

TEST(DissectUpnp, PrefixedElementsAreMatchedByLocalName) {
    auto parsed = parse_upnp_description(
        R"(<u:root xmlns:u="urn:schemas-upnp-org:device-1-0"><u:device><u:manufacturer>Acme</u:manufacturer>)"
        R"(<u:modelName>  Cam 1  </u:modelName><u:UDN>UUID:ABCDEF01-2345-6789-ABCD-EF0123456789</u:UDN></u:device></u:root>)");
    ASSERT_TRUE(parsed) << parsed.error();
    EXPECT_EQ(parsed->device.manufacturer, "Acme");
    EXPECT_EQ(parsed->device.model_name, "Cam 1");
    auto r = read_body("upnp", R"(<root><device><UDN>UUID:ABCDEF01-2345-6789-ABCD-EF0123456789</UDN></device></root>)");
    EXPECT_EQ(r.get("id.uuid"), "abcdef01-2345-6789-abcd-ef0123456789");
}

TEST(DissectUpnp, EmbeddedDevicesAndServicesAreBounded) {
    std::string many;
    for (int i = 0; i < 30; ++i) many += "<service><serviceType>urn:x:service:S" + std::to_string(i) + ":1</serviceType></service>";
    std::string body = "<manufacturer>M</manufacturer><serviceList>" + many + "</serviceList><deviceList>";
    for (int i = 0; i < 20; ++i) body += "<device><manufacturer>E" + std::to_string(i) + "</manufacturer></device>";
    body += "</deviceList>";
    auto parsed = parse_upnp_description(document_with(body));
    ASSERT_TRUE(parsed) << parsed.error();
    EXPECT_EQ(parsed->services.size(), kMaxUpnpServices);
    EXPECT_EQ(parsed->embedded.size(), kMaxUpnpEmbeddedDevices);
    EXPECT_EQ(parsed->embedded.back().manufacturer, "E7");
    // Nested deviceLists are followed four levels down, no further.
    std::string nested = "<manufacturer>L0</manufacturer>";
    for (int level = 1; level <= 10; ++level) nested += "<deviceList><device><manufacturer>L" + std::to_string(level) + "</manufacturer>";
    for (int level = 1; level <= 10; ++level) nested += "</device></deviceList>";
    auto deep = parse_upnp_description(document_with(nested));
    ASSERT_TRUE(deep) << deep.error();
    ASSERT_EQ(deep->embedded.size(), 4u);
    EXPECT_EQ(deep->embedded[0].manufacturer, "L1");
    EXPECT_EQ(deep->embedded[3].manufacturer, "L4");
    auto r = read_body("upnp", document_with(body));
    EXPECT_LE(r.obs.fields.size(), kMaxFieldsPerObservation);
}

TEST(DissectUpnp, OversizeDocumentsAreRefusedBeforeParsing) {
    std::string fixture = read_fixture("upnp/axis-m1014.xml");
    std::string at_cap = fixture + std::string(kMaxUpnpDescriptionBytes - fixture.size(), '\n');
    EXPECT_EQ(read_body("upnp", at_cap).state, ParseState::complete);
    auto over = read_body("upnp", at_cap + "\n");
    EXPECT_EQ(over.state, ParseState::invalid);
    EXPECT_EQ(over.error, "UPnP description of 32769 bytes is over the 32768-byte cap");
    EXPECT_TRUE(over.obs.fields.empty());
}

TEST(DissectUpnp, TooManyElementsAreRefusedBeforeParsing) {
    // 2,048 '<' is the most ixml is given: well under a second of its quadratic parse.
    auto siblings = [](std::size_t markup) {  // markup - 4 empty elements between root/device's 4 tags
        std::string doc = "<root><device>";
        for (std::size_t i = 0; i + 4 < markup; ++i) doc += "<x/>";
        return doc + "</device></root>";
    };
    std::string at_cap = siblings(kMaxUpnpDescriptionMarkup);
    ASSERT_EQ(static_cast<std::size_t>(std::count(at_cap.begin(), at_cap.end(), '<')), kMaxUpnpDescriptionMarkup);
    ASSERT_LT(at_cap.size(), kMaxUpnpDescriptionBytes);
    auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(parse_upnp_description(at_cap));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    auto refused = parse_upnp_description(siblings(kMaxUpnpDescriptionMarkup + 1));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), "UPnP description has 2049 '<', over the 2048 cap");
    // Nesting to the cap: ixml frees it recursively, about a thousand frames deep at most.
    std::string deep = "<root><device>";
    for (std::size_t i = 0; i + 2 < kMaxUpnpDescriptionMarkup / 2; ++i) deep += "<d>";
    for (std::size_t i = 0; i + 2 < kMaxUpnpDescriptionMarkup / 2; ++i) deep += "</d>";
    deep += "</device></root>";
    ASSERT_EQ(static_cast<std::size_t>(std::count(deep.begin(), deep.end(), '<')), kMaxUpnpDescriptionMarkup);
    EXPECT_TRUE(parse_upnp_description(deep));
    // Attributes are not elements: a 32 KiB tag of them stays cheap.
    std::string attributes = "<root><device";
    for (int i = 0; attributes.size() < kMaxUpnpDescriptionBytes - 64; ++i) attributes += " a" + std::to_string(i) + "=\"\"";
    attributes += "/></root>";
    start = std::chrono::steady_clock::now();
    EXPECT_TRUE(parse_upnp_description(attributes));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(DissectUpnp, EntityBombIsRefusedHarmlessly) {
    std::string bomb = R"(<?xml version="1.0"?>
<!DOCTYPE root [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<root xmlns="urn:schemas-upnp-org:device-1-0"><device><manufacturer>&lol9;</manufacturer><modelName>x</modelName></device></root>)";
    auto start = std::chrono::steady_clock::now();
    auto r = read_body("upnp", bomb);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
    EXPECT_EQ(r.state, ParseState::invalid);  // ixml declares no entity: &lol9; is an error
    EXPECT_NE(r.error.find("not well-formed XML"), std::string::npos) << r.error;
    EXPECT_TRUE(r.obs.fields.empty());
}

TEST(DissectUpnp, MalformedTruncatedAndWrongDocuments) {
    std::string fixture = read_fixture("upnp/axis-m1014.xml");
    const std::size_t end = fixture.rfind('>');
    for (std::size_t n = 0; n < end; n += 41) {
        auto r = read_body("upnp", std::string_view(fixture).substr(0, n));
        EXPECT_EQ(r.state, ParseState::invalid) << n;
        EXPECT_FALSE(r.error.empty()) << n;
        EXPECT_TRUE(r.obs.fields.empty()) << n;
    }
    EXPECT_EQ(read_body("upnp", "").state, ParseState::invalid);
    EXPECT_EQ(read_body("upnp", "<root><device><manufacturer>A</manufacturer></device>").state, ParseState::invalid);
    EXPECT_EQ(read_body("upnp", "<root><device></root></device>").state, ParseState::invalid);
    EXPECT_EQ(read_body("upnp", "not xml at all").state, ParseState::invalid);
    EXPECT_EQ(read_body("upnp", "<scpd><actionList/></scpd>").error, "UPnP description root <scpd> is not <root>");
    EXPECT_EQ(read_body("upnp", "<root><specVersion/></root>").error, "UPnP description has no root/device");
    // ixml 1.8.4 leaks the node of text or CDATA after the root element: refused before it runs
    // (the ASan build of the suite checks for leaks).
    for (std::string_view tail : {"x", " 2 <other/>", "<![CDATA[x]]>", "<!-- c --> x"}) {
        auto r = read_body("upnp", fixture + std::string(tail));
        EXPECT_EQ(r.error, "UPnP description has text outside its root element") << tail;
    }
    EXPECT_EQ(read_body("upnp", fixture + "<root/>").error, "UPnP description has 2 root elements");
    EXPECT_EQ(read_body("upnp", fixture + "\n<!-- served by a camera -->\n").state, ParseState::complete);
    std::string with_nul = fixture;
    with_nul.insert(40, 1, '\0');
    EXPECT_EQ(read_body("upnp", with_nul).error, "UPnP description has a NUL byte at offset 40");
}

// The same rules as for passive observations: an Axis description clears the camera.
TEST(DissectUpnp, AxisDescriptionIsJudgedThroughTheBundledRules) {
    static const SignatureLoad load = load_signatures(CAMSWEEP_SOURCE_DIR "/signatures");
    ASSERT_TRUE(load.ok());
    auto r = read_body("upnp", read_fixture("upnp/axis-m1014.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    InventoryBuilderOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    InventoryBuilder builder(load.database, options);
    r.obs.origin = Origin::active;
    r.obs.endpoint.ip = ip("192.168.1.102");
    r.obs.endpoint.port = 45895;
    builder.add(r.obs);
    auto devices = builder.judged_devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].verdict.producer, "axis");
    EXPECT_EQ(devices[0].verdict.status, VerdictStatus::not_covered) << devices[0].verdict.reason;
}

TEST(DissectUpnp, DescriptorIsForTheProberOnly) {
    const ProtocolDescriptor* upnp = find_protocol("upnp");
    ASSERT_NE(upnp, nullptr);
    EXPECT_EQ(upnp->carrier, Carrier::http_body);
    EXPECT_EQ(upnp->build_request, nullptr);  // a GET of the SSDP LOCATION, by the prober's HTTP client
    EXPECT_TRUE(upnp->looks_like(MessageMeta{}, as_bytes(read_fixture("upnp/axis-m1014.xml"))));
    EXPECT_FALSE(upnp->looks_like(MessageMeta{}, as_bytes(read_fixture("onvif/notauthorized-fault.xml"))));
    auto frame = udp_frame("ac:cc:8e:27:0a:d8", "192.168.1.102", 45895, "192.168.1.10", 50000, read_fixture("upnp/axis-m1014.xml"));
    EXPECT_EQ(dissect(frame.packet).protocol, "");
}

}  // namespace
}  // namespace camsweep
