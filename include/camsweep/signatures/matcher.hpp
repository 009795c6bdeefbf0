#pragma once
// Applying one rule to one field value.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/signatures/database.hpp"

namespace camsweep {

struct RuleMatch {
    std::vector<std::pair<std::string, std::string>> claims;  // attribute -> value (templates filled)
};

std::optional<RuleMatch> match_rule(const Rule& rule, std::string_view value);
// The same, with a captured maker's name (Rule::names_vendor) turned into its vendor id; a name
// vendors.yaml does not know drops the vendor and brand claims, and a rule left with no claim
// does not match.
std::optional<RuleMatch> match_rule(const Rule& rule, std::string_view value, const SignatureDatabase& db);

// Runs every rule's examples and counter-examples; returns one message per failure.
struct SelfTestReport {
    std::size_t examples_run = 0;
    std::vector<std::string> failures;
};
SelfTestReport run_rule_examples(const SignatureDatabase& db);

}  // namespace camsweep
