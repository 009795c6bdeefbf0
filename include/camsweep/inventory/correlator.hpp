#pragma once
// Merges observations into devices. Identity keys in order of strength:
// MAC > serial > ONVIF/UPnP UUID > IP. An IP alone never merges two units that show different
// MACs (factory addresses like 192.168.1.108 are shared by many fresh cameras); it only
// attaches an observation that has no stronger key to the device last seen on that IP.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "camsweep/inventory/device.hpp"

namespace camsweep {

class Correlator {
public:
    // Cap on distinct observations kept per device (the count keeps growing).
    static constexpr std::size_t kMaxObservationsPerDevice = 256;

    void add(const Observation& obs);
    // The merged devices, ordered by first appearance, with ids "dev-001", ...
    std::vector<Device> devices() const;
    std::size_t device_count() const;
    // Grows by one with every device created (merges do not shrink it): cheap change detection.
    std::size_t device_count_hint() const { return slots_.size(); }

private:
    struct Keys {
        std::vector<std::uint64_t> macs;
        std::vector<std::string> serials, uuids, ips;
    };
    Keys keys_of(const Observation& obs) const;
    std::size_t find(std::size_t slot) const;
    std::size_t unite(std::size_t a, std::size_t b);
    std::size_t new_device();
    std::size_t resolve(const Keys& keys, bool allow_ip);
    void record(std::size_t slot, const Keys& keys, const Observation& obs);

    std::vector<Device> slots_;
    mutable std::vector<std::size_t> parent_;
    std::unordered_map<std::uint64_t, std::size_t> by_mac_;
    std::unordered_map<std::string, std::size_t> by_serial_, by_uuid_, by_ip_;
    std::map<std::pair<std::size_t, std::string>, std::size_t> channels_;  // (NVR slot, channel) -> slot
};

}  // namespace camsweep
