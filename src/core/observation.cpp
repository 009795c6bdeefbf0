#include "camsweep/core/observation.hpp"

namespace camsweep {

void FieldList::add(std::string key, std::string value) {
    if (value.empty() || size() >= kMaxFieldsPerObservation) return;
    if (capacity() == 0) reserve(16);  // most messages have a handful to a dozen fields: one allocation
    push_back({std::move(key), std::move(value)});
}

std::optional<std::string_view> FieldList::get(std::string_view key) const {
    for (const auto& f : *this)
        if (f.key == key) return std::string_view(f.value);
    return std::nullopt;
}

void Observation::add(std::string key, std::string value) { fields.add(std::move(key), std::move(value)); }

std::optional<std::string_view> Observation::get(std::string_view key) const { return fields.get(key); }

}  // namespace camsweep
