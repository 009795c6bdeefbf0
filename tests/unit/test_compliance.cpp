// The verdict logic (research/listings.md §8.3) over a small signature database built here.
#include <gtest/gtest.h>

#include <algorithm>

#include "camsweep/classify/classifier.hpp"
#include "camsweep/compliance/policy.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

Date date(std::string_view text) {
    auto d = Date::parse(text);
    EXPECT_TRUE(d) << text;
    return d.value_or(Date{});
}

const Date kAudit = date("2026-11-23");

Relation rel(RelationType type, std::string target, Certainty certainty, std::string status = "V2", std::string since = "",
             std::string until = "") {
    Relation r;
    r.type = type;
    r.target = std::move(target);
    r.certainty = certainty;
    r.status = std::move(status);
    r.source = "test source for " + r.target;
    if (!since.empty()) r.since = Date::parse(since);
    if (!until.empty()) r.until = Date::parse(until);
    return r;
}

void add_vendor(SignatureDatabase& db, std::string id, std::string kind, std::vector<Relation> relations = {}) {
    Vendor v;
    v.id = id;
    v.name = id + " Co., Ltd.";
    v.display = id;
    v.display[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v.display[0])));
    v.kind = std::move(kind);
    v.relations = std::move(relations);
    db.vendors.emplace(id, std::move(v));
}

void add_listing(SignatureDatabase& db, std::string id, std::string regime, std::string entity_ref, bool covers_subsidiaries,
                 std::string status = "V1", std::string purpose = "", std::string paragraph = "") {
    Listing l;
    l.id = std::move(id);
    l.regime = std::move(regime);
    l.entity = entity_ref + " (listed name)";
    l.entity_ref = std::move(entity_ref);
    l.covers_subsidiaries = covers_subsidiaries;
    l.status = std::move(status);
    l.purpose_qualifier = std::move(purpose);
    l.paragraph = std::move(paragraph);
    l.date_added = Date::parse("2018-08-13");
    l.citation = "citation of " + l.id;
    l.url = "https://example.gov/" + l.id;
    db.listings.push_back(std::move(l));
}

void add_rule(SignatureDatabase& db, std::string id, std::string field, std::string regex, std::vector<std::pair<std::string, std::string>> sets,
              double weight) {
    Rule r;
    r.id = std::move(id);
    r.field = std::move(field);
    r.kind = MatchKind::regex;
    r.pattern = std::move(regex);
    r.regex = std::make_shared<re2::RE2>(r.pattern);
    EXPECT_TRUE(r.regex->ok());
    r.sets = std::move(sets);
    r.weight = weight;
    db.rules.push_back(std::move(r));
}

constexpr const char* kPurpose = "public safety, security of Government facilities, critical infrastructure, national security";

