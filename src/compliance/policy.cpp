#include "camsweep/compliance/policy.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cstdio>
#include <set>

namespace camsweep {
namespace {

constexpr int kMaxChainDepth = 8;

std::string_view to_text(double v, char* buf, std::size_t n) {
    std::snprintf(buf, n, "%.2f", v);
    return buf;
}

// One way a device reaches a listing: candidate vendor -> relations -> listed entity.
struct Hit {
    const Listing* listing = nullptr;
    double confidence = 0;
    bool strong = false;  // every edge medium/high certainty and not U, listing not U
    std::vector<ChainLink> chain;
};

class Walker {
public:
    Walker(const SignatureDatabase& db, const Date& date, std::string model) : db_(db), date_(date), model_(std::move(model)) {}

    // `own_firmware`: rules (not only a MAC prefix) name `id` as the device's producer, so its
    // partial OEM edges (some products built by another maker, which ones unknown) do not apply.
    void walk(const std::string& id, double confidence, bool strong, bool through_ownership,
              std::vector<ChainLink>& chain, int depth, bool own_firmware = false) {
        if (depth > kMaxChainDepth) return;
        for (const auto& listing : db_.listings) {
            if (listing.entity_ref != id || !listing.in_force_on(date_)) continue;
            // Ownership edges reach a listing only if it covers subsidiaries and affiliates;
            // OEM edges ("produced by") reach it directly.
            if (through_ownership && !listing.covers_subsidiaries) continue;
            hits.push_back({&listing, confidence, strong && listing.status != "U", chain});
        }
        const Vendor* vendor = db_.vendor(id);
        if (!vendor) return;
        for (const auto& rel : vendor->relations) {
            if (!rel.holds_on(date_)) continue;
            ChainLink link{id, std::string(to_string(rel.type)), rel.target, std::string(to_string(rel.certainty)), rel.status,
                           rel.source, rel.since ? rel.since->to_string() : "", rel.until ? rel.until->to_string() : ""};
            if (rel.type == RelationType::component_supplier || rel.type == RelationType::related) {
                related.push_back(std::move(link));
                continue;
            }
            double factor = db_.policy.certainty_factor_of(rel.certainty);
            bool edge_strong = rel.certainty != Certainty::low && rel.status != "U";
            if (rel.partial) {
                if (own_firmware && rel.type == RelationType::oem_of) continue;
                factor *= 0.5;
                edge_strong = false;
            }
            // An edge scoped to some models: skipped when the model is known and outside the
            // scope; halved (and weak) when the model is unknown.
            if (!rel.models.empty() && rel.models != "*") {
                if (!model_.empty() && fnmatch(rel.models.c_str(), model_.c_str(), 0) != 0) continue;
                if (model_.empty()) {
                    factor *= 0.5;
                    edge_strong = false;
                }
            }
            bool ownership = rel.type != RelationType::oem_of;
            chain.push_back(std::move(link));
            walk(rel.target, confidence * factor, strong && edge_strong, through_ownership || ownership, chain, depth + 1);
            chain.pop_back();
        }
    }

