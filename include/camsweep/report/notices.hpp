#pragma once
// What every report must say before its devices, whatever its format: an input that was not
// read to its end, listings too old for the audit date, devices dropped because the table was
// full. Each writer shows them its own way (table footer, HTML banner, JSON "notices",
// CycloneDX properties); docs/report-format.md §7.
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/inventory/inventory.hpp"

namespace camsweep {

// Listings dated more than this many days before the audit date are stale: the lists change
// (the FCC Covered List and the Entity List are amended several times a year).
inline constexpr long kStaleListingDays = 90;

enum class NoticeKind { incomplete_input, stale_listings, devices_evicted };
std::string_view to_string(NoticeKind);

struct ReportNotice {
    NoticeKind kind;
    std::string text;  // one or two sentences, printable
};

std::vector<ReportNotice> report_notices(const Inventory& inventory);

// How an input is named in a report handed to someone else: its file name without the local
// directories ("/home/alice/audits/site.pcap" → "site.pcap"), "standard input" for "-", and a
// live or scan input as it is ("live:eth0").
std::string input_display_name(const std::string& path);

}  // namespace camsweep