// Built once, in place: build_indexes() keeps pointers into the rules.
const SignatureDatabase& db() {
    static const SignatureDatabase instance = [] {
        SignatureDatabase d;
        d.vendors_as_of = d.listings_as_of = "2026-11-23";
        add_vendor(d, "cetc", "holding");
        add_vendor(d, "hikvision", "manufacturer", {rel(RelationType::subsidiary_of, "cetc", Certainty::medium)});
        add_vendor(d, "hikmicro", "manufacturer", {rel(RelationType::subsidiary_of, "hikvision", Certainty::high, "V1")});
        add_vendor(d, "dahua", "manufacturer");
        add_vendor(d, "huawei", "manufacturer");
        add_vendor(d, "hisilicon", "component_maker", {rel(RelationType::subsidiary_of, "huawei", Certainty::high)});
        add_vendor(d, "lorex", "brand",
                   {rel(RelationType::oem_of, "dahua", Certainty::medium, "V2", "", "2018-02-06"),
                    rel(RelationType::subsidiary_of, "dahua", Certainty::high, "V2", "2018-02-06", "2022-11-24"),
                    rel(RelationType::oem_of, "dahua", Certainty::medium, "V2", "2022-11-24")});
        add_vendor(d, "amcrest", "brand", {rel(RelationType::oem_of, "dahua", Certainty::medium)});
        add_vendor(d, "axis", "manufacturer");
        add_vendor(d, "cleancam", "manufacturer",
                   {rel(RelationType::component_supplier, "hisilicon", Certainty::medium),
                    rel(RelationType::related, "huawei", Certainty::low, "U")});
        add_vendor(d, "unverco", "manufacturer");
        // Some of its lines were built by Dahua, which ones no source says.
        Relation some_lines = rel(RelationType::oem_of, "dahua", Certainty::medium);
        some_lines.partial = true;
        add_vendor(d, "partco", "manufacturer", {some_lines});
        add_vendor(d, "espressif", "component_maker");

        d.regimes["section889"] = Regime{"section889", "NDAA FY2019 §889", "Pub. L. 115-232 §889(f)(3)", "https://x", "", true};
        d.regimes["fcc_covered_list"] = Regime{"fcc_covered_list", "FCC Covered List", "47 CFR 1.50002", "https://y", "", true};
        d.regimes["entity_list"] = Regime{"entity_list", "Commerce Entity List", "15 CFR 744 Supp. 4", "https://z", "", false};
        add_listing(d, "s889-hikvision", "section889", "hikvision", true, "V1", kPurpose, "(f)(3)(B)");
        add_listing(d, "s889-dahua", "section889", "dahua", true, "V1", kPurpose, "(f)(3)(B)");
        add_listing(d, "s889-huawei", "section889", "huawei", true, "V1", "", "(f)(3)(A)");
        add_listing(d, "fcc-huawei", "fcc_covered_list", "huawei", true, "V1");
        add_listing(d, "el-hikvision", "entity_list", "hikvision", false, "V1");
        add_listing(d, "fcc-unverco", "fcc_covered_list", "unverco", true, "U");

        d.ouis.push_back(OuiPrefix{0x5850ed000000ull, 24, "hikvision", "MA-L", "Hangzhou Hikvision Digital Technology Co.,Ltd."});
        d.ouis.push_back(OuiPrefix{0x240ac4000000ull, 24, "espressif", "MA-L", "Espressif Inc."});
        d.ouis.push_back(OuiPrefix{0x00408c000000ull, 24, "axis", "MA-L", "Axis Communications AB"});
        d.ouis.push_back(OuiPrefix{0x001f54000000ull, 24, "lorex", "MA-L", "Lorex Technology Inc."});
        d.policy.oui_weight_by_kind = {{"manufacturer", 0.7}, {"brand", 0.7}, {"holding", 0.5}, {"distributor", 0.4}, {"component_maker", 0.0}};

        add_rule(d, "hikvision.sadp.device-sn", "sadp.device_sn", R"(^(DS-[0-9A-Z]+(?:-[0-9A-Z/()]+?)*?)(\d{2})?(20\d{6})([A-Z]{4}))",
                 {{"vendor", "hikvision"}, {"model", "{1}"}}, 0.9);
        add_rule(d, "dahua.dhip.version", "dhip.version", R"(^\d\.\d{3}\.[0-9A-Z]{7}\.\d+\.[RT])", {{"vendor", "dahua"}}, 0.9);
        add_rule(d, "amcrest.dhip.vendor", "dhip.vendor", R"(^Amcrest$)", {{"brand", "amcrest"}}, 0.9);
        add_rule(d, "class.dhcp.windows", "dhcp.vendor_class", R"(^MSFT 5\.0$)", {{"device_type", "computer"}}, 0.7);
        add_rule(d, "test.router", "test.kind", R"(^router$)", {{"device_type", "router"}}, 0.7);
        add_rule(d, "partco.firmware", "test.firmware", R"(^PartCo OS )", {{"vendor", "partco"}}, 0.9);
        add_rule(d, "axis.dhcp.vendor-class", "dhcp.vendor_class", R"(^AXIS,)", {{"vendor", "axis"}}, 0.3);
        d.build_indexes();
        return d;
    }();
    return instance;
}

