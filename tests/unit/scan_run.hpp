#pragma once
// What the prober's end-to-end tests share: one scan whose observations are judged by the bundled
// signatures as the CLI would judge them, and finding a device of the result by address.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/scan/prober.hpp"
#include "camsweep/signatures/loader.hpp"
#include "bundled_signatures.hpp"

namespace camsweep::scan::scan_tests {

struct ScanRun {
    ScanSummary summary;
    std::vector<Device> devices;
    std::vector<Observation> observations;
    std::vector<std::string> warnings;
};

// Runs the scan on the calling thread (so in its network namespace) and judges what it found.
inline ScanRun scan_and_judge(const Scope& scope, const ScanOptions& options) {
    ScanRun run;
    InventoryBuilderOptions builder_options;
    builder_options.audit_date = Date{2026, 12, 3};
    InventoryBuilder builder(bundled_signatures(), builder_options);
    ScanCallbacks callbacks;
    callbacks.on_observation = [&](Observation& obs) {
        run.observations.push_back(obs);
        builder.add(obs);
    };
    callbacks.on_warning = [&](const std::string& line) { run.warnings.push_back(line); };
    run.summary = run_scan(scope, options, callbacks);
    run.devices = builder.judged_devices();
    return run;
}

// Short waits for peers on this machine (loopback, veth): a test scan takes seconds, not minutes.
inline ScanOptions quick_options() {
    ScanOptions options;
    options.udp_wait = std::chrono::milliseconds(400);
    options.udp_retry_interval = std::chrono::milliseconds(100);
    options.connect_timeout = std::chrono::milliseconds(500);
    options.exchange_timeout = std::chrono::milliseconds(1500);
    options.rate = 5000;
    return options;
}

inline const Device* device_at(const ScanRun& run, std::string_view ip) {
    for (const auto& d : run.devices)
        for (const auto& address : d.ips)
            if (address.to_string() == ip) return &d;
    return nullptr;
}

}  // namespace camsweep::scan::scan_tests
