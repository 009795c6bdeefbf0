// libFuzzer target: TLS ClientHello and server flight parsers, the certificate and DN readers,
// and the TLS stream dissector over a growing prefix. Input: one control byte (see
// run_stream_dissector), then the direction's bytes.
#include "fuzz_common.hpp"
#include "camsweep/dissect/tls.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    if (size == 0) return 0;
    Bytes stream(data + 1, size - 1);
    (void)tls_handshake_stream(stream);
    (void)parse_tls_client_hello(stream);
    (void)parse_tls_server_flight(stream);
    (void)parse_certificate_names(stream);
    (void)parse_distinguished_name(stream);
    StreamContext context;
    if (!stream.empty()) (void)accepts_tls_stream(context, stream);
    fuzz::run_stream_dissector(data, size, 443, dissect_tls_stream);
    return 0;
}
