#include "camsweep/inventory/device.hpp"

#include <algorithm>

namespace camsweep {

std::string_view to_string(DeviceCategory category) {
    switch (category) {
        case DeviceCategory::surveillance: return "surveillance";
        case DeviceCategory::telecom: return "telecom";
        case DeviceCategory::it_other: return "it-other";
        default: return "unidentified";
    }
}

bool MacOrigin::has(std::string_view source) const {
    return std::find(sources.begin(), sources.end(), source) != sources.end();
}

bool MacOrigin::identifies_device() const {
    return std::any_of(sources.begin(), sources.end(), [](const std::string& s) { return s != kRoutedFrame; });
}

const std::vector<ScoredValue>* Device::candidates(std::string_view attribute) const {
    for (const auto& [name, values] : attributes)
        if (name == attribute) return &values;
    return nullptr;
}

const ScoredValue* Device::best(std::string_view attribute) const {
    auto* values = candidates(attribute);
    return values && !values->empty() ? &values->front() : nullptr;
}

std::string Device::best_value(std::string_view attribute) const {
    auto* b = best(attribute);
    return b ? b->value : std::string();
}

}  // namespace camsweep
