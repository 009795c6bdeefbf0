// libFuzzer target: WS-Discovery (the input is a UDP 3702 payload).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/parsers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)parse_wsd(fuzz::text_of(data, size));
    (void)percent_decode(fuzz::text_of(data, size));
    fuzz::run_dissector(fuzz::udp_packet(fuzz::bytes_of(data, size), 3702, 3702), dissect_wsd);
    return 0;
}
