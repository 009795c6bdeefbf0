#include "camsweep/stream/reassembler.hpp"

#include <algorithm>
#include <cstring>

namespace camsweep {
namespace {

constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kAck = 0x10;
constexpr std::size_t kMinProbeBytes = 8;  // enough for "OPTIONS ", "HTTP/1.", a TLS record header

// Sequence-number distance with wrap-around (RFC 1982 style).
std::int32_t seq_diff(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b); }

}  // namespace

std::size_t StreamReassembler::KeyHash::operator()(const Key& k) const {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    auto mix = [&](const std::uint8_t* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ULL;
    };
    mix(k.ip_low.data(), 16);
    mix(k.ip_high.data(), 16);
    std::uint8_t ports[4] = {static_cast<std::uint8_t>(k.port_low), static_cast<std::uint8_t>(k.port_low >> 8),
                             static_cast<std::uint8_t>(k.port_high), static_cast<std::uint8_t>(k.port_high >> 8)};
    mix(ports, 4);
    return static_cast<std::size_t>(h);
}

StreamReassembler::StreamReassembler(ReassemblyLimits limits, std::vector<const ProtocolDescriptor*> protocols)
    : limits_(limits), protocols_(std::move(protocols)) {
    flows_.reserve(std::min<std::size_t>(limits_.max_flows, 4096));
}

std::size_t StreamReassembler::held(const Direction& dir) {
    std::size_t bytes = dir.data.size();
    for (const auto& segment : dir.pending) bytes += segment.second.size();
    return bytes;
}

void StreamReassembler::release(Direction& dir) {
    buffered_bytes_ -= std::min(buffered_bytes_, held(dir));
    std::string().swap(dir.data);
    std::vector<std::pair<std::uint32_t, std::string>>().swap(dir.pending);
}

void StreamReassembler::release_request_head(Flow& flow) {
    buffered_bytes_ -= std::min(buffered_bytes_, flow.request_head.size());
    std::string().swap(flow.request_head);
}

void StreamReassembler::evict_oldest() {
    auto it = flows_.find(lru_.back());
    if (it != flows_.end()) {
        release(it->second.side[0]);
        release(it->second.side[1]);
        release_request_head(it->second);
        flows_.erase(it);
    }
    lru_.pop_back();
    ++stats_.flows_evicted;
}

StreamReassembler::Flow& StreamReassembler::flow_for(const Key& key) {
    auto it = flows_.find(key);
    if (it != flows_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        return it->second;
    }
    if (flows_.size() >= limits_.max_flows && !lru_.empty()) evict_oldest();
    ++stats_.flows_created;
    lru_.push_front(key);
    Flow& flow = flows_[key];
    flow.lru = lru_.begin();
    return flow;
}

void StreamReassembler::append(Direction& dir, std::uint32_t seq, Bytes payload) {
    auto take = [&](Bytes bytes) {
        std::size_t room = limits_.bytes_per_direction - std::min(dir.data.size(), limits_.bytes_per_direction);
        dir.data.append(reinterpret_cast<const char*>(bytes.data()), std::min(room, bytes.size()));
        dir.next_seq += static_cast<std::uint32_t>(bytes.size());
    };
    std::int32_t ahead = seq_diff(seq, dir.next_seq);
    if (ahead > 0) {
        // A gap: keep the segment until the missing bytes arrive, within bounds.
        ++stats_.segments_out_of_order;
        if (dir.pending.size() >= limits_.max_pending_segments ||
            static_cast<std::size_t>(ahead) >= limits_.bytes_per_direction) {
            ++stats_.segments_dropped;
            return;
        }
        std::size_t keep = std::min(payload.size(), limits_.bytes_per_direction);
        dir.pending.emplace_back(seq, std::string(reinterpret_cast<const char*>(payload.data()), keep));
        return;
    }
    // Already have these bytes (retransmission). Unsigned, as -ahead overflows when the segment is
    // exactly 2^31 behind (docs/robustness.md).
    std::size_t overlap = dir.next_seq - seq;
    if (overlap < payload.size()) take(payload.subspan(overlap));
    // Pending segments that now connect.
    for (bool progress = true; progress && !dir.pending.empty();) {
        progress = false;
        for (auto it = dir.pending.begin(); it != dir.pending.end(); ++it) {
            std::int32_t gap = seq_diff(it->first, dir.next_seq);
            if (gap > 0) continue;
            std::size_t skip = dir.next_seq - it->first;  // unsigned, as above
            const std::string segment = std::move(it->second);
            dir.pending.erase(it);
            if (skip < segment.size())
                take(Bytes(reinterpret_cast<const std::uint8_t*>(segment.data()) + skip, segment.size() - skip));
            progress = true;
            break;
        }
    }
}