// A device whose candidates are given directly, each backed by one rule's evidence.
Device with(std::initializer_list<std::pair<const char*, std::vector<ScoredValue>>> attributes) {
    Device d;
    d.id = "dev-001";
    for (auto& [name, values] : attributes) {
        d.attributes.emplace_back(name, values);
        for (const auto& v : values) {
            Evidence e;
            e.rule_id = std::string("test.") + name;
            e.protocol = "test";
            e.weight = v.confidence;
            e.claims.emplace_back(name, v.value);
            d.evidence.push_back(std::move(e));
        }
    }
    return d;
}

Device observed(std::initializer_list<std::pair<const char*, std::string>> fields, std::vector<std::string> macs = {}) {
    Device d;
    d.id = "dev-001";
    Observation o;
    o.protocol = "test";
    o.time = 1;
    for (auto& [k, v] : fields) o.add(k, v);
    d.observations.push_back(o);
    for (auto& m : macs) d.macs.push_back(mac(m));
    classify(d, db());
    return d;
}

bool has_listing(const std::vector<ListingHit>& hits, std::string_view id) {
    return std::any_of(hits.begin(), hits.end(), [&](const ListingHit& h) { return h.listing_id == id; });
}

TEST(Compliance, HikvisionSadpFingerprintIsCoveredAndPurposeQualified) {
    Device d = observed({{"sadp.device_sn", "DS-2CD2385G1-I20200414AAWRE33842150"}}, {"58:50:ed:1f:e3:85"});
    ASSERT_NE(d.best("vendor"), nullptr);
    EXPECT_EQ(d.best_value("vendor"), "hikvision");
    EXPECT_NEAR(d.best("vendor")->confidence, 1 - 0.1 * 0.3, 1e-9);  // noisy-OR of the rule and the OUI
    EXPECT_EQ(d.best_value("model"), "DS-2CD2385G1-I");
    Verdict v = judge(d, db(), kAudit);
    EXPECT_EQ(v.status, VerdictStatus::covered);
    EXPECT_EQ(v.producer, "hikvision");
    EXPECT_GE(v.confidence, 0.8);
    EXPECT_TRUE(v.purpose_qualified);
    EXPECT_EQ(v.purpose_qualifier, kPurpose);
    ASSERT_TRUE(has_listing(v.listings, "s889-hikvision"));
    for (const auto& h : v.listings) {
        EXPECT_FALSE(h.citation.empty()) << h.listing_id;
        EXPECT_TRUE(h.makes_covered) << h.listing_id;
    }
    EXPECT_TRUE(v.chain.empty()) << "the producer is the listed entity itself";
    EXPECT_NE(v.reason.find("Hikvision"), std::string::npos) << v.reason;
    // Entity List: a separate flag, never the §889 verdict.
    EXPECT_TRUE(has_listing(v.other_listings, "el-hikvision"));
    EXPECT_FALSE(has_listing(v.listings, "el-hikvision"));
}

TEST(Compliance, BrandWithMediumOemEdgeIsOnlyLikelyCovered) {
    Device d = with({{"brand", {{"amcrest", 0.9}}}});
    Verdict v = judge(d, db(), kAudit);
    EXPECT_EQ(v.status, VerdictStatus::likely_covered);
    EXPECT_NEAR(v.confidence, 0.9 * 0.8, 1e-9);
    ASSERT_EQ(v.chain.size(), 1u);
    EXPECT_EQ(v.chain[0].from, "amcrest");
    EXPECT_EQ(v.chain[0].relation, "oem_of");
    EXPECT_EQ(v.chain[0].to, "dahua");
    EXPECT_TRUE(has_listing(v.listings, "s889-dahua"));
}

TEST(Compliance, BrandPlusDahuaFirmwareIsCovered) {
    Device brand_only = observed({{"dhip.vendor", "Amcrest"}});
    EXPECT_EQ(brand_only.best_value("brand"), "amcrest");
    EXPECT_EQ(judge(brand_only, db(), kAudit).status, VerdictStatus::likely_covered);

    Device with_firmware = observed({{"dhip.vendor", "Amcrest"}, {"dhip.version", "2.800.0000000.13.R"}});
    EXPECT_EQ(with_firmware.best_value("vendor"), "dahua");
    Verdict v = judge(with_firmware, db(), kAudit);
    EXPECT_EQ(v.status, VerdictStatus::covered);
    EXPECT_EQ(v.producer, "dahua");
    EXPECT_TRUE(has_listing(v.listings, "s889-dahua"));
    EXPECT_TRUE(v.purpose_qualified);
}

