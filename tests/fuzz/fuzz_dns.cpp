// libFuzzer target: unicast DNS (the input is a UDP 53 payload) and the DNS name readers.
#include "fuzz_common.hpp"
#include "camsweep/dissect/dns.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    (void)parse_dns(fuzz::bytes_of(data, size), DnsDialect::dns);
    (void)read_uncompressed_dns_name(fuzz::bytes_of(data, size));
    if (size > 0) {
        std::size_t offset = data[0] % size;
        (void)read_dns_name(fuzz::bytes_of(data, size), offset);
    }
    fuzz::run_dissector(fuzz::udp_packet(fuzz::bytes_of(data, size), 49152, 53), dissect_dns);
    return 0;
}
