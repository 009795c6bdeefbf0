#pragma once
// The one place where observations become an inventory, whichever front end made them (capture
// files, live capture, the prober): it owns the correlator with its caps and eviction, adds
// what any observation implies (the MAC inside an EUI-64 IPv6 address), tells a sink about
// device events, and classifies and judges the devices on request.
#include <cstdint>
#include <functional>
#include <vector>

#include "camsweep/inventory/correlator.hpp"
#include "camsweep/inventory/inventory.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

enum class DeviceEventKind : std::uint8_t {
    created,  // the observation started a device of its own
    evicted,  // the table was full: `count` devices with the least evidence were dropped
};

struct DeviceEvent {
    DeviceEventKind kind = DeviceEventKind::created;
    const Observation& cause;
    std::uint64_t count = 1;
};

struct InventoryBuilderOptions {
    Date audit_date;
    // Devices held at once (0: Correlator::kDefaultMaxDevices); beyond it the least important go.
    std::size_t max_devices = Correlator::kDefaultMaxDevices;
    std::function<void(const DeviceEvent&)> on_event;
};

class InventoryBuilder {
public:
    InventoryBuilder(const SignatureDatabase& db, InventoryBuilderOptions options);

    // Adds one observation (an empty one is ignored); returns the devices it caused to be evicted.
    std::uint64_t add(Observation& obs);
    // The devices seen so far, classified and judged on the audit date (the builder goes on).
    std::vector<Device> judged_devices() const;

    std::size_t max_devices() const { return correlator_.max_devices(); }
    std::size_t max_observation_bytes() const { return correlator_.max_observation_bytes(); }
    const Date& audit_date() const { return options_.audit_date; }

private:
    const SignatureDatabase& db_;
    InventoryBuilderOptions options_;
    Correlator correlator_;
};

// Classifies and judges devices that came from any source.
void classify_and_judge(std::vector<Device>& devices, const SignatureDatabase& db, const Date& audit_date);

}  // namespace camsweep
