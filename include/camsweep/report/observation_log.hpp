#pragma once
// The observation log: one JSON object per line per observation, in the order they were made,
// like a Zeek log. It shows what the protocols read, before any correlation or rule, so the
// per-protocol goldens stay put when a rule's weight changes (docs/report-format.md §6).
#include <ostream>

#include "camsweep/core/observation.hpp"

namespace camsweep {

// {"time":"…Z","origin":"passive","protocol":"sadp","where":"file:frame 3",
//  "endpoint":{"mac":…|null,"ip":…|null,"port":N},"fields":[["sadp.device_sn","…"],…]}
// Strings from devices are valid UTF-8 (invalid bytes as \xNN, like the JSON report).
void write_observation_line(std::ostream& out, const Observation& obs);

}  // namespace camsweep
