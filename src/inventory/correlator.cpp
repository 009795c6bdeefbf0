#include "camsweep/inventory/correlator.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "camsweep/core/text.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Serial "values" some firmware reports when it has none: they identify nothing.
bool is_placeholder_serial(std::string_view s) {
    return s.empty() || iequals(s, "N/A") || iequals(s, "unknown") || iequals(s, "none") || s == "0" || iequals(s, "null");
}

template <typename T>
void add_unique(std::vector<T>& list, const T& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

bool same_observation(const Observation& a, const Observation& b) {
    if (a.protocol != b.protocol || a.fields.size() != b.fields.size()) return false;
    for (std::size_t i = 0; i < a.fields.size(); ++i)
        if (a.fields[i].key != b.fields[i].key || a.fields[i].value != b.fields[i].value) return false;
    return true;
}

void merge_observation(Device& device, const Observation& obs) {
    for (auto& kept : device.observations)
        if (same_observation(kept, obs)) return;
    if (device.observations.size() < Correlator::kMaxObservationsPerDevice) device.observations.push_back(obs);
}

}  // namespace

Correlator::Keys Correlator::keys_of(const Observation& obs) const {
    Keys keys;
    std::vector<MacAddress> reported;
    for (const auto& f : obs.fields) {
        if (f.key == "id.mac") {
            if (auto mac = MacAddress::parse(f.value); mac && mac->is_unicast_device()) reported.push_back(*mac);
        } else if (f.key == "id.serial" && !is_placeholder_serial(f.value)) {
            add_unique(keys.serials, f.value);
        } else if (f.key == "id.uuid" && !f.value.empty()) {
            add_unique(keys.uuids, to_lower(f.value));
        } else if (f.key == "id.ipv4") {
            if (auto ip = IpAddress::parse(f.value); ip && !ip->is_unspecified() && !ip->is_multicast_or_broadcast())
                add_unique(keys.ips, ip->to_string());
        }
    }
    for (const auto& mac : reported) add_unique(keys.macs, mac.as_u64());
    // The frame's source MAC is the device's own unless the payload names another MAC: then the
    // frame came through a router and its source MAC is the router's.
    if (obs.endpoint.mac && obs.endpoint.mac->is_unicast_device()) {
        bool routed = !reported.empty() && std::find(reported.begin(), reported.end(), *obs.endpoint.mac) == reported.end();
        if (!routed) add_unique(keys.macs, obs.endpoint.mac->as_u64());
    }
    if (obs.endpoint.ip && !obs.endpoint.ip->is_unspecified() && !obs.endpoint.ip->is_multicast_or_broadcast())
        add_unique(keys.ips, obs.endpoint.ip->to_string());
    return keys;
}

std::size_t Correlator::find(std::size_t slot) const {
    while (parent_[slot] != slot) {
        parent_[slot] = parent_[parent_[slot]];
        slot = parent_[slot];
    }
    return slot;
}

std::size_t Correlator::new_device() {
    slots_.emplace_back();
    parent_.push_back(slots_.size() - 1);
    return slots_.size() - 1;
}

std::size_t Correlator::unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return a;
    if (b < a) std::swap(a, b);  // the older device absorbs the newer
    parent_[b] = a;
    Device& into = slots_[a];
    Device& from = slots_[b];
    for (const auto& m : from.macs) add_unique(into.macs, m);
    for (const auto& ip : from.ips) add_unique(into.ips, ip);
    for (const auto& s : from.serials) add_unique(into.serials, s);
    for (const auto& u : from.uuids) add_unique(into.uuids, u);
    for (const auto& p : from.protocols) add_unique(into.protocols, p);
    for (const auto& o : from.observations) merge_observation(into, o);
    into.first_seen = std::min(into.first_seen, from.first_seen);
    into.last_seen = std::max(into.last_seen, from.last_seen);
    into.observation_count += from.observation_count;
    if (into.channel.empty()) {
        into.channel = from.channel;
        into.parent_id = from.parent_id;
    }
    from = Device{};
    // Channels filed under the absorbed NVR now belong to the survivor; a channel both knew
    // is one camera.
    std::vector<std::pair<std::string, std::size_t>> moved;
    for (auto it = channels_.lower_bound({b, std::string()}); it != channels_.end() && it->first.first == b;) {
        moved.emplace_back(it->first.second, it->second);
        it = channels_.erase(it);
    }
    for (auto& [channel, child] : moved) {
        auto [existing, inserted] = channels_.emplace(std::make_pair(a, channel), child);
        if (!inserted) {
            std::size_t kept = existing->second;
            channels_[{a, channel}] = unite(kept, child);
        }
    }
    return a;
}

