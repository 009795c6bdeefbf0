#pragma once
// Comparing two camsweep JSON reports (docs/report-format.md, "Diff"): devices that are new,
// gone, or changed (firmware, model, maker, addresses, verdict, listings). Devices are matched by
// MAC, then serial number, then UUID, then (for NVR channels) by channel behind a matched
// recorder; never by IP address or by dev-NNN id, which only mean something within one report.
// MACs, serials and UUIDs follow the correlator's identity rule (inventory/identity.hpp): a
// placeholder ("N/A", "000000000000", a nil UUID, ...) matches nothing, and neither does a value
// that several devices of one report carry.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "camsweep/core/result.hpp"

namespace camsweep {

// What one report says about one device, as far as a diff needs it. Absent text is "".
struct DiffDevice {
    std::string id;  // dev-NNN within its own report
    std::vector<std::string> macs, ips, serials, uuids;
    std::string parent, channel;  // parent: the recorder's id within the same report
    std::string vendor_id, vendor, brand_id, brand;  // vendors.yaml ids and display names
    std::string model, firmware, device_type;
    std::string status;     // verdict status
    double confidence = 0;  // verdict confidence
    std::vector<std::string> listings, other_listings;  // listing ids
    std::string chain;      // "lorex -oem_of-> dahua | ...", as in the CSV report
};

// One difference of a matched device. For a single-valued field (vendor, brand, model,
// firmware, device_type, verdict, confidence, chain) `before` and `after` are the two values, ""
// when absent. For a set (mac, ip, serial, listing, other_listing) there is one change per value:
// added (`before` "") or removed (`after` "").
struct DiffChange {
    std::string field;
    std::string before, after;
};

struct MatchedDevice {
    DiffDevice older, newer;
    std::string matched_by;  // "mac", "serial", "uuid" or "channel"
    std::string key;         // the shared MAC, serial or UUID; for "channel" the channel name
    std::vector<DiffChange> changes;
};

struct DiffReportInfo {
    std::string source;  // file name, "" when not read from a file
    std::string camsweep_version, audit_date;
    std::size_t devices = 0;
};

struct InventoryDiff {
    DiffReportInfo older, newer;
    std::vector<DiffDevice> new_devices;      // in the newer report only, in its order
    std::vector<DiffDevice> gone_devices;     // in the older report only, in its order
    std::vector<MatchedDevice> changed;       // matched, with at least one change, newer order
    std::size_t unchanged = 0;                // matched without a change
};

// Compares two parsed reports. Fails (one line, naming "older report" or "newer report" and the
// place) when either is not a camsweep-inventory document of format_version 1 to 4 (the two may
// differ: version 2 only adds each device's "sent" fields, version 3 its "mac_origins" and version
// 4 the title, site, notices, peers and input digests, which the diff does not compare).
Parsed<InventoryDiff> diff_reports(const nlohmann::json& older, const nlohmann::json& newer);

// Reads and parses one report file and checks `format` and `format_version`. Errors are one line
// naming the file: "old.json: not valid JSON: parse error at line 3, column 5: ...".
Parsed<nlohmann::json> read_report(const std::string& path);

// read_report on both files, then diff_reports; errors name the file. Fills older/newer.source.
Parsed<InventoryDiff> diff_report_files(const std::string& older_path, const std::string& newer_path);

// Terminal table within 100 columns; every report string passes through printable().
void write_diff_table(std::ostream& out, const InventoryDiff& diff);
// JSON ("format": "camsweep-inventory-diff", "format_version": 1, the diff format's own version,
// independent of the reports'; docs/report-format.md).
void write_diff_json(std::ostream& out, const InventoryDiff& diff);
// One self-contained HTML page (inline CSS, no scripts); every string HTML-escaped.
void write_diff_html(std::ostream& out, const InventoryDiff& diff);

}  // namespace camsweep
