#include "camsweep/inventory/correlator.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>

#include "camsweep/core/text.hpp"
#include "camsweep/inventory/identity.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

template <typename T>
void add_unique(std::vector<T>& list, const T& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

// The same, within the per-device key cap; true if the value is (now) in the list.
template <typename T>
bool add_capped(std::vector<T>& list, const T& value) {
    if (std::find(list.begin(), list.end(), value) != list.end()) return true;
    if (list.size() >= Correlator::kMaxKeysPerDevice) return false;
    list.push_back(value);
    return true;
}

MacAddress mac_of(std::uint64_t v) {
    MacAddress m;
    for (int i = 0; i < 6; ++i) m.octets[i] = static_cast<std::uint8_t>(v >> (40 - 8 * i));
    return m;
}

// Adds `source` to the entry for `mac` (one entry per MAC).
void add_source(std::vector<MacOrigin>& origins, const MacAddress& mac, std::string source) {
    for (auto& o : origins)
        if (o.mac == mac) {
            add_unique(o.sources, source);
            return;
        }
    origins.push_back(MacOrigin{mac, {std::move(source)}});
}

// Two IPv4 addresses in one /24: the NICs of one unit sit on different networks.
bool same_ipv4_network(const IpAddress& a, const IpAddress& b) {
    return a.family == IpAddress::Family::v4 && b.family == IpAddress::Family::v4 && a.octets[0] == b.octets[0] &&
           a.octets[1] == b.octets[1] && a.octets[2] == b.octets[2];
}

std::size_t& slot_in(std::size_t& slot) { return slot; }
template <typename Holder>
std::size_t& slot_in(Holder& holder) {
    return holder.slot;
}

// A digest of what same_observation compares: kept observations are screened by it, so a new
// one is compared field by field only with those that have its digest.
std::uint64_t observation_digest(const Observation& obs) {
    std::uint64_t h = obs.fields.size();
    auto mix = [&](std::string_view text) { h = (h ^ std::hash<std::string_view>{}(text)) * 0x100000001b3ULL; };
    mix(obs.protocol);
    for (const auto& f : obs.fields) {
        mix(f.key);
        mix(f.value);
    }
    return h;
}

bool same_observation(const Observation& a, const Observation& b) {
    if (a.protocol != b.protocol || a.fields.size() != b.fields.size()) return false;
    for (std::size_t i = 0; i < a.fields.size(); ++i)
        if (a.fields[i].key != b.fields[i].key || a.fields[i].value != b.fields[i].value) return false;
    return true;
}


}  // namespace

Correlator::Correlator(std::size_t max_devices, std::size_t max_observation_bytes)
    : max_devices_(max_devices == 0 ? kDefaultMaxDevices : max_devices),
      max_bytes_(max_observation_bytes == 0 ? kDefaultMaxObservationBytes : max_observation_bytes) {}

std::size_t Correlator::cost_of(const Observation& obs) {
    std::size_t n = sizeof(Observation) + obs.protocol.size() + obs.excerpt.size() + obs.where.size();
    for (const auto& f : obs.fields) n += sizeof(Field) + f.key.size() + f.value.size();
    return n;
}

// Keeps a distinct observation within the per-device caps (count and bytes).
void Correlator::keep_observation(std::size_t slot, const Observation& obs) {
    Device& device = slots_[slot];
    std::vector<std::uint64_t>& digests = digests_[slot];
    const std::uint64_t digest = observation_digest(obs);
    for (std::size_t i = 0; i < digests.size(); ++i)
        if (digests[i] == digest && same_observation(device.observations[i], obs)) return;
    if (device.observations.size() >= kMaxObservationsPerDevice) return;
    std::size_t cost = cost_of(obs);
    if (!device.observations.empty() && bytes_[slot] + cost > kMaxObservationBytesPerDevice) return;
    device.observations.push_back(obs);
    digests.push_back(digest);
    bytes_[slot] += cost;
    total_bytes_ += cost;
}

EvidenceTier Correlator::tier_of(const Observation& obs) {
    if (obs.get("id.channel")) return EvidenceTier::identified;
    bool evidence = false;
    for (const auto& f : obs.fields) {
        if ((f.key == "id.serial" && is_identifying_serial(f.value)) || (f.key == "id.uuid" && is_identifying_uuid(f.value)))
            return EvidenceTier::identified;
        if (!f.key.starts_with("id.")) evidence = true;
    }
    return evidence ? obs.tier : EvidenceTier::chatter;
}

