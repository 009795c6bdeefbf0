// libFuzzer target: Hikvision SADP over UDP 37020 (the input is the XML payload).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/parsers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)parse_sadp_xml(fuzz::text_of(data, size));
    fuzz::run_dissector(fuzz::udp_packet(fuzz::bytes_of(data, size), 37020, 37020), dissect_sadp);
    return 0;
}
