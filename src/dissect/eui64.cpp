// MAC recovery from modified EUI-64 IPv6 interface identifiers (RFC 4291 appendix A).
#include "camsweep/dissect/eui64.hpp"

namespace camsweep {
namespace {

bool is_ipv4_mapped(const IpAddress& a) {
    for (int i = 0; i < 10; ++i)
        if (a.octets[i] != 0) return false;
    return a.octets[10] == 0xff && a.octets[11] == 0xff;
}

}  // namespace

std::optional<MacAddress> mac_from_eui64(const IpAddress& address) {
    if (address.family != IpAddress::Family::v6) return std::nullopt;
    const auto& o = address.octets;
    if (o[0] == 0xff || is_ipv4_mapped(address)) return std::nullopt;
    if (o[11] != 0xff || o[12] != 0xfe) return std::nullopt;
    MacAddress mac;
    mac.octets = {static_cast<std::uint8_t>(o[8] ^ 0x02), o[9], o[10], o[13], o[14], o[15]};
    if (!mac.is_unicast_device()) return std::nullopt;
    return mac;
}

}  // namespace camsweep
