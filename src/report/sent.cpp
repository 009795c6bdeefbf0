// What a device sent: the one selection of observed field values every report writer uses
// (include/camsweep/report/sent.hpp, docs/report-format.md).
#include "camsweep/report/sent.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace camsweep {

bool is_identity_field(std::string_view key) { return key.starts_with("id."); }

SentFields sent_fields(const Device& device, std::size_t limit) {
    // Views into the device's observations, which outlive this function's work.
    using Key = std::tuple<std::string_view, std::string_view, std::string_view>;
    std::map<Key, std::size_t> seen;  // -> index into `all`
    struct Entry {
        const Observation* obs;
        const Field* field;
        double first_seen;
    };
    std::vector<Entry> all;
    for (const auto& obs : device.observations) {
        for (const auto& f : obs.fields) {
            if (f.value.empty() || is_identity_field(f.key)) continue;
            auto [it, inserted] = seen.try_emplace(Key{obs.protocol, f.key, f.value}, all.size());
            if (inserted) {
                all.push_back({&obs, &f, obs.time});
            } else {
                Entry& e = all[it->second];
                e.first_seen = std::min(e.first_seen, obs.time);
            }
        }
    }
    // Observations are kept in arrival order, which across several captures (or a merge of two
    // devices) is not time order: sort by first_seen, keeping arrival order between equals.
    std::stable_sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) { return a.first_seen < b.first_seen; });
    SentFields out;
    const std::size_t kept = std::min(limit, all.size());
    out.fields.reserve(kept);
    for (std::size_t i = 0; i < kept; ++i)
        out.fields.push_back(SentField{all[i].obs->protocol, all[i].field->key, all[i].field->value, all[i].first_seen});
    out.omitted = all.size() - kept;
    return out;
}

std::string sent_text(const SentField& entry) { return entry.field + "=" + entry.value; }

}  // namespace camsweep
