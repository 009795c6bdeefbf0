// Loading and validating signature directories: every problem names file:line:col.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "camsweep/signatures/loader.hpp"
#include "signature_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;
namespace fs = std::filesystem;

const std::string kVendors = R"yaml(as_of: 2026-11-23
vendors:
  - id: acme
    name: "Acme Cameras Ltd."
    display: Acme
    kind: manufacturer
    country: CN
  - id: relabel
    name: "Relabel Inc."
    kind: brand
    relations:
      - type: oem_of
        target: acme
        since: 2019-01-01
        certainty: medium
        status: V2
        source: "a public source"
  - id: chipco
    name: "Chip Co."
    kind: component_maker
)yaml";

const std::string kListings = R"yaml(as_of: 2026-11-23
regimes:
  - id: section889
    name: "NDAA FY2019 §889"
    makes_covered: true
    citation: "Pub. L. 115-232 §889(f)(3)"
listings:
  - id: s889-acme
    regime: section889
    entity: "Acme Cameras"
    entity_ref: acme
    covers_subsidiaries: true
    date_added: 2018-08-13
    citation: "Pub. L. 115-232 §889(f)(3)(B)"
    status: V1
)yaml";

const std::string kPolicy = R"yaml(thresholds:
  covered: 0.8
  likely_covered: 0.3
  not_covered: 0.7
certainty_factor:
  high: 1.0
  medium: 0.8
  low: 0.5
oui_weight:
  manufacturer: 0.7
  brand: 0.7
  holding: 0.5
  distributor: 0.4
  component_maker: 0.0
)yaml";

const std::string kRules = R"yaml(rules:
  - id: acme.sadp.model
    description: "Acme model in a SADP description"
    field: sadp.device_description
    match:
      regex: '^(AC-[0-9A-Z]+)'
    sets:
      vendor: acme
      model: "{1}"
    weight: 0.9
    references: ["test"]
    examples:
      - value: "AC-100X"
        expect: {vendor: acme, model: AC-100X}
    counter_examples:
      - "DS-2CD"
)yaml";

const std::string kOui = R"yaml(vendor: acme
source: "test"
source_date: 2026-01-01
prefixes:
  - {prefix: "A4BBCC", registry: MA-L, org: "Acme Cameras Ltd."}
  - {prefix: "70B3D51A2", registry: MA-S, org: "Acme Cameras Ltd."}
)yaml";

// A minimal valid signature directory; tests overwrite one file to break it.
struct SigDir : SignatureDir {
    SigDir() {
        write_file(dir / "vendors.yaml", kVendors);
        write_file(dir / "listings.yaml", kListings);
        write_file(dir / "policy.yaml", kPolicy);
        write_file(dir / "rules" / "acme.yaml", kRules);
        write_file(dir / "oui" / "acme.yaml", kOui);
    }
};

std::string replaced(std::string text, std::string_view from, std::string_view to) {
    auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) text.replace(pos, from.size(), to);
    return text;
}

TEST(SignatureLoader, MinimalDirectoryLoads) {
    SigDir s;
    auto load = s.load();
    ASSERT_TRUE(load.ok()) << all(load.errors);
    const auto& db = load.database;
    EXPECT_EQ(db.vendors.size(), 3u);
    EXPECT_EQ(db.vendors_as_of, "2026-11-23");
    ASSERT_EQ(db.rules.size(), 1u);
    EXPECT_EQ(db.rules[0].kind, MatchKind::regex);
    EXPECT_TRUE(db.rules[0].regex);
    EXPECT_DOUBLE_EQ(db.rules[0].weight, 0.9);
    ASSERT_EQ(db.listings.size(), 1u);
    EXPECT_TRUE(db.listings[0].covers_subsidiaries);
    EXPECT_EQ(db.ouis.size(), 2u);
    const auto* rel = &db.vendors.at("relabel").relations.at(0);
    EXPECT_EQ(rel->type, RelationType::oem_of);
    EXPECT_EQ(rel->certainty, Certainty::medium);
    ASSERT_TRUE(rel->since);
    EXPECT_EQ(rel->since->to_string(), "2019-01-01");
    EXPECT_EQ(rel->place.line, line_of(kVendors, "      - type: oem_of"));
    EXPECT_DOUBLE_EQ(db.policy.oui_weight_by_kind.at("component_maker"), 0.0);
    // Indexes are built: the OUI and the rule can be looked up.
    const OuiPrefix* oui = db.lookup_oui(*MacAddress::parse("a4:bb:cc:01:02:03"));
    ASSERT_NE(oui, nullptr);
    EXPECT_EQ(oui->vendor, "acme");
    const OuiPrefix* mas = db.lookup_oui(*MacAddress::parse("70:b3:d5:1a:2f:ff"));
    ASSERT_NE(mas, nullptr);
    EXPECT_EQ(mas->bits, 36);
    EXPECT_EQ(db.lookup_oui(*MacAddress::parse("70:b3:d5:1a:3f:ff")), nullptr);
    EXPECT_EQ(db.rules_for_field("sadp.device_description").size(), 1u);
}

