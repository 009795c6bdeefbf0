#include "camsweep/pipeline/packet_dissector.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace camsweep {
namespace {

constexpr std::size_t kExcerptBytes = 160;

// The datagram and frame protocols in registry order, looked up once. Streams go to the
// reassembler; HTTP bodies are the prober's (passive reads heads only).
const std::vector<const ProtocolDescriptor*>& packet_protocols() {
    static const std::vector<const ProtocolDescriptor*> protocols = [] {
        std::vector<const ProtocolDescriptor*> out;
        for (const auto* p : all_protocols())
            if (p->carrier == Carrier::udp || p->carrier == Carrier::ethernet) out.push_back(p);
        return out;
    }();
    return protocols;
}

// Which UDP protocols may claim a datagram, by port: a protocol claimed by port (with or without
// its content) can only claim a datagram sent from or to one of its ports, one claimed by content
// may claim any. A datagram's candidates are the bits of both its ports plus the content ones,
// tried in registry order with the protocol's own claims(), so the first claimant is the one a
// walk over the whole registry finds; most datagrams (RTP, a recorder's video) have no port in
// the table and cost only the content checks instead of a walk over every protocol.
class UdpCandidates {
public:
    static constexpr std::size_t kMaxProtocols = 32;  // bits of a mask

    UdpCandidates() {
        const auto& protocols = packet_protocols();
        usable_ = protocols.size() <= kMaxProtocols;
        if (!usable_) return;
        by_port_.fill(0);
        for (std::size_t i = 0; i < protocols.size(); ++i) {
            const ProtocolDescriptor& p = *protocols[i];
            if (p.carrier != Carrier::udp) continue;
            const std::uint32_t bit = std::uint32_t{1} << i;
            if (p.claim == Claim::content) any_port_ |= bit;
            else
                for (std::uint16_t port : p.ports) by_port_[port] |= bit;
        }
    }
    bool usable() const { return usable_; }
    std::uint32_t of(std::uint16_t src_port, std::uint16_t dst_port) const {
        return by_port_[src_port] | by_port_[dst_port] | any_port_;
    }

private:
    bool usable_ = false;
    std::uint32_t any_port_ = 0;
    std::array<std::uint32_t, 65536> by_port_;
};

const UdpCandidates kUdpCandidates;  // after packet_protocols(), which it calls

// The first protocol with the packet's carrier (Ethernet or UDP) that claims it, in registry order.
const ProtocolDescriptor* claimant(const DecodedPacket& packet, Carrier carrier, const MessageMeta& meta, Bytes message) {
    static const auto& protocols = packet_protocols();
    const auto& candidates = kUdpCandidates;
    if (carrier == Carrier::udp && candidates.usable()) {
        for (std::uint32_t mask = candidates.of(packet.src_port, packet.dst_port); mask != 0; mask &= mask - 1) {
            const ProtocolDescriptor* protocol = protocols[static_cast<std::size_t>(std::countr_zero(mask))];
            // Claim::content inline (claims() says the same): asked of every datagram.
            if (protocol->claim == Claim::content ? !message.empty() && protocol->looks_like(meta, message) : protocol->claims(meta, message))
                return protocol;
        }
        return nullptr;
    }
    for (const auto* protocol : protocols)
        if (protocol->carrier == carrier && protocol->claims(meta, message)) return protocol;
    return nullptr;
}

// Reads `message` (the packet's bytes for the protocol's carrier) into `obs`; with a `memo`, a
// message read before is not parsed again.
void observe_message(const ProtocolDescriptor& protocol, const DecodedPacket& packet, Bytes message, const MessageMeta& meta,
                     const std::string& where, Observation& obs, std::string& error, DatagramMemo* memo) {
    obs.time = meta.time;
    obs.origin = Origin::passive;
    obs.endpoint = Endpoint{packet.src_mac, packet.src_ip, packet.src_port};
    obs.peer = Endpoint{packet.dst_mac, packet.dst_ip, packet.dst_port};
    obs.where = where;
    if (!memo) {
        read_message(protocol, message, meta, obs, error);
    } else if (const MessageFields* known = memo->find(protocol, meta, message)) {
        take_fields(protocol, MessageFields(*known), obs, error);
    } else {
        MessageFields fields;
        protocol.fields_of(message, meta, fields);
        memo->remember(fields);
        take_fields(protocol, std::move(fields), obs, error);
    }
    if (!obs.fields.empty()) {
        std::string_view text = as_text(message.first(std::min(message.size(), kExcerptBytes)));
        obs.excerpt.assign(text);
    }
}

}  // namespace

MessageMeta meta_of(const DecodedPacket& packet, double time) {
    MessageMeta meta;
    meta.time = time;
    meta.src_mac = packet.src_mac;
    meta.src_ip = packet.src_ip;
    meta.dst_ip = packet.dst_ip;
    meta.src_port = packet.src_port;
    meta.dst_port = packet.dst_port;
    meta.ethertype = packet.ethertype;
    return meta;
}

const ProtocolDescriptor* packet_claimant(const DecodedPacket& packet, double time) {
    const bool l2 = packet.transport == Transport::none;
    if (!l2 && packet.transport != Transport::udp) return nullptr;
    const Carrier carrier = l2 ? Carrier::ethernet : Carrier::udp;
    return claimant(packet, carrier, meta_of(packet, time), message_of(packet, carrier));
}

Bytes message_of(const DecodedPacket& packet, Carrier carrier) {
    return carrier == Carrier::ethernet ? packet.network : packet.payload;
}

void read_packet(const ProtocolDescriptor& protocol, const DecodedPacket& packet, double time, const std::string& where,
                 Observation& obs, std::string& error) {
    observe_message(protocol, packet, message_of(packet, protocol.carrier), meta_of(packet, time), where, obs, error, nullptr);
}

const ProtocolDescriptor* dissect_packet(const DecodedPacket& packet, double time, const std::string& where, Observation& obs,
                                         std::string& error, DatagramMemo* memo) {
    const bool l2 = packet.transport == Transport::none;
    if (!l2 && packet.transport != Transport::udp) return nullptr;
    const Carrier carrier = l2 ? Carrier::ethernet : Carrier::udp;
    const Bytes message = message_of(packet, carrier);
    const MessageMeta meta = meta_of(packet, time);
    const ProtocolDescriptor* protocol = claimant(packet, carrier, meta, message);
    if (protocol) observe_message(*protocol, packet, message, meta, where, obs, error, memo);
    return protocol;
}

}  // namespace camsweep
