#pragma once
// Dissectors over reassembled TCP streams (HTTP, RTSP, TLS). The reassembler hands each one the
// in-order prefix of one direction of a flow (up to a per-flow byte cap) every time it grows;
// the dissector says whether it has read what it needs. Parsers stay pure: the same
// parse_http_head / parse_tls functions serve the active prober.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/core/observation.hpp"

namespace camsweep {

enum class StreamStatus : std::uint8_t {
    need_more,  // the prefix ends before what the dissector needs: call again when it grows
    done,       // finished with this direction (fields added, or an error set)
};

struct StreamContext {
    std::uint16_t src_port = 0;  // of this direction's sender
    std::uint16_t dst_port = 0;
    bool from_client = true;     // sent by the side that opened the connection (or the higher port when the SYN was not seen)
    bool final = false;          // the direction has ended (FIN/RST) or reached the byte cap: no more
                                 // data will come, so emit what can be read now
};

struct StreamDissector {
    std::string_view protocol;
    // Whether this direction is this protocol, from the ports and the first bytes (at least
    // one byte is always present).
    bool (*accepts)(const StreamContext&, Bytes first_bytes);
    // Reads the in-order prefix of the direction. On `done`, `obs` holds the fields (its
    // endpoint is preset to this direction's sender) or `error` says what was wrong.
    StreamStatus (*dissect)(const StreamContext&, Bytes prefix, Observation& obs, std::string& error);
};

// Every registered stream dissector, in the order they are tried; the first that accepts a
// direction keeps it.
std::span<const StreamDissector> all_stream_dissectors();

}  // namespace camsweep