TEST(Compliance, LorexDependsOnTheAuditDate) {
    Device d = with({{"brand", {{"lorex", 0.9}}}});
    Verdict owned = judge(d, db(), date("2021-01-01"));
    EXPECT_EQ(owned.status, VerdictStatus::covered);
    ASSERT_FALSE(owned.chain.empty());
    EXPECT_EQ(owned.chain[0].relation, "subsidiary_of");
    EXPECT_EQ(owned.chain[0].since, "2018-02-06");
    EXPECT_EQ(owned.chain[0].until, "2022-11-24");

    Verdict after_sale = judge(d, db(), kAudit);
    EXPECT_EQ(after_sale.status, VerdictStatus::likely_covered);
    ASSERT_FALSE(after_sale.chain.empty());
    EXPECT_EQ(after_sale.chain[0].relation, "oem_of");

    // The window is [since, until): the last day of ownership is covered, the sale date is not.
    EXPECT_EQ(judge(d, db(), date("2022-11-23")).status, VerdictStatus::covered);
    EXPECT_EQ(judge(d, db(), date("2022-11-24")).status, VerdictStatus::likely_covered);
    const Relation& owned_edge = db().vendor("lorex")->relations[1];
    EXPECT_TRUE(owned_edge.holds_on(date("2018-02-06")));
    EXPECT_FALSE(owned_edge.holds_on(date("2018-02-05")));
    // Before §889 was enacted (2018-08-13) nothing was listed, whoever owned Lorex.
    EXPECT_NE(judge(d, db(), date("2018-02-06")).status, VerdictStatus::covered);
}

TEST(Compliance, UnverifiedListingNeverYieldsCovered) {
    Device d = with({{"vendor", {{"unverco", 0.99}}}});
    Verdict v = judge(d, db(), kAudit);
    EXPECT_NE(v.status, VerdictStatus::covered);
    EXPECT_EQ(v.status, VerdictStatus::likely_covered);
    EXPECT_NE(v.reason.find("unverified"), std::string::npos) << v.reason;
}

TEST(Compliance, ComponentMakerOuiMakesNoClaim) {
    Device d = observed({}, {"24:0a:c4:12:34:56"});
    ASSERT_EQ(d.evidence.size(), 1u);
    EXPECT_EQ(d.evidence[0].rule_id, "oui:espressif");
    EXPECT_DOUBLE_EQ(d.evidence[0].weight, 0.0);
    EXPECT_TRUE(d.evidence[0].claims.empty());
    EXPECT_EQ(d.best("vendor"), nullptr);
    Verdict v = judge(d, db(), kAudit);
    EXPECT_EQ(v.status, VerdictStatus::unknown);
}

TEST(Compliance, BrandOuiClaimsVendorAndBrand) {
    Device d = observed({}, {"00:1f:54:00:00:01"});
    ASSERT_EQ(d.evidence.size(), 1u);
    EXPECT_DOUBLE_EQ(d.evidence[0].weight, 0.7);
    EXPECT_EQ(d.best_value("vendor"), "lorex");
    EXPECT_EQ(d.best_value("brand"), "lorex");
    // An OUI alone (0.7) through a medium edge stays likely-covered at most.
    EXPECT_NE(judge(d, db(), kAudit).status, VerdictStatus::covered);
}

TEST(Compliance, LocallyAdministeredMacHasNoOui) {
    Device d = observed({}, {"5a:50:ed:1f:e3:85"});
    EXPECT_TRUE(d.evidence.empty());
}

TEST(Compliance, UnidentifiedDeviceIsUnknownNeverNotCovered) {
    Device d;
    Verdict v = judge(d, db(), kAudit);
    EXPECT_EQ(v.status, VerdictStatus::unknown);
    EXPECT_DOUBLE_EQ(v.confidence, 0);
    EXPECT_FALSE(v.reason.empty());
    EXPECT_TRUE(v.listings.empty());
}

