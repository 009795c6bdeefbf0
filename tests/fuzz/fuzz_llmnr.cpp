// libFuzzer target: LLMNR (the input is a UDP 5355 payload).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dns.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    fuzz::run_dissector(fuzz::udp_packet(fuzz::bytes_of(data, size), 5355, 5355), dissect_llmnr);
    return 0;
}
