#include "camsweep/core/observation.hpp"

namespace camsweep {

void Observation::add(std::string key, std::string value) {
    if (value.empty()) return;
    fields.push_back({std::move(key), std::move(value)});
}

std::optional<std::string_view> Observation::get(std::string_view key) const {
    for (const auto& f : fields)
        if (f.key == key) return std::string_view(f.value);
    return std::nullopt;
}

}  // namespace camsweep