void StreamReassembler::run_dissector(Flow& flow, int side, bool final, double time, const std::string& where, const Sink& sink) {
    Direction& dir = flow.side[side];
    if (dir.state == State::finished || dir.state == State::idle || dir.data.empty()) return;
    MessageMeta meta;
    meta.time = time;
    meta.src_mac = dir.sender.mac;
    meta.src_ip = dir.sender.ip;
    meta.src_port = dir.sender.port;
    meta.dst_port = dir.receiver.port;
    meta.from_client = flow.client_side >= 0 ? flow.client_side == side : dir.sender.port > dir.receiver.port;
    meta.final = final || dir.data.size() >= limits_.bytes_per_direction;
    if (!meta.from_client) meta.request = flow.request_head;
    Bytes prefix(reinterpret_cast<const std::uint8_t*>(dir.data.data()), dir.data.size());
    if (dir.dissector < 0) {
        for (std::size_t i = 0; i < protocols_.size(); ++i)
            if (protocols_[i]->looks_like(meta, prefix)) {
                dir.dissector = static_cast<int>(i);
                break;
            }
        // Too few bytes to tell yet (a head can be split after its first bytes): wait.
        if (dir.dissector < 0 && dir.data.size() < kMinProbeBytes && !meta.final) return;
        if (dir.dissector < 0) {  // not a protocol we read
            dir.state = State::finished;
            release(dir);
            return;
        }
        dir.state = State::dissecting;
    }
    const ProtocolDescriptor& protocol = *protocols_[static_cast<std::size_t>(dir.dissector)];
    Observation obs;
    obs.time = time;
    obs.endpoint = dir.sender;
    obs.peer = dir.receiver;
    obs.where = where;
    std::string error;
    ParseState state = read_message(protocol, prefix, meta, obs, error);
    if (state == ParseState::incomplete && !meta.final) return;
    if (!obs.fields.empty() || !error.empty()) {
        obs.excerpt = dir.data.substr(0, 160);
        sink(obs, error);
    }
    dir.state = State::finished;
    // The client's first request is kept (bounded, counted in the byte budget) until the reply
    // is read: a reply names what it answered (MessageMeta::request).
    if (meta.from_client && flow.request_head.empty() && flow.side[1 - side].state != State::finished) {
        flow.request_head = dir.data.substr(0, kRequestHeadBytes);
        buffered_bytes_ += flow.request_head.size();
    } else if (!meta.from_client) {
        release_request_head(flow);
    }
    release(dir);
}

void StreamReassembler::add(const DecodedPacket& packet, double time, const std::string& where, const Sink& sink) {
    if (packet.transport != Transport::tcp || !packet.src_ip || !packet.dst_ip) return;
    // The key orders the two ends so that both directions find the same flow.
    Key key;
    const auto& src = packet.src_ip->octets;
    const auto& dst = packet.dst_ip->octets;
    bool src_low = std::memcmp(src.data(), dst.data(), 16) < 0 ||
                   (src == dst && packet.src_port <= packet.dst_port);
    key.ip_low = src_low ? src : dst;
    key.ip_high = src_low ? dst : src;
    key.port_low = src_low ? packet.src_port : packet.dst_port;
    key.port_high = src_low ? packet.dst_port : packet.src_port;
    int side = src_low ? 0 : 1;

    const bool syn = packet.tcp_flags & kSyn, fin = packet.tcp_flags & kFin, rst = packet.tcp_flags & kRst;
    if (packet.payload.empty() && !syn && !fin && !rst) return;  // bare ACKs change nothing
    auto existing = flows_.find(key);
    if (existing == flows_.end() && packet.payload.empty() && !syn) return;  // end of a flow we never saw
    Flow& flow = flow_for(key);
    Direction& dir = flow.side[side];
    if (dir.state == State::idle) {
        dir.state = State::probing;
        dir.sender = Endpoint{packet.src_mac, packet.src_ip, packet.src_port};
        dir.receiver = Endpoint{packet.dst_mac, packet.dst_ip, packet.dst_port};
    }
    if (syn) {
        if (!(packet.tcp_flags & kAck)) flow.client_side = side;
        else if (flow.client_side < 0) flow.client_side = 1 - side;
        dir.next_seq = packet.tcp_seq + 1;
        dir.seq_known = true;
    }
    if (!packet.payload.empty() && dir.state != State::finished) {
        if (!dir.seq_known) {  // joined mid-flow: start here
            dir.next_seq = packet.tcp_seq;
            dir.seq_known = true;
        }
        std::size_t before = dir.data.size();
        std::size_t held_before = held(dir);
        append(dir, packet.tcp_seq, packet.payload);
        std::size_t held_after = held(dir);  // can shrink: pending segments merge into the prefix
        if (held_after >= held_before) buffered_bytes_ += held_after - held_before;
        else buffered_bytes_ -= std::min(buffered_bytes_, held_before - held_after);
        // A global byte budget: many flows at their cap must not add up without bound. The
        // current flow is the most recently used, so it is evicted last.
        while (buffered_bytes_ > limits_.max_buffered_bytes && lru_.size() > 1) evict_oldest();
        if (dir.data.size() != before || (fin || rst)) run_dissector(flow, side, fin || rst, time, where, sink);
    } else if ((fin || rst) && dir.state == State::dissecting) {
        run_dissector(flow, side, true, time, where, sink);
    }
    if (rst) {
        for (auto& d : flow.side)
            if (d.state == State::dissecting) d.state = State::finished;
    }
    if (flow.side[0].state == State::finished && flow.side[1].state == State::finished) {
        // Keep the (now small) entry so the rest of the flow is recognised and skipped.
        release(flow.side[0]);
        release(flow.side[1]);
        release_request_head(flow);
    }
}

void StreamReassembler::flush(double time, const Sink& sink) {
    for (auto& [key, flow] : flows_)
        for (int side = 0; side < 2; ++side)
            if (flow.side[side].state == State::dissecting || flow.side[side].state == State::probing)
                run_dissector(flow, side, true, time, "end of capture", sink);
}

}  // namespace camsweep
