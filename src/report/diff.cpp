// Diff of two JSON reports (docs/report-format.md, "Diff"). The reports are untrusted input: a
// member of the wrong type reads as absent, and only the document's shape (format, version,
// devices as objects with an id) is an error.
#include "camsweep/report/diff.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "camsweep/core/text.hpp"
#include "camsweep/inventory/identity.hpp"
#include "report_text.hpp"

namespace camsweep {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// --- Reading -----------------------------------------------------------------------------

const json* member(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::string text_of(const json& object, const char* key) {
    const json* v = member(object, key);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::vector<std::string> texts_of(const json& object, const char* key) {
    std::vector<std::string> out;
    const json* v = member(object, key);
    if (!v || !v->is_array()) return out;
    for (const auto& item : *v)
        if (item.is_string() && !item.get_ref<const std::string&>().empty()) out.push_back(item.get<std::string>());
    return out;
}

double number_of(const json& object, const char* key) {
    const json* v = member(object, key);
    return v && v->is_number() ? v->get<double>() : 0.0;
}

// The `id` / `name` of a vendor candidate, or the `value` of a plain one.
std::string candidate_of(const json& device, const char* key, const char* field) {
    const json* v = member(device, key);
    return v ? text_of(*v, field) : std::string();
}

std::vector<std::string> listing_ids(const json& verdict, const char* key) {
    std::vector<std::string> out;
    const json* v = member(verdict, key);
    if (!v || !v->is_array()) return out;
    for (const auto& item : *v)
        if (std::string id = text_of(item, "id"); !id.empty()) out.push_back(id);
    return out;
}

std::string chain_of(const json& verdict) {
    std::string out;
    const json* v = member(verdict, "chain");
    if (!v || !v->is_array()) return out;
    for (const auto& link : *v)
        out += (out.empty() ? "" : " | ") + text_of(link, "from") + " -" + text_of(link, "relation") + "-> " + text_of(link, "to");
    return out;
}

DiffDevice device_of(const json& d) {
    DiffDevice out;
    out.id = text_of(d, "id");
    out.macs = texts_of(d, "macs");
    out.ips = texts_of(d, "ips");
    out.serials = texts_of(d, "serials");
    out.uuids = texts_of(d, "uuids");
    out.parent = text_of(d, "parent");
    out.channel = text_of(d, "channel");
    out.vendor_id = candidate_of(d, "vendor", "id");
    out.vendor = candidate_of(d, "vendor", "name");
    out.brand_id = candidate_of(d, "brand", "id");
    out.brand = candidate_of(d, "brand", "name");
    out.model = candidate_of(d, "model", "value");
    out.firmware = candidate_of(d, "firmware", "value");
    out.device_type = candidate_of(d, "device_type", "value");
    if (const json* v = member(d, "verdict")) {
        out.status = text_of(*v, "status");
        out.confidence = number_of(*v, "confidence");
        out.listings = listing_ids(*v, "listings");
        out.other_listings = listing_ids(*v, "other_listings");
        out.chain = chain_of(*v);
    }
    return out;
}

struct LoadedReport {
    DiffReportInfo info;
    std::vector<DiffDevice> devices;
};

Parsed<LoadedReport> load(const json& report, const std::string& label) {
    if (!report.is_object()) return Parsed<LoadedReport>::failure(label + ": not a camsweep report (not a JSON object)");
    if (std::string format = text_of(report, "format"); format != "camsweep-inventory")
        return Parsed<LoadedReport>::failure(label + ": not a camsweep inventory report (format \"" + printable(format) +
                                             "\", expected \"camsweep-inventory\")");
    // Version 2 only added each device's "sent" and "sent_omitted", version 3 its "mac_origins",
    // version 4 the title, site, notices and each input's capture window and digest, none of
    // which a diff compares: all four read the same way, in any combination.
    const json* version = member(report, "format_version");
    const bool known = version && version->is_number_integer() && version->get<long long>() >= 1 && version->get<long long>() <= 4;
    if (!known)
        return Parsed<LoadedReport>::failure(label + ": unsupported format_version " +
                                             (version ? printable(version->dump()) : std::string("(missing)")) +
                                             " (this camsweep reads versions 1 to 4)");
    const json* devices = member(report, "devices");
    if (!devices || !devices->is_array()) return Parsed<LoadedReport>::failure(label + ": \"devices\" is not an array");
    LoadedReport out;
    out.info.camsweep_version = text_of(report, "camsweep_version");
    out.info.audit_date = text_of(report, "audit_date");
    for (std::size_t i = 0; i < devices->size(); ++i) {
        const json& d = (*devices)[i];
        if (!d.is_object() || text_of(d, "id").empty())
            return Parsed<LoadedReport>::failure(label + ": devices[" + std::to_string(i) + "] is not a device (an object with an \"id\")");
        out.devices.push_back(device_of(d));
    }
    out.info.devices = out.devices.size();
    return out;
}

// --- Matching ----------------------------------------------------------------------------

// Keys that more than one device of a report carries: they tell no device apart (a serial or
// UUID that several units announce is listed on each of them).
template <typename Keys>
std::set<std::string> keys_of_several(const std::vector<DiffDevice>& devices, Keys keys_of) {
    std::map<std::string, int> holders;
    for (const auto& d : devices) {
        auto keys = keys_of(d);
        std::set<std::string> distinct(keys.begin(), keys.end());
        for (const auto& k : distinct) ++holders[k];
    }
    std::set<std::string> out;
    for (const auto& [k, count] : holders)
        if (count > 1) out.insert(k);
    return out;
}

// Matches newer devices to older ones by one kind of key, first come first served in report
// order; each device is matched at most once over all passes. A key that several devices of
// either report carry matches nothing.
template <typename OlderKeys, typename NewerKeys>
void match_by(const std::vector<DiffDevice>& older, const std::vector<DiffDevice>& newer, std::vector<int>& older_match,
              std::vector<int>& newer_match, std::vector<std::string>& how, std::vector<std::string>& key, const char* kind,
              OlderKeys older_keys, NewerKeys newer_keys) {
    std::set<std::string> ambiguous = keys_of_several(older, older_keys);
    ambiguous.merge(keys_of_several(newer, newer_keys));
    std::map<std::string, std::vector<int>> index;
    for (std::size_t i = 0; i < older.size(); ++i)
        if (older_match[i] < 0)
            for (const auto& k : older_keys(older[i]))
                if (!ambiguous.contains(k)) index[k].push_back(static_cast<int>(i));
    for (std::size_t n = 0; n < newer.size(); ++n) {
        if (newer_match[n] >= 0) continue;
        for (const auto& k : newer_keys(newer[n])) {
            auto it = index.find(k);
            if (it == index.end()) continue;
            for (int o : it->second) {
                if (older_match[static_cast<std::size_t>(o)] >= 0) continue;
                older_match[static_cast<std::size_t>(o)] = static_cast<int>(n);
                newer_match[n] = o;
                how[n] = kind;
                key[n] = k;
                break;
            }
            if (newer_match[n] >= 0) break;
        }
    }
}

std::string three_decimals(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

void compare_value(std::vector<DiffChange>& out, const char* field, const std::string& before, const std::string& after) {
    if (before != after) out.push_back({field, before, after});
}

// Vendors compare by id; the change shows display names (ids when a name is missing).
void compare_vendor(std::vector<DiffChange>& out, const char* field, const std::string& old_id, const std::string& old_name,
                    const std::string& new_id, const std::string& new_name) {
    if (old_id != new_id) out.push_back({field, old_name.empty() ? old_id : old_name, new_name.empty() ? new_id : new_name});
}

void compare_set(std::vector<DiffChange>& out, const char* field, const std::vector<std::string>& before,
                 const std::vector<std::string>& after, bool case_insensitive = false) {
    auto contains = [&](const std::vector<std::string>& set, const std::string& v) {
        for (const auto& x : set)
            if (case_insensitive ? iequals(x, v) : x == v) return true;
        return false;
    };
    for (const auto& v : after)
        if (!contains(before, v)) out.push_back({field, "", v});
    for (const auto& v : before)
        if (!contains(after, v)) out.push_back({field, v, ""});
}

std::vector<DiffChange> changes_between(const DiffDevice& a, const DiffDevice& b) {
    std::vector<DiffChange> out;
    compare_vendor(out, "vendor", a.vendor_id, a.vendor, b.vendor_id, b.vendor);
    compare_vendor(out, "brand", a.brand_id, a.brand, b.brand_id, b.brand);
    compare_value(out, "model", a.model, b.model);
    compare_value(out, "firmware", a.firmware, b.firmware);
    compare_value(out, "device_type", a.device_type, b.device_type);
    compare_set(out, "mac", a.macs, b.macs, true);
    compare_set(out, "ip", a.ips, b.ips, true);
    compare_set(out, "serial", a.serials, b.serials);
    compare_value(out, "verdict", a.status, b.status);
    // Reports round confidences to 3 decimals; compare what they say, not float noise.
    if (std::llround(a.confidence * 1000) != std::llround(b.confidence * 1000))
        out.push_back({"confidence", three_decimals(a.confidence), three_decimals(b.confidence)});
    compare_set(out, "listing", a.listings, b.listings);
    compare_set(out, "other_listing", a.other_listings, b.other_listings);
    compare_value(out, "chain", a.chain, b.chain);
    return out;
}

InventoryDiff compare(LoadedReport older, LoadedReport newer) {
    const auto& o = older.devices;
    const auto& n = newer.devices;
    std::vector<int> older_match(o.size(), -1), newer_match(n.size(), -1);
    std::vector<std::string> how(n.size()), key(n.size());
    // The identity rule of the correlator (inventory/identity.hpp): placeholders match nothing.
    auto macs = [](const DiffDevice& d) {
        std::vector<std::string> keys;
        for (const auto& m : d.macs)
            if (auto mac = identifying_mac(m)) keys.push_back(mac->to_string());
        return keys;
    };
    auto serials = [](const DiffDevice& d) {
        std::vector<std::string> keys;
        for (const auto& s : d.serials)
            if (is_identifying_serial(s)) keys.push_back(s);
        return keys;
    };
    auto uuids = [](const DiffDevice& d) {
        std::vector<std::string> keys;
        for (const auto& u : d.uuids)
            if (auto uuid = normalized_uuid(u)) keys.push_back(*uuid);
        return keys;
    };
    match_by(o, n, older_match, newer_match, how, key, "mac", macs, macs);
    match_by(o, n, older_match, newer_match, how, key, "serial", serials, serials);
    match_by(o, n, older_match, newer_match, how, key, "uuid", uuids, uuids);
    // A camera behind an NVR may have no address of its own: it is the same channel of the same
    // (matched) recorder. Parent ids are per report, so the newer side translates its parent
    // through the recorder's match into the older report's id.
    std::map<std::string, std::size_t> newer_by_id;
    for (std::size_t i = 0; i < n.size(); ++i) newer_by_id.emplace(n[i].id, i);
    auto older_channel = [](const DiffDevice& d) {
        std::vector<std::string> keys;
        if (!d.parent.empty() && !d.channel.empty()) keys.push_back(d.parent + "\n" + d.channel);
        return keys;
    };
    auto newer_channel = [&](const DiffDevice& d) {
        std::vector<std::string> keys;
        if (d.parent.empty() || d.channel.empty()) return keys;
        auto parent = newer_by_id.find(d.parent);
        if (parent == newer_by_id.end()) return keys;
        int old_parent = newer_match[parent->second];
        if (old_parent >= 0) keys.push_back(o[static_cast<std::size_t>(old_parent)].id + "\n" + d.channel);
        return keys;
    };
    match_by(o, n, older_match, newer_match, how, key, "channel", older_channel, newer_channel);

    InventoryDiff diff;
    diff.older = std::move(older.info);
    diff.newer = std::move(newer.info);
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (newer_match[i] < 0) {
            diff.new_devices.push_back(n[i]);
            continue;
        }
        MatchedDevice m{o[static_cast<std::size_t>(newer_match[i])], n[i], how[i], key[i], {}};
        if (m.matched_by == "channel") m.key = n[i].channel;
        m.changes = changes_between(m.older, m.newer);
        if (m.changes.empty()) {
            ++diff.unchanged;
        } else {
            diff.changed.push_back(std::move(m));
        }
    }
    for (std::size_t i = 0; i < o.size(); ++i)
        if (older_match[i] < 0) diff.gone_devices.push_back(o[i]);
    return diff;
}

// --- Writing -----------------------------------------------------------------------------

constexpr std::size_t kWidth = 100;

std::string fit(std::string_view text, std::size_t width, bool pad = true) { return fit_columns(text, width, pad, /*keep_gap=*/false); }

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string maker_of(const DiffDevice& d) {
    std::string maker = d.vendor.empty() ? (d.vendor_id.empty() ? "?" : d.vendor_id) : d.vendor;
    if (!d.brand_id.empty() && d.brand_id != d.vendor_id) maker += " / " + (d.brand.empty() ? d.brand_id : d.brand);
    return maker;
}

std::string verdict_of(const DiffDevice& d) {
    char conf[16];
    std::snprintf(conf, sizeof conf, " %.2f", d.confidence);
    return to_upper(d.status.empty() ? "?" : d.status) + conf;
}

// "  dev-002  COVERED 1.00        Hikvision          DS-2CD2385G1-I   192.168.10.40   58:50:..."
// 2 + 9 + 20 + 19 + 17 + 16 + 17 = 100 columns at most.
void device_line(std::ostream& out, const DiffDevice& d) {
    out << "  " << fit(d.id, 8) << ' ' << fit(verdict_of(d), 19) << ' ' << fit(maker_of(d), 18) << ' '
        << fit(or_dash(d.model), 16) << ' ' << fit(d.ips.empty() ? "-" : d.ips.back(), 15) << ' '
        << fit(d.macs.empty() ? "-" : d.macs.front(), 17, false) << '\n';
}

std::string label_of(const std::string& field) {
    if (field == "device_type") return "device type";
    if (field == "other_listing") return "other listing";
    return field;
}

bool is_set_field(const std::string& field) {
    return field == "mac" || field == "ip" || field == "serial" || field == "listing" || field == "other_listing";
}

constexpr const char* kIndent = "           ";  // 11 columns: under the device's verdict

void change_line(std::ostream& out, const DiffChange& c) {
    std::string label = label_of(c.field) + ": ";
    auto added_or_removed = [&](bool added, const std::string& value) {
        out << kIndent << label << (added ? "+ " : "- ") << fit(value, kWidth - 11 - label.size() - 2, false) << '\n';
    };
    if (is_set_field(c.field)) {
        added_or_removed(c.before.empty(), c.before.empty() ? c.after : c.before);
        return;
    }
    if (c.field == "chain") {  // chains are full of arrows: old and new on lines of their own
        if (!c.before.empty()) added_or_removed(false, c.before);
        if (!c.after.empty()) added_or_removed(true, c.after);
        return;
    }
    // 11 + 15 + 34 + 4 + 34 = 98 columns at most.
    out << kIndent << label << fit(c.before.empty() ? "(none)" : c.before, 34, false) << " -> "
        << fit(c.after.empty() ? "(none)" : c.after, 34, false) << '\n';
}

std::string report_line(const char* which, const DiffReportInfo& r) {
    std::string line = std::string(which) + ": " + (r.source.empty() ? std::string("(report)") : r.source);
    line += "  (audit " + (r.audit_date.empty() ? std::string("?") : r.audit_date) + ", " + std::to_string(r.devices) +
            " device" + (r.devices == 1 ? "" : "s") + ")";
    return line;
}

std::string counts_line(const InventoryDiff& diff) {
    return std::to_string(diff.new_devices.size()) + " new, " + std::to_string(diff.gone_devices.size()) + " gone, " +
           std::to_string(diff.changed.size()) + " changed, " + std::to_string(diff.unchanged) + " unchanged";
}

ordered_json strings_json(const std::vector<std::string>& values) { return json_array_of(values, json_text); }

ordered_json vendor_json(const std::string& id, const std::string& name) {
    if (id.empty()) return nullptr;
    return ordered_json{{"id", json_text(id)}, {"name", json_text_or_null(name)}};
}

// Rounded half away from zero (llround), unlike the inventory writers' round3.
double round3_away(double v) { return static_cast<double>(std::llround(v * 1000)) / 1000.0; }

ordered_json device_json(const DiffDevice& d) {
    ordered_json j;
    j["id"] = json_text(d.id);
    j["macs"] = strings_json(d.macs);
    j["ips"] = strings_json(d.ips);
    j["serials"] = strings_json(d.serials);
    j["uuids"] = strings_json(d.uuids);
    j["parent"] = json_text_or_null(d.parent);
    j["channel"] = json_text_or_null(d.channel);
    j["vendor"] = vendor_json(d.vendor_id, d.vendor);
    j["brand"] = vendor_json(d.brand_id, d.brand);
    j["model"] = json_text_or_null(d.model);
    j["firmware"] = json_text_or_null(d.firmware);
    j["device_type"] = json_text_or_null(d.device_type);
    j["status"] = json_text_or_null(d.status);
    j["confidence"] = round3_away(d.confidence);
    j["listings"] = strings_json(d.listings);
    j["other_listings"] = strings_json(d.other_listings);
    j["chain"] = json_text_or_null(d.chain);
    return j;
}

ordered_json info_json(const DiffReportInfo& r) {
    return ordered_json{{"source", json_text_or_null(r.source)},
                        {"camsweep_version", json_text_or_null(r.camsweep_version)},
                        {"audit_date", json_text_or_null(r.audit_date)},
                        {"devices", r.devices}};
}

std::string html(std::string_view text) { return escape_html_entities(printable(text)); }

std::string join(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
    return out;
}

void html_device_rows(std::ostream& out, const std::vector<DiffDevice>& devices) {
    out << "<table>\n<tr><th>ID</th><th>Verdict</th><th>Maker / brand</th><th>Model</th><th>Firmware</th><th>IP</th>"
           "<th>MAC</th><th>Serial</th></tr>\n";
    for (const auto& d : devices)
        out << "<tr><td>" << html(d.id) << "</td><td class=\"v-" << html(d.status) << "\">" << html(verdict_of(d))
            << "</td><td>" << html(maker_of(d)) << "</td><td>" << html(or_dash(d.model)) << "</td><td>"
            << html(or_dash(d.firmware)) << "</td><td>" << html(or_dash(join(d.ips))) << "</td><td>"
            << html(or_dash(join(d.macs))) << "</td><td>" << html(or_dash(join(d.serials))) << "</td></tr>\n";
    out << "</table>\n";
}

}  // namespace

Parsed<InventoryDiff> diff_reports(const json& older, const json& newer) {
    auto a = load(older, "older report");
    if (!a) return Parsed<InventoryDiff>::failure(a.error());
    auto b = load(newer, "newer report");
    if (!b) return Parsed<InventoryDiff>::failure(b.error());
    return compare(std::move(*a), std::move(*b));
}

Parsed<json> read_report(const std::string& path) {
    const std::string name = printable(path);
    std::ifstream file(path, std::ios::binary);
    if (!file) return Parsed<json>::failure(name + ": cannot open: " + std::strerror(errno));
    std::ostringstream content;
    content << file.rdbuf();
    if (file.bad()) return Parsed<json>::failure(name + ": cannot read: " + std::strerror(errno));
    json doc;
    try {
        doc = json::parse(content.str());
    } catch (const json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." without the tag.
        std::string what = e.what();
        if (auto tag = what.find("] "); what.rfind("[json.exception", 0) == 0 && tag != std::string::npos) what.erase(0, tag + 2);
        return Parsed<json>::failure(name + ": not valid JSON: " + printable(what));
    }
    auto checked = load(doc, name);
    if (!checked) return Parsed<json>::failure(checked.error());
    return doc;
}

Parsed<InventoryDiff> diff_report_files(const std::string& older_path, const std::string& newer_path) {
    auto older = read_report(older_path);
    if (!older) return Parsed<InventoryDiff>::failure(older.error());
    auto newer = read_report(newer_path);
    if (!newer) return Parsed<InventoryDiff>::failure(newer.error());
    auto a = load(*older, printable(older_path));
    auto b = load(*newer, printable(newer_path));
    if (!a) return Parsed<InventoryDiff>::failure(a.error());
    if (!b) return Parsed<InventoryDiff>::failure(b.error());
    (*a).info.source = older_path;
    (*b).info.source = newer_path;
    return compare(std::move(*a), std::move(*b));
}

void write_diff_table(std::ostream& out, const InventoryDiff& diff) {
    out << fit(report_line("older", diff.older), kWidth, false) << '\n';
    out << fit(report_line("newer", diff.newer), kWidth, false) << '\n';
    out << counts_line(diff) << '\n';
    auto section = [&](const char* title, std::size_t count) {
        out << '\n' << title << " (" << count << ")\n  " << fit("ID", 8) << ' ' << fit("VERDICT", 19) << ' '
            << fit("MAKER / BRAND", 18) << ' ' << fit("MODEL", 16) << ' ' << fit("IP", 15) << " MAC\n";
    };
    if (!diff.new_devices.empty()) {
        section("New devices", diff.new_devices.size());
        for (const auto& d : diff.new_devices) device_line(out, d);
    }
    if (!diff.gone_devices.empty()) {
        section("Gone devices", diff.gone_devices.size());
        for (const auto& d : diff.gone_devices) device_line(out, d);
    }
    if (!diff.changed.empty()) {
        section("Changed devices", diff.changed.size());
        for (const auto& m : diff.changed) {
            device_line(out, m.newer);
            std::string how = "was " + m.older.id + ", matched by " + m.matched_by + " " + m.key;
            out << kIndent << fit(how, kWidth - 11, false) << '\n';
            for (const auto& c : m.changes) change_line(out, c);
        }
    }
}

void write_diff_json(std::ostream& out, const InventoryDiff& diff) {
    ordered_json doc;
    doc["format"] = "camsweep-inventory-diff";
    // The diff document's own version, independent of the inventory reports' (it did not change
    // when they went to versions 2 and 3).
    doc["format_version"] = 1;
    doc["camsweep_version"] = CAMSWEEP_VERSION;
    doc["older"] = info_json(diff.older);
    doc["newer"] = info_json(diff.newer);
    doc["summary"] = ordered_json{{"new", diff.new_devices.size()},
                                  {"gone", diff.gone_devices.size()},
                                  {"changed", diff.changed.size()},
                                  {"unchanged", diff.unchanged}};
    auto added = ordered_json::array();
    for (const auto& d : diff.new_devices) added.push_back(device_json(d));
    auto gone = ordered_json::array();
    for (const auto& d : diff.gone_devices) gone.push_back(device_json(d));
    auto changed = ordered_json::array();
    for (const auto& m : diff.changed) {
        auto changes = ordered_json::array();
        for (const auto& c : m.changes)
            changes.push_back(
                ordered_json{{"field", c.field}, {"before", json_text_or_null(c.before)}, {"after", json_text_or_null(c.after)}});
        changed.push_back(ordered_json{{"older", device_json(m.older)},
                                       {"newer", device_json(m.newer)},
                                       {"matched_by", m.matched_by},
                                       {"key", json_text(m.key)},
                                       {"changes", changes}});
    }
    doc["new"] = added;
    doc["gone"] = gone;
    doc["changed"] = changed;
    out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

void write_diff_html(std::ostream& out, const InventoryDiff& diff) {
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<title>camsweep inventory diff</title>\n<style>\n"
           "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
           "table{border-collapse:collapse;margin-bottom:1.5em}\n"
           "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}\n"
           "th{background:#f2f2f2}\n.v-covered{color:#b00;font-weight:bold}\n.v-likely-covered{color:#a60}\n"
           ".v-not-covered{color:#070}\n.v-unknown{color:#808}\n.added{color:#070}\n.removed{color:#b00}\n"
           "</style>\n</head>\n<body>\n<h1>camsweep inventory diff</h1>\n";
    out << "<p>" << html(report_line("Older", diff.older)) << "<br>\n" << html(report_line("Newer", diff.newer)) << "</p>\n";
    out << "<p><strong>" << html(counts_line(diff)) << "</strong></p>\n";
    out << "<h2>New devices (" << diff.new_devices.size() << ")</h2>\n";
    if (!diff.new_devices.empty()) html_device_rows(out, diff.new_devices);
    out << "<h2>Gone devices (" << diff.gone_devices.size() << ")</h2>\n";
    if (!diff.gone_devices.empty()) html_device_rows(out, diff.gone_devices);
    out << "<h2>Changed devices (" << diff.changed.size() << ")</h2>\n";
    if (!diff.changed.empty()) {
        out << "<table>\n<tr><th>Device</th><th>Matched by</th><th>Change</th><th>Before</th><th>After</th></tr>\n";
        for (const auto& m : diff.changed) {
            std::string device = m.older.id == m.newer.id ? m.newer.id : m.older.id + " \u2192 " + m.newer.id;
            for (std::size_t i = 0; i < m.changes.size(); ++i) {
                const auto& c = m.changes[i];
                out << "<tr>";
                if (i == 0)
                    out << "<td rowspan=\"" << m.changes.size() << "\">" << html(device) << "<br>" << html(maker_of(m.newer))
                        << " " << html(m.newer.model) << "</td><td rowspan=\"" << m.changes.size() << "\">"
                        << html(m.matched_by + " " + m.key) << "</td>";
                out << "<td>" << html(label_of(c.field)) << "</td><td class=\"removed\">" << html(c.before)
                    << "</td><td class=\"added\">" << html(c.after) << "</td></tr>\n";
            }
        }
        out << "</table>\n";
    }
    out << "</body>\n</html>\n";
}

}  // namespace camsweep
