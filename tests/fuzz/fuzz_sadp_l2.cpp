// libFuzzer target: Hikvision SADP over Ethernet (the input is the network bytes of an EtherType 0x8033 frame).
#include "fuzz_common.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)parse_sadp_l2(fuzz::bytes_of(data, size));
    fuzz::run_dissector(fuzz::l2_packet(fuzz::bytes_of(data, size), kEtherSadp), dissect_sadp_l2);
    return 0;
}
