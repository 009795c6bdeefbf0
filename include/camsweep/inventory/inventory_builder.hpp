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

// What happened to the device table because of one observation. At most one event of each kind
// per observation (merged: one per surviving device), in this order: created, merged, changed,
// evicted. The same observation again causes none.
enum class DeviceEventKind : std::uint8_t {
    created,  // the observation started a device of its own (`count` 2: a channel and its new recorder)
    merged,   // it linked devices held apart so far (by their MAC, serial or UUID): `count` of them became part of `device`
    changed,  // a device that existed before it gained an identity value: `change` says which
    evicted,  // the table was full: `count` devices with the least evidence were dropped
};

// `changed` covers the identity the correlator holds (MACs, IPs, serials, UUIDs), which it
// compares anyway. Maker, model, firmware and verdict come from classifying every kept
// observation of a device against the rules; that runs when devices are judged
// (judged_devices()), not per observation, so a change there is no event: judge the device on
// `created`/`changed`, or compare two reports (`camsweep diff`). What a merge brings into the
// surviving device is the merge itself, not a `changed`; a new value the observation brought
// beyond the merged devices' own is both.
struct DeviceEvent {
    DeviceEventKind kind = DeviceEventKind::created;
    const Observation& cause;
    std::uint64_t count = 1;
    // The device after the observation, as the correlator holds it: not classified yet, no id
    // yet (ids are given by first appearance when the inventory is built), valid during the call
    // only. created: the new device (the camera when a channel and its recorder are both new);
    // merged: the survivor; changed: the device that gained. Null for evicted, and when the
    // device itself was evicted at once.
    const Device* device = nullptr;
    IdentityChange change;  // changed: what `device` gained
};

struct InventoryBuilderOptions {
    Date audit_date;
    // Devices held at once (0: Correlator::kDefaultMaxDevices); beyond it the least important go.
    std::size_t max_devices = Correlator::kDefaultMaxDevices;
    std::function<void(const DeviceEvent&)> on_event;
    // Called before the first device is judged for eviction; false when the signature database
    // cannot be had (eviction then ranks by evidence alone). Null: the database is ready.
    std::function<bool()> database_ready;
};

class InventoryBuilder {
public:
    InventoryBuilder(const SignatureDatabase& db, InventoryBuilderOptions options);
    InventoryBuilder(const InventoryBuilder&) = delete;  // its correlator calls back into it
    InventoryBuilder& operator=(const InventoryBuilder&) = delete;

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
