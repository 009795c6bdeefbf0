// ONVIF reply bodies (protocol "onvif", Carrier::http_body) on the real Hikvision
// GetDeviceInformationResponse and the real NotAuthorized faults of research/protocols-active.md
// §1.1.5, composed GetCapabilities / GetServices / GetSystemDateAndTime replies
// (tests/fixtures/onvif/SOURCES.md), the four request builders and hostile bodies.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "camsweep/dissect/onvif.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/signatures/loader.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::ptrdiff_t position(const Observation& obs, std::string_view key) {
    auto it = std::find_if(obs.fields.begin(), obs.fields.end(), [&](const Field& f) { return f.key == key; });
    return it == obs.fields.end() ? -1 : it - obs.fields.begin();
}

TEST(DissectOnvif, HikvisionDeviceInformation) {
    auto r = read_body("onvif", read_fixture("onvif/hikvision-get-device-information.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.obs.protocol, "onvif");
    EXPECT_EQ(r.get("onvif.message"), "GetDeviceInformationResponse");
    EXPECT_EQ(r.get("onvif.manufacturer"), "HIKVISION");
    EXPECT_EQ(r.get("onvif.model"), "DS-2CD3T45P1-I");
    EXPECT_EQ(r.get("onvif.firmware"), "V5.5.31 build 180903");
    EXPECT_EQ(r.get("onvif.serial"), "DS-2CD3T45P1-I20210803AACH248538890");
    EXPECT_EQ(r.get("onvif.hardware_id"), "88");
    EXPECT_EQ(r.get("id.serial"), "DS-2CD3T45P1-I20210803AACH248538890");
    // The gSOAP namespace table, every one of its 38 entries kept.
    EXPECT_EQ(r.get("onvif.namespace.tnshik"), "http://www.hikvision.com/2011/event/topics");
    EXPECT_EQ(r.get("onvif.namespace.hikwsd"), "http://www.onvifext.com/onvif/ext/ver10/wsdl");
    EXPECT_EQ(r.get("onvif.namespace.hikxsd"), "http://www.onvifext.com/onvif/ext/ver10/schema");
    EXPECT_EQ(r.get("onvif.namespace.env"), "http://www.w3.org/2003/05/soap-envelope");
    EXPECT_EQ(r.get("onvif.namespace.wsrf_bf"), "http://docs.oasis-open.org/wsrf/bf-2");  // '-' is not a key character
    std::size_t namespaces = 0;
    for (const auto& f : r.obs.fields) namespaces += f.key.starts_with("onvif.namespace.");
    EXPECT_EQ(namespaces, 38u);
    // A vendor's entries come before the standards bodies' ones.
    EXPECT_LT(position(r.obs, "onvif.namespace.tnshik"), position(r.obs, "onvif.namespace.env"));
    EXPECT_LE(r.obs.fields.size(), kMaxFieldsPerObservation);
    EXPECT_FALSE(r.has("onvif.fault_code"));
}

TEST(DissectOnvif, NotAuthorizedFault) {
    auto r = read_body("onvif", read_fixture("onvif/notauthorized-fault.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("onvif.message"), "Fault");
    EXPECT_EQ(r.get("onvif.fault_code"), "s:Sender");
    EXPECT_EQ(r.values("onvif.fault_subcode"), std::vector<std::string>{"ter:NotAuthorized"});
    EXPECT_EQ(r.get("onvif.fault_reason"), "Sender not Authorized. Invalid username or password! You still have 24 attempt(s).");
    EXPECT_EQ(r.get("onvif.namespace.ter"), "http://www.onvif.org/ver10/error");
    EXPECT_EQ(r.get("onvif.namespace.d"), "http://schemas.xmlsoap.org/ws/2005/04/discovery");
    EXPECT_FALSE(r.has("id.serial"));
    EXPECT_FALSE(r.has("onvif.manufacturer"));
}

TEST(DissectOnvif, FaultWithOtherPrefixesAndAnEscapedReason) {
    auto r = read_body("onvif", read_fixture("onvif/vivotek-notauthorized-fault.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("onvif.fault_code"), "env:Sender");
    EXPECT_EQ(r.get("onvif.fault_subcode"), "ter:NotAuthorized");
    EXPECT_EQ(r.get("onvif.fault_reason"), "An error was discovered processing the <wsse:Security> header.");
    EXPECT_EQ(r.get("onvif.namespace.wsse"), "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd");
}

TEST(DissectOnvif, NestedSubcodesAndSoap11Faults) {
    auto nested = parse_onvif(
        R"(<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value>)"
        R"(<env:Subcode><env:Value>ter:InvalidArgVal</env:Value><env:Subcode><env:Value>ter:NoProfile</env:Value></env:Subcode></env:Subcode>)"
        R"(</env:Code><env:Reason><env:Text xml:lang="en">no profile</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>)");
    ASSERT_TRUE(nested) << nested.error();
    EXPECT_EQ(nested->fault_subcodes, (std::vector<std::string>{"ter:InvalidArgVal", "ter:NoProfile"}));
    auto soap11 = parse_onvif(
        R"(<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault>)"
        R"(<faultcode>SOAP-ENV:Client</faultcode><faultstring>Sender not Authorized</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>)");
    ASSERT_TRUE(soap11) << soap11.error();
    EXPECT_EQ(soap11->fault_code, "SOAP-ENV:Client");
    EXPECT_EQ(soap11->fault_reason, "Sender not Authorized");
}

TEST(DissectOnvif, CapabilitiesXAddrs) {
    auto r = read_body("onvif", read_fixture("onvif/hikvision-get-capabilities.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("onvif.message"), "GetCapabilitiesResponse");
    const std::pair<const char*, const char*> kXAddrs[] = {
        {"analytics", "http://10.1.1.200/onvif/Analytics"}, {"device", "http://10.1.1.200/onvif/device_service"},
        {"events", "http://10.1.1.200/onvif/Events"},       {"imaging", "http://10.1.1.200/onvif/Imaging"},
        {"media", "http://10.1.1.200/onvif/Media"},         {"deviceio", "http://10.1.1.200/onvif/DeviceIO"},
        {"recording", "http://10.1.1.200/onvif/Recording"}, {"search", "http://10.1.1.200/onvif/SearchRecording"},
        {"replay", "http://10.1.1.200/onvif/Replay"},
    };
    for (auto [service, xaddr] : kXAddrs) EXPECT_EQ(r.get(std::string("onvif.xaddr.") + service), xaddr) << service;
    EXPECT_EQ(r.get("onvif.supported_versions"), "2.60,2.40,2.20");
    // The vendor namespaces and the XAddrs are kept whatever the table's size.
    EXPECT_EQ(r.get("onvif.namespace.hikwsd"), "http://www.onvifext.com/onvif/ext/ver10/wsdl");
    EXPECT_LT(position(r.obs, "onvif.xaddr.replay"), position(r.obs, "onvif.namespace.env"));
    EXPECT_FALSE(r.has("onvif.service"));  // GetCapabilities names categories, not namespaces
    EXPECT_LE(r.obs.fields.size(), kMaxFieldsPerObservation);
}

TEST(DissectOnvif, ServicesNamespacesAndVersions) {
    auto r = read_body("onvif", read_fixture("onvif/get-services.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("onvif.message"), "GetServicesResponse");
    EXPECT_EQ(r.get("onvif.xaddr.device"), "http://10.201.1.11:80/onvif/device_service");
    EXPECT_EQ(r.get("onvif.xaddr.events"), "http://10.201.1.11:80/onvif/Events");
    EXPECT_EQ(r.get("onvif.xaddr.media"), "http://10.201.1.11:80/onvif/Media");
    EXPECT_EQ(r.get("onvif.xaddr.media2"), "http://10.201.1.11:80/onvif/Media2");
    EXPECT_EQ(r.get("onvif.xaddr.analytics"), "http://10.201.1.11:80/onvif/Analytics");
    EXPECT_EQ(r.get("onvif.xaddr.ptz"), "http://10.201.1.11:80/onvif/PTZ");
    EXPECT_EQ(r.get("onvif.version.device"), "17.6");
    auto services = r.values("onvif.service");
    EXPECT_EQ(services.size(), 6u);
    EXPECT_TRUE(contains(services, "http://www.onvif.org/ver20/media/wsdl"));
    EXPECT_EQ(r.get("onvif.namespace.soap_env"), "http://www.w3.org/2003/05/soap-envelope");
}

TEST(DissectOnvif, SystemDateAndTimeAnswered) {
    auto r = read_body("onvif", read_fixture("onvif/get-system-date-and-time.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("onvif.message"), "GetSystemDateAndTimeResponse");
    EXPECT_EQ(r.get("onvif.date_time_type"), "NTP");
    EXPECT_EQ(r.get("onvif.time_zone"), "CET-1CEST,M3.5.0,M10.5.0/3");
    for (const auto& f : r.obs.fields) EXPECT_EQ(f.value.find("2026"), std::string::npos) << f.key;  // the clock changes every call
}

TEST(DissectOnvif, AnyPrefixOrTheDefaultNamespace) {
    auto r = read_body("onvif",
                       R"(<?xml version="1.0"?><Envelope xmlns="http://www.w3.org/2003/05/soap-envelope" xmlns:Weird.Pre-fix="urn:x-vendor">)"
                       R"(<Header/><Body><GetDeviceInformationResponse xmlns="http://www.onvif.org/ver10/device/wsdl">)"
                       R"(<Manufacturer> Acme </Manufacturer><Model>Cam-1</Model><SerialNumber>SN001</SerialNumber>)"
                       R"(</GetDeviceInformationResponse></Body></Envelope>)");
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("onvif.manufacturer"), "Acme");
    EXPECT_EQ(r.get("onvif.model"), "Cam-1");
    EXPECT_EQ(r.get("id.serial"), "SN001");
    EXPECT_EQ(r.get("onvif.namespace.xmlns"), "http://www.w3.org/2003/05/soap-envelope");
    EXPECT_EQ(r.get("onvif.namespace.weird_pre_fix"), "urn:x-vendor");
}

TEST(DissectOnvif, RequestsAreReadOnlyAndReadBackAsRequests) {
    const std::pair<OnvifCall, std::string_view> kCalls[] = {
        {OnvifCall::get_system_date_and_time, "GetSystemDateAndTime"},
        {OnvifCall::get_capabilities, "GetCapabilities"},
        {OnvifCall::get_services, "GetServices"},
        {OnvifCall::get_device_information, "GetDeviceInformation"},
    };
    ASSERT_EQ(std::size(kOnvifCalls), std::size(kCalls));
    for (auto [call, name] : kCalls) {
        EXPECT_EQ(onvif_call_name(call), name);
        EXPECT_EQ(onvif_action(call), "http://www.onvif.org/ver10/device/wsdl/" + std::string(name));
        std::string body = onvif_request(call);
        EXPECT_TRUE(body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope")) << body;
        EXPECT_EQ(body.find("Security"), std::string::npos) << "no credentials are ever sent";
        auto r = read_body("onvif", body);
        ASSERT_EQ(r.state, ParseState::complete) << name << ": " << r.error;
        EXPECT_EQ(r.get("onvif.message"), name);
        EXPECT_EQ(r.obs.fields.size(), 1u) << "a request describes the client, not a device";
    }
    EXPECT_NE(onvif_request(OnvifCall::get_capabilities).find("<Category>All</Category>"), std::string::npos);
    EXPECT_NE(onvif_request(OnvifCall::get_services).find("<IncludeCapability>false</IncludeCapability>"), std::string::npos);
    // The research's GetSystemDateAndTime envelope (cdavis-code/easy_onvif_workspace#53), on one line.
    EXPECT_EQ(onvif_request(OnvifCall::get_system_date_and_time),
              R"(<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">)"
              R"(<s:Header/><s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>)");
    EXPECT_EQ(kOnvifContentType, "application/soap+xml; charset=utf-8");
}

TEST(DissectOnvif, BodiesOverTheCapAreRefusedBeforeParsing) {
    std::string fixture = read_fixture("onvif/hikvision-get-device-information.xml");
    std::string at_cap = fixture + std::string(kMaxOnvifBodyBytes - fixture.size(), ' ');
    ASSERT_EQ(at_cap.size(), kMaxOnvifBodyBytes);
    EXPECT_EQ(read_body("onvif", at_cap).state, ParseState::complete);
    auto over = read_body("onvif", at_cap + " ");
    EXPECT_EQ(over.state, ParseState::invalid);
    EXPECT_EQ(over.error, "ONVIF body of 65537 bytes is over the 65536-byte cap");
    EXPECT_TRUE(over.obs.fields.empty());
}

TEST(DissectOnvif, MalformedTruncatedAndNotSoap) {
    std::string fixture = read_fixture("onvif/notauthorized-fault.xml");
    for (std::size_t n = 0; n + 1 < fixture.size(); n += 37) {  // every cut before the last '>'
        auto r = read_body("onvif", std::string_view(fixture).substr(0, n));
        EXPECT_EQ(r.state, ParseState::invalid) << n;
        EXPECT_FALSE(r.error.empty()) << n;
    }
    EXPECT_EQ(read_body("onvif", "").error, "ONVIF XML invalid at offset 0: No document element found");
    EXPECT_NE(read_body("onvif", "<root><device/></root>").error.find("is not a SOAP Envelope"), std::string::npos);
    EXPECT_EQ(read_body("onvif", R"(<s:Envelope xmlns:s="x"><s:Header/></s:Envelope>)").error, "ONVIF envelope has no Body");
    EXPECT_EQ(read_body("onvif", R"(<s:Envelope xmlns:s="x"><s:Body> text </s:Body></s:Envelope>)").error, "ONVIF Body is empty");
    EXPECT_EQ(read_body("onvif", "HTTP/1.1 401 Unauthorized\r\n\r\n").state, ParseState::invalid);
    EXPECT_EQ(read_body("onvif", std::string("<s:Envelope\0", 12)).state, ParseState::invalid);
}

TEST(DissectOnvif, EntityBombStaysInert) {
    std::string bomb = R"(<?xml version="1.0"?>
<!DOCTYPE Envelope [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body>
<tds:GetDeviceInformationResponse><tds:Manufacturer>&e;&e;&e;&e;</tds:Manufacturer></tds:GetDeviceInformationResponse>
</s:Body></s:Envelope>)";
    auto start = std::chrono::steady_clock::now();
    auto r = read_body("onvif", bomb);
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(1));
    // Whether refused or read, no entity was expanded.
    for (const auto& f : r.obs.fields) EXPECT_EQ(f.value.find("aaaa"), std::string::npos) << f.key;
    if (r.state == ParseState::complete) {
        EXPECT_EQ(r.get("onvif.manufacturer"), "&e;&e;&e;&e;");
    }
}

TEST(DissectOnvif, TablesAndServiceListsAreBounded) {
    std::string envelope = R"(<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope")";
    for (int i = 0; i < 200; ++i) envelope += " xmlns:v" + std::to_string(i) + "=\"urn:vendor:" + std::to_string(i) + "\"";
    envelope += "><s:Body><GetServicesResponse>";
    for (int i = 0; i < 100; ++i)
        envelope += "<Service><Namespace>http://www.onvif.org/ver10/s" + std::to_string(i) + "/wsdl</Namespace><XAddr>http://x/" +
                    std::to_string(i) + "</XAddr></Service>";
    envelope += "</GetServicesResponse></s:Body></s:Envelope>";
    auto reply = parse_onvif(envelope);
    ASSERT_TRUE(reply) << reply.error();
    EXPECT_EQ(reply->namespaces.size(), kMaxOnvifNamespaces);
    EXPECT_EQ(reply->services.size(), kMaxOnvifServices);
    auto r = read_body("onvif", envelope);
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.obs.fields.size(), kMaxFieldsPerObservation);
}

// The prober's observations meet the same rules as the passive ones: a refused
// GetDeviceInformation still names Hikvision firmware by its namespace table.
TEST(DissectOnvif, HikvisionFaultNamesTheProducerThroughTheBundledRules) {
    static const SignatureLoad load = load_signatures(CAMSWEEP_SOURCE_DIR "/signatures");
    ASSERT_TRUE(load.ok());
    std::string table = read_fixture("onvif/hikvision-get-device-information.xml");
    table = table.substr(0, table.find("<env:Body>"));
    auto r = read_body("onvif", table + R"(<env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode>)"
                                        R"(<env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code><env:Reason>)"
                                        R"(<env:Text xml:lang="en">Sender not authorized</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>)");
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("onvif.fault_subcode"), "ter:NotAuthorized");
    InventoryBuilderOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    InventoryBuilder builder(load.database, options);
    r.obs.origin = Origin::active;
    r.obs.endpoint.ip = ip("192.168.1.64");
    r.obs.endpoint.port = 80;
    builder.add(r.obs);
    auto devices = builder.judged_devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].verdict.producer, "hikvision");
    EXPECT_EQ(devices[0].verdict.status, VerdictStatus::covered) << devices[0].verdict.reason;
}

TEST(DissectOnvif, DescriptorIsForTheProberOnly) {
    const ProtocolDescriptor* onvif = find_protocol("onvif");
    ASSERT_NE(onvif, nullptr);
    EXPECT_EQ(onvif->carrier, Carrier::http_body);
    EXPECT_EQ(onvif->field_prefix, "onvif");
    std::string body = read_fixture("onvif/notauthorized-fault.xml");
    EXPECT_TRUE(onvif->looks_like(MessageMeta{}, as_bytes(body)));
    EXPECT_FALSE(onvif->looks_like(MessageMeta{}, as_bytes(read_fixture("upnp/axis-m1014.xml"))));
    // The same body in a UDP datagram (on any port but WS-Discovery's) is nobody's: passive
    // analysis reads heads, and never offers a packet to an HTTP-body reader.
    auto frame = udp_frame("58:50:ed:1f:e3:85", "192.168.1.64", 80, "192.168.1.10", 50000, body);
    auto d = dissect(frame.packet);
    EXPECT_EQ(d.protocol, "");
}

}  // namespace
}  // namespace camsweep
