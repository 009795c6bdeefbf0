// libFuzzer target: XiongMai / XMeye search on UDP 34569 (20-byte header and JSON).
#include "fuzz_common.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    Bytes bytes = fuzz::bytes_of(data, size);
    (void)looks_like_xiongmai(bytes);
    (void)parse_xiongmai(bytes);
    (void)xiongmai_fields(fuzz::text_of(data, size));
    (void)xiongmai_hex_ipv4(fuzz::text_of(data, size));
    fuzz::run_dissector(fuzz::udp_packet(bytes, kXiongmaiPort, kXiongmaiPort), dissect_xiongmai);
    return 0;
}
