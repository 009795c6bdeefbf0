#pragma once
// Devices repeat themselves: a camera answers every search with the same bytes and sends each
// SSDP NOTIFY and mDNS announcement again and again. A protocol's fields_of is pure (the bytes
// and the MessageMeta; datagram protocols never read its time), so the passive adapter reads a
// datagram it has seen before from this memo instead of parsing it again. Only a message seen
// twice is kept (a one-off search reply never takes a place), the least recently used goes first,
// and both the number of messages and their bytes are bounded.
#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/dissect/protocol.hpp"

namespace camsweep {

struct DatagramMemoLimits {
    std::size_t max_messages = 1024;
    std::size_t max_bytes = 4 << 20;          // messages and their fields together, estimated
    std::size_t max_message_bytes = 4096;     // larger messages are always parsed
};

class DatagramMemo {
public:
    explicit DatagramMemo(DatagramMemoLimits limits = {});

    // What `protocol`'s fields_of said about this message (with this meta) last time, or null.
    // Sets the lookup key for a following remember().
    const MessageFields* find(const ProtocolDescriptor& protocol, const MessageMeta& meta, Bytes message);
    // The result of reading the message find() last looked up (and did not hold).
    void remember(const MessageFields& result);

    std::size_t size() const { return entries_.size(); }
    std::uint64_t hits() const { return hits_; }

private:
    struct Entry {
        std::uint64_t digest = 0;
        std::string key;  // protocol, meta without time, message bytes
        MessageFields result;
        std::size_t bytes = 0;
    };

    DatagramMemoLimits limits_;
    std::list<Entry> entries_;  // front = most recently used
    std::unordered_map<std::uint64_t, std::list<Entry>::iterator> by_digest_;
    std::vector<std::uint64_t> seen_once_;  // digests met once, by digest modulo size (a doorkeeper)
    std::size_t bytes_ = 0;
    std::uint64_t hits_ = 0;
    // The last lookup.
    std::string key_;  // protocol and meta
    Bytes message_;
    std::uint64_t digest_ = 0;
    bool admit_ = false;
};

}  // namespace camsweep