TEST(Compliance, CleanMakerAboveThresholdIsNotCovered) {
    Verdict v = judge(with({{"vendor", {{"axis", 0.8}}}}), db(), kAudit);
    EXPECT_EQ(v.status, VerdictStatus::not_covered);
    EXPECT_EQ(v.producer, "axis");
    EXPECT_DOUBLE_EQ(v.confidence, 0.8);
    EXPECT_NE(v.reason.find("2026-11-23"), std::string::npos) << v.reason;
    EXPECT_TRUE(v.listings.empty());
    // Exactly at the threshold counts; below it a weak scan never looks clean.
    EXPECT_EQ(judge(with({{"vendor", {{"axis", 0.7}}}}), db(), kAudit).status, VerdictStatus::not_covered);
    EXPECT_EQ(judge(with({{"vendor", {{"axis", 0.69}}}}), db(), kAudit).status, VerdictStatus::unknown);
}

// A MAC prefix names a likely maker and never clears a device by itself (issue 15, cause 6).
TEST(Compliance, MacPrefixAloneNeverClears) {
    Device d = observed({}, {"00:40:8c:12:34:56"});
    EXPECT_DOUBLE_EQ(d.best("vendor")->confidence, 0.7);  // at the not-covered threshold
    Verdict v = judge(d, db(), kAudit);
    EXPECT_EQ(v.status, VerdictStatus::unknown);
    EXPECT_EQ(v.producer, "axis");
    EXPECT_NE(v.reason.find("Axis, by MAC prefix only"), std::string::npos) << v.reason;
    // With a second, independent piece of evidence (a DHCP vendor class) it clears.
    Device both = observed({{"dhcp.vendor_class", "AXIS,Network Camera,M3045-V,9.80.1"}}, {"00:40:8c:12:34:56"});
    Verdict clean = judge(both, db(), kAudit);
    EXPECT_EQ(clean.status, VerdictStatus::not_covered);
    EXPECT_NEAR(clean.confidence, 0.79, 1e-9);
    // The same weak rule alone does not reach the threshold.
    EXPECT_EQ(judge(observed({{"dhcp.vendor_class", "AXIS,Network Camera"}}), db(), kAudit).status, VerdictStatus::unknown);
}

// An OEM edge for only some of a maker's products (issue 15, cause 5): half weight and never
// strong when nothing says which product this is; broken by the maker's own firmware.
TEST(Compliance, PartialOemEdge) {
    // Named by a brand string only: 0.9 x 0.8 x 0.5 = 0.36, likely-covered, never covered.
    Verdict brand = judge(with({{"brand", {{"partco", 0.9}}}}), db(), kAudit);
    EXPECT_EQ(brand.status, VerdictStatus::likely_covered);
    EXPECT_NEAR(brand.confidence, 0.36, 1e-9);
    // Its own firmware fingerprint names it as the producer: the edge does not apply.
    Device own = observed({{"test.firmware", "PartCo OS 4.2"}});
    Verdict clean = judge(own, db(), kAudit);
    EXPECT_EQ(clean.status, VerdictStatus::not_covered) << clean.reason;
    EXPECT_EQ(clean.producer, "partco");
    // With Dahua firmware evidence too, Dahua's own fingerprint decides.
    Device both = observed({{"test.firmware", "PartCo OS 4.2"}, {"dhip.version", "2.800.0000000.13.R"}});
    EXPECT_EQ(judge(both, db(), kAudit).status, VerdictStatus::covered);
}

