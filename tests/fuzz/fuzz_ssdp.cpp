// libFuzzer target: SSDP (the input is a UDP 1900 payload).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/parsers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)parse_ssdp(fuzz::text_of(data, size));
    fuzz::run_dissector(fuzz::udp_packet(fuzz::bytes_of(data, size), 1900, 1900), dissect_ssdp);
    return 0;
}
