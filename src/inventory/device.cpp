#include "camsweep/inventory/device.hpp"

namespace camsweep {

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
