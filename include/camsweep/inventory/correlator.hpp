#pragma once
// Merges observations into devices. Identity keys in order of strength:
// MAC > serial > ONVIF/UPnP UUID > IP. An IP alone never merges two units that show different
// MACs (factory addresses like 192.168.1.108 are shared by many fresh cameras); it only
// attaches an observation that has no stronger key to the device last seen on that IP.
// Which values are keys at all is inventory/identity.hpp; a serial or UUID that units with
// unrelated MACs announce stops being a key (docs/architecture.md "Decisions").
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "camsweep/inventory/device.hpp"

namespace camsweep {

// Identity values a device that already existed gained from one observation: a MAC that
// identifies it, an IP, a serial or a UUID it did not list before (within the per-device caps,
// so a sender cycling addresses stops gaining once 64 are listed).
struct IdentityChange {
    bool new_mac = false, new_ip = false, new_serial = false, new_uuid = false;
    bool any() const { return new_mac || new_ip || new_serial || new_uuid; }
};

// What one Correlator::add did to the table, counted while adding (a few integers per
// observation). The pointers are into the correlator, valid until its next add().
struct CorrelatorUpdate {
    std::size_t created = 0;  // devices the observation started (2 when a channel's recorder is new too)
    // The last of them (the camera when a channel and its recorder are both new); null when none
    // was started or it was evicted at once.
    const Device* created_device = nullptr;
    // Devices that became one: each surviving device with the number of devices it absorbed
    // (the device is null if it was evicted at once).
    std::vector<std::pair<const Device*, std::size_t>> merged;
    // The device the observation went into (for a channel, the camera); null when it had nothing
    // to attach to or its device was evicted at once.
    const Device* device = nullptr;
    IdentityChange change;  // what `device` gained, when it existed before the observation
    std::uint64_t evicted = 0;  // devices dropped because the table was full
};

class Correlator {
public:
    // Cap on distinct observations kept per device (the count keeps growing).
    static constexpr std::size_t kMaxObservationsPerDevice = 256;
    // Cap on the MACs, IPs, serials and UUIDs kept per device (each kind): further ones are
    // neither listed nor indexed, so one sender cycling addresses cannot grow the tables.
    static constexpr std::size_t kMaxKeysPerDevice = 64;
    // Bytes of distinct observations kept per device (estimated: strings plus fixed overhead);
    // the first observation is always kept.
    static constexpr std::size_t kMaxObservationBytesPerDevice = 256 * 1024;
    // Default cap on devices held at once (docs/robustness.md "Hostile inputs").
    static constexpr std::size_t kDefaultMaxDevices = 100000;
    // Default cap on the kept observations of all devices together, in the same estimate.
    static constexpr std::size_t kDefaultMaxObservationBytes = 256 * 1024 * 1024;

    // When more than max_devices devices are held, or their kept observations take more than
    // max_observation_bytes, the least important devices are evicted in one batch, down to 7/8
    // of both caps; 0 means the default.
    explicit Correlator(std::size_t max_devices = kDefaultMaxDevices, std::size_t max_observation_bytes = kDefaultMaxObservationBytes);

    const CorrelatorUpdate& add(const Observation& obs);
    // The merged devices, ordered by first appearance, with ids "dev-001", ...
    std::vector<Device> devices() const;
    std::size_t device_count() const;
    // Grows by one with every device created (merges do not shrink it): cheap change detection.
    std::size_t device_count_hint() const { return created_; }
    // Devices evicted so far because the table was full.
    std::uint64_t evicted() const { return evicted_; }
    std::size_t max_devices() const { return max_devices_; }
    std::size_t max_observation_bytes() const { return max_bytes_; }
    // Estimated bytes of the observations kept by all devices.
    std::size_t observation_bytes() const { return total_bytes_; }
    static std::size_t cost_of(const Observation& obs);
    // Importance of a device when the table is full (the lowest goes first): the tier of its
    // protocol, raised to identified by a serial, UUID or channel, lowered to chatter when it
    // carries identity fields only.
    static EvidenceTier tier_of(const Observation& obs);

