// WS-Discovery dissector on the real Hikvision ProbeMatches (research/protocols-active.md §1.1.3)
// and the Dahua / CP PLUS scope shapes (§1.1.4).
#include <gtest/gtest.h>

#include <algorithm>

#include "camsweep/dissect/parsers.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// §1.1.3 (a): DS-2CD3955FWD-IWS, full envelope, verbatim.
constexpr std::string_view kHikvisionProbeMatches = R"(<?xml version="1.0" encoding="utf-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:soapenc="http://www.w3.org/2003/05/soap-encoding" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:timg="http://www.onvif.org/ver20/imaging/wsdl" xmlns:tev="http://www.onvif.org/ver10/events/wsdl" xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" xmlns:tan="http://www.onvif.org/ver20/analytics/wsdl" xmlns:tst="http://www.onvif.org/ver10/storage/wsdl" xmlns:ter="http://www.onvif.org/ver10/error" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tns1="http://www.onvif.org/ver10/topics" xmlns:tmd="http://www.onvif.org/ver10/deviceIO/wsdl" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl" xmlns:wsoap12="http://schemas.xmlsoap.org/wsdl/soap12" xmlns:http="http://schemas.xmlsoap.org/wsdl/http" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:wsadis="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:wstop="http://docs.oasis-open.org/wsn/t-1" xmlns:wsrf-bf="http://docs.oasis-open.org/wsrf/bf-2" xmlns:wsntw="http://docs.oasis-open.org/wsn/bw-2" xmlns:wsrf-rw="http://docs.oasis-open.org/wsrf/rw-2" xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" xmlns:wsrf-r="http://docs.oasis-open.org/wsrf/r-2" xmlns:trc="http://www.onvif.org/ver10/recording/wsdl" xmlns:tse="http://www.onvif.org/ver10/search/wsdl" xmlns:trp="http://www.onvif.org/ver10/replay/wsdl" xmlns:tnshik="http://www.hikvision.com/2011/event/topics" xmlns:hikwsd="http://www.onvifext.com/onvif/ext/ver10/wsdl" xmlns:hikxsd="http://www.onvifext.com/onvif/ext/ver10/schema" xmlns:tas="http://www.onvif.org/ver10/advancedsecurity/wsdl">
 <env:Header>
 <wsadis:MessageID>urn:uuid:18ec6401-3aa0-11b5-83f6-b4a3820fd92d</wsadis:MessageID>
 <wsadis:RelatesTo>uuid:bfe8bb88-03a2-4e1a-904a-59a7d2882649</wsadis:RelatesTo>
 <wsadis:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsadis:To>
 <wsadis:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsadis:Action>
 <d:AppSequence InstanceId="705289" MessageNumber="11682"/>
 </env:Header>
 <env:Body>
 <d:ProbeMatches>
 <d:ProbeMatch>
 <wsadis:EndpointReference>
 <wsadis:Address>urn:uuid:18ec6401-3aa0-11b5-83f6-b4a3820fd92d</wsadis:Address>
 </wsadis:EndpointReference>
 <d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>
 <d:Scopes>
 onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming
 onvif://www.onvif.org/Profile/G onvif://www.onvif.org/type/audio_encoder
 onvif://www.onvif.org/type/ptz onvif://www.onvif.org/hardware/DS-2CD3955FWD-IWS
 onvif://www.onvif.org/name/HIKVISION%20DS-2CD3955FWD-IWS onvif://www.onvif.org/location/city/hangzhou
 </d:Scopes>
 <d:XAddrs>http://192.168.0.218/onvif/device_service http://[fe80::b6a3:82ff:fe0f:d92d]/onvif/device_service</d:XAddrs>
 <d:MetadataVersion>10</d:MetadataVersion>
 </d:ProbeMatch>
 </d:ProbeMatches>
 </env:Body>
 </env:Envelope>
)";

