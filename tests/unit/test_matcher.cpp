// Applying rules to field values: match kinds, case folding, {N} templates, rule self-tests.
#include <gtest/gtest.h>

#include <set>

#include "bundled_signatures.hpp"
#include "camsweep/classify/classifier.hpp"
#include "camsweep/signatures/loader.hpp"
#include "camsweep/signatures/matcher.hpp"

namespace camsweep {
namespace {

Rule make_rule(MatchKind kind, std::string pattern, std::vector<std::pair<std::string, std::string>> sets, bool ci = false) {
    Rule r;
    r.id = "test.rule";
    r.field = "test.field";
    r.kind = kind;
    r.pattern = std::move(pattern);
    r.case_insensitive = ci;
    r.sets = std::move(sets);
    r.weight = 0.9;
    if (kind == MatchKind::regex) {
        re2::RE2::Options options;
        options.set_case_sensitive(!ci);
        options.set_log_errors(false);
        auto re = std::make_shared<re2::RE2>(r.pattern, options);
        EXPECT_TRUE(re->ok()) << re->error();
        r.regex = std::move(re);
    }
    return r;
}

std::string claim(const std::optional<RuleMatch>& m, std::string_view attribute) {
    if (!m) return "<no match>";
    for (const auto& [k, v] : m->claims)
        if (k == attribute) return v;
    return "<no claim>";
}

TEST(Matcher, Exact) {
    auto r = make_rule(MatchKind::exact, "ProbeMatch", {{"vendor", "hikvision"}, {"model", "{0}"}});
    auto m = match_rule(r, "ProbeMatch");
    ASSERT_TRUE(m);
    EXPECT_EQ(claim(m, "vendor"), "hikvision");
    EXPECT_EQ(claim(m, "model"), "ProbeMatch");
    EXPECT_FALSE(match_rule(r, "probematch"));
    EXPECT_FALSE(match_rule(r, "ProbeMatches"));
    EXPECT_FALSE(match_rule(r, " ProbeMatch"));
    EXPECT_FALSE(match_rule(r, ""));
    auto ci = make_rule(MatchKind::exact, "ProbeMatch", {{"vendor", "hikvision"}}, true);
    EXPECT_TRUE(match_rule(ci, "PROBEMATCH"));
    EXPECT_FALSE(match_rule(ci, "PROBEMATCHES"));
}

TEST(Matcher, Prefix) {
    auto r = make_rule(MatchKind::prefix, "udhcp ", {{"device_type", "iot"}});
    EXPECT_TRUE(match_rule(r, "udhcp 1.22.1"));
    EXPECT_FALSE(match_rule(r, "UDHCP 1.22.1"));
    EXPECT_FALSE(match_rule(r, "udhcp"));
    EXPECT_FALSE(match_rule(r, "dhcpcd-5.5.6 udhcp 1"));
    auto ci = make_rule(MatchKind::prefix, "udhcp ", {{"device_type", "iot"}}, true);
    EXPECT_TRUE(match_rule(ci, "UDHCP 1.22.1"));
}

TEST(Matcher, Contains) {
    auto r = make_rule(MatchKind::contains, "DCS-935L", {{"vendor", "d-link"}, {"model", "DCS-935L"}});
    auto m = match_rule(r, "Linux,    UPnP/1.0 DCS-935L/1.0");
    ASSERT_TRUE(m);
    EXPECT_EQ(claim(m, "model"), "DCS-935L");
    EXPECT_FALSE(match_rule(r, "Linux, UPnP/1.0 dcs-935l/1.0"));
    auto ci = make_rule(MatchKind::contains, "dcs-935l", {{"vendor", "d-link"}}, true);
    EXPECT_TRUE(match_rule(ci, "Linux, UPnP/1.0 DCS-935L/1.0"));
    EXPECT_FALSE(match_rule(ci, "Linux, UPnP/1.0 DCS-930L/1.0"));
}

TEST(Matcher, RegexCapturesFillTemplates) {
    auto r = make_rule(MatchKind::regex, R"(^(DS-[0-9A-Z]+(?:-[0-9A-Z/()]+)*?)(\d{8})([A-Z]{4,5})(\d+))",
                       {{"vendor", "hikvision"}, {"model", "{1}"}, {"firmware", "built {2}"}, {"serial", "{0}"}, {"device_type", "camera"}});
    auto m = match_rule(r, "DS-2CD2385G1-I20200414AAWRE33842150");
    ASSERT_TRUE(m);
    EXPECT_EQ(claim(m, "model"), "DS-2CD2385G1-I");
    EXPECT_EQ(claim(m, "firmware"), "built 20200414");
    EXPECT_EQ(claim(m, "serial"), "DS-2CD2385G1-I20200414AAWRE33842150");
    EXPECT_EQ(claim(m, "vendor"), "hikvision");
    EXPECT_EQ(m->claims.size(), 5u);
    EXPECT_FALSE(match_rule(r, "6C01E93PAG69A7D"));
}

TEST(Matcher, RegexIsUnanchoredAndZeroIsTheMatchedText) {
    auto r = make_rule(MatchKind::regex, R"(DCS-(\d+)[A-Z]*)", {{"model", "{0}"}, {"device_type", "camera"}});
    auto m = match_rule(r, "Linux,    UPnP/1.0 DCS-935L/1.0");
    ASSERT_TRUE(m);
    EXPECT_EQ(claim(m, "model"), "DCS-935L");
}

TEST(Matcher, RegexCaseInsensitive) {
    auto r = make_rule(MatchKind::regex, R"(^hikvision\s+(\S+))", {{"model", "{1}"}}, true);
    EXPECT_EQ(claim(match_rule(r, "HIKVISION DS-2CD3955FWD-IWS"), "model"), "DS-2CD3955FWD-IWS");
    auto cs = make_rule(MatchKind::regex, R"(^hikvision\s+(\S+))", {{"model", "{1}"}}, false);
    EXPECT_FALSE(match_rule(cs, "HIKVISION DS-2CD3955FWD-IWS"));
}

TEST(Matcher, EmptyCaptureDropsTheClaim) {
    // Group 1 is optional: when it does not take part, the model claim disappears but the
    // match and the other claims stay.
    auto r = make_rule(MatchKind::regex, R"(^(?:name/)?(DS-\S+)?\s*HIKVISION)", {{"vendor", "hikvision"}, {"model", "{1}"}});
    auto m = match_rule(r, "HIKVISION");
    ASSERT_TRUE(m);
    EXPECT_EQ(claim(m, "vendor"), "hikvision");
    EXPECT_EQ(claim(m, "model"), "<no claim>");
    // A group that matched the empty string is dropped too.
    auto e = make_rule(MatchKind::regex, R"(^Version:(\S*)$)", {{"firmware", "{1}"}, {"device_type", "camera"}});
    auto em = match_rule(e, "Version:");
    ASSERT_TRUE(em);
    EXPECT_EQ(claim(em, "firmware"), "<no claim>");
    EXPECT_EQ(claim(em, "device_type"), "camera");
    // Whitespace-only results are empty after trimming.
    auto w = make_rule(MatchKind::regex, R"(^Model:(\s*))", {{"model", "{1}"}});
    EXPECT_EQ(claim(match_rule(w, "Model:   "), "model"), "<no claim>");
}

TEST(Matcher, TemplatesReferencingMissingGroups) {
    auto r = make_rule(MatchKind::regex, R"(^(AC)-(\d+))", {{"model", "{1}{2}"}, {"firmware", "{9}"}, {"serial", "x{3}y"}});
    auto m = match_rule(r, "AC-100");
    ASSERT_TRUE(m);
    EXPECT_EQ(claim(m, "model"), "AC100");
    EXPECT_EQ(claim(m, "firmware"), "<no claim>");
    EXPECT_EQ(claim(m, "serial"), "xy");
    // Literal braces that are no template stay.
    auto lit = make_rule(MatchKind::exact, "x", {{"model", "{a} {10}"}});
    EXPECT_EQ(claim(match_rule(lit, "x"), "model"), "{a} {10}");
    // Non-regex rules have only {0}.
    auto pre = make_rule(MatchKind::prefix, "DS-", {{"model", "{0}"}, {"firmware", "{1}"}});
    auto pm = match_rule(pre, "DS-2CD2143G0-I");
    EXPECT_EQ(claim(pm, "model"), "DS-2CD2143G0-I");
    EXPECT_EQ(claim(pm, "firmware"), "<no claim>");
}

TEST(Matcher, ClaimsAreBounded) {
    auto r = make_rule(MatchKind::regex, R"(^(.*)$)", {{"model", "{1}"}});
    std::string huge(100000, 'M');
    auto m = match_rule(r, huge);
    ASSERT_TRUE(m);
    EXPECT_EQ(claim(m, "model").size(), 512u);
}

TEST(Matcher, RegexWithoutCompiledPatternNeverMatches) {
    Rule r = make_rule(MatchKind::exact, "x", {{"vendor", "v"}});
    r.kind = MatchKind::regex;
    r.regex.reset();
    EXPECT_FALSE(match_rule(r, "x"));
}

TEST(Matcher, SelfTestReportsFailingExamplesWithTheirPlace) {
    SignatureDatabase db;
    Rule r = make_rule(MatchKind::regex, R"(^(AC-\d+))", {{"vendor", "acme"}, {"model", "{1}"}});
    r.id = "acme.model";
    r.examples.push_back({"AC-100", {{"model", "AC-100"}}, {"rules/acme.yaml", 10, 9}});
    r.examples.push_back({"AC-200", {{"model", "AC-999"}}, {"rules/acme.yaml", 12, 9}});
    r.examples.push_back({"XX-300", {}, {"rules/acme.yaml", 14, 9}});
    r.counter_examples.push_back({"DS-2CD", {"rules/acme.yaml", 16, 9}});
    r.counter_examples.push_back({"AC-1", {"rules/acme.yaml", 17, 9}});
    db.rules.push_back(r);
    auto report = run_rule_examples(db);
    EXPECT_EQ(report.examples_run, 5u);
    ASSERT_EQ(report.failures.size(), 3u);
    EXPECT_EQ(report.failures[0].rfind("rules/acme.yaml:12:9: rule acme.model", 0), 0u) << report.failures[0];
    EXPECT_NE(report.failures[0].find("AC-999"), std::string::npos);
    EXPECT_EQ(report.failures[1].rfind("rules/acme.yaml:14:9:", 0), 0u) << report.failures[1];
    EXPECT_NE(report.failures[1].find("does not match"), std::string::npos);
    EXPECT_EQ(report.failures[2].rfind("rules/acme.yaml:17:9:", 0), 0u) << report.failures[2];
    EXPECT_NE(report.failures[2].find("counter-example"), std::string::npos);
}

TEST(Matcher, BundledRuleExamplesAllPass) {
    auto load = load_signatures(CAMSWEEP_SOURCE_DIR "/signatures");
    ASSERT_TRUE(load.ok());
    auto report = run_rule_examples(load.database);
    EXPECT_GT(report.examples_run, 50u);
    std::string text;
    for (const auto& f : report.failures) text += f + "\n";
    EXPECT_TRUE(report.failures.empty()) << text;
}

TEST(Matcher, BundledRulesOnRealWireValues) {
    auto load = load_signatures(CAMSWEEP_SOURCE_DIR "/signatures");
    ASSERT_TRUE(load.ok());
    const auto& db = load.database;
    auto vendors_for = [&](std::string_view field, std::string_view value) {
        std::set<std::string> out;
        for (const Rule* r : db.rules_for_field(field))
            if (auto m = match_rule(*r, value))
                for (auto& [k, v] : m->claims)
                    if (k == "vendor") out.insert(v);
        return out;
    };
    EXPECT_TRUE(vendors_for("sadp.device_sn", "DS-2CD2385G1-I20200414AAWRE33842150").contains("hikvision"));
    EXPECT_TRUE(vendors_for("sadp.message", "ProbeMatch").contains("hikvision"));
    EXPECT_FALSE(vendors_for("sadp.message", "Probe").contains("hikvision"));
    EXPECT_TRUE(vendors_for("dhip.method", "client.notifyDevInfo").contains("dahua"));
    EXPECT_FALSE(vendors_for("dhip.method", "DHDiscover.search").contains("dahua"));
}

// A rule whose vendor is a captured name ("{1}") looks the name up in vendors.yaml.
TEST(NamedMakers, NamesAreLookedUpOnLettersAndDigits) {
    const SignatureDatabase& db = bundled_signatures();
    EXPECT_EQ(db.vendor_named("ASUSTeK"), "asus");
    EXPECT_EQ(db.vendor_named("asustek"), "asus");
    EXPECT_EQ(db.vendor_named("D-Link"), db.vendor_named("dlink"));
    EXPECT_EQ(db.vendor_named("Axis Communications AB"), "axis");  // the legal name
    EXPECT_EQ(db.vendor_named("Acme Cameras"), "");
    EXPECT_EQ(db.vendor_named(""), "");

    SignatureDatabase shared;
    shared.vendors["one"] = Vendor{.id = "one", .name = "One Co", .display = "One", .kind = "manufacturer"};
    shared.vendors["two"] = Vendor{.id = "two", .name = "Two Co", .display = "Two", .kind = "brand"};
    shared.vendors["two"].aliases = {"One"};  // two vendors answer to "One": it names neither
    shared.build_indexes();
    EXPECT_EQ(shared.vendor_named("One"), "");
    EXPECT_EQ(shared.vendor_named("Two Co"), "two");
}

TEST(NamedMakers, UnknownNamesChipMakersAndHoldingsClaimNothing) {
    const SignatureDatabase& db = bundled_signatures();
    const Rule* mfg = nullptr;
    for (const auto& r : db.rules)
        if (r.id == "named.dhcp.vendor_class.mfg") mfg = &r;
    ASSERT_NE(mfg, nullptr);
    EXPECT_TRUE(mfg->names_vendor);
    auto xerox = match_rule(*mfg, "Mfg=Xerox;Typ=MFP;Mod=VersaLink C405", db);
    EXPECT_EQ(claim(xerox, "vendor"), "xerox");
    EXPECT_EQ(claim(xerox, "brand"), "xerox");
    // Without the database the claim is the name as written, not an id.
    EXPECT_EQ(claim(match_rule(*mfg, "Mfg=Xerox;Typ=MFP"), "vendor"), "Xerox");
    EXPECT_FALSE(match_rule(*mfg, "Mfg=Acme Printers;Typ=MFP", db));
    EXPECT_FALSE(match_rule(*mfg, "Mfg=Realtek;Typ=MFP", db));  // a chip maker (component_maker)
    EXPECT_FALSE(match_rule(*mfg, "Mfg=CETC;Typ=MFP", db));     // a holding company
}

// A maker's own rule and the name lookup read one label: one piece of evidence, so a manufacturer
// field alone never reaches the not-covered threshold twice over.
TEST(NamedMakers, TheLookupAddsNothingWhereAMakersRuleReadTheValue) {
    const SignatureDatabase& db = bundled_signatures();
    auto judged = [&](std::string field, std::string value) {
        Device d;
        Observation o;
        o.protocol = "test";
        o.add(field, value);
        d.observations.push_back(o);
        classify(d, db);
        return d;
    };
    Device axis = judged("onvif.manufacturer", "AXIS");
    ASSERT_EQ(axis.evidence.size(), 1u);
    EXPECT_EQ(axis.evidence[0].rule_id, "axis.onvif.manufacturer");
    EXPECT_LT(axis.best("vendor")->confidence, db.policy.not_covered_threshold);

    Device milesight = judged("onvif.manufacturer", "Milesight");  // no rule of its own: the lookup
    ASSERT_EQ(milesight.evidence.size(), 1u);
    EXPECT_EQ(milesight.evidence[0].rule_id, "named.onvif.manufacturer");
    EXPECT_EQ(milesight.best_value("vendor"), "milesight");
}

}  // namespace
}  // namespace camsweep
