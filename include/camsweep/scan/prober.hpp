#pragma once
// The active front end: sweeps a Scope with read-only discovery requests and follow-ups and
// turns every reply into Observations through the same protocol registry as the passive side
// (dissect/protocol.hpp), so a banner fetched and the same banner sniffed give the same fields.
// The caller feeds them to an InventoryBuilder. Nothing here sends a password, a configuration
// verb or a guess, and nothing leaves the scope (docs/scan.md).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "camsweep/core/observation.hpp"
#include "camsweep/scan/scope.hpp"
#include "camsweep/scan/sweep.hpp"

namespace camsweep::scan {

// TCP ports probed unless --ports says otherwise: web UIs and ONVIF (80, 8000, 8080), HTTPS
// (443, 8443), RTSP (554, 8554), Dahua's and XiongMai's services (37777, 34567) and the UPnP
// description servers many embedded stacks run (49152).
std::vector<std::uint16_t> default_tcp_ports();

struct ScanOptions {
    std::vector<std::uint16_t> tcp_ports = default_tcp_ports();
    double rate = 2500;                // new packets per second: echo requests, datagrams and connections opened
    // TCP connections open at once over the whole scan. Each host gets one connection at a time,
    // always: fragile devices reboot under parallel connections.
    std::size_t max_inflight = 64;
    std::chrono::milliseconds connect_timeout{1500};
    std::chrono::milliseconds exchange_timeout{5000};  // one request: connect to last byte read
    std::chrono::milliseconds udp_wait{2000};          // for replies after the last discovery datagram
    unsigned udp_retries = 1;                          // discovery requests are sent 1 + retries times
    std::chrono::milliseconds udp_retry_interval{500};
    std::chrono::milliseconds deadline{0};             // the whole scan; 0: none
    std::size_t max_reply_bytes = 256 * 1024;          // read from one TCP exchange
    bool discovery = true;                             // the UDP discovery requests (unicast, and multicast below)
    // The same requests to their multicast groups (and the broadcast searches to the subnet's
    // broadcast address) on each interface whose subnet the scope reaches (docs/scan.md).
    bool multicast = true;
    bool follow_ups = true;                            // the TCP ports and what is asked on them
    // Large scopes are swept first (sweep.hpp): only the hosts that answer get the unicast
    // requests and the TCP ports.
    SweepMode sweep = SweepMode::automatic;
};

// One request the scan sends to every host (for --dry-run and docs/scan.md).
struct PlannedProbe {
    std::string transport;  // "udp" or "tcp"
    std::uint16_t port = 0;
    std::string what;
};
std::vector<PlannedProbe> planned_probes(const ScanOptions& options);

struct ScanProgress {
    std::uint64_t hosts_total = 0, hosts_done = 0;
    std::uint64_t datagrams_sent = 0, replies = 0, open_ports = 0;
    const char* phase = "discovery";
};

struct ScanSummary {
    std::uint64_t hosts = 0, datagrams_sent = 0, replies = 0, connections = 0, open_ports = 0;
    bool swept = false;                 // the sweep ran: only `hosts_up` hosts were probed
    std::uint64_t echo_requests = 0, hosts_up = 0;
    std::uint64_t replies_outside_scope = 0;  // read, never followed up
    std::uint64_t replies_off_subnet = 0;     // sources off the subnets of the interface they answered on
    std::uint64_t multicast_links = 0;        // interfaces and families searched by multicast
    std::uint64_t replies_dropped = 0;        // over the per-source or the outside-scope cap
    std::uint64_t truncated = 0;              // TCP replies cut at the byte cap or the time limit
    bool interrupted = false, deadline_reached = false;
};

struct ScanCallbacks {
    std::function<void(Observation&)> on_observation;       // on the scanning thread, in order
    std::function<void(const ScanProgress&)> on_progress;   // about ten times a second
    std::function<void(const std::string&)> on_warning;     // one line, naming the place
    const std::atomic<bool>* stop = nullptr;                // set (e.g. by a signal) to end early
};

// Runs the whole scan on one io_context in the calling thread; returns when it is done, the
// deadline is reached or `stop` is set. Observations already delivered stay valid either way.
ScanSummary run_scan(const Scope& scope, const ScanOptions& options, const ScanCallbacks& callbacks);

}  // namespace camsweep::scan
