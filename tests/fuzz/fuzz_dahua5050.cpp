// libFuzzer target: the legacy Dahua search on UDP 5050.
#include "fuzz_common.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    Bytes bytes = fuzz::bytes_of(data, size);
    (void)looks_like_dahua5050(bytes);
    (void)parse_dahua5050(bytes);
    fuzz::run_dissector(fuzz::udp_packet(bytes, kDahua5050Port, kDahua5050Port), dissect_dahua5050);
    return 0;
}
