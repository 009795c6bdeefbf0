// JSON report (schema: docs/report-format.md). Every string from a device goes through
// utf8_or_escaped, so the output is always valid UTF-8.
#include <nlohmann/json.hpp>

#include "camsweep/core/text.hpp"
#include "camsweep/report/notices.hpp"
#include "camsweep/report/sent.hpp"
#include "camsweep/report/writers.hpp"
#include "report_text.hpp"

namespace camsweep {
namespace {

using nlohmann::ordered_json;

ordered_json vendor_value(const Device& d, const char* attribute, const SignatureDatabase& db) {
    const ScoredValue* best = d.best(attribute);
    if (!best) return nullptr;
    return ordered_json{{"id", best->value}, {"name", json_text(db.display_name(best->value))}, {"confidence", round3(best->confidence)}};
}

ordered_json plain_value(const Device& d, const char* attribute) {
    const ScoredValue* best = d.best(attribute);
    if (!best) return nullptr;
    return ordered_json{{"value", json_text(best->value)}, {"confidence", round3(best->confidence)}};
}

ordered_json listing_json(const ListingHit& h) {
    return ordered_json{{"id", json_text(h.listing_id)},
                        {"regime", json_text(h.regime)},
                        {"regime_name", json_text(h.regime_name)},
                        {"entity", json_text(h.entity)},
                        {"entity_ref", json_text(h.entity_ref)},
                        {"paragraph", json_text_or_null(h.paragraph)},
                        {"citation", json_text(h.citation)},
                        {"url", json_text_or_null(h.url)},
                        {"status", json_text(h.status)},
                        {"consequence", json_text_or_null(h.consequence)}};
}

ordered_json link_json(const ChainLink& l) {
    ordered_json j{{"from", json_text(l.from)},
                   {"relation", l.relation},
                   {"to", json_text(l.to)},
                   {"certainty", l.certainty},
                   {"status", json_text_or_null(l.status)},
                   {"source", json_text(l.source)}};
    if (!l.since.empty()) j["since"] = l.since;
    if (!l.until.empty()) j["until"] = l.until;
    return j;
}

ordered_json device_json(const Device& d, const SignatureDatabase& db) {
    ordered_json j;
    j["id"] = d.id;
    j["macs"] = json_array_of(d.macs, [](const MacAddress& m) { return m.to_string(); });
    // Every MAC seen with the device and where it came from, routers' MACs included (format_version 3).
    j["mac_origins"] = json_array_of(d.mac_origins, [](const MacOrigin& o) {
        return ordered_json{{"mac", o.mac.to_string()}, {"sources", json_array_of(o.sources, json_text)}};
    });
    j["ips"] = json_array_of(d.ips, [](const IpAddress& ip) { return ip.to_string(); });
    j["peers"] = json_array_of(d.peers, [](const Peer& p) {
        return ordered_json{{"ip", p.ip.to_string()},
                            {"protocol", json_text(p.protocol)},
                            {"said", json_text_or_null(p.said)},
                            {"first_seen", iso8601_utc(p.first_seen)},
                            {"last_seen", iso8601_utc(p.last_seen)},
                            {"messages", p.messages}};
    });
    j["serials"] = json_array_of(d.serials, json_text);
    j["uuids"] = json_array_of(d.uuids, json_text);
    j["first_seen"] = iso8601_utc(d.first_seen);
    j["last_seen"] = iso8601_utc(d.last_seen);
    j["parent"] = json_text_or_null(d.parent_id);
    j["channel"] = json_text_or_null(d.channel);
    j["protocols"] = d.protocols;
    j["observations"] = d.observation_count;
    j["vendor"] = vendor_value(d, "vendor", db);
    j["brand"] = vendor_value(d, "brand", db);
    j["model"] = plain_value(d, "model");
    j["firmware"] = plain_value(d, "firmware");
    j["device_type"] = plain_value(d, "device_type");
    j["category"] = std::string(to_string(d.category));

    const Verdict& v = d.verdict;
    ordered_json verdict;
    verdict["status"] = std::string(to_string(v.status));
    verdict["confidence"] = round3(v.confidence);
    verdict["producer"] = json_text_or_null(v.producer);
    verdict["purpose_qualified"] = v.purpose_qualified;
    verdict["purpose_qualifier"] = json_text_or_null(v.purpose_qualifier);
    verdict["reason"] = json_text(v.reason);
    verdict["listings"] = json_array_of(v.listings, listing_json);
    verdict["chain"] = json_array_of(v.chain, link_json);
    verdict["other_listings"] = json_array_of(v.other_listings, listing_json);
    verdict["related"] = json_array_of(v.related, link_json);
    j["verdict"] = verdict;

    auto evidence = ordered_json::array();
    for (const auto& e : d.evidence) {
        ordered_json claims = ordered_json::object();
        for (const auto& [k, val] : e.claims) claims[k] = json_text(val);
        ordered_json item{{"rule", json_text(e.rule_id)}, {"field", json_text(e.field)}, {"value", json_text(e.value)},
                          {"weight", round3(e.weight)},     {"claims", claims},              {"protocol", e.protocol},
                          {"where", json_text(e.where)}};
        if (e.time > 0) item["time"] = iso8601_utc(e.time);
        if (!e.references.empty()) item["references"] = e.references;
        evidence.push_back(item);
    }
    j["evidence"] = evidence;

    // Every field value the device sent, matched by a rule or not (format_version 2).
    const SentFields sent = sent_fields(d);
    j["sent"] = json_array_of(sent.fields, [](const SentField& f) {
        return ordered_json{{"protocol", json_text(f.protocol)},
                            {"field", json_text(f.field)},
                            {"value", json_text(f.value)},
                            {"first_seen", iso8601_utc(f.first_seen)}};
    });
    j["sent_omitted"] = sent.omitted;
    return j;
}

}  // namespace

void write_json(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db) {
    ordered_json doc;
    doc["format"] = "camsweep-inventory";
    doc["format_version"] = 4;
    doc["camsweep_version"] = CAMSWEEP_VERSION;
    doc["audit_date"] = inventory.audit_date.to_string();
    doc["title"] = json_text_or_null(inventory.title);
    doc["site"] = json_text_or_null(inventory.site);
    doc["signatures"] = {{"vendors_as_of", inventory.vendors_as_of}, {"listings_as_of", inventory.listings_as_of}};
    auto inputs = ordered_json::array();
    for (const auto& in : inventory.inputs)
        inputs.push_back(ordered_json{{"path", json_text(in.path)}, {"format", in.format},    {"link_types", in.link_types},
                                      {"packets", in.packets},      {"bytes", in.bytes},      {"observations", in.observations},
                                      {"malformed", in.malformed},  {"devices_evicted", in.devices_evicted},
                                      {"complete", in.complete},    {"error", json_text_or_null(in.error)},
                                      {"first_packet", in.first_packet_time > 0 ? ordered_json(iso8601_utc(in.first_packet_time)) : nullptr},
                                      {"last_packet", in.last_packet_time > 0 ? ordered_json(iso8601_utc(in.last_packet_time)) : nullptr},
                                      {"sha256", json_text_or_null(in.sha256)}});
    doc["inputs"] = inputs;
    doc["notices"] = json_array_of(report_notices(inventory), [](const ReportNotice& n) {
        return ordered_json{{"kind", std::string(to_string(n.kind))}, {"text", json_text(n.text)}};
    });
    ordered_json counts{{"covered", 0}, {"likely-covered", 0}, {"not-covered", 0}, {"unknown", 0}};
    for (const auto& d : inventory.devices) counts[std::string(to_string(d.verdict.status))] = counts[std::string(to_string(d.verdict.status))].get<int>() + 1;
    doc["summary"] = {{"devices", inventory.devices.size()}, {"by_verdict", counts}};
    doc["devices"] = ordered_json::array();  // written one by one below
    doc["warnings"] = json_array_of(inventory.warnings, json_text);
    // Every string was escaped above; "replace" is only a backstop so that a stray invalid byte
    // can never abort the report.
    constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
    const std::string text = doc.dump(2, ' ', false, kReplace);
    // The devices are streamed, one object at a time, into the place of the empty array, so
    // that memory follows one device and not the whole report (100,000 devices would take a
    // gigabyte as one document). The bytes are those of dumping the whole document: a device
    // sits two levels deep, so each of its lines gets four more spaces (dumped strings hold no
    // raw newline, and the key below can only be the top-level one: quotes inside strings are
    // escaped).
    const std::string_view marker = "\n  \"devices\": []";
    const std::size_t at = text.find(marker);
    if (inventory.devices.empty() || at == std::string::npos) {
        out << text << '\n';
        return;
    }
    out.write(text.data(), static_cast<std::streamsize>(at));
    out << "\n  \"devices\": [";
    for (std::size_t i = 0; i < inventory.devices.size(); ++i) {
        std::string one = device_json(inventory.devices[i], db).dump(2, ' ', false, kReplace);
        out << "\n    ";
        std::size_t start = 0;
        for (std::size_t nl = one.find('\n'); nl != std::string::npos; nl = one.find('\n', start)) {
            out.write(one.data() + start, static_cast<std::streamsize>(nl + 1 - start));
            out << "    ";
            start = nl + 1;
        }
        out.write(one.data() + start, static_cast<std::streamsize>(one.size() - start));
        if (i + 1 < inventory.devices.size()) out << ',';
    }
    out << "\n  ]";
    const std::size_t rest = at + marker.size();
    out.write(text.data() + rest, static_cast<std::streamsize>(text.size() - rest));
    out << '\n';
}

}  // namespace camsweep
