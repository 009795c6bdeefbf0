// libFuzzer target: DHCPv6 (the input is a UDP 546 -> 547 payload).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dhcpv6.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)parse_dhcpv6(fuzz::bytes_of(data, size));
    (void)mac_from_duid(fuzz::bytes_of(data, size));
    fuzz::run_dissector(fuzz::udp_packet(fuzz::bytes_of(data, size), 546, 547), dissect_dhcpv6);
    return 0;
}
