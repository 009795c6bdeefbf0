#pragma once
// What a device sent (docs/report-format.md, "sent"): every field value the dissectors decoded
// from its observations, whether or not a signature rule matched it, so that an auditor sees an
// unmatched HTTP Server header, realm, SSDP SERVER, DHCP vendor class or certificate subject too.
// The one selection every writer uses (JSON, CSV, HTML, CycloneDX).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/inventory/device.hpp"

namespace camsweep {

// At most this many distinct entries per device in a report: a device that sends thousands of
// distinct values cannot blow the report up; the rest is counted in SentFields::omitted.
inline constexpr std::size_t kMaxSentFields = 200;

struct SentField {
    std::string protocol;  // dissector name, as in Observation::protocol
    std::string field;     // observation field key (docs/fields.md)
    std::string value;     // raw bytes as decoded; writers escape them for their format
    double first_seen = 0; // earliest capture time the device sent this (protocol, field, value)
};

struct SentFields {
    std::vector<SentField> fields;  // at most `limit`, by first_seen, then in order observed
    std::size_t omitted = 0;        // distinct entries beyond `limit`, not listed
};

// Identity keys (id.mac, id.serial, id.uuid, id.ipv4, id.channel): the correlator's merge keys,
// shown as the device's MACs, IPs, serials and UUIDs (or its channel), so not listed again.
bool is_identity_field(std::string_view key);

// The fields of `device.observations`, deduplicated on (protocol, field, value), without identity
// keys and without empty values, ordered by the time each was first seen (ties: the order the
// observations hold them in), the first `limit` of them; `omitted` counts the others.
SentFields sent_fields(const Device& device, std::size_t limit = kMaxSentFields);

// "field=value", the compact text of one entry (CSV cell item, CycloneDX property value). Raw:
// the writer escapes it.
std::string sent_text(const SentField& entry);

}  // namespace camsweep
