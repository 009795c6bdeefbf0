#include "camsweep/pipeline/packet_dissector.hpp"

#include <algorithm>

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

// Reads `message` (the packet's bytes for the protocol's carrier) into `obs`.
void observe_message(const ProtocolDescriptor& protocol, const DecodedPacket& packet, Bytes message, const MessageMeta& meta,
                     const std::string& where, Observation& obs, std::string& error) {
    obs.time = meta.time;
    obs.origin = Origin::passive;
    obs.endpoint = Endpoint{packet.src_mac, packet.src_ip, packet.src_port};
    obs.where = where;
    read_message(protocol, message, meta, obs, error);
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

Bytes message_of(const DecodedPacket& packet, Carrier carrier) {
    return carrier == Carrier::ethernet ? packet.network : packet.payload;
}

void read_packet(const ProtocolDescriptor& protocol, const DecodedPacket& packet, double time, const std::string& where,
                 Observation& obs, std::string& error) {
    observe_message(protocol, packet, message_of(packet, protocol.carrier), meta_of(packet, time), where, obs, error);
}

const ProtocolDescriptor* dissect_packet(const DecodedPacket& packet, double time, const std::string& where, Observation& obs,
                                         std::string& error) {
    const bool l2 = packet.transport == Transport::none;
    if (!l2 && packet.transport != Transport::udp) return nullptr;
    const Carrier carrier = l2 ? Carrier::ethernet : Carrier::udp;
    const Bytes message = message_of(packet, carrier);
    const MessageMeta meta = meta_of(packet, time);
    for (const auto* protocol : packet_protocols()) {
        if (protocol->carrier != carrier || !protocol->claims(meta, message)) continue;
        observe_message(*protocol, packet, message, meta, where, obs, error);
        return protocol;
    }
    return nullptr;
}

}  // namespace camsweep
