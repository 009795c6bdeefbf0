// Loads signatures/ and validates it: schema, unknown ids, bad regexes, relation cycles.
// Every problem becomes "file:line:col: message"; nothing is thrown past this file.
#include "camsweep/signatures/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "camsweep/signatures/yaml_tree.hpp"

namespace camsweep {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 8 * 1024 * 1024;
// Nodes (scalars, sequences, mappings, nulls) per file: the bundled files hold a few thousand;
// the cap keeps a hostile 8 MiB file from building a multi-gigabyte node tree.
constexpr std::size_t kMaxYamlNodes = 200000;

const std::set<std::string, std::less<>> kVendorKinds = {"manufacturer", "brand", "component_maker", "holding",
                                                         "distributor"};
const std::set<std::string, std::less<>> kStatuses = {"V1", "V2", "U"};
const std::set<std::string, std::less<>> kDeviceTypes = {
    "camera", "doorbell", "nvr",    "dvr",    "thermal_camera", "video_encoder", "access_control", "intercom", "router",
    "switch", "ont",      "phone",  "radio",  "computer",       "printer",       "media",          "iot",      "other"};
const std::set<std::string, std::less<>> kSettableAttributes = {"vendor", "brand", "model", "firmware", "serial",
                                                                "device_type"};

bool valid_id(std::string_view id, bool allow_dots) {
    if (id.empty() || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'))) return false;
    return std::all_of(id.begin(), id.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (allow_dots && (c == '.' || c == '_'));
    });
}

bool valid_field_key(std::string_view key) {
    if (key.find('.') == std::string_view::npos || key.front() == '.' || key.back() == '.') return false;
    return std::all_of(key.begin(), key.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'; });  // '-': captured headers (ssdp.header.device-info)
}

// Reads one YAML file and offers typed, checked access that records errors with positions.
class YamlFile {
public:
    // `unread` counts the files that could not be read as YAML at all.
    YamlFile(fs::path path, std::string display, std::vector<std::string>& errors, int& unread)
        : path_(std::move(path)), display_(std::move(display)), errors_(errors), unread_(unread) {}

    std::optional<YamlNode> load() {
        std::error_code ec;
        auto size = fs::file_size(path_, ec);
        if (ec) return fail_file("cannot read: " + ec.message());
        if (size > kMaxFileBytes) return fail_file("file is larger than 8 MiB");
        std::ifstream in(path_, std::ios::binary);
        if (!in) return fail_file("cannot open");
        std::stringstream buffer;
        buffer << in.rdbuf();
        try {
            // One pass: aliases and the node bound are refused before any node is built
            // (signatures/yaml_tree.hpp).
            YamlNode root = read_yaml(buffer.str(), kMaxYamlNodes);
            if (!root.IsMap()) {
                error(root, "top level must be a mapping");
                return std::nullopt;
            }
            return root;
        } catch (const YamlLimitError& stop) {
            ++unread_;
            errors_.push_back(display_ + ":" + std::to_string(stop.mark.line + 1) + ":" + std::to_string(stop.mark.column + 1) + ": " +
                              stop.message);
            return std::nullopt;
        } catch (const YAML::Exception& e) {
            ++unread_;
            errors_.push_back(display_ + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                              ": invalid YAML: " + e.msg);
            return std::nullopt;
        }
    }

    SourcePlace place(const YamlNode& node) const {
        auto mark = node.Mark();
        return {display_, mark.line + 1, mark.column + 1};
    }
    void error(const YamlNode& node, const std::string& message) { errors_.push_back(place(node).to_string() + ": " + message); }
    const std::string& name() const { return display_; }

    void check_keys(const YamlNode& map, std::initializer_list<std::string_view> allowed, std::string_view what) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("?");
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                error(it->first, "unknown key '" + key + "' in " + std::string(what));
        }
    }

    // A scalar string; "" when absent (an error if required) or null.
    std::string str(const YamlNode& map, const char* key, bool required, std::string_view what) {
        YamlNode node = map[key];
        if (!node || node.IsNull()) {
            if (required) error(map, std::string(what) + " needs '" + key + "'");
            return {};
        }
        if (!node.IsScalar()) {
            error(node, std::string("'") + key + "' must be a string");
            return {};
        }
        return node.Scalar();
    }

