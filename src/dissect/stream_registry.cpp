// The stream dissector registry: which protocol reads which TCP direction. One line per protocol.
#include "camsweep/dissect/stream.hpp"

namespace camsweep {

std::span<const StreamDissector> all_stream_dissectors() { return {}; }

}  // namespace camsweep
