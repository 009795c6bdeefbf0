#pragma once
// TCP stream reassembly, just enough to read protocol heads split across segments: each
// direction of a flow keeps its first bytes in order (up to a cap), out-of-order segments wait
// in a short list, and the stream protocols read the growing prefix. Memory scales with the
// number of flows (a fixed-size table with least-recently-used eviction), never with packets.
#include <array>
#include <cstdint>
#include <functional>
#include <list>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "camsweep/core/observation.hpp"
#include "camsweep/decode/packet.hpp"
#include "camsweep/dissect/protocol.hpp"

namespace camsweep {

struct ReassemblyLimits {
    std::size_t max_flows = 32768;             // table size; the least recently used flow goes first
    std::size_t bytes_per_direction = 16384;   // prefix kept per direction
    std::size_t max_pending_segments = 8;      // out-of-order segments waiting for a gap to fill
    std::size_t max_buffered_bytes = 64 << 20; // all flows together; past it the least recently used flows go
};

struct ReassemblyStats {
    std::uint64_t flows_created = 0;
    std::uint64_t flows_evicted = 0;
    std::uint64_t segments_out_of_order = 0;
    std::uint64_t segments_dropped = 0;        // beyond the pending list
};

class StreamReassembler {
public:
    // Called for each finished stream observation, and for each dissector error (with `error`
    // set and `obs` holding the endpoint only).
    using Sink = std::function<void(Observation& obs, const std::string& error)>;

    // `protocols`: the ones read on streams, tried in order; by default every registered
    // protocol carried by TCP.
    explicit StreamReassembler(ReassemblyLimits limits = {}, std::vector<const ProtocolDescriptor*> protocols = protocols_carried_by(Carrier::tcp));

    // Feeds one TCP segment. `where` describes the packet for messages and evidence.
    void add(const DecodedPacket& packet, double time, const std::string& where, const Sink& sink);

    // The capture has ended: every direction still waiting for data is read as it is.
    void flush(double time, const Sink& sink);

    std::size_t flow_count() const { return flows_.size(); }
    std::size_t buffered_bytes() const { return buffered_bytes_; }
    const ReassemblyStats& stats() const { return stats_; }

private:
    struct Key {
        std::array<std::uint8_t, 16> ip_low{}, ip_high{};
        std::uint16_t port_low = 0, port_high = 0;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const;
    };
    enum class State : std::uint8_t { idle, probing, dissecting, finished };
    struct Direction {
        State state = State::idle;
        bool seq_known = false;
        std::uint32_t next_seq = 0;
        int dissector = -1;
        std::string data;
        std::vector<std::pair<std::uint32_t, std::string>> pending;
        Endpoint sender, receiver;
    };
    struct Flow {
        Direction side[2];
        int client_side = -1;  // which side sent the SYN, if seen
        std::string request_head;  // the client's first bytes (MessageMeta::request) until the reply is read
        std::list<Key>::iterator lru;
    };

    Flow& flow_for(const Key& key);
    void append(Direction& dir, std::uint32_t seq, Bytes payload);
    void run_dissector(Flow& flow, int side, bool final, double time, const std::string& where, const Sink& sink);
    void release(Direction& dir);
    void release_request_head(Flow& flow);
    static std::size_t held(const Direction& dir);
    void evict_oldest();

    ReassemblyLimits limits_;
    std::vector<const ProtocolDescriptor*> protocols_;
    ReassemblyStats stats_;
    std::unordered_map<Key, Flow, KeyHash> flows_;
    std::list<Key> lru_;  // front = most recently used
    std::size_t buffered_bytes_ = 0;
};

}  // namespace camsweep
