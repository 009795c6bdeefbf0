#include "camsweep/report/observation_log.hpp"

#include <nlohmann/json.hpp>

#include "camsweep/core/text.hpp"

namespace camsweep {

void write_observation_line(std::ostream& out, const Observation& obs) {
    using nlohmann::ordered_json;
    ordered_json line;
    line["time"] = iso8601_utc(obs.time);
    line["origin"] = obs.origin == Origin::active ? "active" : "passive";
    line["protocol"] = utf8_or_escaped(obs.protocol);
    line["where"] = utf8_or_escaped(obs.where);
    ordered_json endpoint;
    endpoint["mac"] = obs.endpoint.mac ? ordered_json(obs.endpoint.mac->to_string()) : ordered_json(nullptr);
    endpoint["ip"] = obs.endpoint.ip ? ordered_json(obs.endpoint.ip->to_string()) : ordered_json(nullptr);
    endpoint["port"] = obs.endpoint.port;
    line["endpoint"] = std::move(endpoint);
    ordered_json fields = ordered_json::array();
    for (const auto& f : obs.fields) fields.push_back(ordered_json::array({utf8_or_escaped(f.key), utf8_or_escaped(f.value)}));
    line["fields"] = std::move(fields);
    out << line.dump() << '\n';
}

}  // namespace camsweep