    std::optional<Date> date(const YamlNode& map, const char* key, bool required, std::string_view what) {
        std::string text = str(map, key, required, what);
        if (text.empty()) return std::nullopt;
        auto d = Date::parse(text);
        if (!d) error(map[key], std::string("'") + key + "' must be a date YYYY-MM-DD, got '" + text + "'");
        return d;
    }

    std::optional<double> number(const YamlNode& map, const char* key, bool required, std::string_view what) {
        std::string text = str(map, key, required, what);
        if (text.empty()) return std::nullopt;
        try {
            std::size_t used = 0;
            double v = std::stod(text, &used);
            if (used == text.size() && std::isfinite(v)) return v;
        } catch (const std::exception&) {
        }
        error(map[key], std::string("'") + key + "' must be a number, got '" + text + "'");
        return std::nullopt;
    }

    bool boolean(const YamlNode& map, const char* key, bool fallback) {
        std::string text = str(map, key, false, "");
        if (text.empty()) return fallback;
        if (text == "true") return true;
        if (text == "false") return false;
        error(map[key], std::string("'") + key + "' must be true or false, got '" + text + "'");
        return fallback;
    }

    std::vector<std::string> str_list(const YamlNode& map, const char* key) {
        std::vector<std::string> out;
        YamlNode node = map[key];
        if (!node || node.IsNull()) return out;
        if (!node.IsSequence()) {
            error(node, std::string("'") + key + "' must be a list of strings");
            return out;
        }
        for (const auto& item : node) {
            if (!item.IsScalar()) {
                error(item, std::string("each entry of '") + key + "' must be a string");
                continue;
            }
            out.push_back(item.Scalar());
        }
        return out;
    }

    std::optional<YamlNode> sequence(const YamlNode& map, const char* key, bool required) {
        YamlNode node = map[key];
        if (!node || node.IsNull()) {
            if (required) error(map, std::string("missing '") + key + "' list");
            return std::nullopt;
        }
        if (!node.IsSequence()) {
            error(node, std::string("'") + key + "' must be a list");
            return std::nullopt;
        }
        return node;
    }

private:
    std::nullopt_t fail_file(const std::string& message) {
        errors_.push_back(display_ + ": " + message);
        return std::nullopt;
    }
    fs::path path_;
    std::string display_;
    std::vector<std::string>& errors_;
    int& unread_;
};

class Loader {
public:
    explicit Loader(std::string directory) : dir_(std::move(directory)) { out_.database.directory = dir_; }

    SignatureLoad run() {
        if (!fs::is_directory(dir_)) {
            out_.errors.push_back(dir_ + ": signature directory not found");
            return std::move(out_);
        }
        // The loaders check every node's type before using it; this is only a backstop so that
        // a surprise in a hostile file is an error line, never an escaping exception.
        try {
            load_vendors();
            load_listings();
            load_policy();
            load_ouis();
            load_rules();
            // A file that is not YAML defines none of its ids: every reference to them would be
            // one more error caused by the first. Those are checked once the files read.
            if (unread_files_ == 0) {
                check_references();
                check_cycles();
            } else {
                out_.errors.push_back(dir_ + ": references between files not checked: fix the YAML error(s) above first");
            }
            out_.database.build_indexes();
        } catch (const YAML::Exception& e) {
            out_.errors.push_back(dir_ + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                                  ": unexpected YAML structure: " + e.msg);
        } catch (const std::exception& e) {
            out_.errors.push_back(dir_ + ": cannot load: " + e.what());
        }
        return std::move(out_);
    }

private:
    YamlFile open(const fs::path& path) {
        return YamlFile(path, fs::relative(path, fs::path(dir_).parent_path()).string(), out_.errors, unread_files_);
    }

    Certainty certainty(YamlFile& f, const YamlNode& node) {
        std::string text = f.str(node, "certainty", true, "relation");
        if (text == "high") return Certainty::high;
        if (text == "medium") return Certainty::medium;
        if (text != "low" && !text.empty()) f.error(node["certainty"], "certainty must be high, medium or low, got '" + text + "'");
        return Certainty::low;
    }

