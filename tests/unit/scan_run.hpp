#pragma once
// What the prober's end-to-end tests share: one scan whose observations are judged by the bundled
// signatures as the CLI would judge them, and finding a device of the result by address.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/scan/prober.hpp"
#include "camsweep/signatures/loader.hpp"
#include "bundled_signatures.hpp"
#include "loopback_lab.hpp"

// The lab binds camera ports below 1024 on 127.0.0.x.
#define REQUIRE_ROOT()                                                                                   \
    if (::geteuid() != 0) GTEST_SKIP() << "binding camera ports (80, 554, ...) on 127.0.0.x needs root"

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

// Scans `targets` less `excludes` (a test failure when they do not make a scope).
inline ScanRun scan(const std::vector<std::string>& targets, ScanOptions options, const std::vector<std::string>& excludes = {}) {
    auto scope = Scope::build(targets, excludes);
    EXPECT_TRUE(scope) << scope.error();
    return scope ? scan_and_judge(*scope, options) : ScanRun{};
}

// Starts the lab; false, with a test failure, when a socket cannot be bound.
inline bool lab_started(lab::Lab& lab) {
    std::string error;
    if (lab.start(error)) return true;
    ADD_FAILURE() << "cannot start the loopback lab: " << error;
    return false;
}

inline const Device* device_at(const ScanRun& run, std::string_view ip) {
    for (const auto& d : run.devices)
        for (const auto& address : d.ips)
            if (address.to_string() == ip) return &d;
    return nullptr;
}

// An observation from `ip` carried the field `key` with `value`.
inline bool observed(const ScanRun& run, std::string_view ip, std::string_view key, std::string_view value) {
    for (const auto& obs : run.observations)
        if (obs.endpoint.ip && obs.endpoint.ip->to_string() == ip)
            for (const auto& f : obs.fields)
                if (f.key == key && f.value == value) return true;
    return false;
}

}  // namespace camsweep::scan::scan_tests
