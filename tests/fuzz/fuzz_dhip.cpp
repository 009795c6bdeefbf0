// libFuzzer target: Dahua DHIP (the input is a UDP 37810 payload: 32-byte header and JSON).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/parsers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    Bytes bytes = fuzz::bytes_of(data, size);
    (void)looks_like_dhip(bytes);
    (void)parse_dhip(bytes);
    (void)dhip_fields(fuzz::text_of(data, size));
    fuzz::run_dissector(fuzz::udp_packet(bytes, 37810, 37810), dissect_dhip);
    return 0;
}
