#include "camsweep/inventory/inventory_builder.hpp"

#include "camsweep/classify/classifier.hpp"
#include "camsweep/compliance/policy.hpp"
#include "camsweep/dissect/eui64.hpp"

namespace camsweep {

InventoryBuilder::InventoryBuilder(const SignatureDatabase& db, InventoryBuilderOptions options)
    : db_(db), options_(std::move(options)), correlator_(options_.max_devices) {
    // A full table never drops a device that would be judged covered or likely covered while it
    // holds one that would not: each is judged as it stands when eviction ranks it.
    correlator_.set_keep_first([this](const Device& held) {
        if (options_.database_ready && !options_.database_ready()) return false;
        Device device = held;
        classify(device, db_);
        const VerdictStatus status = judge(device, db_, options_.audit_date).status;
        return status == VerdictStatus::covered || status == VerdictStatus::likely_covered;
    });
}

std::uint64_t InventoryBuilder::add(Observation& obs) {
    if (obs.fields.empty()) return 0;
    // An EUI-64 IPv6 address carries the sender's MAC, even across a router hop.
    if (obs.endpoint.ip && obs.endpoint.ip->family == IpAddress::Family::v6) {
        if (auto mac = mac_from_eui64(*obs.endpoint.ip)) {
            obs.add("ipv6.eui64_mac", mac->to_string());
            obs.add("id.mac", mac->to_string());
        }
    }
    const CorrelatorUpdate& update = correlator_.add(obs);
    if (options_.on_event) {
        if (update.created > 0) options_.on_event(DeviceEvent{DeviceEventKind::created, obs, update.created, update.created_device, {}});
        for (const auto& [device, absorbed] : update.merged)
            options_.on_event(DeviceEvent{DeviceEventKind::merged, obs, absorbed, device, {}});
        if (update.change.any()) options_.on_event(DeviceEvent{DeviceEventKind::changed, obs, 1, update.device, update.change});
        if (update.evicted > 0) options_.on_event(DeviceEvent{DeviceEventKind::evicted, obs, update.evicted, nullptr, {}});
    }
    return update.evicted;
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
