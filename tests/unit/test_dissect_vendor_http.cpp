// The readers of the vendors' unauthenticated HTTP replies (protocols "isapi", "rpc2",
// "favicon"; Carrier::http_body) on the fixtures of tests/fixtures/{isapi,rpc2,favicon}/
// (their SOURCES.md), hostile bodies, and the bundled rules they feed: the std-cgi.com namespace
// of OEM firmware names Hikvision, an Amcrest RPC2 challenge names Dahua and the Amcrest label,
// a favicon hash of the research names its maker.
#include <gtest/gtest.h>

#include "camsweep/dissect/vendor_http.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/signatures/loader.hpp"
#include "bundled_signatures.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// One device judged from one observation the prober made.
Device judged(Observation obs) {
    InventoryBuilderOptions options;
    options.audit_date = *Date::parse("2026-12-03");
    InventoryBuilder builder(bundled_signatures(), options);
    obs.origin = Origin::active;
    obs.endpoint.ip = ip("192.168.1.64");
    obs.endpoint.port = 80;
    builder.add(obs);
    auto devices = builder.judged_devices();
    EXPECT_EQ(devices.size(), 1u);
    return devices.empty() ? Device{} : devices.front();
}

bool any_value_contains(const Observation& obs, std::string_view needle) {
    for (const auto& f : obs.fields)
        if (f.value.find(needle) != std::string::npos) return true;
    return false;
}

