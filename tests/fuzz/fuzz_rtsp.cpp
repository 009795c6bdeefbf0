// libFuzzer target: RTSP heads and the RTSP stream dissector over a growing prefix. Input: one
// control byte (see run_stream_dissector), then the direction's bytes.
#include "fuzz_common.hpp"
#include "camsweep/dissect/http.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    if (size == 0) return 0;
    MessageHead head = parse_message_head(fuzz::text_of(data + 1, size - 1));
    for (std::string_view value : head.headers_named("WWW-Authenticate")) (void)auth_realms(value);
    StreamContext context;
    if (size > 1) (void)accepts_rtsp_stream(context, Bytes(data + 1, size - 1));
    fuzz::run_stream_dissector(data, size, 554, dissect_rtsp_stream);
    return 0;
}