std::size_t Correlator::resolve(const Keys& keys, bool allow_ip) {
    std::set<std::size_t> roots;
    for (auto mac : keys.macs)
        if (auto it = by_mac_.find(mac); it != by_mac_.end()) roots.insert(find(it->second));
    for (const auto& s : keys.serials)
        if (auto it = by_serial_.find(s); it != by_serial_.end()) roots.insert(find(it->second));
    for (const auto& u : keys.uuids)
        if (auto it = by_uuid_.find(u); it != by_uuid_.end()) roots.insert(find(it->second));
    for (const auto& ip : keys.ips) {
        auto it = by_ip_.find(ip);
        if (it == by_ip_.end()) continue;
        std::size_t holder = find(it->second);
        // Without a stronger key the IP decides; with one, the IP only absorbs a device that was
        // known by that IP alone.
        if ((allow_ip && roots.empty()) || slots_[holder].macs.empty()) roots.insert(holder);
    }
    if (roots.empty()) return kNone;
    std::size_t root = *roots.begin();
    for (auto r : roots) root = unite(root, r);
    return find(root);
}

void Correlator::record(std::size_t slot, const Keys& keys, const Observation& obs) {
    slot = find(slot);
    Device& d = slots_[slot];
    for (auto mac : keys.macs) {
        by_mac_[mac] = slot;
        MacAddress m;
        for (int i = 0; i < 6; ++i) m.octets[i] = static_cast<std::uint8_t>(mac >> (40 - 8 * i));
        add_unique(d.macs, m);
    }
    for (const auto& s : keys.serials) {
        by_serial_[s] = slot;
        add_unique(d.serials, s);
    }
    for (const auto& u : keys.uuids) {
        by_uuid_[u] = slot;
        add_unique(d.uuids, u);
    }
    for (const auto& ip : keys.ips) {
        by_ip_[ip] = slot;  // the latest holder of an address
        if (auto parsed = IpAddress::parse(ip)) add_unique(d.ips, *parsed);
    }
    if (d.observation_count == 0 || obs.time < d.first_seen) d.first_seen = obs.time;
    d.last_seen = std::max(d.last_seen, obs.time);
    ++d.observation_count;
    add_unique(d.protocols, obs.protocol);
    merge_observation(d, obs);
}

void Correlator::add(const Observation& obs) {
    Keys keys = keys_of(obs);
    auto channel = obs.get("id.channel");
    if (!channel) {
        bool weak = keys.macs.empty() && keys.serials.empty() && keys.uuids.empty();
        if (weak && keys.ips.empty()) return;  // nothing to attach it to
        std::size_t slot = resolve(keys, weak);
        if (slot == kNone) slot = new_device();
        record(slot, keys, obs);
        return;
    }
    // The observation describes a channel (a camera behind an NVR): the sender is the NVR, the
    // subject a separate device identified by its own keys or by (NVR, channel).
    Keys sender;
    if (obs.endpoint.mac && obs.endpoint.mac->is_unicast_device()) sender.macs.push_back(obs.endpoint.mac->as_u64());
    if (obs.endpoint.ip && !obs.endpoint.ip->is_unspecified()) sender.ips.push_back(obs.endpoint.ip->to_string());
    std::size_t nvr = resolve(sender, sender.macs.empty());
    if (nvr == kNone) {
        nvr = new_device();
        Observation bare = obs;
        bare.fields.clear();
        record(nvr, sender, bare);
    }
    Keys subject = keys;
    subject.ips.clear();
    subject.macs.erase(std::remove_if(subject.macs.begin(), subject.macs.end(),
                                      [&](std::uint64_t m) { return obs.endpoint.mac && m == obs.endpoint.mac->as_u64(); }),
                       subject.macs.end());
    std::size_t child = resolve(subject, false);
    auto channel_key = std::make_pair(find(nvr), std::string(*channel));
    if (child == kNone) {
        if (auto it = channels_.find(channel_key); it != channels_.end()) child = find(it->second);
    }
    if (child == kNone) child = new_device();
    channels_[channel_key] = child;
    record(child, subject, obs);
    Device& d = slots_[find(child)];
    d.channel = std::string(*channel);
    d.parent_id = "#" + std::to_string(find(nvr));  // resolved to a device id in devices()
}

std::size_t Correlator::device_count() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < slots_.size(); ++i)
        if (find(i) == i) ++n;
    return n;
}

std::vector<Device> Correlator::devices() const {
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < slots_.size(); ++i)
        if (find(i) == i) roots.push_back(i);
    std::stable_sort(roots.begin(), roots.end(),
                     [&](std::size_t a, std::size_t b) { return slots_[a].first_seen < slots_[b].first_seen; });
    std::map<std::size_t, std::string> ids;
    for (std::size_t i = 0; i < roots.size(); ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "dev-%03zu", i + 1);
        ids[roots[i]] = buf;
    }
    std::vector<Device> out;
    out.reserve(roots.size());
    for (auto r : roots) {
        Device d = slots_[r];
        d.id = ids[r];
        if (d.parent_id.starts_with("#")) {
            std::size_t parent_slot = std::stoul(d.parent_id.substr(1));
            d.parent_id = ids[find(parent_slot)];
        }
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace camsweep
