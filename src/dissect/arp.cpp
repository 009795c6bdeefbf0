// ARP (RFC 826) over Ethernet/IPv4: who holds which IPv4 address.
#include <cstring>

#include "camsweep/dissect/parsers.hpp"
#include "camsweep/dissect/protocol.hpp"

namespace camsweep {
namespace {
constexpr std::uint16_t kEtherIpv4 = 0x0800;  // ARP protocol type IPv4
}  // namespace

Parsed<ArpMessage> parse_arp(Bytes bytes) {
    ByteCursor cur(bytes);
    std::uint16_t hardware = 0, protocol = 0, operation = 0;
    std::uint8_t hlen = 0, plen = 0;
    if (!cur.be16(hardware) || !cur.be16(protocol) || !cur.u8(hlen) || !cur.u8(plen) || !cur.be16(operation))
        return Parsed<ArpMessage>::failure("ARP header truncated at offset " + std::to_string(cur.offset()));
    if (hardware != 1 || protocol != kEtherIpv4 || hlen != 6 || plen != 4)
        return Parsed<ArpMessage>::failure("ARP for hardware " + std::to_string(hardware) + "/protocol " +
                                           std::to_string(protocol) + " is not Ethernet/IPv4");
    Bytes sha, spa, tha, tpa;
    if (!cur.bytes(6, sha) || !cur.bytes(4, spa) || !cur.bytes(6, tha) || !cur.bytes(4, tpa))
        return Parsed<ArpMessage>::failure("ARP addresses truncated at offset " + std::to_string(cur.offset()));
    ArpMessage msg;
    msg.operation = operation;
    std::memcpy(msg.sender_mac.octets.data(), sha.data(), 6);
    std::memcpy(msg.target_mac.octets.data(), tha.data(), 6);
    auto ip4 = [](Bytes b) {
        return IpAddress::v4((std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3]);
    };
    msg.sender_ip = ip4(spa);
    msg.target_ip = ip4(tpa);
    return msg;
}

namespace {

// The sender's addresses describe the sender, whoever relayed the frame.
ParseState arp_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto arp = parse_arp(message);
    if (!arp) return out.invalid(arp.error());
    Endpoint sender{arp->sender_mac, std::nullopt, 0};
    if (!arp->sender_ip.is_unspecified()) sender.ip = arp->sender_ip;
    out.subject = sender;
    const char* op = arp->operation == 2 ? "reply" : arp->operation == 1 ? "request" : "other";
    if (arp->operation == 1 && arp->sender_ip == arp->target_ip) op = "announcement";
    out.add("arp.op", op);
    return ParseState::complete;
}

bool looks_like_arp(Bytes first) { return first.size() >= 2 && first[0] == 0 && first[1] == 1; }  // hardware type Ethernet

constexpr std::uint16_t kEtherTypes[] = {0x0806};  // EtherType ARP

}  // namespace

namespace protocols {
extern const ProtocolDescriptor arp = protocol_named(
    "arp", {.carrier = Carrier::ethernet, .ports = kEtherTypes, .tier = EvidenceTier::chatter, .looks_like = by_content<looks_like_arp>,
            .fields_of = arp_fields_of, .summary = "ARP: which MAC holds which IPv4 address"});
}  // namespace protocols

}  // namespace camsweep
