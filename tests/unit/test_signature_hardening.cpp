// Hostile signature files (docs/robustness.md "Hostile inputs"): YAML alias bombs and node
// floods are rejected before any node is built, regexes can never stall a run (RE2 is linear,
// and patterns over its memory budget are rejected), and wrong types and duplicate ids are
// errors naming file:line:col. The rest of the loader's messages: test_signature_loader.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "camsweep/signatures/loader.hpp"
#include "camsweep/signatures/matcher.hpp"
#include "signature_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;
namespace fs = std::filesystem;

// A copy of the bundled database with one extra rule file, rules/zz-hostile.yaml.
struct HostileDir : SignatureDir {
    HostileDir() { fs::copy(CAMSWEEP_SOURCE_DIR "/signatures", dir, fs::copy_options::recursive); }
    using SignatureDir::load_with;
    SignatureLoad load_with(const std::string& rule_file) { return load_with("rules/zz-hostile.yaml", rule_file); }
};

// A valid rule around a given match block and optional extra keys.
std::string rule_file(std::string_view id, std::string_view match, std::string_view example, std::string_view counter,
                      std::string_view extra = "") {
    return "rules:\n"
           "  - id: " + std::string(id) + "\n"
           "    field: http.server\n"
           "    match:\n"
           "      " + std::string(match) + "\n"
           "    sets:\n"
           "      vendor: axis\n"
           "    weight: 0.5\n"
           "    references: [\"test\"]\n" + std::string(extra) +
           "    examples:\n"
           "      - '" + std::string(example) + "'\n"
           "    counter_examples:\n"
           "      - '" + std::string(counter) + "'\n";
}

const Rule* find_rule(const SignatureDatabase& db, std::string_view id) {
    for (const auto& r : db.rules)
        if (r.id == id) return &r;
    return nullptr;
}

TEST(SignatureHardening, TheFixtureLoadsClean) {
    HostileDir h;
    auto load = h.load_with(rule_file("zz.fine", "contains: 'fine'", "fine", "other"));
    EXPECT_TRUE(load.ok()) << all(load.errors);
    EXPECT_NE(find_rule(load.database, "zz.fine"), nullptr);
}

TEST(SignatureHardening, BillionLaughsIsRejectedWithoutExpansion) {
    // Nine levels of nine references: 9^9 (387 million) strings if it were ever expanded.
    std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    for (char level = 'b'; level <= 'i'; ++level) {
        std::string prev(1, static_cast<char>(level - 1));
        bomb += std::string(1, level) + ": &" + std::string(1, level) + " [";
        for (int i = 0; i < 9; ++i) bomb += (i ? ",*" : "*") + prev;
        bomb += "]\n";
    }
    bomb += "rules: *i\n";
    HostileDir h;
    auto load = h.load_with(bomb);  // returns: nothing was expanded
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", 2, "YAML aliases are not allowed in signature files");
    EXPECT_NE(load.errors.front().find("rules/zz-hostile.yaml:2:8: YAML aliases are not allowed in signature files"), std::string::npos)
        << all(load.errors);
}

TEST(SignatureHardening, EvenOneAliasIsRejectedInEveryKindOfFile) {
    HostileDir h;
    std::string text = rule_file("zz.alias", "contains: &pattern 'fine'", "fine", "other", "    description: *pattern\n");
    auto load = h.load_with(text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", line_of(text, "*pattern"), "YAML aliases are not allowed in signature files");
    // In a later document of the same file, and in the other files.
    HostileDir later;
    std::string two_docs = rule_file("zz.fine", "contains: 'fine'", "fine", "other") + "---\nx: &x 1\ny: *x\n";
    load = later.load_with(two_docs);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", line_of(two_docs, "y: *x"), "YAML aliases are not allowed");
    HostileDir policy;
    std::string p = read_file(policy.dir / "policy.yaml") + "extra: &e 1\nmore: *e\n";
    load = policy.load_with("policy.yaml", p);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "policy.yaml", line_of(p, "more: *e"), "YAML aliases are not allowed");
}

