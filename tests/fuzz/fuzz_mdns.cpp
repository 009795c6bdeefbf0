// libFuzzer target: multicast DNS / DNS-SD (the input is a UDP 5353 payload).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dns.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)split_dns_sd_name(fuzz::text_of(data, size));
    fuzz::run_dissector(fuzz::udp_packet(fuzz::bytes_of(data, size), 5353, 5353), dissect_mdns);
    return 0;
}
