// libFuzzer target: the NetBIOS name service (the input is a UDP 137 payload).
#include "fuzz_common.hpp"
#include "camsweep/dissect/dns.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)parse_dns(fuzz::bytes_of(data, size), DnsDialect::netbios);
    (void)decode_netbios_name(fuzz::text_of(data, size));
    fuzz::run_dissector(fuzz::udp_packet(fuzz::bytes_of(data, size), 137, 137), dissect_nbns);
    return 0;
}
