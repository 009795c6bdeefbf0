#include "camsweep/decode/defragmenter.hpp"

#include <algorithm>

namespace camsweep {

void Ipv4Defragmenter::expire(double now) {
    for (auto it = datagrams_.begin(); it != datagrams_.end();) {
        if (now - it->second.first_seen > limits_.timeout_seconds) {
            it = datagrams_.erase(it);
            ++dropped_;
        } else {
            ++it;
        }
    }
}

bool Ipv4Defragmenter::add(const DecodedPacket& fragment, double time, std::vector<std::uint8_t>& payload) {
    if (!fragment.fragment || !fragment.src_ip || !fragment.dst_ip) return false;
    Key key;
    std::copy_n(fragment.src_ip->octets.begin(), 4, key.src.begin());
    std::copy_n(fragment.dst_ip->octets.begin(), 4, key.dst.begin());
    key.id = fragment.ip_id;
    key.protocol = fragment.ip_protocol;
    std::uint64_t end = std::uint64_t{fragment.fragment_offset} + fragment.ip_payload.size();
    if (end > limits_.max_datagram_bytes) {
        ++dropped_;
        datagrams_.erase(key);
        return false;
    }
    auto it = datagrams_.find(key);
    if (it == datagrams_.end()) {
        if (datagrams_.size() >= limits_.max_datagrams) expire(time);
        if (datagrams_.size() >= limits_.max_datagrams) {  // still full: drop the oldest
            auto oldest = std::min_element(datagrams_.begin(), datagrams_.end(), [](const auto& a, const auto& b) {
                return a.second.first_seen < b.second.first_seen;
            });
            datagrams_.erase(oldest);
            ++dropped_;
        }
        it = datagrams_.emplace(key, Datagram{}).first;
        it->second.first_seen = time;
    }
    Datagram& d = it->second;
    if (!fragment.more_fragments) d.total = static_cast<std::uint32_t>(end);
    auto& piece = d.pieces[fragment.fragment_offset];
    if (piece.size() < fragment.ip_payload.size()) {  // keep the longest copy of a repeated fragment
        d.bytes += fragment.ip_payload.size() - piece.size();
        piece.assign(fragment.ip_payload.begin(), fragment.ip_payload.end());
    }
    if (d.bytes > 2 * limits_.max_datagram_bytes) {  // overlapping junk: give up on it
        datagrams_.erase(it);
        ++dropped_;
        return false;
    }
    if (d.total == 0) return false;
    // Complete when the pieces cover [0, total) without a hole.
    std::uint32_t covered = 0;
    for (const auto& [offset, bytes] : d.pieces) {
        if (offset > covered) return false;
        covered = std::max<std::uint32_t>(covered, offset + static_cast<std::uint32_t>(bytes.size()));
    }
    if (covered < d.total) return false;
    payload.assign(d.total, 0);
    for (const auto& [offset, bytes] : d.pieces) {
        // Pieces past the last fragment's end (a last fragment that contradicts earlier ones)
        // are not part of the datagram; never form an iterator beyond the buffer for them.
        if (offset >= d.total) break;
        std::size_t n = std::min<std::size_t>(bytes.size(), d.total - offset);
        std::copy_n(bytes.begin(), n, payload.begin() + offset);
    }
    datagrams_.erase(it);
    return true;
}

}  // namespace camsweep