TEST(SignatureHardening, AnchorWithoutAliasIsHarmless) {
    HostileDir h;
    auto load = h.load_with(rule_file("zz.anchor", "contains: &pattern 'fine'", "fine", "other"));
    EXPECT_TRUE(load.ok()) << all(load.errors);
}

TEST(SignatureHardening, NodeFloodIsCappedPerFile) {
    std::string flood = "rules:\n";
    flood.reserve(1200000);
    for (int i = 0; i < 250000; ++i) flood += "- 1\n";
    HostileDir h;
    auto load = h.load_with(flood);
    ASSERT_FALSE(load.ok());
    // The map, its key and the list are 3 nodes, so item 199,998 (on line 199,999) is node 200,001.
    expect_error_at(load, "rules/zz-hostile.yaml", 1 + 199998, "more than 200000 YAML nodes in one signature file");
}

TEST(SignatureHardening, DeepNestingIsAnErrorNotACrash) {
    HostileDir h;
    std::string deep = "rules: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    auto load = h.load_with(deep);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", 1, "invalid YAML");
}

TEST(SignatureHardening, CatastrophicBacktrackingPatternsStayLinear) {
    HostileDir h;
    std::string text = rule_file("zz.nested-plus", "regex: '(a+)+$'", "aaaa", "aaab") +
                       rule_file("zz.overlap", "regex: '(x+x+)+y'", "xxy", "xxxx").substr(std::string("rules:\n").size());
    auto load = h.load_with(text);
    ASSERT_TRUE(load.ok()) << all(load.errors);
    const Rule* nested = find_rule(load.database, "zz.nested-plus");
    const Rule* overlap = find_rule(load.database, "zz.overlap");
    ASSERT_NE(nested, nullptr);
    ASSERT_NE(overlap, nullptr);
    // 100 KB values built to make a backtracking engine take exponential time: RE2 answers
    // in one pass (this test would not finish otherwise), and answers correctly.
    const std::string a_then_b = std::string(100000, 'a') + "b";
    const std::string only_x = std::string(100000, 'x');
    EXPECT_FALSE(match_rule(*nested, a_then_b));
    EXPECT_TRUE(match_rule(*nested, std::string(100000, 'a')));
    EXPECT_FALSE(match_rule(*overlap, only_x));
    EXPECT_TRUE(match_rule(*overlap, only_x + "y"));
}

TEST(SignatureHardening, OversizedPatternsAreRejectedWithThePlace) {
    HostileDir h;
    // Nested counted repetition: RE2 refuses it while parsing.
    std::string nested = rule_file("zz.nested-count", "regex: '((a{100}){100}){100}'", "a", "b");
    auto load = h.load_with(nested);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", line_of(nested, "regex:"), "bad regex: invalid repetition size");
    // A pattern whose program would exceed the 8 MiB budget: RE2 refuses to compile it.
    HostileDir big;
    std::string huge = rule_file("zz.huge", "regex: '\\pL{1000}'", "a", "b");
    load = big.load_with(huge);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", line_of(huge, "regex:"), "bad regex: pattern too large - compile failed");
}

TEST(SignatureHardening, TooManyCaptureGroupsAndOversizedFiles) {
    HostileDir h;
    std::string groups = rule_file("zz.groups", "regex: '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)'", "abcdefghij", "b");
    auto load = h.load_with(groups);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", line_of(groups, "regex:"), "more than 9 capture groups");
    // 9 MiB of comment: refused by size before it is parsed.
    HostileDir big;
    load = big.load_with(std::string(9 * 1024 * 1024, '#'));
    ASSERT_FALSE(load.ok());
    bool found = std::any_of(load.errors.begin(), load.errors.end(), [](const std::string& e) {
        return e == "signatures/rules/zz-hostile.yaml: file is larger than 8 MiB";
    });
    EXPECT_TRUE(found) << all(load.errors);
}