    void load_vendors() {
        YamlFile f = open(fs::path(dir_) / "vendors.yaml");
        auto root = f.load();
        if (!root) return;
        f.check_keys(*root, {"as_of", "vendors"}, "vendors.yaml");
        if (auto as_of = f.date(*root, "as_of", true, "vendors.yaml")) out_.database.vendors_as_of = as_of->to_string();
        auto list = f.sequence(*root, "vendors", true);
        if (!list) return;
        for (const auto& node : *list) {
            if (!node.IsMap()) {
                f.error(node, "each vendor must be a mapping");
                continue;
            }
            f.check_keys(node, {"id", "name", "display", "kind", "country", "aliases", "relations"}, "vendor");
            Vendor v;
            v.place = f.place(node);
            v.id = f.str(node, "id", true, "vendor");
            v.name = f.str(node, "name", true, "vendor " + v.id);
            v.display = f.str(node, "display", false, "vendor");
            v.kind = f.str(node, "kind", true, "vendor " + v.id);
            v.country = f.str(node, "country", false, "vendor");
            v.aliases = f.str_list(node, "aliases");
            if (!v.id.empty() && !valid_id(v.id, false)) f.error(node["id"], "vendor id '" + v.id + "' must match [a-z0-9][a-z0-9-]*");
            if (!v.kind.empty() && !kVendorKinds.contains(v.kind))
                f.error(node["kind"], "vendor kind '" + v.kind + "' is not one of manufacturer, brand, component_maker, holding, distributor");
            if (auto relations = f.sequence(node, "relations", false)) {
                for (const auto& r : *relations) {
                    if (!r.IsMap()) {
                        f.error(r, "each relation must be a mapping");
                        continue;
                    }
                    f.check_keys(r, {"type", "target", "since", "until", "certainty", "status", "source", "models", "partial", "note", "evidence"},
                                 "relation");
                    Relation rel;
                    rel.place = f.place(r);
                    std::string type = f.str(r, "type", true, "relation");
                    static const std::map<std::string, RelationType> kTypes = {
                        {"subsidiary_of", RelationType::subsidiary_of}, {"affiliate_of", RelationType::affiliate_of},
                        {"oem_of", RelationType::oem_of},               {"component_supplier", RelationType::component_supplier},
                        {"related", RelationType::related}};
                    if (auto it = kTypes.find(type); it != kTypes.end()) rel.type = it->second;
                    else if (!type.empty()) f.error(r["type"], "relation type '" + type + "' is not one of subsidiary_of, affiliate_of, oem_of, component_supplier, related");
                    rel.target = f.str(r, "target", true, "relation");
                    rel.since = f.date(r, "since", false, "relation");
                    rel.until = f.date(r, "until", false, "relation");
                    rel.certainty = certainty(f, r);
                    rel.status = f.str(r, "status", false, "relation");
                    if (!rel.status.empty() && !kStatuses.contains(rel.status)) f.error(r["status"], "status must be V1, V2 or U");
                    rel.source = f.str(r, "source", true, "relation");
                    rel.models = f.str(r, "models", false, "relation");
                    rel.partial = f.boolean(r, "partial", false);
                    rel.note = f.str(r, "note", false, "relation");
                    if (rel.since && rel.until && !(*rel.since < *rel.until))
                        f.error(r, "relation 'since' " + rel.since->to_string() + " is not before 'until' " + rel.until->to_string());
                    v.relations.push_back(std::move(rel));
                }
            }
            if (v.id.empty()) continue;
            if (out_.database.vendors.contains(v.id)) {
                f.error(node["id"], "duplicate vendor id '" + v.id + "' (first at " + out_.database.vendors[v.id].place.to_string() + ")");
                continue;
            }
            out_.database.vendors.emplace(v.id, std::move(v));
        }
    }