// tier_of for an observation whose serials and UUIDs keys_of already judged (into `keys`, with
// or without screening): the same answer without judging them again.
EvidenceTier Correlator::tier_of(const Observation& obs, const Keys& keys) {
    if (!keys.serials.empty() || !keys.shared_serials.empty() || !keys.uuids.empty() || !keys.shared_uuids.empty())
        return EvidenceTier::identified;
    bool evidence = false;
    for (const auto& f : obs.fields) {
        if (f.key == "id.channel") return EvidenceTier::identified;
        if (!f.key.starts_with("id.")) evidence = true;
    }
    return evidence ? obs.tier : EvidenceTier::chatter;
}

Correlator::Keys Correlator::keys_of(const Observation& obs) const {
    Keys keys;
    std::vector<MacAddress> reported;
    std::vector<MacOrigin> payload_origins;
    for (const auto& f : obs.fields) {
        if (f.key == "id.mac") {
            auto mac = identifying_mac(f.value);
            if (!mac) continue;
            add_unique(reported, *mac);
            // The analyzer gives the MAC inside an EUI-64 source address as id.mac too.
            bool from_address = false;
            for (const auto& g : obs.fields)
                if (g.key == "ipv6.eui64_mac" && MacAddress::parse(g.value) == mac) from_address = true;
            add_source(payload_origins, *mac, from_address ? std::string(MacOrigin::kEui64)
                                                           : std::string(MacOrigin::kPayloadPrefix) + obs.protocol);
        } else if (f.key == "id.serial") {
            if (is_identifying_serial(f.value)) add_unique(keys.serials, f.value);
        } else if (f.key == "id.uuid") {
            if (auto uuid = normalized_uuid(f.value)) add_unique(keys.uuids, *uuid);
        } else if (f.key == "id.ipv4") {
            if (auto ip = IpAddress::parse(f.value); ip && !ip->is_unspecified() && !ip->is_multicast_or_broadcast())
                add_unique(keys.ips, ip->to_string());
        }
    }
    for (const auto& mac : reported) add_unique(keys.macs, mac.as_u64());
    // The frame's source MAC is the device's own unless the payload names another MAC: then the
    // frame came through a router and its source MAC is the router's: recorded as such, never a key.
    if (obs.endpoint.mac && is_identifying_mac(*obs.endpoint.mac)) {
        bool routed = !reported.empty() && std::find(reported.begin(), reported.end(), *obs.endpoint.mac) == reported.end();
        add_source(keys.mac_origins, *obs.endpoint.mac, std::string(routed ? MacOrigin::kRoutedFrame : MacOrigin::kFrame));
        if (!routed) add_unique(keys.macs, obs.endpoint.mac->as_u64());
    }
    for (const auto& o : payload_origins)
        for (const auto& source : o.sources) add_source(keys.mac_origins, o.mac, source);
    if (obs.endpoint.ip && !obs.endpoint.ip->is_unspecified() && !obs.endpoint.ip->is_multicast_or_broadcast())
        add_unique(keys.ips, obs.endpoint.ip->to_string());
    return keys;
}

// Whether the unit behind `keys` can be the device `holder` (a root) that already announced one
// of the serials or UUIDs in `keys`. Yes when either side shows no MAC (nothing contradicts),
// when one of the observation's MACs already belongs to the holder, or when one of them is a
// sibling port of one of the holder's MACs (are_sibling_ports) and the two sides are not on one
// IPv4 /24 (two NICs of one unit sit on different networks; two units side by side share one).
// Otherwise two units announce the same value: it is not an identity.
bool Correlator::same_unit(std::size_t holder, const Keys& keys) const {
    const Device& held = slots_[holder];
    if (keys.macs.empty() || held.macs.empty()) return true;
    for (auto mac : keys.macs)
        if (auto it = by_mac_.find(mac); it != by_mac_.end() && find(it->second) == holder) return true;
    bool sibling = false;
    for (auto mac : keys.macs)
        for (const auto& m : held.macs) sibling = sibling || are_sibling_ports(mac_of(mac), m);
    if (!sibling) return false;
    for (const auto& text : keys.ips) {
        auto ip = IpAddress::parse(text);
        if (!ip) continue;
        for (const auto& other : held.ips)
            if (same_ipv4_network(*ip, other)) return false;
    }
    return true;
}

