// JSON report (schema: docs/report-format.md). Every string from a device goes through
// utf8_or_escaped, so the output is always valid UTF-8.
#include <nlohmann/json.hpp>

#include "camsweep/core/text.hpp"
#include "camsweep/report/writers.hpp"

namespace camsweep {
namespace {

using nlohmann::ordered_json;

std::string s(std::string_view text) { return utf8_or_escaped(text); }

double round3(double v) { return static_cast<double>(static_cast<long long>(v * 1000 + 0.5)) / 1000.0; }

ordered_json vendor_value(const Device& d, const char* attribute, const SignatureDatabase& db) {
    const ScoredValue* best = d.best(attribute);
    if (!best) return nullptr;
    return ordered_json{{"id", best->value}, {"name", s(db.display_name(best->value))}, {"confidence", round3(best->confidence)}};
}

ordered_json plain_value(const Device& d, const char* attribute) {
    const ScoredValue* best = d.best(attribute);
    if (!best) return nullptr;
    return ordered_json{{"value", s(best->value)}, {"confidence", round3(best->confidence)}};
}

ordered_json listing_json(const ListingHit& h) {
    return ordered_json{{"id", h.listing_id},   {"regime", h.regime},       {"regime_name", h.regime_name},
                        {"entity", h.entity},   {"entity_ref", h.entity_ref}, {"paragraph", h.paragraph},
                        {"citation", h.citation}, {"url", h.url},           {"status", h.status},
                        {"consequence", h.consequence}};
}

ordered_json link_json(const ChainLink& l) {
    ordered_json j{{"from", l.from}, {"relation", l.relation}, {"to", l.to}, {"certainty", l.certainty},
                   {"status", l.status}, {"source", l.source}};
    if (!l.since.empty()) j["since"] = l.since;
    if (!l.until.empty()) j["until"] = l.until;
    return j;
}

ordered_json device_json(const Device& d, const SignatureDatabase& db) {
    ordered_json j;
    j["id"] = d.id;
    auto macs = ordered_json::array();
    for (const auto& m : d.macs) macs.push_back(m.to_string());
    auto ips = ordered_json::array();
    for (const auto& ip : d.ips) ips.push_back(ip.to_string());
    auto serials = ordered_json::array();
    for (const auto& v : d.serials) serials.push_back(s(v));
    auto uuids = ordered_json::array();
    for (const auto& v : d.uuids) uuids.push_back(s(v));
    j["macs"] = macs;
    j["ips"] = ips;
    j["serials"] = serials;
    j["uuids"] = uuids;
    j["first_seen"] = iso8601_utc(d.first_seen);
    j["last_seen"] = iso8601_utc(d.last_seen);
    j["parent"] = d.parent_id.empty() ? ordered_json(nullptr) : ordered_json(d.parent_id);
    j["channel"] = d.channel.empty() ? ordered_json(nullptr) : ordered_json(s(d.channel));
    j["protocols"] = d.protocols;
    j["observations"] = d.observation_count;
    j["vendor"] = vendor_value(d, "vendor", db);
    j["brand"] = vendor_value(d, "brand", db);
    j["model"] = plain_value(d, "model");
    j["firmware"] = plain_value(d, "firmware");
    j["device_type"] = plain_value(d, "device_type");

    const Verdict& v = d.verdict;
    ordered_json verdict;
    verdict["status"] = std::string(to_string(v.status));
    verdict["confidence"] = round3(v.confidence);
    verdict["producer"] = v.producer.empty() ? ordered_json(nullptr) : ordered_json(v.producer);
    verdict["purpose_qualified"] = v.purpose_qualified;
    verdict["purpose_qualifier"] = v.purpose_qualifier.empty() ? ordered_json(nullptr) : ordered_json(v.purpose_qualifier);
    verdict["reason"] = s(v.reason);
    auto listings = ordered_json::array();
    for (const auto& h : v.listings) listings.push_back(listing_json(h));
    verdict["listings"] = listings;
    auto chain = ordered_json::array();
    for (const auto& l : v.chain) chain.push_back(link_json(l));
    verdict["chain"] = chain;
    auto other = ordered_json::array();
    for (const auto& h : v.other_listings) other.push_back(listing_json(h));
    verdict["other_listings"] = other;
    auto related = ordered_json::array();
    for (const auto& l : v.related) related.push_back(link_json(l));
    verdict["related"] = related;
    j["verdict"] = verdict;

    auto evidence = ordered_json::array();
    for (const auto& e : d.evidence) {
        ordered_json claims = ordered_json::object();
        for (const auto& [k, val] : e.claims) claims[k] = s(val);
        ordered_json item{{"rule", e.rule_id}, {"field", e.field},      {"value", s(e.value)},   {"weight", round3(e.weight)},
                          {"claims", claims},  {"protocol", e.protocol}, {"where", s(e.where)}};
        if (e.time > 0) item["time"] = iso8601_utc(e.time);
        if (!e.references.empty()) item["references"] = e.references;
        evidence.push_back(item);
    }
    j["evidence"] = evidence;
    return j;
}

}  // namespace

void write_json(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db) {
    ordered_json doc;
    doc["format"] = "camsweep-inventory";
    doc["format_version"] = 1;
    doc["camsweep_version"] = CAMSWEEP_VERSION;
    doc["audit_date"] = inventory.audit_date.to_string();
    doc["signatures"] = {{"vendors_as_of", inventory.vendors_as_of}, {"listings_as_of", inventory.listings_as_of}};
    auto inputs = ordered_json::array();
    for (const auto& in : inventory.inputs)
        inputs.push_back(ordered_json{{"path", s(in.path)},        {"format", in.format},    {"link_types", in.link_types},
                                      {"packets", in.packets},     {"bytes", in.bytes},      {"observations", in.observations},
                                      {"malformed", in.malformed}, {"complete", in.complete}, {"error", s(in.error)}});
    doc["inputs"] = inputs;
    ordered_json counts{{"covered", 0}, {"likely-covered", 0}, {"not-covered", 0}, {"unknown", 0}};
    for (const auto& d : inventory.devices) counts[std::string(to_string(d.verdict.status))] = counts[std::string(to_string(d.verdict.status))].get<int>() + 1;
    doc["summary"] = {{"devices", inventory.devices.size()}, {"by_verdict", counts}};
    auto devices = ordered_json::array();
    for (const auto& d : inventory.devices) devices.push_back(device_json(d, db));
    doc["devices"] = devices;
    auto warnings = ordered_json::array();
    for (const auto& w : inventory.warnings) warnings.push_back(s(w));
    doc["warnings"] = warnings;
    out << doc.dump(2) << '\n';
}

}  // namespace camsweep
