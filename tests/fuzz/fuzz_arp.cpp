// libFuzzer target: ARP (the input is the frame's network bytes, EtherType 0x0806).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/parsers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)parse_arp(fuzz::bytes_of(data, size));
    fuzz::run_dissector(fuzz::l2_packet(fuzz::bytes_of(data, size), kEtherArp), dissect_arp);
    return 0;
}