TEST(SignatureHardening, WrongTypesNameThePlace) {
    struct Case {
        const char* extra;  // replaces the references line
        const char* needle;
        const char* message;
    };
    for (const Case& c : {Case{"    references: 5\n", "references: 5", "'references' must be a list of strings"},
                          Case{"    references: {a: b}\n", "references: {", "'references' must be a list of strings"},
                          Case{"    references: [[\"nested\"]]\n", "references: [[", "each entry of 'references' must be a string"},
                          Case{"    description: {text: x}\n    references: [\"t\"]\n", "description:", "'description' must be a string"},
                          Case{"    description: [a, b]\n    references: [\"t\"]\n", "description:", "'description' must be a string"},
                          Case{"    weight: [0.5]\n    references: [\"t\"]\n", "weight: [", "'weight' must be a string"}}) {
        HostileDir h;
        std::string text = rule_file("zz.types", "contains: 'fine'", "fine", "other");
        std::string refs = "    references: [\"test\"]\n";
        text.replace(text.find(refs), refs.size(), c.extra);
        if (std::string_view(c.needle).starts_with("weight")) text.replace(text.find("    weight: 0.5\n"), 16, "");
        auto load = h.load_with(text);
        ASSERT_FALSE(load.ok()) << c.extra;
        expect_error_at(load, "rules/zz-hostile.yaml", line_of(text, c.needle), c.message);
    }
    // Whole blocks of the wrong kind.
    HostileDir h;
    std::string text = "rules:\n  - id: zz.blocks\n    field: http.server\n    match: 'regex'\n    sets: [vendor, axis]\n"
                       "    weight: 0.5\n    examples: 'x'\n    counter_examples: 7\n";
    auto load = h.load_with(text);
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", 2, "needs a 'match' mapping");
    expect_error_at(load, "rules/zz-hostile.yaml", 2, "needs a non-empty 'sets' mapping");
    expect_error_at(load, "rules/zz-hostile.yaml", line_of(text, "examples: 'x'"), "'examples' must be a list");
    expect_error_at(load, "rules/zz-hostile.yaml", line_of(text, "counter_examples: 7"), "'counter_examples' must be a list");
    // A top level that is a list or a scalar, and a rules list of scalars.
    HostileDir top;
    load = top.load_with("- rules\n- more\n");
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", 1, "top level must be a mapping");
    HostileDir scalars;
    load = scalars.load_with("rules: [1, 2]\n");
    ASSERT_FALSE(load.ok());
    expect_error_at(load, "rules/zz-hostile.yaml", 1, "each rule must be a mapping");
}

TEST(SignatureHardening, DuplicateListingAndRegimeIds) {
    HostileDir h;
    std::string listings = read_file(h.dir / "listings.yaml");
    // Repeat the first regime and the first listing verbatim at the end of their lists.
    auto regimes_at = listings.find("regimes:\n");
    auto first_regime = listings.find("  - id:", regimes_at);
    auto listings_at = listings.find("\nlistings:\n");
    ASSERT_NE(first_regime, std::string::npos);
    ASSERT_NE(listings_at, std::string::npos);
    auto next_regime = listings.find("\n  - id:", first_regime + 1);
    std::string regime = listings.substr(first_regime, next_regime + 1 - first_regime);
    auto first_listing = listings.find("  - id:", listings_at);
    auto next_listing = listings.find("\n  - id:", first_listing + 1);
    std::string listing = listings.substr(first_listing, next_listing + 1 - first_listing);
    std::string text = listings.substr(0, listings_at + 1) + regime + listings.substr(listings_at + 1);
    if (text.back() != '\n') text += '\n';
    text += listing;
    auto load = h.load_with("listings.yaml", text);
    ASSERT_FALSE(load.ok());
    std::string regime_id = regime.substr(8, regime.find('\n') - 8);
    std::string listing_id = listing.substr(8, listing.find('\n') - 8);
    const int regime_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(listings_at + 1), '\n'));
    expect_error_at(load, "listings.yaml", regime_line, "duplicate regime id '" + regime_id + "'");
    const int listing_line = 1 + static_cast<int>(std::count(text.begin(), text.end() - static_cast<std::ptrdiff_t>(listing.size()), '\n'));
    expect_error_at(load, "listings.yaml", listing_line, "duplicate listing id '" + listing_id + "'");
}

}  // namespace
}  // namespace camsweep
