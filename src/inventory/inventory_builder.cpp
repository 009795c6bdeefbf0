#include "camsweep/inventory/inventory_builder.hpp"

#include "camsweep/classify/classifier.hpp"
#include "camsweep/compliance/policy.hpp"
#include "camsweep/dissect/eui64.hpp"

namespace camsweep {

InventoryBuilder::InventoryBuilder(const SignatureDatabase& db, InventoryBuilderOptions options)
    : db_(db), options_(std::move(options)), correlator_(options_.max_devices) {}

std::uint64_t InventoryBuilder::add(Observation& obs) {
    if (obs.fields.empty()) return 0;
    // An EUI-64 IPv6 address carries the sender's MAC, even across a router hop.
    if (obs.endpoint.ip && obs.endpoint.ip->family == IpAddress::Family::v6) {
        if (auto mac = mac_from_eui64(*obs.endpoint.ip)) {
            obs.add("ipv6.eui64_mac", mac->to_string());
            obs.add("id.mac", mac->to_string());
        }
    }
    const std::size_t created_before = correlator_.device_count_hint();
    const std::uint64_t evicted_before = correlator_.evicted();
    correlator_.add(obs);
    const std::uint64_t evicted = correlator_.evicted() - evicted_before;
    if (options_.on_event) {
        if (correlator_.device_count_hint() != created_before) options_.on_event(DeviceEvent{DeviceEventKind::created, obs, 1});
        if (evicted > 0) options_.on_event(DeviceEvent{DeviceEventKind::evicted, obs, evicted});
    }
    return evicted;
}

std::vector<Device> InventoryBuilder::judged_devices() const {
    std::vector<Device> devices = correlator_.devices();
    classify_and_judge(devices, db_, options_.audit_date);
    return devices;
}

void classify_and_judge(std::vector<Device>& devices, const SignatureDatabase& db, const Date& audit_date) {
    for (auto& device : devices) {
        classify(device, db);
        device.verdict = judge(device, db, audit_date);
    }
}

}  // namespace camsweep