    // Devices this predicate holds are evicted only after every other (it judges a device:
    // covered and likely-covered ones are kept while anything else can go). Asked at eviction
    // time, once per device and again only after the device gained an observation.
    void set_keep_first(std::function<bool(const Device&)> keep_first) { keep_first_ = std::move(keep_first); }

private:
    struct Keys {
        std::vector<std::uint64_t> macs;
        std::vector<std::string> serials, uuids, ips;
        // Listed on the device but not keys: several units announce them.
        std::vector<std::string> shared_serials, shared_uuids;
        std::vector<MacOrigin> mac_origins;  // where each MAC of the observation came from
    };
    // Where a serial or UUID is indexed. `shared`: announced by units that are not one unit
    // (same_unit), so it merges nothing any more; `slot` is the device that announced it first.
    struct IdHolder {
        std::size_t slot = 0;
        bool shared = false;
    };
    Keys keys_of(const Observation& obs) const;
    // Whether the observation came from a remote address through a router (a TLS server on the
    // internet behind the gateway's MAC): then it is not a device of the link but a peer of the
    // local device it was sent to (record_peer).
    bool from_remote_peer(const Observation& obs) const;
    void record_peer(const Observation& obs);
    static EvidenceTier tier_of(const Observation& obs, const Keys& keys);
    bool same_unit(std::size_t holder, const Keys& keys) const;
    void screen_identifiers(Keys& keys);
    void note_origin(Device& device, const MacOrigin& origin) const;
    std::size_t find(std::size_t slot) const;
    std::size_t unite(std::size_t a, std::size_t b);
    std::size_t new_device();
    std::size_t resolve(const Keys& keys, bool allow_ip);
    void record(std::size_t slot, const Keys& keys, const Observation& obs);
    // record(), and the update's device and, when it existed before, what it gained.
    void record_into(std::size_t slot, bool existed, const Keys& keys, const Observation& obs);
    void add_one(const Observation& obs);
    void keep_observation(std::size_t slot, const Observation& obs);
    void evict();

    std::size_t max_devices_;
    std::size_t max_bytes_;
    std::size_t total_bytes_ = 0;
    std::vector<std::size_t> bytes_;  // per slot: estimated bytes of its kept observations
    std::vector<std::vector<std::uint64_t>> digests_;  // per slot: a digest of each kept observation
    std::size_t live_ = 0;         // root devices
    std::size_t created_ = 0;
    std::uint64_t evicted_ = 0;
    std::vector<Device> slots_;
    std::vector<EvidenceTier> tier_;  // per slot, meaningful at roots
    // Per slot, meaningful at roots: what keep_first_ said (kUnasked until asked, or since the
    // device changed).
    enum KeepFirst : std::uint8_t { kUnasked, kNo, kYes };
    std::vector<std::uint8_t> keep_first_answer_;
    std::function<bool(const Device&)> keep_first_;
    mutable std::vector<std::size_t> parent_;
    std::unordered_map<std::uint64_t, std::size_t> by_mac_;
    std::unordered_map<std::string, IdHolder> by_serial_, by_uuid_;
    std::unordered_map<std::string, std::size_t> by_ip_;
    std::map<std::pair<std::size_t, std::string>, std::size_t> channels_;  // (NVR slot, channel) -> slot
    // The update of the current add(): slots while adding (evict() renumbers them), pointers at the end.
    CorrelatorUpdate update_;
    std::size_t touched_ = static_cast<std::size_t>(-1);  // slot the observation went into, or none
    std::size_t started_ = static_cast<std::size_t>(-1);  // slot of the last device it started, or none
    std::vector<std::size_t> merged_into_;  // one surviving slot per device absorbed
};

}  // namespace camsweep