// Moves every serial and UUID that does not (or no longer) identify one unit from the keys to
// the shared lists: it stays listed on the device but merges nothing, from now on.
void Correlator::screen_identifiers(Keys& keys) {
    auto screen = [&](std::vector<std::string>& ids, std::vector<std::string>& shared, auto& index) {
        for (auto it = ids.begin(); it != ids.end();) {
            auto held = index.find(*it);
            bool unique = true;
            if (held != index.end()) {
                if (!held->second.shared && !same_unit(find(held->second.slot), keys)) held->second.shared = true;
                unique = !held->second.shared;
            }
            if (unique) {
                ++it;
            } else {
                shared.push_back(std::move(*it));
                it = ids.erase(it);
            }
        }
    };
    screen(keys.serials, keys.shared_serials, by_serial_);
    screen(keys.uuids, keys.shared_uuids, by_uuid_);
}

// Records where a MAC came from, within bounds: a MAC that identifies the device only once it is
// one of its (capped) `macs`; a router's MAC while fewer than kMaxKeysPerDevice are listed.
void Correlator::note_origin(Device& device, const MacOrigin& origin) const {
    for (auto& o : device.mac_origins)
        if (o.mac == origin.mac) {
            for (const auto& source : origin.sources) add_unique(o.sources, source);
            return;
        }
    if (origin.identifies_device()) {
        if (std::find(device.macs.begin(), device.macs.end(), origin.mac) == device.macs.end()) return;
    } else {
        auto routers = std::count_if(device.mac_origins.begin(), device.mac_origins.end(),
                                     [](const MacOrigin& o) { return !o.identifies_device(); });
        if (static_cast<std::size_t>(routers) >= kMaxKeysPerDevice) return;
    }
    device.mac_origins.push_back(origin);
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
    tier_.push_back(EvidenceTier::chatter);
    keep_first_answer_.push_back(kUnasked);
    bytes_.push_back(0);
    digests_.emplace_back();
    parent_.push_back(slots_.size() - 1);
    ++live_;
    ++created_;
    ++update_.created;
    started_ = slots_.size() - 1;
    return started_;
}

std::size_t Correlator::unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return a;
    if (b < a) std::swap(a, b);  // the older device absorbs the newer
    parent_[b] = a;
    merged_into_.push_back(a);
    --live_;
    tier_[a] = std::max(tier_[a], tier_[b]);
    for (auto& peer : slots_[b].peers) {
        auto same = std::find_if(slots_[a].peers.begin(), slots_[a].peers.end(),
                                 [&](const Peer& p) { return p.ip == peer.ip && p.protocol == peer.protocol; });
        if (same != slots_[a].peers.end()) {
            same->first_seen = std::min(same->first_seen, peer.first_seen);
            same->last_seen = std::max(same->last_seen, peer.last_seen);
            same->messages += peer.messages;
        } else if (slots_[a].peers.size() < kMaxPeersPerDevice) {
            slots_[a].peers.push_back(std::move(peer));
        }
    }
    keep_first_answer_[a] = kUnasked;
    Device& into = slots_[a];
    Device& from = slots_[b];
    // Keys beyond the cap stay in the maps (pointing at b, which now resolves to a).
    for (const auto& m : from.macs) add_capped(into.macs, m);
    for (const auto& o : from.mac_origins) note_origin(into, o);
    for (const auto& ip : from.ips) add_capped(into.ips, ip);
    for (const auto& s : from.serials) add_capped(into.serials, s);
    for (const auto& u : from.uuids) add_capped(into.uuids, u);
    for (const auto& p : from.protocols) add_unique(into.protocols, p);
    std::vector<Observation> absorbed = std::move(from.observations);
    std::vector<std::uint64_t>().swap(digests_[b]);
    total_bytes_ -= bytes_[b];
    bytes_[b] = 0;
    for (const auto& o : absorbed) keep_observation(a, o);
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
        if (auto it = by_serial_.find(s); it != by_serial_.end() && !it->second.shared) roots.insert(find(it->second.slot));
    for (const auto& u : keys.uuids)
        if (auto it = by_uuid_.find(u); it != by_uuid_.end() && !it->second.shared) roots.insert(find(it->second.slot));
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
    keep_first_answer_[slot] = kUnasked;
    Device& d = slots_[slot];
    for (auto mac : keys.macs)
        if (add_capped(d.macs, mac_of(mac))) by_mac_[mac] = slot;
    for (const auto& o : keys.mac_origins) note_origin(d, o);
    for (const auto& s : keys.serials)
        if (add_capped(d.serials, s)) by_serial_[s].slot = slot;
    for (const auto& u : keys.uuids)
        if (add_capped(d.uuids, u)) by_uuid_[u].slot = slot;
    for (const auto& s : keys.shared_serials) add_capped(d.serials, s);
    for (const auto& u : keys.shared_uuids) add_capped(d.uuids, u);
    for (const auto& ip : keys.ips) {
        auto parsed = IpAddress::parse(ip);
        if (parsed && add_capped(d.ips, *parsed)) by_ip_[ip] = slot;  // the latest holder of an address
    }
    tier_[slot] = std::max(tier_[slot], tier_of(obs, keys));
    if (d.observation_count == 0 || obs.time < d.first_seen) d.first_seen = obs.time;
    d.last_seen = std::max(d.last_seen, obs.time);
    ++d.observation_count;
    add_unique(d.protocols, obs.protocol);
    keep_observation(slot, obs);
}

