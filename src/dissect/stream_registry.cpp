// The stream dissector registry: which protocol reads which TCP direction. One line per protocol.
#include "camsweep/dissect/http.hpp"
#include "camsweep/dissect/stream.hpp"
#include "camsweep/dissect/tls.hpp"

namespace camsweep {
namespace {

constexpr StreamDissector kStreamDissectors[] = {
    {"http", accepts_http_stream, dissect_http_stream},
    {"rtsp", accepts_rtsp_stream, dissect_rtsp_stream},
    {"tls", accepts_tls_stream, dissect_tls_stream},
};

}  // namespace

std::span<const StreamDissector> all_stream_dissectors() { return kStreamDissectors; }

}  // namespace camsweep
