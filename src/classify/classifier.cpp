#include "camsweep/classify/classifier.hpp"

#include <algorithm>
#include <map>

#include "camsweep/signatures/matcher.hpp"

namespace camsweep {
namespace {

void add_oui_evidence(Device& device, const SignatureDatabase& db) {
    for (const auto& mac : device.macs) {
        const OuiPrefix* oui = db.lookup_oui(mac);
        if (!oui) continue;
        const Vendor* vendor = db.vendor(oui->vendor);
        if (!vendor) continue;
        Evidence e;
        e.rule_id = "oui:" + oui->vendor;
        e.field = "mac";
        e.value = mac.to_string();
        e.protocol = "oui";
        e.where = oui->registry + " " + oui->org;
        auto weight = db.policy.oui_weight_by_kind.find(vendor->kind);
        e.weight = weight == db.policy.oui_weight_by_kind.end() ? 0 : weight->second;
        // A component maker's OUI (a Wi-Fi module, a SoC board) says nothing about who made the
        // device: it is kept as evidence with weight 0 and no claim.
        if (e.weight > 0) {
            e.claims.emplace_back("vendor", oui->vendor);
            if (vendor->kind == "brand") e.claims.emplace_back("brand", oui->vendor);
        }
        device.evidence.push_back(std::move(e));
    }
}

Evidence evidence_of(const Rule& rule, const Observation& obs, const Field& field, RuleMatch match) {
    Evidence e;
    e.rule_id = rule.id;
    e.field = field.key;
    e.value = field.value;
    e.weight = rule.weight;
    e.claims = std::move(match.claims);
    e.protocol = obs.protocol;
    e.time = obs.time;
    e.where = obs.where;
    e.references = rule.references;
    return e;
}

// A name-lookup rule (Rule::names_vendor) is a fallback: where a maker's own rule already read
// the same value and claimed the same maker, it adds nothing (one label is one piece of
// evidence, however many rules can read it).
bool already_claimed(const std::vector<Evidence>& evidence, const Evidence& fallback) {
    return std::any_of(evidence.begin(), evidence.end(), [&](const Evidence& e) {
        if (e.field != fallback.field || e.value != fallback.value) return false;
        for (const auto& claim : fallback.claims)
            if ((claim.first == "vendor" || claim.first == "brand") &&
                std::find(e.claims.begin(), e.claims.end(), claim) != e.claims.end())
                return true;
        return false;
    });
}

// Whether `evidence` already holds this rule's reading of this value (a value sent again).
bool holds(const std::vector<Evidence>& evidence, std::string_view rule_id, std::string_view value) {
    return std::any_of(evidence.begin(), evidence.end(), [&](const Evidence& e) { return e.rule_id == rule_id && e.value == value; });
}

void add_rule_evidence(Device& device, const SignatureDatabase& db) {
    std::vector<Evidence> fallbacks;
    for (const auto& obs : device.observations) {
        for (const auto& field : obs.fields) {
            for (const Rule* rule : db.rules_for_field(field.key)) {
                auto match = match_rule(*rule, field.value, db);
                if (!match) continue;
                if (holds(device.evidence, rule->id, field.value)) continue;
                auto& into = rule->names_vendor ? fallbacks : device.evidence;
                into.push_back(evidence_of(*rule, obs, field, std::move(*match)));
            }
        }
    }
    for (auto& e : fallbacks) {
        if (!holds(device.evidence, e.rule_id, e.value) && !already_claimed(device.evidence, e)) device.evidence.push_back(std::move(e));
    }
}

DeviceCategory category_of_type(std::string_view type) {
    static const std::map<std::string_view, DeviceCategory> kByType = {
        {"camera", DeviceCategory::surveillance},         {"doorbell", DeviceCategory::surveillance},
        {"nvr", DeviceCategory::surveillance},            {"dvr", DeviceCategory::surveillance},
        {"thermal_camera", DeviceCategory::surveillance}, {"video_encoder", DeviceCategory::surveillance},
        {"access_control", DeviceCategory::surveillance}, {"intercom", DeviceCategory::surveillance},
        {"router", DeviceCategory::telecom},              {"switch", DeviceCategory::telecom},
        {"ont", DeviceCategory::telecom},                 {"radio", DeviceCategory::telecom},
    };
    auto it = kByType.find(type);
    // phone, computer, printer, media, iot, other: the equipment an auditor does not chase.
    return it == kByType.end() ? DeviceCategory::it_other : it->second;
}

// Fields only the device side of a surveillance protocol sends: answers, announcements and
// stream servers' replies, never a client's search or request (a laptop running VLC or a
// maker's search tool is not a camera).
constexpr std::string_view kSurveillanceDeviceFields[] = {
    "sadp.device_sn",   "sadp.device_type",   "sadp.device_description", "dhip.device_class", "dhip.device_type",
    "dhip.serial",      "dhip.machine_name",  "xm.mac",                  "xm.version",        "d5050.hostname",
    "onvif.manufacturer", "onvif.model",      "onvif.fault_code",        "isapi.namespace",   "rpc2.realm",
    "rtsp.server",      "rtsp.public",        "rtsp.realm",              "rtsp.served_path", "rtsp.quirk",
    "bosch.hardware_id", "hanwha.mac",        "vivotek.name",            "sony.mac",          "panasonic.mac"};

bool speaks_surveillance_protocol(const Device& device) {
    for (const auto& obs : device.observations)
        for (const auto& field : obs.fields) {
            if (std::find(std::begin(kSurveillanceDeviceFields), std::end(kSurveillanceDeviceFields), field.key) !=
                std::end(kSurveillanceDeviceFields))
                return true;
            if (field.key == "wsd.types" && field.value.find("NetworkVideoTransmitter") != std::string::npos) return true;
        }
    return false;
}

}  // namespace

DeviceCategory category_of(const Device& device) {
    if (const ScoredValue* type = device.best("device_type")) return category_of_type(type->value);
    return speaks_surveillance_protocol(device) ? DeviceCategory::surveillance : DeviceCategory::unidentified;
}

void classify(Device& device, const SignatureDatabase& db) {
    device.evidence.clear();
    device.attributes.clear();
    add_oui_evidence(device, db);
    add_rule_evidence(device, db);

    // Independent pieces of evidence for the same claim combine as a noisy-OR: each one that
    // could be wrong with probability (1 - w) leaves the claim wrong only if all are.
    std::map<std::string, std::map<std::string, double>> doubt;  // attribute -> value -> product of (1 - w)
    for (const auto& e : device.evidence)
        for (const auto& [attribute, value] : e.claims) {
            auto [it, inserted] = doubt[attribute].emplace(value, 1.0);
            it->second *= (1.0 - e.weight);
        }
    for (const auto& serial : device.serials) doubt["serial"].emplace(serial, 0.0);
    static const char* kOrder[] = {"vendor", "brand", "model", "firmware", "serial", "device_type"};
    for (const char* attribute : kOrder) {
        auto it = doubt.find(attribute);
        if (it == doubt.end()) continue;
        std::vector<ScoredValue> values;
        for (const auto& [value, d] : it->second) values.push_back({value, 1.0 - d});
        std::stable_sort(values.begin(), values.end(),
                         [](const ScoredValue& a, const ScoredValue& b) { return a.confidence > b.confidence; });
        device.attributes.emplace_back(attribute, std::move(values));
    }
    device.category = category_of(device);
}

}  // namespace camsweep