void Correlator::record_into(std::size_t slot, bool existed, const Keys& keys, const Observation& obs) {
    slot = find(slot);
    const Device& d = slots_[slot];
    const std::size_t macs = d.macs.size(), ips = d.ips.size(), serials = d.serials.size(), uuids = d.uuids.size();
    record(slot, keys, obs);
    touched_ = slot;
    if (!existed) return;
    // The lists only grow (one entry per distinct value, capped), so a longer list is a new value.
    update_.change.new_mac = update_.change.new_mac || d.macs.size() > macs;
    update_.change.new_ip = update_.change.new_ip || d.ips.size() > ips;
    update_.change.new_serial = update_.change.new_serial || d.serials.size() > serials;
    update_.change.new_uuid = update_.change.new_uuid || d.uuids.size() > uuids;
}

const CorrelatorUpdate& Correlator::add(const Observation& obs) {
    update_.created = 0;
    update_.merged.clear();
    update_.created_device = nullptr;
    update_.device = nullptr;
    update_.change = IdentityChange{};
    touched_ = kNone;
    started_ = kNone;
    merged_into_.clear();
    const std::uint64_t evicted_before = evicted_;
    if (from_remote_peer(obs)) record_peer(obs);
    else add_one(obs);
    // Evicting renumbers slots, so only between observations.
    if (live_ > max_devices_ || total_bytes_ > max_bytes_) evict();
    update_.evicted = evicted_ - evicted_before;
    if (touched_ != kNone) update_.device = &slots_[find(touched_)];
    if (started_ != kNone) update_.created_device = &slots_[find(started_)];
    for (std::size_t survivor : merged_into_) {
        const Device* device = survivor == kNone ? nullptr : &slots_[find(survivor)];
        auto it = std::find_if(update_.merged.begin(), update_.merged.end(), [&](const auto& m) { return m.first == device; });
        if (it == update_.merged.end()) update_.merged.emplace_back(device, 1);
        else ++it->second;
    }
    return update_;
}

bool Correlator::from_remote_peer(const Observation& obs) const {
    if (obs.origin != Origin::passive || !obs.endpoint.mac || !obs.endpoint.ip || !obs.endpoint.ip->is_global_unicast()) return false;
    // Link-local protocols and link-scope multicast cannot have come through a router.
    if (obs.protocol == "arp" || obs.protocol == "dhcp" || obs.protocol == "dhcpv6") return false;
    if (obs.peer.ip && obs.peer.ip->is_multicast_or_broadcast()) return false;
    if (obs.peer.mac && !obs.peer.mac->is_unicast_device()) return false;
    // The payload names the frame's source MAC as the device's own: it is on the link.
    for (const auto& f : obs.fields)
        if (f.key == "id.mac" && MacAddress::parse(f.value) == obs.endpoint.mac) return false;
    // A public address used on the link (some LANs are numbered so) shows itself by ARP first:
    // it then belongs to a device whose own MAC this is.
    if (auto it = by_ip_.find(obs.endpoint.ip->to_string()); it != by_ip_.end()) {
        const Device& held = slots_[find(it->second)];
        if (std::find(held.macs.begin(), held.macs.end(), *obs.endpoint.mac) != held.macs.end()) return false;
    }
    return true;
}

