#pragma once
// The in-memory signature database: vendors and their relations, legal listings, OUIs,
// fingerprint rules and the verdict policy (docs/signatures.md).
#include <re2/re2.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "camsweep/core/address.hpp"

namespace camsweep {

// A calendar date; compares chronologically.
struct Date {
    int year = 0, month = 0, day = 0;
    static std::optional<Date> parse(std::string_view text);  // YYYY-MM-DD
    std::string to_string() const;
    int key() const { return year * 10000 + month * 100 + day; }
    // Days since 1970-01-01 (proleptic Gregorian): differences between dates are in days.
    long days_since_epoch() const;
    auto operator<=>(const Date& other) const { return key() <=> other.key(); }
    bool operator==(const Date& other) const { return key() == other.key(); }
};

// Where a definition sits in the YAML, for messages of the form file:line:col.
struct SourcePlace {
    std::string file;
    int line = 0;
    int column = 0;
    std::string to_string() const;
};

enum class Certainty : std::uint8_t { low, medium, high };
std::string_view to_string(Certainty);

enum class RelationType : std::uint8_t { subsidiary_of, affiliate_of, oem_of, component_supplier, related };
std::string_view to_string(RelationType);

struct Relation {
    RelationType type = RelationType::related;
    std::string target;
    std::optional<Date> since, until;
    Certainty certainty = Certainty::low;
    std::string status;  // V1 | V2 | U
    std::string source;
    std::string models;  // glob, empty = all
    // Only some of the source's products come from the target and no source says which: the
    // edge counts half, is never strong, and firmware evidence of the source's own breaks it.
    bool partial = false;
    std::string note;
    SourcePlace place;

    bool holds_on(const Date& date) const {
        return (!since || *since <= date) && (!until || date < *until);
    }
};

struct Vendor {
    std::string id, name, display, kind, country;
    std::vector<std::string> aliases;
    std::vector<Relation> relations;
    SourcePlace place;
};

struct Regime {
    std::string id, name, citation, url, consequence;
    bool makes_covered = false;
};

struct Listing {
    std::string id, regime, paragraph, entity, entity_ref;
    std::vector<std::string> equipment_scope;
    std::string purpose_qualifier;
    bool covers_subsidiaries = false;
    std::optional<Date> date_added, date_removed;
    std::string citation, url, status, consequence, notes;
    SourcePlace place;

    bool in_force_on(const Date& date) const {
        return (!date_added || *date_added <= date) && (!date_removed || date < *date_removed);
    }
};

struct OuiPrefix {
    std::uint64_t value = 0;  // the prefix bits, left-aligned in a 48-bit MAC value
    int bits = 24;            // 24 (MA-L), 28 (MA-M) or 36 (MA-S)
    std::string vendor, registry, org;
};

enum class MatchKind : std::uint8_t { exact, prefix, contains, regex };

struct RuleExample {
    std::string value;
    std::map<std::string, std::string> expect;
    SourcePlace place;
};

struct Rule {
    std::string id, description, field;
    MatchKind kind = MatchKind::exact;
    std::string pattern;
    bool case_insensitive = false;
    std::shared_ptr<const re2::RE2> regex;
    std::vector<std::pair<std::string, std::string>> sets;  // attribute -> template with {N}
    // A vendor or brand template ("{1}") captures a maker's name as the device wrote it
    // ("Mfg=Xerox", "SERVER: DrayTek/..."): the name is looked up in vendors.yaml, and an
    // unknown name claims nothing (SignatureDatabase::vendor_named).
    bool names_vendor = false;
    double weight = 0;
    std::vector<std::string> references;
    std::vector<RuleExample> examples;
    std::vector<std::pair<std::string, SourcePlace>> counter_examples;
    SourcePlace place;
};

struct Policy {
    double covered_threshold = 0.8;
    double likely_covered_threshold = 0.3;
    double not_covered_threshold = 0.7;
    std::map<std::string, double> certainty_factor{{"high", 1.0}, {"medium", 0.8}, {"low", 0.5}};
    std::map<std::string, double> oui_weight_by_kind;  // vendor kind -> weight of an OUI match
    double certainty_factor_of(Certainty c) const;
};

struct SignatureDatabase {
    std::string directory;
    std::string vendors_as_of, listings_as_of;
    std::string oui_as_of;  // the newest source_date of the OUI files: the registry snapshot's date
    std::map<std::string, Vendor> vendors;
    std::map<std::string, Regime> regimes;
    std::vector<Listing> listings;
    std::vector<OuiPrefix> ouis;
    std::vector<Rule> rules;
    Policy policy;

    const Vendor* vendor(std::string_view id) const;
    std::string display_name(std::string_view vendor_id) const;
    // Longest registered prefix (MA-S, then MA-M, then MA-L) covering this MAC.
    const OuiPrefix* lookup_oui(const MacAddress& mac) const;
    // Rules that inspect this observation field.
    const std::vector<const Rule*>& rules_for_field(std::string_view field) const;
    // The vendor whose id, display name, legal name or an alias is this name, compared on
    // letters and digits only, case folded ("ASUSTeK", "AVM Berlin", "hpe aruba"); empty when
    // no vendor or more than one has it.
    std::string vendor_named(std::string_view name) const;

    void build_indexes();  // after loading

private:
    std::unordered_map<std::uint64_t, std::size_t> oui_index_[3];  // by 36, 28, 24 bits
    // Looked up by string_view (no key copy for each field of each observation).
    struct FieldHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
    };
    std::unordered_map<std::string, std::vector<const Rule*>, FieldHash, std::equal_to<>> rules_by_field_;
    std::unordered_map<std::string, std::string> vendor_by_name_;  // folded name -> id ("" when shared)
};

}  // namespace camsweep
