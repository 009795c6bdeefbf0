#include "camsweep/signatures/database.hpp"

#include <chrono>
#include <cstdio>
#include <set>

#include "camsweep/core/text.hpp"

namespace camsweep {

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    Date d;
    if (!digits(0, 4, d.year) || !digits(5, 2, d.month) || !digits(8, 2, d.day)) return std::nullopt;
    if (d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    if (d.day > kDays[d.month - 1] + (d.month == 2 && leap ? 1 : 0)) return std::nullopt;
    return d;
}

long Date::days_since_epoch() const {
    const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                                    std::chrono::day{static_cast<unsigned>(day)}};
    return static_cast<long>(days.time_since_epoch().count());
}

std::string Date::to_string() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string SourcePlace::to_string() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string_view to_string(Certainty c) {
    switch (c) {
        case Certainty::high: return "high";
        case Certainty::medium: return "medium";
        default: return "low";
    }
}

std::string_view to_string(RelationType t) {
    switch (t) {
        case RelationType::subsidiary_of: return "subsidiary_of";
        case RelationType::affiliate_of: return "affiliate_of";
        case RelationType::oem_of: return "oem_of";
        case RelationType::component_supplier: return "component_supplier";
        default: return "related";
    }
}

double Policy::certainty_factor_of(Certainty c) const {
    auto it = certainty_factor.find(std::string(to_string(c)));
    return it == certainty_factor.end() ? 0.5 : it->second;
}

const Vendor* SignatureDatabase::vendor(std::string_view id) const {
    auto it = vendors.find(std::string(id));
    return it == vendors.end() ? nullptr : &it->second;
}

std::string SignatureDatabase::display_name(std::string_view vendor_id) const {
    const Vendor* v = vendor(vendor_id);
    if (!v) return std::string(vendor_id);
    return v->display.empty() ? v->name : v->display;
}

void SignatureDatabase::build_indexes() {
    for (auto& index : oui_index_) index.clear();
    for (std::size_t i = 0; i < ouis.size(); ++i) {
        int slot = ouis[i].bits == 36 ? 0 : ouis[i].bits == 28 ? 1 : 2;
        oui_index_[slot].emplace(ouis[i].value, i);
    }
    rules_by_field_.clear();
    for (const auto& rule : rules) rules_by_field_[rule.field].push_back(&rule);
    vendor_by_name_.clear();
    for (const auto& [id, v] : vendors) {
        std::set<std::string> names{alnum_folded(id), alnum_folded(v.display), alnum_folded(v.name)};
        for (const auto& alias : v.aliases) names.insert(alnum_folded(alias));
        for (const auto& name : names) {
            if (name.empty()) continue;
            auto [it, fresh] = vendor_by_name_.emplace(name, id);
            if (!fresh && it->second != id) it->second.clear();  // two vendors share it: name neither
        }
    }
}

std::string SignatureDatabase::vendor_named(std::string_view name) const {
    auto it = vendor_by_name_.find(alnum_folded(name));
    return it == vendor_by_name_.end() ? std::string() : it->second;
}

const OuiPrefix* SignatureDatabase::lookup_oui(const MacAddress& mac) const {
    if (mac.is_locally_administered() || mac.is_multicast()) return nullptr;
    const std::uint64_t value = mac.as_u64();
    constexpr int kBits[3] = {36, 28, 24};
    for (int slot = 0; slot < 3; ++slot) {
        std::uint64_t prefix = value & (~std::uint64_t{0} << (48 - kBits[slot])) & 0xffffffffffffULL;
        if (auto it = oui_index_[slot].find(prefix); it != oui_index_[slot].end()) return &ouis[it->second];
    }
    return nullptr;
}

const std::vector<const Rule*>& SignatureDatabase::rules_for_field(std::string_view field) const {
    static const std::vector<const Rule*> kNone;
    auto it = rules_by_field_.find(field);
    return it == rules_by_field_.end() ? kNone : it->second;
}

}  // namespace camsweep
