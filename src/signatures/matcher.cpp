#include "camsweep/signatures/matcher.hpp"

#include "camsweep/core/text.hpp"

namespace camsweep {
namespace {

constexpr int kMaxGroups = 10;  // {0} .. {9}

// Fills "{N}" references with capture groups; an unmatched group leaves the claim empty.
std::string fill_template(std::string_view pattern, const re2::StringPiece* groups, int group_count) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
            int g = pattern[i + 1] - '0';
            if (g < group_count && groups[g].data() != nullptr) out.append(groups[g].data(), groups[g].size());
            i += 2;
            continue;
        }
        out += pattern[i];
    }
    return std::string(trim(out));
}

}  // namespace

std::optional<RuleMatch> match_rule(const Rule& rule, std::string_view value) {
    re2::StringPiece groups[kMaxGroups];
    int group_count = 1;
    switch (rule.kind) {
        case MatchKind::exact:
            if (rule.case_insensitive ? !iequals(value, rule.pattern) : value != rule.pattern) return std::nullopt;
            groups[0] = re2::StringPiece(value.data(), value.size());
            break;
        case MatchKind::prefix:
            if (rule.case_insensitive ? !istarts_with(value, rule.pattern) : !value.starts_with(rule.pattern)) return std::nullopt;
            groups[0] = re2::StringPiece(value.data(), value.size());
            break;
        case MatchKind::contains: {
            bool found = rule.case_insensitive ? to_lower(value).find(to_lower(rule.pattern)) != std::string::npos
                                               : value.find(rule.pattern) != std::string_view::npos;
            if (!found) return std::nullopt;
            groups[0] = re2::StringPiece(value.data(), value.size());
            break;
        }
        case MatchKind::regex: {
            if (!rule.regex) return std::nullopt;
            group_count = std::min(kMaxGroups, rule.regex->NumberOfCapturingGroups() + 1);
            re2::StringPiece text(value.data(), value.size());
            if (!rule.regex->Match(text, 0, text.size(), re2::RE2::UNANCHORED, groups, group_count)) return std::nullopt;
            break;
        }
    }
    RuleMatch match;
    for (const auto& [attribute, pattern] : rule.sets) {
        std::string filled = fill_template(pattern, groups, group_count);
        if (!filled.empty()) match.claims.emplace_back(attribute, bounded_text(filled));
    }
    return match;
}

std::optional<RuleMatch> match_rule(const Rule& rule, std::string_view value, const SignatureDatabase& db) {
    auto match = match_rule(rule, value);
    if (!match || !rule.names_vendor) return match;
    auto& claims = match->claims;
    for (auto& [attribute, claimed] : claims)
        if (attribute == "vendor" || attribute == "brand") {
            // A chip maker or a holding company named in a banner did not make the device.
            const Vendor* named = db.vendor(db.vendor_named(claimed));
            claimed = named && named->kind != "component_maker" && named->kind != "holding" ? named->id : "";
        }
    std::erase_if(claims, [](const auto& claim) { return claim.second.empty(); });
    if (claims.empty()) return std::nullopt;
    return match;
}

SelfTestReport run_rule_examples(const SignatureDatabase& db) {
    SelfTestReport report;
    for (const auto& rule : db.rules) {
        for (const auto& example : rule.examples) {
            ++report.examples_run;
            auto match = match_rule(rule, example.value, db);
            if (!match) {
                report.failures.push_back(example.place.to_string() + ": rule " + rule.id + ": example '" + printable(example.value) +
                                          "' does not match");
                continue;
            }
            for (const auto& [key, expected] : example.expect) {
                std::string got;
                for (const auto& [k, v] : match->claims)
                    if (k == key) got = v;
                if (got != expected)
                    report.failures.push_back(example.place.to_string() + ": rule " + rule.id + ": example '" + printable(example.value) +
                                              "' sets " + key + "='" + printable(got) + "', expected '" + printable(expected) + "'");
            }
        }
        for (const auto& [value, place] : rule.counter_examples) {
            ++report.examples_run;
            if (match_rule(rule, value, db))
                report.failures.push_back(place.to_string() + ": rule " + rule.id + ": counter-example '" + printable(value) +
                                          "' matches");
        }
    }
    return report;
}

}  // namespace camsweep