// Categories come from the device type, else from a protocol only surveillance gear speaks
// (issue 15, cause 7).
TEST(Compliance, CategoryFromTypeOrProtocol) {
    EXPECT_EQ(observed({{"dhcp.vendor_class", "MSFT 5.0"}}).category, DeviceCategory::it_other);
    EXPECT_EQ(observed({{"test.kind", "router"}}).category, DeviceCategory::telecom);
    EXPECT_EQ(observed({{"sadp.device_sn", "DS-2CD2385G1-I20200414AAWRE33842150"}}).category, DeviceCategory::surveillance);
    // A client's search or stream request says nothing of what the client is.
    EXPECT_EQ(observed({{"sadp.message", "Probe"}}).category, DeviceCategory::unidentified);
    EXPECT_EQ(observed({{"rtsp.method", "DESCRIBE"}, {"rtsp.user_agent", "LibVLC/3.0.17.4"}}).category, DeviceCategory::unidentified);
    EXPECT_EQ(observed({{"rtsp.server", "GStreamer RTSP server"}}).category, DeviceCategory::surveillance);
    EXPECT_EQ(observed({{"wsd.types", "dn:NetworkVideoTransmitter tds:Device"}}).category, DeviceCategory::surveillance);
    EXPECT_EQ(observed({{"wsd.types", "wsdp:Device pub:Computer"}}).category, DeviceCategory::unidentified);
    EXPECT_EQ(observed({{"http.server", "nginx"}}).category, DeviceCategory::unidentified);
    EXPECT_EQ(to_string(DeviceCategory::it_other), "it-other");
}

// --fail-on unknown chases unknown surveillance, telecom and unidentified devices, not an
// unknown laptop; covered and likely-covered count at every level that includes them.
TEST(Compliance, FindingsByLevel) {
    Device laptop = observed({{"dhcp.vendor_class", "MSFT 5.0"}});
    laptop.verdict = judge(laptop, db(), kAudit);
    ASSERT_EQ(laptop.verdict.status, VerdictStatus::unknown);
    EXPECT_FALSE(is_finding(laptop, "unknown"));
    Device silent = observed({{"http.server", "nginx"}});
    silent.verdict = judge(silent, db(), kAudit);
    EXPECT_TRUE(is_finding(silent, "unknown"));
    EXPECT_FALSE(is_finding(silent, "likely-covered"));
    Device lorex = observed({}, {"00:1f:54:00:00:01"});
    lorex.verdict = judge(lorex, db(), kAudit);
    ASSERT_EQ(lorex.verdict.status, VerdictStatus::likely_covered);
    EXPECT_FALSE(is_finding(lorex, "covered"));
    EXPECT_TRUE(is_finding(lorex, "likely-covered"));
    EXPECT_TRUE(is_finding(lorex, "unknown"));
    EXPECT_FALSE(is_finding(lorex, ""));
}

TEST(Compliance, CoveredHintBelowLikelyThresholdBlocksNotCovered) {
    Verdict v = judge(with({{"vendor", {{"axis", 0.95}, {"hikvision", 0.2}}}}), db(), kAudit);
    EXPECT_EQ(v.status, VerdictStatus::unknown);
    EXPECT_EQ(v.producer, "hikvision");
    // The same through a brand's OEM edge: 0.3 x 0.8 = 0.24.
    Verdict b = judge(with({{"vendor", {{"axis", 0.95}}}, {"brand", {{"amcrest", 0.3}}}}), db(), kAudit);
    EXPECT_EQ(b.status, VerdictStatus::unknown);
    // At the likely threshold it is likely-covered.
    Verdict l = judge(with({{"vendor", {{"axis", 0.95}, {"hikvision", 0.3}}}}), db(), kAudit);
    EXPECT_EQ(l.status, VerdictStatus::likely_covered);
}

TEST(Compliance, EntityListFlagsOnlyTheListedEntity) {
    Verdict hik = judge(with({{"vendor", {{"hikvision", 0.95}}}}), db(), kAudit);
    EXPECT_TRUE(has_listing(hik.other_listings, "el-hikvision"));
    for (const auto& h : hik.other_listings) EXPECT_FALSE(h.makes_covered);

    Verdict sub = judge(with({{"vendor", {{"hikmicro", 0.95}}}}), db(), kAudit);
    EXPECT_EQ(sub.status, VerdictStatus::covered) << "§889 covers subsidiaries";
    EXPECT_TRUE(has_listing(sub.listings, "s889-hikvision"));
    EXPECT_FALSE(has_listing(sub.other_listings, "el-hikvision")) << "the Entity List does not reach unlisted subsidiaries";
    ASSERT_EQ(sub.chain.size(), 1u);
    EXPECT_EQ(sub.chain[0].relation, "subsidiary_of");
}