    std::vector<Hit> hits;
    std::vector<ChainLink> related;

private:
    const SignatureDatabase& db_;
    Date date_;
    std::string model_;
};

ListingHit to_hit(const Listing& l, const SignatureDatabase& db) {
    ListingHit h;
    h.listing_id = l.id;
    h.regime = l.regime;
    auto regime = db.regimes.find(l.regime);
    if (regime != db.regimes.end()) {
        h.regime_name = regime->second.name;
        h.makes_covered = regime->second.makes_covered;
    }
    h.entity = l.entity;
    h.entity_ref = l.entity_ref;
    h.paragraph = l.paragraph;
    h.citation = l.citation;
    h.url = l.url;
    h.status = l.status;
    h.consequence = l.consequence;
    return h;
}

// A MAC prefix alone never clears a device (research/traps.md: relabelers register their own
// blocks, distributors' prefixes ship on others' products): a clean maker needs some evidence
// other than an OUI that names it.
bool named_beyond_mac_prefix(const Device& device, const std::string& vendor) {
    return std::any_of(device.evidence.begin(), device.evidence.end(), [&](const Evidence& e) {
        return e.protocol != "oui" && e.weight > 0 &&
               std::find(e.claims.begin(), e.claims.end(), std::pair<std::string, std::string>{"vendor", vendor}) != e.claims.end();
    });
}

bool makes_covered(const Listing& l, const SignatureDatabase& db) {
    auto regime = db.regimes.find(l.regime);
    return regime != db.regimes.end() && regime->second.makes_covered;
}

}  // namespace

std::string_view to_string(VerdictStatus s) {
    switch (s) {
        case VerdictStatus::covered: return "covered";
        case VerdictStatus::likely_covered: return "likely-covered";
        case VerdictStatus::not_covered: return "not-covered";
        default: return "unknown";
    }
}

Verdict judge(const Device& device, const SignatureDatabase& db, const Date& audit_date) {
    const Policy& policy = db.policy;
    Verdict verdict;
    Walker walker(db, audit_date, device.best_value("model"));

    // Who may have produced it: the maker candidates, and the brands (through their OEM and
    // ownership edges).
    double best_clean = 0;
    std::string best_clean_id;
    for (const char* attribute : {"vendor", "brand"}) {
        const auto* candidates = device.candidates(attribute);
        if (!candidates) continue;
        for (const auto& candidate : *candidates) {
            std::size_t before = walker.hits.size();
            std::vector<ChainLink> chain;
            bool own_firmware = std::string_view(attribute) == "vendor" && named_beyond_mac_prefix(device, candidate.value);
            walker.walk(candidate.value, candidate.confidence, true, false, chain, 0, own_firmware);
            bool reaches_covered = false;
            for (std::size_t i = before; i < walker.hits.size(); ++i)
                if (makes_covered(*walker.hits[i].listing, db)) reaches_covered = true;
            if (std::string_view(attribute) == "vendor" && !reaches_covered && candidate.confidence > best_clean) {
                best_clean = candidate.confidence;
                best_clean_id = candidate.value;
            }
        }
    }

    const Hit* best = nullptr;
    const Hit* best_strong = nullptr;
    for (const auto& hit : walker.hits) {
        if (!makes_covered(*hit.listing, db)) continue;
        if (!best || hit.confidence > best->confidence) best = &hit;
        if (hit.strong && (!best_strong || hit.confidence > best_strong->confidence)) best_strong = &hit;
    }

    char buf[16];
    auto describe_hit = [&](const Hit& hit) {
        std::string producer = hit.chain.empty() ? hit.listing->entity_ref : hit.chain.front().from;
        std::string text = db.display_name(producer);
        for (const auto& link : hit.chain) text += " -" + link.relation + "-> " + db.display_name(link.to);
        return text;
    };

    if (best_strong && best_strong->confidence >= policy.covered_threshold) {
        verdict.status = VerdictStatus::covered;
        best = best_strong;
    } else if (best && best->confidence >= policy.likely_covered_threshold) {
        verdict.status = VerdictStatus::likely_covered;
    } else if (best) {
        verdict.status = VerdictStatus::unknown;
    } else if (best_clean >= policy.not_covered_threshold && named_beyond_mac_prefix(device, best_clean_id)) {
        verdict.status = VerdictStatus::not_covered;
    }

    if (best && verdict.status != VerdictStatus::unknown) {
        verdict.confidence = best->confidence;
        verdict.chain = best->chain;
        verdict.producer = best->chain.empty() ? best->listing->entity_ref : best->chain.front().from;
        std::set<std::string> seen;
        for (const auto& hit : walker.hits) {
            if (!makes_covered(*hit.listing, db) || hit.confidence < policy.likely_covered_threshold) continue;
            if (verdict.status == VerdictStatus::covered && !(hit.strong && hit.confidence >= policy.covered_threshold)) continue;
            if (!seen.insert(hit.listing->id).second) continue;
            verdict.listings.push_back(to_hit(*hit.listing, db));
            if (!hit.listing->purpose_qualifier.empty()) {
                verdict.purpose_qualified = true;
                verdict.purpose_qualifier = hit.listing->purpose_qualifier;
            }
        }
        verdict.reason = std::string(verdict.status == VerdictStatus::covered ? "Produced by a listed entity: " : "Probably produced by a listed entity: ") +
                         describe_hit(*best) + " (confidence " + std::string(to_text(best->confidence, buf, sizeof buf)) + ")";
        if (verdict.status == VerdictStatus::likely_covered && !best->strong)
            verdict.reason += "; the chain rests on a low-certainty or unverified fact";
    } else if (verdict.status == VerdictStatus::not_covered) {
        verdict.confidence = best_clean;
        verdict.producer = best_clean_id;
        verdict.reason = "Maker identified as " + db.display_name(best_clean_id) + " (confidence " +
                         std::string(to_text(best_clean, buf, sizeof buf)) + "), not on §889 or the FCC Covered List as of " +
                         audit_date.to_string();
    } else if (best) {
        verdict.confidence = best->confidence;
        verdict.producer = best->chain.empty() ? best->listing->entity_ref : best->chain.front().from;
        verdict.reason = "Weak evidence points to a listed entity (" + describe_hit(*best) + ", confidence " +
                         std::string(to_text(best->confidence, buf, sizeof buf)) + "): not enough to assert, too much to clear";
    } else {
        const ScoredValue* vendor = device.best("vendor");
        verdict.confidence = vendor ? vendor->confidence : 0;
        verdict.producer = vendor ? vendor->value : "";
        std::string confidence = vendor ? std::string(to_text(vendor->confidence, buf, sizeof buf)) : "";
        if (!vendor)
            verdict.reason = "No evidence of the maker";
        else if (!named_beyond_mac_prefix(device, vendor->value))
            verdict.reason = "Likely maker " + db.display_name(vendor->value) + ", by MAC prefix only (confidence " + confidence +
                             "): a MAC prefix alone never clears a device";
        else
            verdict.reason = "Maker evidence too weak to clear: " + db.display_name(vendor->value) + " (confidence " + confidence + ")";
    }

    // Other regimes: separate flags, for makers that are themselves listed (or whose parent is,
    // where the regime covers subsidiaries). Unverified (U) entries are never asserted.
    std::set<std::string> seen_other;
    for (const auto& hit : walker.hits) {
        if (makes_covered(*hit.listing, db) || hit.listing->status == "U") continue;
        if (hit.confidence < policy.likely_covered_threshold) continue;
        if (!seen_other.insert(hit.listing->id).second) continue;
        verdict.other_listings.push_back(to_hit(*hit.listing, db));
    }
    std::set<std::string> seen_related;
    for (auto& link : walker.related)
        if (seen_related.insert(link.from + link.relation + link.to).second) verdict.related.push_back(link);
    return verdict;
}

bool is_finding(const Device& device, std::string_view level) {
    switch (device.verdict.status) {
        case VerdictStatus::covered: return !level.empty();
        case VerdictStatus::likely_covered: return level == "likely-covered" || level == "unknown";
        case VerdictStatus::unknown: return level == "unknown" && device.category != DeviceCategory::it_other;
        default: return false;
    }
}

}  // namespace camsweep