// §1.1.3 (b): DS-2CD2385G1-I body (with a MAC scope) in a minimal envelope.
std::string hikvision_b() {
    return R"(<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:wsadis="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><env:Body>)"
           R"(<d:ProbeMatches><d:ProbeMatch>
  <wsadis:EndpointReference><wsadis:Address>urn:uuid:aa85c000-6324-11b3-819e-5850ed1fe385</wsadis:Address></wsadis:EndpointReference>
  <d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>
  <d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/Profile/G onvif://www.onvif.org/Profile/T onvif://www.onvif.org/MAC/58:50:ed:1f:e3:85 onvif://www.onvif.org/hardware/DS-2CD2385G1-I onvif://www.onvif.org/name/HIKVISION%20DS-2CD2385G1-I onvif://www.onvif.org/location/city/hangzhou</d:Scopes>
  <d:XAddrs>http://192.168.124.40/onvif/device_service http://[fe80::5a50:edff:fe1f:e385]/onvif/device_service</d:XAddrs>
  <d:MetadataVersion>10</d:MetadataVersion>
</d:ProbeMatch></d:ProbeMatches>)"
           R"(</env:Body></env:Envelope>)";
}

// A Hello with the Dahua scope shape (§1.1.4); `name` and `hardware` vary by OEM.
std::string dahua_hello(std::string_view uuid, std::string_view name, std::string_view hardware, std::string_view country,
                        std::string_view unique = "extension/unique_identifier/1") {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Header><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</a:Action></s:Header><s:Body><d:Hello><a:EndpointReference><a:Address>urn:uuid:)") +
           std::string(uuid) + R"(</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types><d:Scopes>onvif://www.onvif.org/location/country/)" +
           std::string(country) + " onvif://www.onvif.org/name/" + std::string(name) + " onvif://www.onvif.org/hardware/" + std::string(hardware) +
           " onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/type/Network_Video_Transmitter onvif://www.onvif.org/" +
           std::string(unique) +
           R"( onvif://www.onvif.org/Profile/T</d:Scopes><d:XAddrs>http://192.168.1.45/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:Hello></s:Body></s:Envelope>)";
}

// §1.1.2 (a): the probe agsh/onvif sends.
constexpr std::string_view kProbe =
    R"(<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope" xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><Header><wsa:MessageID xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">urn:uuid:{GUID}</wsa:MessageID><wsa:To xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To><wsa:Action xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</wsa:Action></Header><Body><Probe xmlns="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Types>dn:NetworkVideoTransmitter</Types><Scopes /></Probe></Body></Envelope>)";

Dissected wsd(std::string_view payload, std::string_view src_mac = "b4:a3:82:0f:d9:2d", std::string_view src_ip = "192.168.0.218") {
    auto f = udp_frame(src_mac, src_ip, 3702, "192.168.0.10", 50000, payload, "00:1b:21:aa:bb:cc");
    EXPECT_EQ(f.error, "");
    return dissect(f.packet);
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

TEST(DissectWsd, HikvisionProbeMatches) {
    auto d = wsd(kHikvisionProbeMatches);
    EXPECT_EQ(d.protocol, "wsd");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("wsd.message"), "ProbeMatches");
    EXPECT_EQ(d.get("wsd.types"), "dn:NetworkVideoTransmitter tds:Device");
    EXPECT_EQ(d.get("wsd.endpoint"), "urn:uuid:18ec6401-3aa0-11b5-83f6-b4a3820fd92d");
    EXPECT_EQ(d.get("id.uuid"), "18ec6401-3aa0-11b5-83f6-b4a3820fd92d");
    EXPECT_EQ(d.get("wsd.xaddrs"),
              "http://192.168.0.218/onvif/device_service http://[fe80::b6a3:82ff:fe0f:d92d]/onvif/device_service");
    auto scopes = d.values("wsd.scope");
    EXPECT_EQ(scopes.size(), 8u);
    EXPECT_TRUE(contains(scopes, "onvif://www.onvif.org/location/city/hangzhou"));
    EXPECT_TRUE(contains(scopes, "onvif://www.onvif.org/name/HIKVISION%20DS-2CD3955FWD-IWS"));
    EXPECT_EQ(d.get("wsd.scope.name"), "HIKVISION DS-2CD3955FWD-IWS");
    EXPECT_EQ(d.get("wsd.scope.hardware"), "DS-2CD3955FWD-IWS");
    auto namespaces = d.values("wsd.namespace");
    EXPECT_EQ(namespaces.size(), 36u);
    EXPECT_TRUE(contains(namespaces, "http://www.hikvision.com/2011/event/topics"));
    EXPECT_TRUE(contains(namespaces, "http://www.onvifext.com/onvif/ext/ver10/wsdl"));
    EXPECT_FALSE(d.has("id.mac"));  // no MAC scope on this firmware
    EXPECT_LE(d.obs.fields.size(), kMaxFieldsPerObservation);
}