TEST(DissectIsapi, HikvisionSessionLoginCapabilities) {
    auto r = read_body("isapi", read_fixture("isapi/hikvision-session-login-cap.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.obs.protocol, "isapi");
    EXPECT_EQ(r.get("isapi.message"), "SessionLoginCap");
    EXPECT_EQ(r.get("isapi.namespace"), "http://www.hikvision.com/ver20/XMLSchema");
    EXPECT_EQ(r.get("isapi.version"), "2.0");
    EXPECT_EQ(r.get("isapi.iterations"), "100");
    EXPECT_EQ(r.get("isapi.irreversible"), "true");
    // The per-session login values are never kept.
    EXPECT_FALSE(any_value_contains(r.obs, "165528821e2892d6e47365f8a628ebab"));
    EXPECT_FALSE(any_value_contains(r.obs, "366e43db17908d26"));
    EXPECT_FALSE(any_value_contains(r.obs, "5c2d2f0b3c7e4b1f"));
    const Device d = judged(r.obs);
    EXPECT_EQ(d.verdict.producer, "hikvision");
    EXPECT_EQ(d.verdict.status, VerdictStatus::covered) << d.verdict.reason;
}

// White-label units run Hikvision firmware built with the brand-neutral namespace: the label
// says nothing of Hikvision, the namespace does (research/protocols-active.md §1.7.1).
TEST(DissectIsapi, OemNamespaceStillNamesHikvision) {
    auto r = read_body("isapi", read_fixture("isapi/std-cgi-session-login-cap.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("isapi.namespace"), "http://www.std-cgi.com/ver20/XMLSchema");
    const Device d = judged(r.obs);
    EXPECT_EQ(d.verdict.producer, "hikvision");
    EXPECT_EQ(d.verdict.status, VerdictStatus::covered) << d.verdict.reason;
}

TEST(DissectIsapi, ActivateStatusAndPrefixedRoots) {
    auto r = read_body("isapi", read_fixture("isapi/activate-status.xml"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("isapi.message"), "ActivateStatus");
    EXPECT_EQ(r.get("isapi.activated"), "true");
    // A prefixed root takes its prefix's namespace; an undeclared one has none.
    auto prefixed = read_body("isapi", R"(<h:ActivateStatus xmlns:h="http://www.std-cgi.com/ver20/XMLSchema" xmlns="urn:other">)"
                                       R"(<h:Activated>false</h:Activated></h:ActivateStatus>)");
    ASSERT_EQ(prefixed.state, ParseState::complete) << prefixed.error;
    EXPECT_EQ(prefixed.get("isapi.namespace"), "http://www.std-cgi.com/ver20/XMLSchema");
    EXPECT_EQ(prefixed.get("isapi.activated"), "false");
    auto bare = read_body("isapi", "<ResponseStatus><statusCode>4</statusCode><subStatusCode>notSupport</subStatusCode></ResponseStatus>");
    ASSERT_EQ(bare.state, ParseState::complete) << bare.error;
    EXPECT_FALSE(bare.has("isapi.namespace"));
    EXPECT_EQ(bare.get("isapi.sub_status_code"), "notSupport");
}

TEST(DissectIsapi, HostileBodies) {
    EXPECT_EQ(read_body("isapi", "<SessionLoginCap><salt>").state, ParseState::invalid);
    EXPECT_EQ(read_body("isapi", "not xml at all").state, ParseState::invalid);
    const std::string huge = "<ActivateStatus>" + std::string(kMaxIsapiBodyBytes, 'a') + "</ActivateStatus>";
    auto r = read_body("isapi", huge);
    EXPECT_EQ(r.state, ParseState::invalid);
    EXPECT_NE(r.error.find("cap"), std::string::npos) << r.error;
    // An entity bomb stays literal text (no DOCTYPE processing).
    auto bomb = read_body("isapi", R"(<!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;">]>)"
                                   R"(<ActivateStatus><Activated>&y;</Activated></ActivateStatus>)");
    EXPECT_LE(bomb.get("isapi.activated").size(), 16u);
}

TEST(DissectRpc2, AmcrestLoginChallenge) {
    auto r = read_body("rpc2", read_fixture("rpc2/amcrest-login-challenge.json"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.obs.protocol, "rpc2");
    EXPECT_EQ(r.get("rpc2.error_code"), "268632079");
    EXPECT_EQ(r.get("rpc2.error_message"), "Component error: login challenge!");
    EXPECT_EQ(r.get("rpc2.result"), "false");
    EXPECT_EQ(r.get("rpc2.encryption"), "Default");
    EXPECT_EQ(r.get("rpc2.realm"), "Login to AMC000N49SSV0M2U46");
    EXPECT_EQ(r.get("rpc2.serial"), "AMC000N49SSV0M2U46");
    EXPECT_EQ(r.get("id.serial"), "AMC000N49SSV0M2U46");
    EXPECT_EQ(r.get("rpc2.mac"), "3c:ef:8c:61:01:c0");
    EXPECT_EQ(r.get("id.mac"), "3c:ef:8c:61:01:c0");
    // The challenge's per-exchange values are not identity: never kept.
    EXPECT_FALSE(any_value_contains(r.obs, "3339eaa9152eebff56a720c2f4dd0a62203a51dc"));
    EXPECT_FALSE(any_value_contains(r.obs, "3734299"));
    EXPECT_FALSE(any_value_contains(r.obs, "1005027323"));
    // Dahua firmware on an Amcrest label: the producer is covered, the label is kept.
    const Device d = judged(r.obs);
    EXPECT_EQ(d.verdict.producer, "dahua");
    EXPECT_EQ(d.verdict.status, VerdictStatus::covered) << d.verdict.reason;
    EXPECT_EQ(d.best_value("brand"), "amcrest");
}

TEST(DissectRpc2, PlaceholderMacAndHexRealmAreNoIdentity) {
    auto r = read_body("rpc2", read_fixture("rpc2/errormac-login-challenge.json"));
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_FALSE(r.has("rpc2.mac"));
    EXPECT_FALSE(r.has("id.mac"));
    EXPECT_EQ(r.get("rpc2.serial"), "5H08A08PAJF1598");
    auto hex = read_body("rpc2", R"({"error":{"code":268632079},"params":{"realm":"Login to edbba66a86f75696d122e195153df0a2"},"result":false})");
    ASSERT_EQ(hex.state, ParseState::complete) << hex.error;
    EXPECT_EQ(hex.get("rpc2.realm"), "Login to edbba66a86f75696d122e195153df0a2");
    EXPECT_FALSE(hex.has("rpc2.serial"));
    EXPECT_FALSE(hex.has("id.serial"));
}

// The request camsweep sends: step 1 with an empty password, and what reading it yields
// (the method only: never a user name or password).
TEST(DissectRpc2, TheRequestIsStepOneWithAnEmptyPassword) {
    EXPECT_NE(kDahuaRpc2LoginStep1.find(R"("password":"")"), std::string_view::npos);
    const auto* rpc2 = find_protocol("rpc2");
    ASSERT_NE(rpc2, nullptr);
    ASSERT_NE(rpc2->build_request, nullptr);
    const auto built = rpc2->build_request(RequestContext{});
    EXPECT_EQ(std::string(built.begin(), built.end()), kDahuaRpc2LoginStep1);
    EXPECT_EQ(std::string(kDahuaRpc2LoginStep1) + "\n", read_fixture("rpc2/login-step1-request.json"));
    auto r = read_body("rpc2", kDahuaRpc2LoginStep1);
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.get("rpc2.method"), "global.login");
    EXPECT_EQ(r.obs.fields.size(), 1u);
}

TEST(DissectRpc2, HostileBodies) {
    EXPECT_EQ(read_body("rpc2", "[1,2,3]").state, ParseState::invalid);
    EXPECT_EQ(read_body("rpc2", R"({"params":)").state, ParseState::invalid);
    auto deep = read_body("rpc2", std::string(5000, '[') + std::string(5000, ']'));
    EXPECT_EQ(deep.state, ParseState::invalid);
    const std::string huge = R"({"params":{"realm":")" + std::string(kMaxRpc2BodyBytes, 'A') + R"("}})";
    EXPECT_EQ(read_body("rpc2", huge).state, ParseState::invalid);
    auto odd = read_body("rpc2", R"({"error":"x","params":{"realm":7,"mac":["3CEF8C6101C0"]},"result":{}})");
    EXPECT_EQ(odd.state, ParseState::complete) << odd.error;
    EXPECT_FALSE(odd.has("id.mac"));
}

TEST(DissectFavicon, Md5OfTheIconBytes) {
    const std::string icon = read_fixture("favicon/camsweep-test-1x1.ico");
    ASSERT_EQ(icon.size(), 70u);
    auto r = read_body("favicon", icon);
    ASSERT_EQ(r.state, ParseState::complete) << r.error;
    EXPECT_EQ(r.obs.protocol, "http");
    EXPECT_EQ(r.get("http.favicon_md5"), "4c0fbbe2f5765acd3e79a22400468b89");  // md5sum of the file
    // A login page served for every path is not an icon.
    auto page = read_body("favicon", "\xef\xbb\xbf<!DOCTYPE html><html><title>Login</title></html>");
    EXPECT_EQ(page.state, ParseState::complete);
    EXPECT_FALSE(page.has("http.favicon_md5"));
    auto svg = read_body("favicon", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    EXPECT_TRUE(svg.has("http.favicon_md5"));
    EXPECT_EQ(read_body("favicon", std::string(kMaxFaviconBytes + 1, '\x01')).state, ParseState::invalid);
}

// The research's hashes (not the vendors' files, which are not the project's to ship) reach
// their rules through the field the favicon reader writes.
TEST(DissectFavicon, ResearchHashesNameTheirMakers) {
    Observation axis;
    axis.protocol = "http";
    axis.add("http.favicon_md5", "a3fd8705f010b90e37d42128000f620b");
    EXPECT_EQ(judged(axis).best_value("vendor"), "axis");
    Observation hik;
    hik.protocol = "http";
    hik.add("http.favicon_md5", "89b932fcc47cf4ca3faadb0cfdef89cf");
    EXPECT_EQ(judged(hik).best_value("vendor"), "hikvision");
}


// HNAP as a D-Link DCS-935L answers its setup app (the wire format of the IoT SENTINEL setup
// capture, /work/shared/realdata): the action answered and the device's own names.
TEST(DissectVendorHttp, HnapDeviceSettingsNameTheVendorAndModel) {
    auto r = read_body("hnap", read_fixture("hnap/dlink-get-device-settings.xml"));
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.get("hnap.action"), "GetDeviceSettingsResponse");
    EXPECT_EQ(r.get("hnap.vendor_name"), "D-Link");
    EXPECT_EQ(r.get("hnap.model"), "DCS-935L");
    EXPECT_EQ(r.get("hnap.firmware"), "1.06");
    EXPECT_EQ(r.get("hnap.hardware"), "A1");
    EXPECT_EQ(r.get("id.mac"), "b0:c5:54:25:5b:0e");  // DeviceMacId
    // The cloud registration reply: its action names D-Link, its secrets are not kept.
    auto reg = read_body("hnap",
                         "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                         "<GetmydlinkRegInfoResponse xmlns=\"http://purenetworks.com/HNAP1/\"><mydlinknumber>32779615</mydlinknumber>"
                         "<Footprint>40BC785F</Footprint></GetmydlinkRegInfoResponse></soap:Body></soap:Envelope>");
    EXPECT_EQ(reg.get("hnap.action"), "GetmydlinkRegInfoResponse");
    for (const auto& field : reg.obs.fields) EXPECT_EQ(field.value.find("32779615"), std::string::npos) << field.key;
    // A reply cut short keeps the fields before the cut, with the error.
    const std::string whole = read_fixture("hnap/dlink-get-device-settings.xml");
    auto cut = read_body("hnap", whole.substr(0, whole.find("<FirmwareVersion>") + 20));
    EXPECT_EQ(cut.get("hnap.vendor_name"), "D-Link");
    EXPECT_NE(cut.error.find("HNAP XML cut or invalid at offset"), std::string::npos) << cut.error;
    // Not HNAP, or no action: not claimed, or a one-line error.
    EXPECT_FALSE(find_protocol("hnap")->claims(MessageMeta{}, as_bytes(std::string_view("<root xmlns=\"urn:other\"/>"))));
    auto empty = read_body("hnap", "<Envelope xmlns=\"http://purenetworks.com/HNAP1/\"><Body/></Envelope>");
    EXPECT_NE(empty.error.find("no Body element with an action"), std::string::npos) << empty.error;
}

}  // namespace
}  // namespace camsweep
