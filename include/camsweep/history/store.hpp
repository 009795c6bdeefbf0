#pragma once
// Inventory history (docs/history.md): every run of analyze, sniff, scan and survey with --db is
// kept (its inputs with their digests, the observations each device was judged from, its
// devices and verdicts, the signature database's digest and dates), and devices get identities
// that last across runs and sensors. SQLite by default (a file path), PostgreSQL for fleets
// (a postgresql:// URL): the same schema, versioned migrations applied on open.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "camsweep/core/observation.hpp"
#include "camsweep/inventory/inventory.hpp"

namespace camsweep::history {

// Every failure of the history database: one line naming the database and the problem.
class HistoryError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The schema versions this camsweep knows (src/history/migrations/NNNN_*.sql).
int known_schema_version();

// What a run stores beside the inventory itself.
struct RunContext {
    std::string command;  // "analyze", "sniff", "scan", "survey", "rejudge"
    std::string sensor;   // --sensor, default the host name
    std::string signatures_digest;
    std::string oui_as_of;
    std::string started_at;  // ISO 8601 UTC
};

struct RunSummary {
    std::string id, started_at, command, sensor, site, title, audit_date, camsweep_version, signatures_digest;
    std::string vendors_as_of, listings_as_of;
    std::vector<std::string> inputs;  // file names (or "live:eth0", "scan:…")
    long long devices = 0, covered = 0, likely_covered = 0, not_covered = 0, unknown = 0;
    bool complete = true;
};

struct DeviceHistory {
    std::string uid, identity, first_seen, last_seen, first_run, last_run, last_sensor;
    std::string verdict, previous_verdict, maker, model, firmware, mac, ip;
    bool is_new = false;      // first seen in the newest run
    bool is_gone = false;     // not in the newest run of the sensor that saw it last
    bool verdict_changed = false;
};

class HistoryStore {
public:
    // A path opens (or creates) a SQLite file; "postgresql://…" or "postgres://…" a PostgreSQL
    // database. The schema is created or migrated; a schema newer than this camsweep knows is
    // refused. Throws HistoryError.
    // `write`: a SQLite file is created when missing. `read` (history, diff, rejudge): the
    // database must exist and hold a camsweep schema; nothing is created.
    enum class Access { write, read };
    // `busy_timeout_ms`: how long a SQLite writer waits for another that holds the file.
    static std::unique_ptr<HistoryStore> open(const std::string& location, Access access = Access::write, int busy_timeout_ms = 10000);
    ~HistoryStore();

    // Stores one run in one transaction and merges its devices into the inventory by identity;
    // returns the run's id. `report_json` is the run's JSON report (format_version 4).
    std::string record_run(const Inventory& inventory, const RunContext& context, const std::string& report_json);

    std::vector<RunSummary> runs();  // oldest first
    std::vector<DeviceHistory> devices();
    // "latest", "latest~N" (N runs before), an id or a unique prefix of one; empty if none.
    std::optional<std::string> resolve_run(const std::string& reference);
    // The newest run started before `date` (YYYY-MM-DD, UTC), of `sensor` when not empty.
    std::optional<std::string> last_run_before(const std::string& date, const std::string& sensor);
    std::optional<std::string> latest_run(const std::string& sensor);
    std::string run_report(const std::string& run_id);  // the JSON report as it was written
    RunSummary run(const std::string& run_id);
    // The run's devices as the correlator made them (ids, addresses, identifiers, times, NVR
    // channels) with the observations each was judged from: unclassified, ready to judge again.
    std::vector<Device> run_devices(const std::string& run_id);

    const std::string& location() const;  // as messages show it: a PostgreSQL password as ***

private:
    struct Impl;
    explicit HistoryStore(std::unique_ptr<Impl> impl);
    void write_run(const Inventory& inventory, const RunContext& context, const std::string& report_json, const std::string& run_id,
                   const long long counts[4], bool complete);
    std::unique_ptr<Impl> impl_;
};

// An observation as the history keeps it (JSON), and back.
std::string observation_to_json(const Observation& obs);
std::optional<Observation> observation_from_json(const std::string& text);

// SHA-256 over the database's YAML files (their paths under `directory` and their bytes, in
// path order): which database judged a run.
std::string signatures_digest(const std::string& directory);

}  // namespace camsweep::history