    void load_listings() {
        YamlFile f = open(fs::path(dir_) / "listings.yaml");
        auto root = f.load();
        if (!root) return;
        f.check_keys(*root, {"as_of", "regimes", "listings"}, "listings.yaml");
        if (auto as_of = f.date(*root, "as_of", true, "listings.yaml")) out_.database.listings_as_of = as_of->to_string();
        if (auto regimes = f.sequence(*root, "regimes", true)) {
            for (const auto& node : *regimes) {
                if (!node.IsMap()) { f.error(node, "each regime must be a mapping"); continue; }
                f.check_keys(node, {"id", "name", "makes_covered", "citation", "url", "consequence", "notes"}, "regime");
                Regime r;
                r.id = f.str(node, "id", true, "regime");
                r.name = f.str(node, "name", true, "regime " + r.id);
                r.makes_covered = f.boolean(node, "makes_covered", false);
                r.citation = f.str(node, "citation", true, "regime " + r.id);
                r.url = f.str(node, "url", false, "regime");
                r.consequence = f.str(node, "consequence", false, "regime");
                if (r.id.empty()) continue;
                if (out_.database.regimes.contains(r.id)) f.error(node["id"], "duplicate regime id '" + r.id + "'");
                out_.database.regimes.emplace(r.id, std::move(r));
            }
        }
        auto listings = f.sequence(*root, "listings", true);
        if (!listings) return;
        std::set<std::string> seen;
        for (const auto& node : *listings) {
            if (!node.IsMap()) { f.error(node, "each listing must be a mapping"); continue; }
            f.check_keys(node, {"id", "regime", "paragraph", "entity", "entity_ref", "aliases", "equipment_scope",
                                "purpose_qualifier", "covers_subsidiaries", "affiliate_test", "date_added", "date_removed",
                                "citation", "url", "status", "consequence", "notes", "recheck"},
                         "listing");
            Listing l;
            l.place = f.place(node);
            l.id = f.str(node, "id", true, "listing");
            l.regime = f.str(node, "regime", true, "listing " + l.id);
            l.paragraph = f.str(node, "paragraph", false, "listing");
            l.entity = f.str(node, "entity", true, "listing " + l.id);
            l.entity_ref = f.str(node, "entity_ref", true, "listing " + l.id);
            l.equipment_scope = f.str_list(node, "equipment_scope");
            l.purpose_qualifier = f.str(node, "purpose_qualifier", false, "listing");
            l.covers_subsidiaries = f.boolean(node, "covers_subsidiaries", false);
            l.date_added = f.date(node, "date_added", false, "listing");
            l.date_removed = f.date(node, "date_removed", false, "listing");
            l.citation = f.str(node, "citation", true, "listing " + l.id);
            l.url = f.str(node, "url", false, "listing");
            l.status = f.str(node, "status", true, "listing " + l.id);
            l.consequence = f.str(node, "consequence", false, "listing");
            l.notes = f.str(node, "notes", false, "listing");
            if (!l.status.empty() && !kStatuses.contains(l.status)) f.error(node["status"], "status must be V1, V2 or U, got '" + l.status + "'");
            if (!l.regime.empty() && !out_.database.regimes.contains(l.regime))
                f.error(node["regime"], "unknown regime '" + l.regime + "'");
            if (!l.id.empty() && !seen.insert(l.id).second) f.error(node["id"], "duplicate listing id '" + l.id + "'");
            listing_places_.push_back({l.entity_ref, f.place(node["entity_ref"] ? node["entity_ref"] : YamlNode(node))});
            out_.database.listings.push_back(std::move(l));
        }
    }

    void load_policy() {
        YamlFile f = open(fs::path(dir_) / "policy.yaml");
        auto root = f.load();
        if (!root) return;
        f.check_keys(*root, {"thresholds", "certainty_factor", "oui_weight"}, "policy.yaml");
        Policy& p = out_.database.policy;
        if (auto t = (*root)["thresholds"]; t && t.IsMap()) {
            f.check_keys(t, {"covered", "likely_covered", "not_covered"}, "thresholds");
            p.covered_threshold = f.number(t, "covered", true, "thresholds").value_or(p.covered_threshold);
            p.likely_covered_threshold = f.number(t, "likely_covered", true, "thresholds").value_or(p.likely_covered_threshold);
            p.not_covered_threshold = f.number(t, "not_covered", true, "thresholds").value_or(p.not_covered_threshold);
        } else {
            f.error(*root, "policy.yaml needs a 'thresholds' mapping");
        }
        if (auto c = (*root)["certainty_factor"]; c && c.IsMap()) {
            f.check_keys(c, {"high", "medium", "low"}, "certainty_factor");
            for (const char* k : {"high", "medium", "low"})
                if (auto v = f.number(c, k, true, "certainty_factor")) p.certainty_factor[k] = *v;
        }
        if (auto w = (*root)["oui_weight"]; w && w.IsMap()) {
            for (auto it = w.begin(); it != w.end(); ++it) {
                std::string kind = it->first.Scalar();
                if (!kVendorKinds.contains(kind)) f.error(it->first, "oui_weight for unknown vendor kind '" + kind + "'");
                if (auto v = f.number(w, kind.c_str(), true, "oui_weight")) p.oui_weight_by_kind[kind] = *v;
            }
        } else {
            f.error(*root, "policy.yaml needs an 'oui_weight' mapping");
        }
        for (double v : {p.covered_threshold, p.likely_covered_threshold, p.not_covered_threshold})
            if (v <= 0 || v > 1) f.error(*root, "thresholds must lie in (0, 1]");
    }