TEST(DissectWsd, HikvisionMacScope) {
    auto d = wsd(hikvision_b(), "58:50:ed:1f:e3:85", "192.168.124.40");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("id.mac"), "58:50:ed:1f:e3:85");
    EXPECT_EQ(d.get("id.uuid"), "aa85c000-6324-11b3-819e-5850ed1fe385");
    EXPECT_EQ(d.get("wsd.scope.hardware"), "DS-2CD2385G1-I");
    EXPECT_EQ(d.get("wsd.scope.name"), "HIKVISION DS-2CD2385G1-I");
    // A lower-case mac scope is the same thing.
    std::string lower = hikvision_b();
    lower.replace(lower.find("/MAC/"), 5, "/mac/");
    EXPECT_EQ(wsd(lower).get("id.mac"), "58:50:ed:1f:e3:85");
}

TEST(DissectWsd, DahuaAndCpPlusScopeShapes) {
    struct Case {
        const char* uuid;
        const char* name;
        const char* hardware;
        const char* country;
        const char* unique;
    } cases[] = {
        {"74f7e627-c54f-49fb-84ed-6de9b7f588a5", "Dahua", "DH-IPC-HDW1230T2", "china", "extension/unique_identifier/1"},
        {"66f52bf6-dd69-4aa7-b50e-21617afcfcb5", "CPPLUS", "CP-UNC-DA21PL3-Y", "India", "extension/unique_identifier/1"},
        {"801d1cdf-0000-0000-0000-000000000001", "CP_PLUS", "CP-UNC-DA21PL3C-V3", "India", "extension/unique_identifier/1"},
        {"421ac7a7-0000-0000-0000-000000000002", "CPPlus", "CP-UNP-D2521L10-DP", "India", "extension/unique_identifier"},
    };
    for (const auto& c : cases) {
        auto d = wsd(dahua_hello(c.uuid, c.name, c.hardware, c.country, c.unique), "3c:ef:8c:00:00:01", "192.168.1.45");
        ASSERT_EQ(d.error, "") << c.name;
        EXPECT_EQ(d.get("wsd.message"), "Hello");
        EXPECT_EQ(d.get("wsd.scope.name"), c.name);
        EXPECT_EQ(d.get("wsd.scope.hardware"), c.hardware);
        EXPECT_EQ(d.get("id.uuid"), c.uuid);
        auto scopes = d.values("wsd.scope");
        EXPECT_EQ(scopes.size(), 7u) << c.name;
        EXPECT_TRUE(contains(scopes, std::string("onvif://www.onvif.org/location/country/") + c.country));
        EXPECT_TRUE(contains(scopes, "onvif://www.onvif.org/type/Network_Video_Transmitter"));
        EXPECT_TRUE(contains(scopes, std::string("onvif://www.onvif.org/") + c.unique));
        EXPECT_EQ(d.get("wsd.xaddrs"), "http://192.168.1.45/onvif/device_service");
    }
}

TEST(DissectWsd, ProbeFromAClientCarriesNoIdentity) {
    auto d = wsd(kProbe, "00:1b:21:aa:bb:cc", "192.168.0.10");
    EXPECT_TRUE(carries_only_its_message(d, "wsd", "wsd.message", "Probe"));
    EXPECT_FALSE(d.has("id.uuid"));
}

TEST(DissectWsd, ByeNamesTheEndpoint) {
    std::string bye = R"(<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Body><d:Bye><a:EndpointReference><a:Address>urn:uuid:74F7E627-C54F-49FB-84ED-6DE9B7F588A5</a:Address></a:EndpointReference></d:Bye></s:Body></s:Envelope>)";
    auto d = wsd(bye);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("wsd.message"), "Bye");
    EXPECT_EQ(d.get("id.uuid"), "74f7e627-c54f-49fb-84ed-6de9b7f588a5");
}