TEST(SignatureLoader, InvalidYamlNamesFileLineAndColumn) {
    SigDir s;
    std::string broken = replaced(kRules, "    weight: 0.9\n", "    weight: [0.9\n");
    auto load = s.load_with("rules/acme.yaml", broken);
    ASSERT_FALSE(load.ok());
    bool found = false;
    for (const auto& e : load.errors) {
        if (e.find("invalid YAML") == std::string::npos) continue;
        found = true;
        EXPECT_TRUE(std::regex_search(e, std::regex(R"(^signatures/rules/acme\.yaml:\d+:\d+: invalid YAML)"))) << e;
    }
    EXPECT_TRUE(found) << all(load.errors);
}

// Every id vendors.yaml defines is unknown when it cannot be read: the one syntax error is
// reported, not one error per listing and rule that names a vendor.
TEST(SignatureLoader, OneSyntaxErrorDoesNotCascadeIntoUnknownIds) {
    SigDir s;
    auto load = s.load_with("vendors.yaml", kVendors + "  - id: [broken\n");
    ASSERT_FALSE(load.ok());
    ASSERT_EQ(load.errors.size(), 2u) << all(load.errors);
    EXPECT_TRUE(std::regex_search(load.errors[0], std::regex(R"(^signatures/vendors\.yaml:\d+:\d+: invalid YAML)"))) << load.errors[0];
    EXPECT_NE(load.errors[1].find("references between files not checked"), std::string::npos) << load.errors[1];
    for (const auto& e : load.errors) EXPECT_EQ(e.find("unknown vendor"), std::string::npos) << e;
}

TEST(SignatureLoader, InvalidYamlLineIsTheOffendingLine) {
    SigDir s;
    // A tab-less but badly indented mapping on line 4.
    write_file(s.dir / "policy.yaml", "thresholds:\n  covered: 0.8\n  likely_covered: 0.3\n not_covered: \"0.7\n");
    auto load = s.load();
    ASSERT_FALSE(load.ok());
    bool found = false;
    for (const auto& e : load.errors)
        if (e.rfind("signatures/policy.yaml:", 0) == 0 && e.find("invalid YAML") != std::string::npos) {
            found = true;
            std::smatch m;
            ASSERT_TRUE(std::regex_search(e, m, std::regex(R"(^signatures/policy\.yaml:(\d+):(\d+):)")));
            int line = std::stoi(m[1]);
            EXPECT_GE(line, 4) << e;
            EXPECT_LE(line, 5) << e;
        }
    EXPECT_TRUE(found) << all(load.errors);
}