TEST(Compliance, ComponentAndRelatedEdgesAreReportedNeverCovered) {
    Verdict v = judge(with({{"vendor", {{"cleancam", 0.95}}}}), db(), kAudit);
    EXPECT_NE(v.status, VerdictStatus::covered);
    EXPECT_NE(v.status, VerdictStatus::likely_covered);
    EXPECT_TRUE(v.listings.empty());
    ASSERT_EQ(v.related.size(), 2u);
    bool component = false, related = false;
    for (const auto& link : v.related) {
        EXPECT_EQ(link.from, "cleancam");
        if (link.relation == "component_supplier" && link.to == "hisilicon") component = true;
        if (link.relation == "related" && link.to == "huawei") related = true;
    }
    EXPECT_TRUE(component);
    EXPECT_TRUE(related);
    // The listed component maker's relations are not walked as if it had made the device.
    EXPECT_TRUE(v.chain.empty());
}

TEST(Compliance, HuaweiPartAHasNoPurposeQualifier) {
    Verdict v = judge(with({{"vendor", {{"huawei", 0.95}}}}), db(), kAudit);
    EXPECT_EQ(v.status, VerdictStatus::covered);
    EXPECT_TRUE(has_listing(v.listings, "s889-huawei"));
    EXPECT_TRUE(has_listing(v.listings, "fcc-huawei"));
    EXPECT_FALSE(v.purpose_qualified);
    EXPECT_TRUE(v.purpose_qualifier.empty());
}

TEST(Compliance, ListingNotYetInForce) {
    // Before §889 was enacted, Hikvision was on no list.
    Verdict v = judge(with({{"vendor", {{"hikvision", 0.95}}}}), db(), date("2018-01-01"));
    EXPECT_NE(v.status, VerdictStatus::covered);
    EXPECT_NE(v.status, VerdictStatus::likely_covered);
    EXPECT_TRUE(v.listings.empty());
}

TEST(Compliance, VerdictNames) {
    EXPECT_EQ(to_string(VerdictStatus::covered), "covered");
    EXPECT_EQ(to_string(VerdictStatus::likely_covered), "likely-covered");
    EXPECT_EQ(to_string(VerdictStatus::not_covered), "not-covered");
    EXPECT_EQ(to_string(VerdictStatus::unknown), "unknown");
}

}  // namespace
}  // namespace camsweep

namespace camsweep {
namespace {

// A relation scoped to some models (glob): skipped for other models, weakened when the model
// is unknown.
TEST(Compliance, ModelScopedRelation) {
    SignatureDatabase d;
    add_vendor(d, "hikvision", "manufacturer");
    Relation scoped = rel(RelationType::oem_of, "hikvision", Certainty::high, "V1");
    scoped.models = "DS-*";
    add_vendor(d, "relabel", "brand", {scoped});
    d.regimes["section889"] = Regime{"section889", "NDAA FY2019 §889", "c", "u", "", true};
    add_listing(d, "s889-hikvision", "section889", "hikvision", true, "V1", kPurpose);
    d.build_indexes();

    Device in_scope = with({{"brand", {{"relabel", 0.95}}}, {"model", {{"DS-2CD2143G0-I", 0.9}}}});
    EXPECT_EQ(judge(in_scope, d, kAudit).status, VerdictStatus::covered);
    Device out_of_scope = with({{"brand", {{"relabel", 0.95}}}, {"model", {{"RL-100", 0.9}}}});
    Verdict out = judge(out_of_scope, d, kAudit);
    EXPECT_NE(out.status, VerdictStatus::covered);
    EXPECT_NE(out.status, VerdictStatus::likely_covered);
    Device unknown_model = with({{"brand", {{"relabel", 0.95}}}});
    Verdict weak = judge(unknown_model, d, kAudit);
    EXPECT_EQ(weak.status, VerdictStatus::likely_covered);
    EXPECT_NEAR(weak.confidence, 0.95 * 0.5, 1e-9);
}

}  // namespace
}  // namespace camsweep
