#pragma once
// The result of one run: devices with their verdicts, what was read, and what went wrong.
#include <cstdint>
#include <string>
#include <vector>

#include "camsweep/inventory/device.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

struct InputSummary {
    std::string path;
    std::string format;         // "pcap", "pcapng"
    std::vector<int> link_types;
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    std::uint64_t observations = 0;
    std::uint64_t malformed = 0;  // packets a decoder or dissector rejected
    std::uint64_t devices_evicted = 0;  // devices dropped while reading this input: the table was full
    bool complete = true;         // false: the file ended early or could not be read
    std::string error;            // why it is incomplete
    // The capture window: times of the first and last packet read (seconds since the epoch;
    // 0 when none was read).
    double first_packet_time = 0, last_packet_time = 0;
    std::string sha256;           // of the file as stored, hex; empty when not hashed (a pipe, a scan)
};

struct Inventory {
    std::vector<Device> devices;
    std::vector<InputSummary> inputs;
    std::vector<std::string> warnings;  // one line each, naming the place
    Date audit_date;
    std::string vendors_as_of, listings_as_of;
    // What the auditor named the report for (--title, --site); empty when not given.
    std::string title, site;
};

}  // namespace camsweep
