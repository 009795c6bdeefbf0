// libFuzzer target: DHCPv4 (the input is a UDP 68 -> 67 payload).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/parsers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)parse_dhcp(fuzz::bytes_of(data, size));
    fuzz::run_dissector(fuzz::udp_packet(fuzz::bytes_of(data, size), 68, 67), dissect_dhcp);
    return 0;
}