TEST(SignatureLoader, UnknownVendorInRule) {
    SigDir s;
    std::string text = replaced(kRules, "      vendor: acme\n", "      vendor: acmee\n");
    auto load = s.load_with("rules/acme.yaml", text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/acme.yaml", line_of(text, "vendor: acmee"), "'acmee' is not a vendor id");
}

TEST(SignatureLoader, UnknownVendorInRelation) {
    SigDir s;
    std::string text = replaced(kVendors, "        target: acme\n", "        target: nobody\n");
    auto load = s.load_with("vendors.yaml", text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "vendors.yaml", line_of(text, "      - type: oem_of"), "unknown vendor id 'nobody'");
}

TEST(SignatureLoader, UnknownVendorInListing) {
    SigDir s;
    std::string text = replaced(kListings, "    entity_ref: acme\n", "    entity_ref: acme-corp\n");
    auto load = s.load_with("listings.yaml", text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "listings.yaml", line_of(text, "entity_ref: acme-corp"), "unknown vendor id 'acme-corp'");
}

TEST(SignatureLoader, UnknownVendorInOuiFile) {
    SigDir s;
    std::string text = replaced(kOui, "vendor: acme\n", "vendor: acme2\n");
    auto load = s.load_with("oui/acme.yaml", text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "oui/acme.yaml", 1, "'acme2' is not a vendor id");
}

TEST(SignatureLoader, BadRegex) {
    SigDir s;
    std::string text = replaced(kRules, "'^(AC-[0-9A-Z]+)'", "'^(AC-[0-9A-Z+'");
    auto load = s.load_with("rules/acme.yaml", text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/acme.yaml", line_of(text, "regex:"), "bad regex");
}

TEST(SignatureLoader, LookAroundIsNotRe2) {
    SigDir s;
    std::string text = replaced(kRules, "'^(AC-[0-9A-Z]+)'", "'^(AC-(?=[0-9])[0-9A-Z]+)'");
    auto load = s.load_with("rules/acme.yaml", text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/acme.yaml", line_of(text, "regex:"), "bad regex");
}

TEST(SignatureLoader, TemplateGroupBeyondPattern) {
    SigDir s;
    std::string text = replaced(kRules, "      model: \"{1}\"\n", "      model: \"{2}\"\n");
    auto load = s.load_with("rules/acme.yaml", text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/acme.yaml", line_of(text, "model: \"{2}\""), "uses {2}");
}

TEST(SignatureLoader, RelationCycle) {
    SigDir s;
    std::string text = replaced(kVendors, "    country: CN\n", "    country: CN\n    relations:\n      - type: subsidiary_of\n        target: relabel\n"
                                                   "        certainty: low\n        source: \"made up\"\n");
    auto load = s.load_with("vendors.yaml", text);
    ASSERT_FALSE(load.ok());
    bool found = false;
    for (const auto& e : load.errors)
        if (e.find("relation cycle") != std::string::npos) {
            found = true;
            EXPECT_NE(e.find("acme"), std::string::npos) << e;
            EXPECT_NE(e.find("relabel"), std::string::npos) << e;
            EXPECT_EQ(e.rfind("signatures/vendors.yaml:", 0), 0u) << e;
        }
    EXPECT_TRUE(found) << all(load.errors);
}

TEST(SignatureLoader, ComponentSupplierLoopIsNoCycle) {
    SigDir s;
    std::string text = replaced(kVendors, "    country: CN\n", "    country: CN\n    relations:\n      - type: component_supplier\n        target: relabel\n"
                                                                 "        certainty: low\n        source: \"made up\"\n");
    auto load = s.load_with("vendors.yaml", text);
    EXPECT_TRUE(load.ok()) << all(load.errors);
}

TEST(SignatureLoader, DuplicateRuleIdAcrossFiles) {
    SigDir s;
    auto load = s.load_with("rules/zzz.yaml", kRules);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zzz.yaml", line_of(kRules, "  - id: acme.sadp.model"), "duplicate rule id 'acme.sadp.model'");
    EXPECT_NE(all(load.errors).find("first at signatures/rules/acme.yaml:"), std::string::npos) << all(load.errors);
}

TEST(SignatureLoader, DuplicateVendorId) {
    SigDir s;
    std::string text = kVendors + "  - id: acme\n    name: \"Other Acme\"\n    kind: brand\n";
    auto load = s.load_with("vendors.yaml", text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "vendors.yaml", line_of(text, "  - id: acme\n    name: \"Other") , "duplicate vendor id 'acme'");
}

TEST(SignatureLoader, WeightOutOfRange) {
    for (const char* weight : {"0", "1.5", "-0.2", "heavy"}) {
        SigDir s;
        std::string text = replaced(kRules, "    weight: 0.9\n", std::string("    weight: ") + weight + "\n");
        auto load = s.load_with("rules/acme.yaml", text);
        EXPECT_FALSE(load.ok()) << weight;
        bool named = false;
        for (const auto& e : load.errors)
            if (e.rfind("signatures/rules/acme.yaml:" + std::to_string(line_of(text, "weight:")) + ":", 0) == 0) named = true;
        EXPECT_TRUE(named) << weight << ":\n" << all(load.errors);
    }
}

TEST(SignatureLoader, WeightNotANumberIsRejected) {
    // std::stod accepts "nan": a NaN weight passes "(0, 1]" range checks written as v <= 0 || v > 1.
    SigDir s;
    std::string text = replaced(kRules, "    weight: 0.9\n", "    weight: nan\n");
    auto load = s.load_with("rules/acme.yaml", text);
    EXPECT_FALSE(load.ok()) << "weight: nan was accepted";
}

TEST(SignatureLoader, UnknownKeys) {
    SigDir s;
    std::string text = replaced(kRules, "    weight: 0.9\n", "    weight: 0.9\n    wieght: 0.5\n");
    write_file(s.dir / "rules" / "acme.yaml", text);
    std::string vendors = replaced(kVendors, "        source: \"a public source\"\n", "        source: \"a public source\"\n        sorce: typo\n");
    auto load = s.load_with("vendors.yaml", vendors);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/acme.yaml", line_of(text, "wieght"), "unknown key 'wieght'");
    expect_error_at(load, "vendors.yaml", line_of(vendors, "sorce"), "unknown key 'sorce'");
}

TEST(SignatureLoader, BadDates) {
    for (const char* date : {"2018-13-01", "18-01-01", "2018/01/01", "2018-01-32", "yesterday"}) {
        SigDir s;
        std::string text = replaced(kVendors, "        since: 2019-01-01\n", std::string("        since: ") + date + "\n");
        auto load = s.load_with("vendors.yaml", text);
        ASSERT_FALSE(load.ok()) << date;
        expect_error_at(load, "vendors.yaml", line_of(text, "since:"), "must be a date YYYY-MM-DD");
    }
}

// The databases' own dates drive the staleness of a verdict: a malformed one fails lint.
TEST(SignatureLoader, MalformedAsOf) {
    for (const auto& [file, base] : {std::pair{"vendors.yaml", kVendors}, std::pair{"listings.yaml", kListings}}) {
        SigDir s;
        std::string text = replaced(base, "as_of: 2026-11-23\n", "as_of: 23.11.2026\n");
        auto load = s.load_with(file, text);
        ASSERT_FALSE(load.ok()) << file;
        expect_error_at(load, file, line_of(text, "as_of:"), "'as_of' must be a date YYYY-MM-DD, got '23.11.2026'");
    }
}

TEST(SignatureLoader, NonexistentCalendarDate) {
    SigDir s;
    std::string text = replaced(kListings, "    date_added: 2018-08-13\n", "    date_added: 2021-02-30\n");
    auto load = s.load_with("listings.yaml", text);
    EXPECT_FALSE(load.ok()) << "2021-02-30 does not exist but was accepted";
}

TEST(SignatureLoader, SinceNotBeforeUntil) {
    SigDir s;
    std::string text = replaced(kVendors, "        since: 2019-01-01\n", "        since: 2019-01-01\n        until: 2018-01-01\n");
    auto load = s.load_with("vendors.yaml", text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "vendors.yaml", line_of(text, "      - type: oem_of"), "is not before 'until'");
}

TEST(SignatureLoader, MissingOrEmptyExamples) {
    {
        SigDir s;
        std::string text = replaced(kRules, "    examples:\n      - value: \"AC-100X\"\n        expect: {vendor: acme, model: AC-100X}\n", "");
        auto load = s.load_with("rules/acme.yaml", text);
        ASSERT_FALSE(load.ok());
        expect_error_at(load, "rules/acme.yaml", line_of(text, "  - id: acme.sadp.model"), "missing 'examples'");
    }
    {
        SigDir s;
        std::string text = replaced(kRules, "    examples:\n      - value: \"AC-100X\"\n        expect: {vendor: acme, model: AC-100X}\n",
                                    "    examples: []\n");
        auto load = s.load_with("rules/acme.yaml", text);
        ASSERT_FALSE(load.ok());
        expect_error_at(load, "rules/acme.yaml", line_of(text, "  - id: acme.sadp.model"), "at least one example");
    }
    {
        SigDir s;
        std::string text = replaced(kRules, "    counter_examples:\n      - \"DS-2CD\"\n", "");
        auto load = s.load_with("rules/acme.yaml", text);
        ASSERT_FALSE(load.ok());
        expect_error_at(load, "rules/acme.yaml", line_of(text, "  - id: acme.sadp.model"), "missing 'counter_examples'");
    }
}

TEST(SignatureLoader, OtherSchemaErrors) {
    SigDir s;
    std::string rules = replaced(kRules, "      model: \"{1}\"\n", "      model: \"{1}\"\n      colour: red\n      device_type: toaster\n");
    write_file(s.dir / "rules" / "acme.yaml", rules);
    std::string vendors = replaced(kVendors, "    kind: manufacturer\n", "    kind: factory\n");
    vendors = replaced(vendors, "        certainty: medium\n", "        certainty: sure\n");
    write_file(s.dir / "vendors.yaml", vendors);
    std::string listings = replaced(kListings, "    status: V1\n", "    status: V9\n");
    listings = replaced(listings, "    regime: section889\n", "    regime: section899\n");
    write_file(s.dir / "listings.yaml", listings);
    std::string oui = replaced(kOui, "\"A4BBCC\"", "\"a4bbcc\"");
    auto load = s.load_with("oui/acme.yaml", oui);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/acme.yaml", line_of(rules, "colour"), "cannot set 'colour'");
    expect_error_at(load, "rules/acme.yaml", line_of(rules, "toaster"), "unknown device_type 'toaster'");
    expect_error_at(load, "vendors.yaml", line_of(vendors, "factory"), "vendor kind 'factory'");
    expect_error_at(load, "vendors.yaml", line_of(vendors, "sure"), "certainty must be high, medium or low");
    expect_error_at(load, "listings.yaml", line_of(listings, "V9"), "status must be V1, V2 or U");
    expect_error_at(load, "listings.yaml", line_of(listings, "section899"), "unknown regime 'section899'");
    expect_error_at(load, "oui/acme.yaml", line_of(oui, "a4bbcc"), "upper-case hex");
}

TEST(SignatureLoader, MissingDirectoryAndFiles) {
    auto none = load_signatures("/nonexistent/camsweep/signatures");
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.errors[0].find("not found"), std::string::npos);
    SigDir s;
    fs::remove(s.dir / "policy.yaml");
    fs::remove_all(s.dir / "rules");
    auto load = s.load();
    ASSERT_FALSE(load.ok());
    std::string text = all(load.errors);
    EXPECT_NE(text.find("policy.yaml"), std::string::npos) << text;
    EXPECT_NE(text.find("rules directory not found"), std::string::npos) << text;
}

TEST(SignatureLoader, BundledDatabaseLoadsClean) {
    auto load = load_signatures(CAMSWEEP_SOURCE_DIR "/signatures");
    EXPECT_TRUE(load.ok()) << all(load.errors);
    const auto& db = load.database;
    EXPECT_GT(db.vendors.size(), 30u);
    EXPECT_GT(db.rules.size(), 20u);
    EXPECT_GT(db.ouis.size(), 100u);
    EXPECT_FALSE(db.listings.empty());
    for (const char* id : {"hikvision", "dahua", "huawei", "zte", "hytera", "lorex", "d-link", "edimax", "assmann"})
        EXPECT_NE(db.vendor(id), nullptr) << id;
    // The Hikvision OUI of the DS-2CD2385G1-I (5850ED) and Dahua's 08EDED are known.
    ASSERT_NE(db.lookup_oui(*MacAddress::parse("58:50:ed:1f:e3:85")), nullptr);
    EXPECT_EQ(db.lookup_oui(*MacAddress::parse("58:50:ed:1f:e3:85"))->vendor, "hikvision");
    ASSERT_NE(db.lookup_oui(*MacAddress::parse("08:ed:ed:87:42:7a")), nullptr);
    EXPECT_EQ(db.lookup_oui(*MacAddress::parse("08:ed:ed:87:42:7a"))->vendor, "dahua");
    // A locally administered address never matches an OUI.
    EXPECT_EQ(db.lookup_oui(*MacAddress::parse("5a:50:ed:1f:e3:85")), nullptr);
}

TEST(SignatureLoader, CorruptedCopyOfTheBundledDatabase) {
    TempDir tmp;
    fs::path dir = tmp.path() / "signatures";
    fs::copy(CAMSWEEP_SOURCE_DIR "/signatures", dir, fs::copy_options::recursive);
    {
        auto clean = load_signatures(dir.string());
        ASSERT_TRUE(clean.ok()) << all(clean.errors);
    }
    // Point Lorex's subsidiary edge at a vendor that does not exist.
    std::string vendors = read_file(dir / "vendors.yaml");
    auto lorex = vendors.find("  - id: lorex\n");
    ASSERT_NE(lorex, std::string::npos);
    auto target = vendors.find("        target: dahua\n", lorex);
    ASSERT_NE(target, std::string::npos);
    vendors.replace(target, std::string("        target: dahua\n").size(), "        target: dahau\n");
    write_file(dir / "vendors.yaml", vendors);
    auto relation_line = 1 + std::count(vendors.begin(), vendors.begin() + static_cast<std::ptrdiff_t>(vendors.rfind("      - type:", target)), '\n');
    auto load = load_signatures(dir.string());
    ASSERT_FALSE(load.ok());
    ASSERT_EQ(load.errors.size(), 1u) << all(load.errors);
    EXPECT_EQ(load.errors[0].rfind("signatures/vendors.yaml:" + std::to_string(relation_line) + ":", 0), 0u) << load.errors[0];
    EXPECT_NE(load.errors[0].find("'dahau'"), std::string::npos);
}

}  // namespace
}  // namespace camsweep
