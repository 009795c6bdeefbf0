// libFuzzer target: HTTP heads (parse_message_head, realms, titles) and the HTTP stream
// dissector over a growing prefix. Input: one control byte (see run_stream_dissector), then the
// direction's bytes.
#include "fuzz_common.hpp"
#include "camsweep/dissect/http.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    if (size == 0) return 0;
    std::string_view text = fuzz::text_of(data + 1, size - 1);
    MessageHead head = parse_message_head(text);
    for (std::string_view value : head.headers_named("WWW-Authenticate")) (void)auth_realms(value);
    (void)auth_realms(text);
    (void)html_title(text);
    if (head.state == HeadState::complete) (void)html_title(text.substr(head.head_length));
    Bytes first(data + 1, size - 1);
    StreamContext context;
    if (!first.empty()) (void)accepts_http_stream(context, first);
    fuzz::run_stream_dissector(data, size, 80, dissect_http_stream);
    return 0;
}