    void load_ouis() {
        fs::path dir = fs::path(dir_) / "oui";
        if (!fs::is_directory(dir)) {
            out_.warnings.push_back(dir.string() + ": no OUI data (run tools/gen-oui)");
            return;
        }
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".yaml" && entry.path().filename() != "names.yaml") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        std::map<std::pair<std::uint64_t, int>, std::string> seen;
        for (const auto& path : files) {
            YamlFile f = open(path);
            auto root = f.load();
            if (!root) continue;
            f.check_keys(*root, {"vendor", "source", "source_date", "prefixes"}, "OUI file");
            std::string vendor = f.str(*root, "vendor", true, "OUI file");
            if (std::string date = f.str(*root, "source_date", false, "OUI file"); date > out_.database.oui_as_of)
                out_.database.oui_as_of = date;
            vendor_refs_.push_back({vendor, f.place((*root)["vendor"] ? (*root)["vendor"] : *root), "OUI file vendor"});
            auto prefixes = f.sequence(*root, "prefixes", true);
            if (!prefixes) continue;
            for (const auto& node : *prefixes) {
                if (!node.IsMap()) { f.error(node, "each prefix must be a mapping"); continue; }
                f.check_keys(node, {"prefix", "registry", "org"}, "prefix");
                std::string hex = f.str(node, "prefix", true, "prefix");
                OuiPrefix p;
                p.vendor = vendor;
                p.registry = f.str(node, "registry", true, "prefix");
                p.org = f.str(node, "org", false, "prefix");
                if (hex.size() != 6 && hex.size() != 7 && hex.size() != 9) {
                    f.error(node, "prefix '" + hex + "' must have 6, 7 or 9 hex digits");
                    continue;
                }
                std::uint64_t value = 0;
                bool ok = true;
                for (char c : hex) {
                    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
                    if (d < 0) { ok = false; break; }
                    value = value * 16 + static_cast<std::uint64_t>(d);
                }
                if (!ok) { f.error(node, "prefix '" + hex + "' must be upper-case hex"); continue; }
                p.bits = static_cast<int>(hex.size()) * 4;
                p.value = value << (48 - p.bits);
                auto [it, inserted] = seen.emplace(std::make_pair(p.value, p.bits), vendor);
                if (!inserted && it->second != vendor)
                    f.error(node, "prefix " + hex + " is claimed by both '" + it->second + "' and '" + vendor + "'");
                if (inserted) out_.database.ouis.push_back(std::move(p));
            }
        }
    }

    void load_rules() {
        fs::path dir = fs::path(dir_) / "rules";
        if (!fs::is_directory(dir)) {
            out_.errors.push_back(dir.string() + ": rules directory not found");
            return;
        }
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".yaml") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        std::map<std::string, SourcePlace> seen;
        for (const auto& path : files) {
            YamlFile f = open(path);
            auto root = f.load();
            if (!root) continue;
            f.check_keys(*root, {"rules"}, "rule file");
            auto list = f.sequence(*root, "rules", true);
            if (!list) continue;
            for (const auto& node : *list) {
                if (!node.IsMap()) { f.error(node, "each rule must be a mapping"); continue; }
                Rule rule = load_rule(f, node);
                if (rule.id.empty()) continue;
                if (auto it = seen.find(rule.id); it != seen.end()) {
                    f.error(node["id"], "duplicate rule id '" + rule.id + "' (first at " + it->second.to_string() + ")");
                    continue;
                }
                seen.emplace(rule.id, rule.place);
                out_.database.rules.push_back(std::move(rule));
            }
        }
    }

    Rule load_rule(YamlFile& f, const YamlNode& node) {
        f.check_keys(node, {"id", "description", "field", "match", "sets", "weight", "references", "examples", "counter_examples"},
                     "rule");
        Rule rule;
        rule.place = f.place(node);
        rule.id = f.str(node, "id", true, "rule");
        std::string what = "rule " + rule.id;
        if (!rule.id.empty() && !valid_id(rule.id, true)) f.error(node["id"], "rule id '" + rule.id + "' must match [a-z0-9][a-z0-9._-]*");
        rule.description = f.str(node, "description", false, what);
        rule.field = f.str(node, "field", true, what);
        if (!rule.field.empty() && !valid_field_key(rule.field))
            f.error(node["field"], "field '" + rule.field + "' is not an observation field key like 'sadp.device_sn'");
        rule.weight = f.number(node, "weight", true, what).value_or(0);
        if (node["weight"] && (rule.weight <= 0 || rule.weight > 1)) f.error(node["weight"], "weight must lie in (0, 1]");
        rule.references = f.str_list(node, "references");

        YamlNode match = node["match"];
        if (!match || !match.IsMap()) {
            f.error(node, what + " needs a 'match' mapping");
        } else {
            f.check_keys(match, {"exact", "prefix", "contains", "regex", "case_insensitive"}, "match");
            int kinds = 0;
            for (auto [key, kind] : {std::pair{"exact", MatchKind::exact}, std::pair{"prefix", MatchKind::prefix},
                                     std::pair{"contains", MatchKind::contains}, std::pair{"regex", MatchKind::regex}}) {
                if (match[key]) {
                    ++kinds;
                    rule.kind = kind;
                    rule.pattern = f.str(match, key, true, "match");
                }
            }
            if (kinds != 1) f.error(match, what + ": 'match' needs exactly one of exact, prefix, contains, regex");
            rule.case_insensitive = f.boolean(match, "case_insensitive", false);
            if (rule.kind == MatchKind::regex && kinds == 1) {
                re2::RE2::Options options;
                options.set_case_sensitive(!rule.case_insensitive);
                options.set_log_errors(false);
                options.set_max_mem(8 << 20);  // a pathological pattern fails to compile instead of eating memory
                auto re = std::make_shared<re2::RE2>(rule.pattern, options);
                if (!re->ok()) f.error(match["regex"], what + ": bad regex: " + re->error());
                else if (re->NumberOfCapturingGroups() > 9) f.error(match["regex"], what + ": more than 9 capture groups");
                else rule.regex = std::move(re);
            }
        }

        YamlNode sets = node["sets"];
        if (!sets || !sets.IsMap() || sets.size() == 0) {
            f.error(node, what + " needs a non-empty 'sets' mapping");
        } else {
            for (auto it = sets.begin(); it != sets.end(); ++it) {
                std::string key = it->first.Scalar();
                if (!kSettableAttributes.contains(key)) {
                    f.error(it->first, what + ": cannot set '" + key + "' (vendor, brand, model, firmware, serial, device_type)");
                    continue;
                }
                if (!it->second.IsScalar()) { f.error(it->second, what + ": '" + key + "' must be a string"); continue; }
                std::string value = it->second.Scalar();
                const bool is_template = value.find('{') != std::string::npos;
                if ((key == "vendor" || key == "brand") && is_template) rule.names_vendor = true;  // a captured name
                else if (key == "vendor" || key == "brand") vendor_refs_.push_back({value, f.place(it->second), what + " " + key});
                if (key == "device_type" && !kDeviceTypes.contains(value))
                    f.error(it->second, what + ": unknown device_type '" + value + "'");
                for (std::size_t pos = value.find('{'); pos != std::string::npos; pos = value.find('{', pos + 1)) {
                    if (pos + 2 < value.size() && value[pos + 2] == '}' && value[pos + 1] >= '0' && value[pos + 1] <= '9') {
                        int group = value[pos + 1] - '0';
                        int available = rule.regex ? rule.regex->NumberOfCapturingGroups() : 0;
                        if (group > available)
                            f.error(it->second, what + ": '" + key + "' uses {" + std::to_string(group) + "} but the pattern has " +
                                                    std::to_string(available) + " capture group(s)");
                    }
                }
                rule.sets.emplace_back(key, value);
            }
        }

        if (auto examples = f.sequence(node, "examples", true)) {
            for (const auto& ex : *examples) {
                RuleExample example;
                example.place = f.place(ex);
                if (ex.IsScalar()) {
                    example.value = ex.Scalar();
                } else if (ex.IsMap()) {
                    f.check_keys(ex, {"value", "expect"}, "example");
                    example.value = f.str(ex, "value", true, "example");
                    if (auto expect = ex["expect"]; expect && expect.IsMap())
                        for (auto it = expect.begin(); it != expect.end(); ++it)
                            example.expect[it->first.Scalar()] = it->second.IsScalar() ? it->second.Scalar() : "";
                } else {
                    f.error(ex, "each example must be a string or a mapping with 'value'");
                    continue;
                }
                rule.examples.push_back(std::move(example));
            }
            if (examples->size() == 0) f.error(node, what + " needs at least one example");
        }
        if (auto counters = f.sequence(node, "counter_examples", true)) {
            for (const auto& ex : *counters) {
                if (!ex.IsScalar()) { f.error(ex, "each counter-example must be a string"); continue; }
                rule.counter_examples.emplace_back(ex.Scalar(), f.place(ex));
            }
            if (counters->size() == 0) f.error(node, what + " needs at least one counter-example");
        }
        return rule;
    }

    void check_references() {
        const auto& vendors = out_.database.vendors;
        for (const auto& [id, vendor] : vendors)
            for (const auto& rel : vendor.relations)
                if (!rel.target.empty() && !vendors.contains(rel.target))
                    out_.errors.push_back(rel.place.to_string() + ": relation of '" + id + "' targets unknown vendor id '" + rel.target + "'");
        for (std::size_t i = 0; i < out_.database.listings.size(); ++i) {
            const auto& l = out_.database.listings[i];
            if (!l.entity_ref.empty() && !vendors.contains(l.entity_ref))
                out_.errors.push_back(listing_places_[i].second.to_string() + ": listing '" + l.id + "' refers to unknown vendor id '" +
                                      l.entity_ref + "'");
        }
        for (const auto& ref : vendor_refs_)
            if (!ref.id.empty() && !vendors.contains(ref.id))
                out_.errors.push_back(ref.place.to_string() + ": " + ref.what + " '" + ref.id + "' is not a vendor id in vendors.yaml");
    }

    // Ownership and OEM edges must not loop: a walk up the chain has to end.
    void check_cycles() {
        const auto& vendors = out_.database.vendors;
        std::map<std::string, int> state;  // 0 unvisited, 1 on stack, 2 done
        std::function<void(const std::string&, std::vector<std::string>&)> visit = [&](const std::string& id,
                                                                                       std::vector<std::string>& path) {
            state[id] = 1;
            path.push_back(id);
            auto it = vendors.find(id);
            if (it != vendors.end()) {
                for (const auto& rel : it->second.relations) {
                    if (rel.type != RelationType::subsidiary_of && rel.type != RelationType::affiliate_of &&
                        rel.type != RelationType::oem_of)
                        continue;
                    if (!vendors.contains(rel.target)) continue;
                    if (state[rel.target] == 1) {
                        std::string cycle;
                        auto start = std::find(path.begin(), path.end(), rel.target);
                        for (auto p = start; p != path.end(); ++p) cycle += *p + " -> ";
                        out_.errors.push_back(rel.place.to_string() + ": relation cycle " + cycle + rel.target);
                    } else if (state[rel.target] == 0) {
                        visit(rel.target, path);
                    }
                }
            }
            path.pop_back();
            state[id] = 2;
        };
        for (const auto& [id, _] : vendors) {
            std::vector<std::string> path;
            if (state[id] == 0) visit(id, path);
        }
    }

    struct VendorRef {
        std::string id;
        SourcePlace place;
        std::string what;
    };

    std::string dir_;
    SignatureLoad out_;
    std::vector<VendorRef> vendor_refs_;
    std::vector<std::pair<std::string, SourcePlace>> listing_places_;
    int unread_files_ = 0;  // files that are not YAML at all (YamlFile::load)
};

}  // namespace

SignatureLoad load_signatures(const std::string& directory) { return Loader(directory).run(); }

}  // namespace camsweep