TEST(DissectWsd, PercentDecode) {
    EXPECT_EQ(percent_decode("HIKVISION%20DS-2CD2385G1-I"), "HIKVISION DS-2CD2385G1-I");
    EXPECT_EQ(percent_decode("100%"), "100%");
    EXPECT_EQ(percent_decode("%4"), "%4");
    EXPECT_EQ(percent_decode("%zz%41"), "%zzA");
    EXPECT_EQ(percent_decode("a%2"), "a%2");
    EXPECT_EQ(percent_decode(std::string(3000, 'x')).size(), 512u);
}

TEST(DissectWsd, NotWellFormedOrNotSoap) {
    auto truncated = parse_wsd(kHikvisionProbeMatches.substr(0, kHikvisionProbeMatches.size() / 2));
    ASSERT_FALSE(truncated);
    EXPECT_NE(truncated.error().find("offset"), std::string::npos) << truncated.error();
    EXPECT_FALSE(parse_wsd("<Foo><Body><Hello/></Body></Foo>"));
    EXPECT_FALSE(parse_wsd("<s:Envelope xmlns:s=\"x\"><s:Header/></s:Envelope>"));       // no Body
    EXPECT_FALSE(parse_wsd("<s:Envelope xmlns:s=\"x\"><s:Body>text</s:Body></s:Envelope>"));  // empty Body
    auto d = wsd("<<<<not xml>>>>");
    EXPECT_EQ(d.protocol, "wsd");
    EXPECT_NE(d.error, "");
    EXPECT_TRUE(d.obs.fields.empty());
    for (std::size_t n = 0; n < kHikvisionProbeMatches.size(); n += 97) {
        auto p = parse_wsd(kHikvisionProbeMatches.substr(0, n));
        EXPECT_FALSE(p) << n;
    }
}

TEST(DissectWsd, EntityExpansionIsNotPerformed) {
    std::string bomb = R"(<?xml version="1.0"?>
<!DOCTYPE s:Envelope [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Body><d:Hello><d:Types>&g;</d:Types><d:Scopes>onvif://www.onvif.org/name/&g;</d:Scopes></d:Hello></s:Body></s:Envelope>)";
    auto d = wsd(bomb);
    for (const auto& f : d.obs.fields) {
        EXPECT_LE(f.value.size(), 512u) << f.key;
        EXPECT_EQ(f.value.find("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                  std::string::npos)
            << f.key << " was expanded";
    }
}

TEST(DissectWsd, DeeplyNestedXmlDoesNotCrash) {
    std::string deep = R"(<s:Envelope xmlns:s="x"><s:Body><d:Hello xmlns:d="y">)";
    for (int i = 0; i < 10000; ++i) deep += "<n>";
    deep += "<a:Address>urn:uuid:deep</a:Address>";
    for (int i = 0; i < 10000; ++i) deep += "</n>";
    deep += "</d:Hello></s:Body></s:Envelope>";
    ASSERT_GT(deep.size(), 65535u) << "more than a datagram: dissected from memory";
    auto d = dissect(raw_udp_packet(deep, 3702, 3702));
    EXPECT_EQ(d.protocol, "wsd");
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.get("wsd.message"), "Hello");
    // The Body itself buried 10,000 levels down.
    std::string buried = R"(<s:Envelope xmlns:s="x">)";
    for (int i = 0; i < 10000; ++i) buried += "<n>";
    buried += "<s:Body><Hello/></s:Body>";
    for (int i = 0; i < 10000; ++i) buried += "</n>";
    buried += "</s:Envelope>";
    auto b = parse_wsd(buried);
    EXPECT_FALSE(b);
}

TEST(DissectWsd, ScopeAndNamespaceFloodsAreBounded) {
    std::string env = R"(<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope")";
    for (int i = 0; i < 500; ++i) env += " xmlns:n" + std::to_string(i) + "=\"urn:n" + std::to_string(i) + "\"";
    env += R"(><s:Body><Hello><Scopes>)";
    for (int i = 0; i < 500; ++i) env += "onvif://www.onvif.org/type/t" + std::to_string(i) + " ";
    env += "</Scopes></Hello></s:Body></s:Envelope>";
    auto p = parse_wsd(env);
    ASSERT_TRUE(p) << p.error();
    EXPECT_LE(p->scopes.size(), 32u);
    EXPECT_LE(p->namespaces.size(), 64u);
}

}  // namespace
}  // namespace camsweep
