// libFuzzer target: the pure helpers behind the protocols' fields_of that take a part of a
// message (a JSON body, a DER certificate, a DNS name at an offset, ...), so each is reached
// directly and not only through its envelope. Byte 0 picks the helper, the rest is its input.
#include "fuzz_common.hpp"
#include "camsweep/dissect/dhcpv6.hpp"
#include "camsweep/dissect/dns.hpp"
#include "camsweep/dissect/http.hpp"
#include "camsweep/dissect/parsers.hpp"
#include "camsweep/dissect/tls.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    if (size < 1) return 0;
    const Bytes bytes(data + 1, size - 1);
    const std::string_view text = fuzz::text_of(data + 1, size - 1);
    switch (data[0] % fuzz::kParserHelperCount) {
        case 0: (void)dhip_fields(text); break;
        case 1: (void)xiongmai_fields(text); break;
        case 2: (void)xiongmai_hex_ipv4(text); break;
        case 3: (void)percent_decode(text); break;
        case 4: (void)mac_from_duid(bytes); break;
        case 5: (void)read_uncompressed_dns_name(bytes); break;
        case 6:
            if (!bytes.empty()) {
                std::size_t offset = bytes[0] % bytes.size();
                (void)read_dns_name(bytes, offset);
            }
            break;
        case 7: (void)split_dns_sd_name(text); break;
        case 8: (void)decode_netbios_name(text); break;
        case 9: (void)auth_realms(text); break;
        case 10: (void)html_title(text); break;
        case 11: (void)parse_tls_client_hello(bytes); break;
        case 12: (void)parse_tls_server_flight(bytes); break;
        case 13: (void)parse_certificate_names(bytes); break;
        case 14: (void)parse_distinguished_name(bytes); break;
        default: (void)tls_handshake_stream(bytes); break;
    }
    return 0;
}
