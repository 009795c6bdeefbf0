// CycloneDX export: a stable, content-derived serial number, one "device" component per device
// with its camsweep: properties, and hostile bytes escaped (valid JSON, no raw ESC).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "camsweep/report/cyclonedx.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

const SignatureDatabase& cdx_db() { return hikvision_lts_db(); }

Device labelled_camera() {
    Device d;
    d.id = "dev-001";
    d.macs = {mac("14:2f:fd:08:4c:21")};
    d.ips = {ip("192.168.10.41"), ip("fe80::162f:fdff:fe08:4c21")};
    d.serials = {"CMIP3C42W-28M2024\xff" "AAWRF"};
    d.uuids = {"aa85c000-6324-11b3-819e-142ffd084c21"};
    d.first_seen = 1793610000;
    d.last_seen = 1793610045.25;
    d.protocols = {"sadp"};
    d.observation_count = 2;
    d.attributes = {{"vendor", {{"hikvision", 0.97}}},
                    {"brand", {{"lts", 0.6}}},
                    {"model", {{"CMIP\x1b[2J\"<x>\xff", 0.9}}},
                    {"firmware", {{"V5.7.1build 221129", 0.8}}},
                    {"device_type", {{"camera", 0.9}}}};
    Verdict& v = d.verdict;
    v.status = VerdictStatus::covered;
    v.confidence = 0.97;
    v.producer = "hikvision";
    ListingHit h = section889_hikvision_hit();
    h.paragraph = "(f)(3)(B)";
    ListingHit fcc = h;
    fcc.listing_id = "fcc-hikvision-2021";
    fcc.regime = "fcc_covered_list";
    fcc.paragraph = "";
    fcc.citation = "FCC PSHSB Public Notice, WC Docket 18-89 (2021-03-12)";
    v.listings = {h, fcc};
    v.chain = {{"lts", "oem_of", "hikvision", "high", "V1", "LTS OEM agreement", "", ""}};
    v.purpose_qualified = true;
    v.purpose_qualifier = "public safety";
    v.reason = "Produced by a listed entity: Hikvision (confidence 0.97)";
    return d;
}

Device unidentified() {
    Device d;
    d.id = "dev-002";
    d.macs = {mac("02:5e:11:20:30:40")};
    d.first_seen = d.last_seen = 1793610001;
    d.verdict.reason = "No maker identified";
    return d;
}

Inventory cdx_inventory(std::vector<Device> devices) { return audited_inventory(std::move(devices), "caps/lan.pcap"); }

std::string export_of(const Inventory& inv) {
    std::ostringstream out;
    write_cyclonedx(out, inv, cdx_db());
    return out.str();
}

std::vector<std::string> property_values(const nlohmann::json& component, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& p : component["properties"])
        if (p["name"] == name) out.push_back(p["value"].get<std::string>());
    return out;
}

TEST(CycloneDx, ContentUuidIsRfc4122Version5OfCamsweepNamespace) {
    // Reference values: Python's uuid.uuid5(UUID("c685d76c-d2c4-4d16-8cde-fe49530bd21d"), name).
    EXPECT_EQ(cyclonedx_content_uuid(""), "684a48bc-4ad6-5dc2-b070-97453e291e18");
    EXPECT_EQ(cyclonedx_content_uuid("camsweep"), "4fe9a039-5234-5615-8d93-c9bc470e80a7");
    EXPECT_EQ(cyclonedx_content_uuid(std::string(1000, 'x')), "f951c8b2-f8cd-5a9f-aaa8-f4c1bb4823b4");
}

