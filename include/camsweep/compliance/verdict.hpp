#pragma once
// The compliance verdict of one device: §889 / FCC Covered List status on one axis, other
// regimes (Entity List, 1260H, NS-CMIC) as separate flags (research/listings.md §8.3).
#include <string>
#include <string_view>
#include <vector>

namespace camsweep {

enum class VerdictStatus { covered, likely_covered, not_covered, unknown };
std::string_view to_string(VerdictStatus);

// One edge walked from the device's brand or maker to a listed entity.
struct ChainLink {
    std::string from, relation, to;  // vendor ids; relation: subsidiary_of, oem_of, ... or "produced_by"
    std::string certainty, status, source, since, until;
};

struct ListingHit {
    std::string listing_id, regime, regime_name, entity, entity_ref, paragraph;
    std::string citation, url, status, consequence;
    bool makes_covered = false;
};

struct Verdict {
    VerdictStatus status = VerdictStatus::unknown;
    double confidence = 0;
    std::string producer;                 // vendor id the verdict rests on
    std::vector<ListingHit> listings;     // regimes that make the device covered
    std::vector<ChainLink> chain;         // how the producer reaches the listed entity
    std::vector<ListingHit> other_listings;  // Entity List, 1260H, NS-CMIC ...: flags, never "covered"
    std::vector<ChainLink> related;       // component suppliers and alleged ties: reported, not a verdict
    bool purpose_qualified = false;       // §889(f)(3)(B): coverage depends on the purpose of use
    std::string purpose_qualifier;
    std::string reason;                   // one sentence an auditor can read
};

}  // namespace camsweep
