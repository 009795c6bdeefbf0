#include "camsweep/report/notices.hpp"

#include "camsweep/core/text.hpp"

namespace camsweep {

std::string_view to_string(NoticeKind kind) {
    switch (kind) {
        case NoticeKind::incomplete_input: return "incomplete-input";
        case NoticeKind::stale_listings: return "stale-listings";
        case NoticeKind::devices_evicted: return "devices-evicted";
    }
    return "notice";
}

std::string input_display_name(const std::string& path) {
    if (path == "-") return "standard input";
    if (path.rfind("live:", 0) == 0 || path.rfind("scan", 0) == 0) return printable(path);
    const auto slash = path.find_last_of('/');
    return printable(slash == std::string::npos ? path : path.substr(slash + 1));
}

std::vector<ReportNotice> report_notices(const Inventory& inventory) {
    std::vector<ReportNotice> notices;
    for (const auto& in : inventory.inputs) {
        if (in.complete) continue;
        notices.push_back({NoticeKind::incomplete_input,
                           "Incomplete input: " + input_display_name(in.path) + ": " + printable(in.error) +
                               ". Devices read before the problem are listed; whatever came after it is missing from this report."});
    }
    if (const auto listed = Date::parse(inventory.listings_as_of)) {
        const long age = inventory.audit_date.days_since_epoch() - listed->days_since_epoch();
        if (inventory.audit_date.year > 0 && age > kStaleListingDays)
            notices.push_back({NoticeKind::stale_listings,
                               "The listings are dated " + inventory.listings_as_of + ", " + std::to_string(age) +
                                   " days before the audit date " + inventory.audit_date.to_string() +
                                   ": the lists change, and a company added since is not flagged. Update the signature database "
                                   "(a newer camsweep, or signatures/listings.yaml from the sources in docs/data-sources.md, then "
                                   "camsweep signatures lint), or judge as of the listings' date with --audit-date."});
    }
    std::uint64_t evicted = 0;
    for (const auto& in : inventory.inputs) evicted += in.devices_evicted;
    if (evicted > 0)
        notices.push_back({NoticeKind::devices_evicted,
                           std::to_string(evicted) + " device(s) were dropped: more devices were seen than --max-devices holds. "
                                                     "Covered and likely-covered devices are kept before any other; raise "
                                                     "--max-devices to keep them all."});
    return notices;
}

}  // namespace camsweep