// The remote address becomes a peer of the local device the message went to, if that device is
// known (it normally is: it spoke first, opening the connection or asking the question); a
// message to a device never heard itself is dropped, as it says nothing about the link.
void Correlator::record_peer(const Observation& obs) {
    std::size_t slot = kNone;
    if (obs.peer.mac && is_identifying_mac(*obs.peer.mac)) {
        if (auto it = by_mac_.find(obs.peer.mac->as_u64()); it != by_mac_.end()) slot = find(it->second);
    } else if (obs.peer.ip) {
        if (auto it = by_ip_.find(obs.peer.ip->to_string()); it != by_ip_.end()) slot = find(it->second);
    }
    if (slot == kNone) return;
    Device& local = slots_[slot];
    auto known = std::find_if(local.peers.begin(), local.peers.end(),
                              [&](const Peer& p) { return p.ip == *obs.endpoint.ip && p.protocol == obs.protocol; });
    if (known == local.peers.end()) {
        if (local.peers.size() >= kMaxPeersPerDevice) return;
        Peer peer;
        peer.ip = *obs.endpoint.ip;
        peer.protocol = obs.protocol;
        if (!obs.fields.empty()) peer.said = obs.fields.front().key + "=" + obs.fields.front().value.substr(0, 200);
        peer.first_seen = obs.time;
        local.peers.push_back(std::move(peer));
        known = local.peers.end() - 1;
    }
    known->last_seen = std::max(known->last_seen, obs.time);
    ++known->messages;
}

void Correlator::add_one(const Observation& obs) {
    Keys keys = keys_of(obs);
    auto channel = obs.get("id.channel");
    if (!channel) {
        screen_identifiers(keys);
        bool weak = keys.macs.empty() && keys.serials.empty() && keys.uuids.empty();
        if (weak && keys.ips.empty()) return;  // nothing to attach it to
        std::size_t slot = resolve(keys, weak);
        const bool existed = slot != kNone;
        if (!existed) slot = new_device();
        record_into(slot, existed, keys, obs);
        return;
    }
    // The observation describes a channel (a camera behind an NVR): the sender is the NVR, the
    // subject a separate device identified by its own keys or by (NVR, channel).
    Keys sender;
    if (obs.endpoint.mac && is_identifying_mac(*obs.endpoint.mac)) {
        sender.macs.push_back(obs.endpoint.mac->as_u64());
        sender.mac_origins.push_back(MacOrigin{*obs.endpoint.mac, {std::string(MacOrigin::kFrame)}});
    }
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
    std::erase_if(subject.mac_origins, [&](const MacOrigin& o) {
        return std::find(subject.macs.begin(), subject.macs.end(), o.mac.as_u64()) == subject.macs.end();
    });
    screen_identifiers(subject);
    std::size_t child = resolve(subject, false);
    auto channel_key = std::make_pair(find(nvr), std::string(*channel));
    if (child == kNone) {
        if (auto it = channels_.find(channel_key); it != channels_.end()) child = find(it->second);
    }
    const bool existed = child != kNone;
    if (!existed) child = new_device();
    channels_[channel_key] = child;
    record_into(child, existed, subject, obs);
    Device& d = slots_[find(child)];
    d.channel = std::string(*channel);
    d.parent_id = "#" + std::to_string(find(nvr));  // resolved to a device id in devices()
}

