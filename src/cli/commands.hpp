#pragma once
// The sub-commands of the camsweep CLI. Each returns the process exit code (docs/cli.md).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "camsweep/signatures/loader.hpp"

namespace camsweep {
struct Inventory;
struct InventoryDiff;
}  // namespace camsweep

namespace camsweep::cli {

enum ExitCode : int {
    kOk = 0,
    kIncompleteInput = 1,   // an input could not be read fully; partial results were written
    kUsage = 2,             // bad command line
    kBadSignatures = 3,     // the signature database is invalid
    kSignatureTestsFailed = 4,
    kFindings = 5,          // --fail-on: devices at or above the given verdict were found
    kWriteFailed = 6,       // a report or output file could not be written
    kHistoryFailed = 7,     // --db: the run could not be stored (the report was written)
};

struct CommonOptions {
    std::string signatures;  // directory
    int verbosity = 1;       // 0 quiet, 1 normal, 2 verbose
    bool color = true;       // still only on a terminal
};

struct AnalyzeOptions {
    std::vector<std::string> inputs;
    std::string format = "table";
    std::string output;      // "" = standard output
    std::string audit_date;  // "" = today (UTC)
    std::string fail_on;     // "", "covered", "likely-covered" or "unknown"
    std::string html_report; // --report FILE.html: also write the HTML report there
    std::size_t max_devices = 100000;  // --max-devices
    std::string title, site;  // --title, --site: named in the reports
    std::string db;           // --db PATH|URL: keep the run in the history (docs/history.md)
    std::string sensor;       // --sensor: who recorded it (default: the host name)
    std::string command;      // which command ran: "analyze", "sniff", "scan", "survey"
};

struct SniffOptions {
    std::string interface;
    std::string filter;
    int snaplen = 65535;
    bool promiscuous = true;
    double duration = 0;        // seconds; 0 = until interrupted
    std::uint64_t count = 0;    // packets; 0 = unlimited
    std::string write_path;     // -w FILE: keep the packets (sniff only)
    bool list_interfaces = false;  // -D: list the interfaces and exit
};

int run_analyze(const CommonOptions&, const AnalyzeOptions&);
// Report options (format, output, audit date) are shared with analyze.
int run_sniff(const CommonOptions&, const AnalyzeOptions&, const SniffOptions&);
struct DiffOptions {
    std::string older, newer;
    std::string format = "table";
    std::string output;
    // "new-covered": exit 5 when the newer report has a device that is new, or newly judged,
    // covered; "new-likely-covered" also counts likely-covered.
    std::string fail_on;
    // From the history instead of two files: --db, then two runs (older, newer as run
    // references) or --since DATE (the last run before it against the latest; of --sensor).
    std::string db, since, sensor;
};
int run_diff(const CommonOptions&, const DiffOptions&);
int run_history_diff(const CommonOptions&, const DiffOptions&);  // diff with --db
struct HistoryOptions {
    std::string db;
    bool devices = false;  // --devices: every device once, not every run
    std::string format = "table";
    std::string output;
};
int run_history(const CommonOptions&, const HistoryOptions&);
struct RejudgeOptions {
    std::string db;
    std::string run = "latest";
    std::string format = "table";
    std::string output;
    std::string audit_date;  // "" = today
    std::string fail_on;     // as diff's
};
// Re-evaluates a stored run's observations with the current signature database; prints what
// changed against the verdicts stored with it.
int run_rejudge(const CommonOptions&, const RejudgeOptions&);
struct ScanCommandOptions {
    std::vector<std::string> targets, excludes;
    std::string target_file, exclude_file;  // -iL, --excludefile
    std::string ports;                      // "" = the default TCP ports
    bool dry_run = false;
    std::uint64_t max_hosts = 65536;
    double rate = 2500;
    std::size_t max_inflight = 64;
    double connect_timeout = 1.5, timeout = 5, udp_wait = 2, deadline = 0;  // seconds
    unsigned udp_retries = 1;
    bool no_discovery = false, no_follow_ups = false, no_multicast = false, ping = false, no_ping = false;
    double linger = 2;  // survey: seconds the capture goes on after the scan
};
// Report options (format, output, audit date, --fail-on) are shared with analyze.
int run_scan(const CommonOptions&, const AnalyzeOptions&, const ScanCommandOptions&);
// Sniff and scan together into one inventory: the capture hears what the probes make devices
// say (with their MACs), the prober asks what passive traffic would not.
int run_survey(const CommonOptions&, const AnalyzeOptions&, const SniffOptions&, const ScanCommandOptions&);
struct ObservationsOptions {
    std::vector<std::string> inputs;
    std::string output;  // "" = standard output
};
// One JSON line per observation (docs/report-format.md §6).
int run_observations(const CommonOptions&, const ObservationsOptions&);
// The protocol registry: what camsweep reads and, for the prober, sends.
int run_protocols(const CommonOptions&);
int run_signatures_lint(const CommonOptions&);
// `signatures brands`: every brand and who makes or owns it, with the edge's certainty, status,
// dates, model scope and source (the white-label map an auditor checks a label against).
int run_signatures_brands(const CommonOptions&);
// `--version`: the program's version and the signature database's dates (vendors, listings, OUI
// registry snapshot), so that a report can be traced to what judged it.
int run_version(const CommonOptions&);
int run_signatures_test(const CommonOptions&);

// Shared by the command files (commands.cpp, history_commands.cpp).
std::string signatures_directory(const CommonOptions& common);
// Loads and validates the database; on failure prints every problem and returns nullopt.
std::optional<SignatureLoad> load_or_report(const CommonOptions& common);
// --audit-date: today (UTC) when empty; nullopt, said on stderr, when it is not a date.
std::optional<Date> audit_date_of(const std::string& text);
bool write_to(const std::string& path, const std::function<void(std::ostream&)>& write);
// A diff to standard output or --output, in its format, and --fail-on's exit code.
int write_diff(const DiffOptions& options, const InventoryDiff& diff);
// --db: stores the run (after its report is written); kOk or kHistoryFailed, said on stderr.
int record_history(const CommonOptions& common, const AnalyzeOptions& options, const Inventory& inventory,
                   const SignatureDatabase& db);

}  // namespace camsweep::cli