TEST(CycloneDx, DocumentHeaderAndStableSerialNumber) {
    const std::string text = export_of(cdx_inventory({labelled_camera(), unidentified()}));
    nlohmann::json doc;
    ASSERT_NO_THROW(doc = nlohmann::json::parse(text)) << text;
    EXPECT_EQ(doc["bomFormat"], "CycloneDX");
    EXPECT_EQ(doc["specVersion"], "1.5");
    EXPECT_EQ(doc["version"], 1);
    const std::string serial = doc["serialNumber"].get<std::string>();
    EXPECT_TRUE(std::regex_match(serial, std::regex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
        << serial;
    EXPECT_EQ(doc["metadata"]["timestamp"], "2026-11-23T00:00:00Z");
    EXPECT_EQ(doc["metadata"]["tools"]["components"][0]["name"], "camsweep");
    EXPECT_EQ(doc["metadata"]["tools"]["components"][0]["type"], "application");
    EXPECT_EQ(text.back(), '\n');

    // Same inventory, same document; different content, different serial number.
    EXPECT_EQ(export_of(cdx_inventory({labelled_camera(), unidentified()})), text);
    Device updated = labelled_camera();
    updated.attributes[3].second[0].value = "V5.7.3build 230217";
    auto other = nlohmann::json::parse(export_of(cdx_inventory({updated, unidentified()})));
    EXPECT_NE(other["serialNumber"], doc["serialNumber"]);
    Inventory later = cdx_inventory({labelled_camera(), unidentified()});
    later.audit_date = *Date::parse("2027-01-01");
    EXPECT_NE(nlohmann::json::parse(export_of(later))["serialNumber"], doc["serialNumber"]);
}

TEST(CycloneDx, DeviceComponentWithProperties) {
    auto doc = nlohmann::json::parse(export_of(cdx_inventory({labelled_camera(), unidentified()})));
    ASSERT_EQ(doc["components"].size(), 2u);
    const auto& c = doc["components"][0];
    EXPECT_EQ(c["type"], "device");
    EXPECT_EQ(c["bom-ref"], "dev-001");
    EXPECT_EQ(c["author"], "Hikvision");             // the maker
    EXPECT_EQ(c["supplier"]["name"], "LTS");          // the label, as it differs
    EXPECT_EQ(c["version"], "V5.7.1build 221129");
    EXPECT_FALSE(c.contains("manufacturer"));         // CycloneDX 1.6 only
    EXPECT_EQ(property_values(c, "camsweep:verdict"), std::vector<std::string>{"covered"});
    EXPECT_EQ(property_values(c, "camsweep:confidence"), std::vector<std::string>{"0.970"});
    EXPECT_EQ(property_values(c, "camsweep:purpose_qualified"), std::vector<std::string>{"true"});
    EXPECT_EQ(property_values(c, "camsweep:purpose_qualifier"), std::vector<std::string>{"public safety"});
    auto listings = property_values(c, "camsweep:listing");
    ASSERT_EQ(listings.size(), 2u);
    EXPECT_EQ(listings[0], "s889-hikvision (section889 (f)(3)(B)): Pub. L. 115-232 §889(f)(3)(B); FAR 52.204-25(a)");
    EXPECT_EQ(listings[1], "fcc-hikvision-2021 (fcc_covered_list): FCC PSHSB Public Notice, WC Docket 18-89 (2021-03-12)");
    EXPECT_EQ(property_values(c, "camsweep:chain"), std::vector<std::string>{"lts -oem_of-> hikvision"});
    EXPECT_EQ(property_values(c, "camsweep:mac"), std::vector<std::string>{"14:2f:fd:08:4c:21"});
    EXPECT_EQ(property_values(c, "camsweep:ip"), (std::vector<std::string>{"192.168.10.41", "fe80::162f:fdff:fe08:4c21"}));
    EXPECT_EQ(property_values(c, "camsweep:serial"), std::vector<std::string>{"CMIP3C42W-28M2024\\xffAAWRF"});
    EXPECT_EQ(property_values(c, "camsweep:device_type"), std::vector<std::string>{"camera"});
    EXPECT_EQ(property_values(c, "camsweep:vendor"), std::vector<std::string>{"hikvision"});
    EXPECT_EQ(property_values(c, "camsweep:brand"), std::vector<std::string>{"lts"});
    EXPECT_EQ(property_values(c, "camsweep:first_seen").size(), 1u);
    for (const auto& p : c["properties"]) {
        EXPECT_EQ(p["name"].get<std::string>().rfind("camsweep:", 0), 0u) << p;
        EXPECT_FALSE(p["value"].get<std::string>().empty()) << p;
    }

    const auto& u = doc["components"][1];
    EXPECT_EQ(u["name"], "unidentified device");
    EXPECT_FALSE(u.contains("version"));
    EXPECT_FALSE(u.contains("supplier"));
    EXPECT_FALSE(u.contains("author"));
    EXPECT_EQ(property_values(u, "camsweep:verdict"), std::vector<std::string>{"unknown"});
    EXPECT_EQ(property_values(u, "camsweep:purpose_qualified"), std::vector<std::string>{"false"});
    EXPECT_TRUE(property_values(u, "camsweep:listing").empty());
    EXPECT_TRUE(property_values(u, "camsweep:chain").empty());
}

TEST(CycloneDx, HostileBytesEscaped) {
    const std::string text = export_of(cdx_inventory({labelled_camera()}));
    EXPECT_EQ(text.find('\x1b'), std::string::npos);  // JSON-escaped as \u001b
    auto doc = nlohmann::json::parse(text);
    EXPECT_EQ(doc["components"][0]["name"], "CMIP\x1b[2J\"<x>\\xff");
}

TEST(CycloneDx, SentFieldsAsProperties) {
    Device d = labelled_camera();
    for (int i = 0; i < 203; ++i) {
        Observation o;
        o.time = 1793610000 + i;
        o.protocol = "http";
        o.fields = {{"http.server", i == 0 ? std::string("Boa/0.94 \xff\x1b[2J") : "srv-" + std::to_string(i)}, {"id.mac", "x"}};
        d.observations.push_back(o);
    }
    const std::string text = export_of(cdx_inventory({d}));
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    auto c = nlohmann::json::parse(text)["components"][0];
    auto sent = property_values(c, "camsweep:sent");
    ASSERT_EQ(sent.size(), 200u);
    EXPECT_EQ(sent[0], "http.server=Boa/0.94 \\xff\x1b[2J");
    EXPECT_EQ(sent[199], "http.server=srv-199");
    EXPECT_EQ(property_values(c, "camsweep:sent_omitted"), std::vector<std::string>{"3"});
    // A device that sent nothing has neither property.
    auto u = nlohmann::json::parse(export_of(cdx_inventory({unidentified()})))["components"][0];
    EXPECT_TRUE(property_values(u, "camsweep:sent").empty());
    EXPECT_TRUE(property_values(u, "camsweep:sent_omitted").empty());
}

TEST(CycloneDx, EmptyInventory) {
    auto doc = nlohmann::json::parse(export_of(cdx_inventory({})));
    EXPECT_TRUE(doc["components"].is_array());
    EXPECT_TRUE(doc["components"].empty());
    EXPECT_EQ(doc["specVersion"], "1.5");
}

}  // namespace
}  // namespace camsweep
