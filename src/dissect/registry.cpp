// The dissector registry: which protocol claims which packet. One line per protocol.
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/dhcpv6.hpp"
#include "camsweep/dissect/dns.hpp"
#include "camsweep/dissect/parsers.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

bool udp_port(const DecodedPacket& p, std::uint16_t port) {
    return p.transport == Transport::udp && (p.src_port == port || p.dst_port == port);
}

constexpr Dissector kDissectors[] = {
    {"arp", [](const DecodedPacket& p) { return p.ethertype == kEtherArp; }, dissect_arp},
    {"dhcp", [](const DecodedPacket& p) { return udp_port(p, 67) || udp_port(p, 68); }, dissect_dhcp},
    {"ssdp", [](const DecodedPacket& p) { return udp_port(p, 1900); }, dissect_ssdp},
    {"sadp", [](const DecodedPacket& p) { return udp_port(p, 37020); }, dissect_sadp},
    // DHIP is recognised by its magic on any UDP port: replies also go to ephemeral ports.
    {"dhip", [](const DecodedPacket& p) { return p.transport == Transport::udp && looks_like_dhip(p.payload); }, dissect_dhip},
    {"wsd", [](const DecodedPacket& p) { return udp_port(p, 3702); }, dissect_wsd},
    {"mdns", [](const DecodedPacket& p) { return udp_port(p, 5353); }, dissect_mdns},
    {"llmnr", [](const DecodedPacket& p) { return udp_port(p, 5355); }, dissect_llmnr},
    {"nbns", [](const DecodedPacket& p) { return udp_port(p, 137); }, dissect_nbns},
    {"dns", [](const DecodedPacket& p) { return udp_port(p, 53); }, dissect_dns},
    {"dhcpv6", [](const DecodedPacket& p) { return udp_port(p, 546) || udp_port(p, 547); }, dissect_dhcpv6},
    {"xiongmai", [](const DecodedPacket& p) { return p.transport == Transport::udp && looks_like_xiongmai(p.payload); }, dissect_xiongmai},
    {"dahua5050", [](const DecodedPacket& p) { return udp_port(p, kDahua5050Port) && looks_like_dahua5050(p.payload); }, dissect_dahua5050},
    {"sadp", [](const DecodedPacket& p) { return p.ethertype == kEtherSadp && p.transport == Transport::none; }, dissect_sadp_l2},
};

}  // namespace

std::span<const Dissector> all_dissectors() { return kDissectors; }

}  // namespace camsweep