// The table is full: evict the least important devices in one batch, down to 7/8 of the cap,
// (or down to 7/8 of the observation byte budget, whichever removes more), and renumber the
// survivors (keeping their order, so "the older absorbs the newer" and the report order hold).
// Least important = lowest tier, then fewest observations, then the oldest last_seen. A batch
// costs O(n log n + keys) and comes once per cap/8 new devices.
void Correlator::evict() {
    const std::size_t n = slots_.size();
    std::vector<std::size_t> root(n);
    for (std::size_t i = 0; i < n; ++i) root[i] = find(i);
    // An NVR with channels is kept like the channels themselves.
    for (const auto& [key, child] : channels_) {
        tier_[root[key.first]] = EvidenceTier::identified;
        tier_[root[child]] = EvidenceTier::identified;
    }
    struct Rank {
        bool kept_first;
        EvidenceTier tier;
        std::size_t count;
        double last_seen;
        std::size_t slot;
        bool operator<(const Rank& o) const {
            if (kept_first != o.kept_first) return !kept_first;
            if (tier != o.tier) return tier < o.tier;
            if (count != o.count) return count < o.count;
            if (last_seen != o.last_seen) return last_seen < o.last_seen;
            return slot < o.slot;  // the older goes first on a tie
        }
    };
    std::vector<Rank> ranks;
    ranks.reserve(live_);
    for (std::size_t i = 0; i < n; ++i) {
        if (root[i] != i) continue;
        if (keep_first_ && keep_first_answer_[i] == kUnasked) keep_first_answer_[i] = keep_first_(slots_[i]) ? kYes : kNo;
        ranks.push_back(Rank{keep_first_answer_[i] == kYes, tier_[i], slots_[i].observation_count, slots_[i].last_seen, i});
    }
    const std::size_t keep = max_devices_ - max_devices_ / 8;
    const std::size_t keep_bytes = max_bytes_ - max_bytes_ / 8;
    std::sort(ranks.begin(), ranks.end());
    std::vector<char> gone(n, 0);
    std::size_t remove = 0, bytes = total_bytes_;
    while (remove < ranks.size() && (ranks.size() - remove > keep || bytes > keep_bytes)) {
        gone[ranks[remove].slot] = 1;
        bytes -= bytes_[ranks[remove].slot];
        ++remove;
    }
    if (remove == 0) return;

    // New slot numbers: survivors in their old order; absorbed slots follow their root.
    std::vector<std::size_t> renumber(n, kNone);
    std::size_t next = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (root[i] == i && !gone[i]) renumber[i] = next++;
    for (std::size_t i = 0; i < n; ++i) renumber[i] = renumber[root[i]];
    if (touched_ != kNone) touched_ = renumber[touched_];
    if (started_ != kNone) started_ = renumber[started_];
    for (auto& survivor : merged_into_)
        if (survivor != kNone) survivor = renumber[survivor];

    // Survivors move down in place (renumber[i] <= i): no second table of devices is allocated,
    // which a flood that evicts a hundred times would pay for in page faults.
    for (std::size_t i = 0; i < n; ++i) {
        if (root[i] != i || gone[i]) continue;
        Device& d = slots_[i];
        if (d.parent_id.starts_with("#")) {
            std::size_t parent = renumber[std::stoul(d.parent_id.substr(1))];
            if (parent == kNone) d.parent_id.clear();  // its NVR is gone (never while it has channels)
            else d.parent_id = "#" + std::to_string(parent);
        }
        const std::size_t to = renumber[i];
        if (to != i) {
            slots_[to] = std::move(d);
            tier_[to] = tier_[i];
            keep_first_answer_[to] = keep_first_answer_[i];
            bytes_[to] = bytes_[i];
            digests_[to] = std::move(digests_[i]);
        }
    }
    auto remap = [&](auto& map) {
        for (auto it = map.begin(); it != map.end();) {
            std::size_t& slot = slot_in(it->second);
            std::size_t to = renumber[slot];
            if (to == kNone) {
                it = map.erase(it);  // a shared identifier is forgotten with its first holder
            } else {
                slot = to;
                ++it;
            }
        }
    };
    remap(by_mac_);
    remap(by_serial_);
    remap(by_uuid_);
    remap(by_ip_);
    std::map<std::pair<std::size_t, std::string>, std::size_t> channels;
    for (auto& [key, child] : channels_) {
        std::size_t nvr = renumber[key.first], to = renumber[child];
        if (nvr != kNone && to != kNone) channels.emplace(std::make_pair(nvr, key.second), to);
    }
    channels_ = std::move(channels);
    slots_.resize(next);
    tier_.resize(next);
    keep_first_answer_.resize(next);
    bytes_.resize(next);
    digests_.resize(next);
    total_bytes_ = bytes;
    parent_.resize(slots_.size());
    for (std::size_t i = 0; i < parent_.size(); ++i) parent_[i] = i;
    live_ = slots_.size();
    evicted_ += remove;
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
