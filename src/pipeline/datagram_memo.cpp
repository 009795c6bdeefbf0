#include "camsweep/pipeline/datagram_memo.hpp"

#include <functional>
#include <string_view>

namespace camsweep {
namespace {

constexpr std::size_t kDoorkeeperSlots = 16384;

void put_bytes(std::string& key, const void* data, std::size_t n) { key.append(static_cast<const char*>(data), n); }

void put_mac(std::string& key, const std::optional<MacAddress>& mac) {
    key.push_back(mac ? '\1' : '\0');
    if (mac) put_bytes(key, mac->octets.data(), mac->octets.size());
}

void put_ip(std::string& key, const std::optional<IpAddress>& ip) {
    key.push_back(ip ? static_cast<char>(1 + static_cast<int>(ip->family)) : '\0');
    if (ip) put_bytes(key, ip->octets.data(), ip->octets.size());
}

std::size_t estimated_bytes(const std::string& key, const MessageFields& result) {
    std::size_t n = 128 + key.size() + result.error.size();  // 128: the entry, its list and map nodes
    for (const auto& f : result.fields) n += sizeof(Field) + f.key.size() + f.value.size();
    return n;
}

}  // namespace

DatagramMemo::DatagramMemo(DatagramMemoLimits limits) : limits_(limits), seen_once_(kDoorkeeperSlots, 0) {}

const MessageFields* DatagramMemo::find(const ProtocolDescriptor& protocol, const MessageMeta& meta, Bytes message) {
    admit_ = false;
    if (message.size() > limits_.max_message_bytes) return nullptr;
    // Everything fields_of may read except the time: the protocol, the meta, the bytes.
    key_.clear();
    const ProtocolDescriptor* which = &protocol;
    put_bytes(key_, &which, sizeof which);
    put_mac(key_, meta.src_mac);
    put_ip(key_, meta.src_ip);
    put_ip(key_, meta.dst_ip);
    const std::uint16_t numbers[] = {meta.src_port, meta.dst_port, meta.ethertype,
                                     static_cast<std::uint16_t>(meta.from_client | (meta.final << 1))};
    put_bytes(key_, numbers, sizeof numbers);
    // The key is this prefix and the message: hashed and compared in two pieces, the message
    // copied only when the entry is made.
    const std::string_view body(reinterpret_cast<const char*>(message.data()), message.size());
    digest_ = std::hash<std::string_view>{}(key_) * 0x9e3779b97f4a7c15ULL ^ std::hash<std::string_view>{}(body);
    message_ = message;

    auto same_key = [&](const std::string& stored) {
        return stored.size() == key_.size() + body.size() && std::string_view(stored).substr(0, key_.size()) == key_ &&
               std::string_view(stored).substr(key_.size()) == body;
    };
    if (auto it = by_digest_.find(digest_); it != by_digest_.end() && same_key(it->second->key)) {
        entries_.splice(entries_.begin(), entries_, it->second);
        ++hits_;
        return &it->second->result;
    }
    std::uint64_t& slot = seen_once_[digest_ % kDoorkeeperSlots];
    admit_ = slot == digest_;  // the second time: worth keeping
    slot = digest_;
    return nullptr;
}

void DatagramMemo::remember(const MessageFields& result) {
    if (!admit_) return;
    admit_ = false;
    if (auto it = by_digest_.find(digest_); it != by_digest_.end()) {  // a digest collision: the newer wins
        bytes_ -= it->second->bytes;
        entries_.erase(it->second);
        by_digest_.erase(it);
    }
    Entry entry{digest_, key_, result, 0};
    entry.key.append(reinterpret_cast<const char*>(message_.data()), message_.size());
    entry.bytes = estimated_bytes(entry.key, entry.result);
    bytes_ += entry.bytes;
    entries_.push_front(std::move(entry));
    by_digest_[digest_] = entries_.begin();
    while (!entries_.empty() && (entries_.size() > limits_.max_messages || bytes_ > limits_.max_bytes)) {
        bytes_ -= entries_.back().bytes;
        by_digest_.erase(entries_.back().digest);
        entries_.pop_back();
    }
}

}  // namespace camsweep
