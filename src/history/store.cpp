#include "camsweep/history/store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/report/notices.hpp"
#include "camsweep/report/sha256.hpp"
#include "sql_connection.hpp"

namespace camsweep::history {
namespace {

struct Migration {
    const char* file;  // "0001_runs_devices_observations.sql": its number is its schema version
    const char* sql;
};
// The files of src/history/migrations, in order, embedded by the build (CMakeLists.txt).
constexpr Migration kMigrations[] = {
#include "history_migrations.inc"
};

int version_of(const Migration& m) { return std::atoi(m.file); }

std::string text_or(const SqlValue& v, std::string fallback = {}) { return v ? *v : fallback; }
long long number_or_zero(const SqlValue& v) { return v ? std::atoll(v->c_str()) : 0; }
// Text from devices and users as the JSON report writes it: valid UTF-8 (PostgreSQL refuses
// anything else), invalid bytes as \xNN.
std::string text(const std::string& s) { return utf8_or_escaped(s); }
SqlValue null_if_empty(const std::string& s) { return s.empty() ? SqlValue{} : SqlValue{text(s)}; }

std::string random_hex(std::size_t digits) {
    static thread_local std::mt19937_64 generator{std::random_device{}()};
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < digits; ++i) out += hex[generator() & 15];
    return out;
}

// The keys a device is known by across runs, strongest first (the identity rule of the diff
// and the correlator: MAC, then serial, then UUID; an IP only when there is nothing else).
std::vector<std::string> identity_keys(const Device& d) {
    std::vector<std::string> keys;
    for (const auto& m : d.macs) keys.push_back("mac:" + m.to_string());
    for (const auto& s : d.serials) keys.push_back("serial:" + text(s));
    for (const auto& u : d.uuids) keys.push_back("uuid:" + to_lower(text(u)));
    if (keys.empty())
        for (const auto& ip : d.ips) keys.push_back("ip:" + ip.to_string());
    return keys;
}

std::string maker_of(const Device& d) { return d.best_value("vendor"); }

// Rows of one table written a few hundred per statement: a run's observations are most of its
// rows, and one statement each would cost a round trip each on a distant PostgreSQL server.
// flush() before the commit: a write error must reach the caller, not a destructor.
class RowBatch {
public:
    RowBatch(SqlConnection& db, std::string insert, std::size_t columns) : db_(db), insert_(std::move(insert)), columns_(columns) {}
    void add(std::vector<SqlValue> row) {
        for (auto& value : row) values_.push_back(std::move(value));
        if (values_.size() >= kRowsPerStatement * columns_) flush();
    }
    void flush() {
        if (values_.empty()) return;
        std::string sql = insert_;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            if (i % columns_ == 0) sql += i == 0 ? "(" : "), (";
            else sql += ", ";
            sql += "$" + std::to_string(i + 1);
        }
        db_.query(sql + ")", values_);
        values_.clear();
    }

private:
    static constexpr std::size_t kRowsPerStatement = 250;  // 1,000 parameters: far below either server's limit
    SqlConnection& db_;
    std::string insert_;
    std::size_t columns_;
    std::vector<SqlValue> values_;
};

// How strong a key is, as SQL over a key column: mac 0, serial 1, uuid 2, ip 3.
std::string key_rank(const std::string& column) {
    return "(CASE WHEN " + column + " LIKE 'mac:%' THEN 0 WHEN " + column + " LIKE 'serial:%' THEN 1 WHEN " + column +
           " LIKE 'uuid:%' THEN 2 ELSE 3 END)";
}

// "column = the new run's value if it started last, else the stored one, " for the upsert.
std::string latest(const char* column) {
    const std::string c = column;
    return c + " = CASE WHEN excluded.last_run_started >= devices.last_run_started THEN excluded." + c + " ELSE devices." + c + " END, ";
}

// What the correlator made of a device, without its judgement: rejudge judges it again.
std::string device_identity_json(const Device& d) {
    using nlohmann::ordered_json;
    ordered_json origins = ordered_json::array();
    for (const auto& o : d.mac_origins) origins.push_back({{"mac", o.mac.to_string()}, {"sources", o.sources}});
    ordered_json peers = ordered_json::array();
    for (const auto& p : d.peers)
        peers.push_back({{"ip", p.ip.to_string()}, {"protocol", p.protocol}, {"said", utf8_or_escaped(p.said)}, {"first_seen", p.first_seen},
                         {"last_seen", p.last_seen}, {"messages", p.messages}});
    ordered_json j;
    j["macs"] = ordered_json::array();
    for (const auto& m : d.macs) j["macs"].push_back(m.to_string());
    j["mac_origins"] = origins;
    j["ips"] = ordered_json::array();
    for (const auto& ip : d.ips) j["ips"].push_back(ip.to_string());
    j["serials"] = ordered_json::array();
    for (const auto& s : d.serials) j["serials"].push_back(utf8_or_escaped(s));
    j["uuids"] = ordered_json::array();
    for (const auto& u : d.uuids) j["uuids"].push_back(utf8_or_escaped(u));
    j["first_seen"] = d.first_seen;
    j["last_seen"] = d.last_seen;
    j["parent"] = d.parent_id;
    j["channel"] = utf8_or_escaped(d.channel);
    j["protocols"] = d.protocols;
    j["observation_count"] = d.observation_count;
    j["peers"] = peers;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<Device> device_from_identity_json(const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    auto strings = [&](const char* key) {
        std::vector<std::string> out;
        if (j.contains(key) && j[key].is_array())
            for (const auto& v : j[key])
                if (v.is_string()) out.push_back(v.get<std::string>());
        return out;
    };
    auto number = [&](const nlohmann::json& o, const char* key) { return o.contains(key) && o[key].is_number() ? o[key].get<double>() : 0.0; };
    auto text_at = [&](const nlohmann::json& o, const char* key) { return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string(); };
    Device d;
    for (const auto& m : strings("macs"))
        if (auto mac = MacAddress::parse(m)) d.macs.push_back(*mac);
    for (const auto& a : strings("ips"))
        if (auto ip = IpAddress::parse(a)) d.ips.push_back(*ip);
    d.serials = strings("serials");
    d.uuids = strings("uuids");
    d.protocols = strings("protocols");
    d.first_seen = number(j, "first_seen");
    d.last_seen = number(j, "last_seen");
    d.parent_id = text_at(j, "parent");
    d.channel = text_at(j, "channel");
    d.observation_count = static_cast<std::size_t>(number(j, "observation_count"));
    if (j.contains("mac_origins") && j["mac_origins"].is_array())
        for (const auto& o : j["mac_origins"]) {
            auto mac = o.is_object() ? MacAddress::parse(text_at(o, "mac")) : std::nullopt;
            if (!mac) continue;
            MacOrigin origin{*mac, {}};
            if (o.contains("sources") && o["sources"].is_array())
                for (const auto& s : o["sources"])
                    if (s.is_string()) origin.sources.push_back(s.get<std::string>());
            d.mac_origins.push_back(std::move(origin));
        }
    if (j.contains("peers") && j["peers"].is_array())
        for (const auto& p : j["peers"]) {
            auto ip = p.is_object() ? IpAddress::parse(text_at(p, "ip")) : std::nullopt;
            if (!ip) continue;
            Peer peer;
            peer.ip = *ip;
            peer.protocol = text_at(p, "protocol");
            peer.said = text_at(p, "said");
            peer.first_seen = number(p, "first_seen");
            peer.last_seen = number(p, "last_seen");
            peer.messages = static_cast<std::uint64_t>(number(p, "messages"));
            d.peers.push_back(std::move(peer));
        }
    return d;
}

}  // namespace

int known_schema_version() { return version_of(kMigrations[std::size(kMigrations) - 1]); }

struct HistoryStore::Impl {
    std::unique_ptr<SqlConnection> db;
    std::string location;

    // The schema's version: 0 when there is none yet.
    int schema_version() {
        if (!db->has_table("camsweep_schema")) return 0;
        const auto rows = db->query("SELECT max(version) FROM camsweep_schema");
        return rows.empty() ? 0 : static_cast<int>(number_or_zero(rows[0][0]));
    }

    void refuse_newer(int version) {
        if (version > known_schema_version())
            throw HistoryError(db->describe() + ": the history database has schema version " + std::to_string(version) +
                               ", newer than this camsweep knows (" + std::to_string(known_schema_version()) + "): use a newer camsweep");
    }

    // Applies every migration newer than the database's version, all in one exclusive
    // transaction that reads the version again (two sensors opening a new database at once: the
    // second waits and finds it made). A database already current is only read: a sensor's role
    // needs no right to create tables once the schema is there.
    void migrate() {
        const int seen = schema_version();
        refuse_newer(seen);
        if (seen == known_schema_version()) return;
        db->begin_exclusive();
        try {
            // Inside the lock: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a
            // concurrent one.
            db->run_script("CREATE TABLE IF NOT EXISTS camsweep_schema (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            const int current = schema_version();
            refuse_newer(current);
            for (const auto& m : kMigrations) {
                if (version_of(m) <= current) continue;
                db->run_script(m.sql);
                db->query("INSERT INTO camsweep_schema (version, applied_at) VALUES ($1, $2)",
                          {std::to_string(version_of(m)), iso8601_utc(static_cast<double>(std::time(nullptr)))});
            }
            db->commit();
        } catch (...) {
            db->rollback();
            throw;
        }
    }

    // The device's identity across runs: the uid its strongest key already names, else a new
    // one claimed with that key. Claiming is an insert that does nothing when another writer
    // was first, then a read: both writers end with the same uid.
    std::string claim_identity(const std::vector<std::string>& keys) {
        for (const auto& key : keys) {
            const auto rows = db->query("SELECT uid FROM device_keys WHERE key = $1", {key});
            if (!rows.empty() && rows[0][0]) {
                for (const auto& other : keys)
                    db->query("INSERT INTO device_keys (key, uid) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", {other, *rows[0][0]});
                return *rows[0][0];
            }
        }
        const std::string proposed = "d-" + random_hex(16);
        db->query("INSERT INTO device_keys (key, uid) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", {keys.front(), proposed});
        const auto rows = db->query("SELECT uid FROM device_keys WHERE key = $1", {keys.front()});
        const std::string uid = rows.empty() ? proposed : text_or(rows[0][0], proposed);
        for (std::size_t i = 1; i < keys.size(); ++i)
            db->query("INSERT INTO device_keys (key, uid) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", {keys[i], uid});
        return uid;
    }
};

HistoryStore::HistoryStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HistoryStore::~HistoryStore() = default;
const std::string& HistoryStore::location() const { return impl_->location; }

std::unique_ptr<HistoryStore> HistoryStore::open(const std::string& location, Access access, int busy_timeout_ms) {
    auto impl = std::make_unique<Impl>();
    const bool postgres = location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
    impl->db = postgres ? open_postgres(location) : open_sqlite(location, busy_timeout_ms, access == Access::write);
    impl->location = impl->db->describe();
    if (access == Access::read && impl->schema_version() == 0)
        throw HistoryError(impl->location + ": not a camsweep history database (no run has been kept in it: analyze, sniff, "
                                            "scan or survey with --db keeps one)");
    impl->migrate();
    return std::unique_ptr<HistoryStore>(new HistoryStore(std::move(impl)));
}

std::string HistoryStore::record_run(const Inventory& inventory, const RunContext& context, const std::string& report_json) {
    const std::string run_id = context.started_at.substr(0, 10) + "-" + random_hex(8);
    long long counts[4] = {0, 0, 0, 0};
    for (const auto& d : inventory.devices) ++counts[static_cast<int>(d.verdict.status)];
    const bool complete =
        std::all_of(inventory.inputs.begin(), inventory.inputs.end(), [](const InputSummary& in) { return in.complete; });
    write_run(inventory, context, report_json, run_id, counts, complete);
    return run_id;
}

void HistoryStore::write_run(const Inventory& inventory, const RunContext& context, const std::string& report_json,
                             const std::string& run_id, const long long counts[4], bool complete) {
    SqlConnection& db = *impl_->db;
    // One writer at a time (begin_exclusive): identities are claimed and devices merged as if the
    // runs had come one after another, whatever the number of sensors.
    db.begin_exclusive();
    try {
        db.query("INSERT INTO runs (id, started_at, command, sensor, site, title, audit_date, camsweep_version, signatures_digest, "
                 "vendors_as_of, listings_as_of, oui_as_of, devices, covered, likely_covered, not_covered, unknown, complete, report) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
                 {run_id, context.started_at, context.command, text(context.sensor), null_if_empty(inventory.site),
                  null_if_empty(inventory.title), inventory.audit_date.to_string(), std::string(CAMSWEEP_VERSION),
                  context.signatures_digest, null_if_empty(inventory.vendors_as_of), null_if_empty(inventory.listings_as_of),
                  null_if_empty(context.oui_as_of), std::to_string(inventory.devices.size()), std::to_string(counts[0]),
                  std::to_string(counts[1]), std::to_string(counts[2]), std::to_string(counts[3]), complete ? "1" : "0", report_json});
        for (std::size_t i = 0; i < inventory.inputs.size(); ++i) {
            const auto& in = inventory.inputs[i];
            db.query("INSERT INTO run_inputs (run_id, position, path, format, sha256, packets, bytes, first_packet, last_packet, "
                     "complete, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                     {run_id, std::to_string(i), text(input_display_name(in.path)), null_if_empty(in.format), null_if_empty(in.sha256),
                      std::to_string(in.packets), std::to_string(in.bytes),
                      in.first_packet_time > 0 ? SqlValue{iso8601_utc(in.first_packet_time)} : SqlValue{},
                      in.last_packet_time > 0 ? SqlValue{iso8601_utc(in.last_packet_time)} : SqlValue{}, in.complete ? "1" : "0",
                      null_if_empty(in.error)});
        }
        long long seq = 0;
        RowBatch observations(db, "INSERT INTO observations (run_id, seq, device_id, observation) VALUES ", 4);
        RowBatch run_devices(db, "INSERT INTO run_devices (run_id, device_id, uid, device, verdict, confidence, maker, model, firmware) VALUES ", 9);
        for (const auto& d : inventory.devices) {
            const auto keys = identity_keys(d);
            // A device with nothing to know it by again (no address) is kept with its run, for
            // rejudge, but joins no fleet identity.
            const std::string uid = keys.empty() ? std::string() : impl_->claim_identity(keys);
            const std::string verdict(to_string(d.verdict.status));
            const std::string first_seen = iso8601_utc(d.first_seen), last_seen = iso8601_utc(d.last_seen);
            run_devices.add({run_id, d.id, uid, device_identity_json(d), verdict, std::to_string(d.verdict.confidence), null_if_empty(maker_of(d)),
                             null_if_empty(d.best_value("model")), null_if_empty(d.best_value("firmware"))});
            for (const auto& obs : d.observations)
                observations.add({run_id, std::to_string(seq++), d.id, observation_to_json(obs)});
            if (uid.empty()) continue;
            // The fleet's row: first/last seen widen; the view of the run that started last wins
            // (two sensors committing out of order agree on the result).
            db.query(
                "INSERT INTO devices (uid, identity, first_seen, last_seen, first_run, first_run_started, last_run, last_run_started, "
                "last_sensor, verdict, previous_verdict, maker, model, firmware, mac, ip) "
                "VALUES ($1, $2, $3, $4, $5, $6, $5, $6, $7, $8, NULL, $9, $10, $11, $12, $13) "
                "ON CONFLICT (uid) DO UPDATE SET "
                "identity = CASE WHEN " + key_rank("excluded.identity") + " < " + key_rank("devices.identity") +
                    " THEN excluded.identity ELSE devices.identity END, "
                "first_seen = CASE WHEN excluded.first_seen < devices.first_seen THEN excluded.first_seen ELSE devices.first_seen END, "
                "last_seen = CASE WHEN excluded.last_seen > devices.last_seen THEN excluded.last_seen ELSE devices.last_seen END, "
                "first_run = CASE WHEN excluded.first_run_started < devices.first_run_started THEN excluded.first_run ELSE devices.first_run END, "
                "first_run_started = CASE WHEN excluded.first_run_started < devices.first_run_started THEN excluded.first_run_started "
                "ELSE devices.first_run_started END, "
                "previous_verdict = CASE WHEN excluded.last_run_started >= devices.last_run_started THEN devices.verdict ELSE devices.previous_verdict END, "
                + latest("verdict") + latest("maker") + latest("model") + latest("firmware") + latest("mac") + latest("ip") +
                    latest("last_sensor") + latest("last_run") +
                "last_run_started = CASE WHEN excluded.last_run_started >= devices.last_run_started THEN excluded.last_run_started "
                "ELSE devices.last_run_started END",
                {uid, keys.front(), first_seen, last_seen, run_id, context.started_at, text(context.sensor), verdict, null_if_empty(maker_of(d)),
                 null_if_empty(d.best_value("model")), null_if_empty(d.best_value("firmware")),
                 d.macs.empty() ? SqlValue{} : SqlValue{d.macs.front().to_string()},
                 d.ips.empty() ? SqlValue{} : SqlValue{d.ips.back().to_string()}});
        }
        observations.flush();
        run_devices.flush();
        db.commit();
    } catch (...) {
        db.rollback();
        throw;
    }
}

namespace {

constexpr const char* kRunColumns =
    "id, started_at, command, sensor, site, title, audit_date, camsweep_version, signatures_digest, vendors_as_of, listings_as_of, "
    "devices, covered, likely_covered, not_covered, unknown, complete";

// The row's first columns into these text members, in order (null as "").
template <class Record>
void take_texts(Record& out, const SqlRow& row, std::initializer_list<std::string Record::*> members) {
    std::size_t column = 0;
    for (auto member : members) out.*member = text_or(row[column++]);
}

RunSummary run_of(const SqlRow& r) {
    RunSummary s;
    take_texts(s, r,
               {&RunSummary::id, &RunSummary::started_at, &RunSummary::command, &RunSummary::sensor, &RunSummary::site,
                &RunSummary::title, &RunSummary::audit_date, &RunSummary::camsweep_version, &RunSummary::signatures_digest,
                &RunSummary::vendors_as_of, &RunSummary::listings_as_of});
    s.devices = number_or_zero(r[11]);
    s.covered = number_or_zero(r[12]);
    s.likely_covered = number_or_zero(r[13]);
    s.not_covered = number_or_zero(r[14]);
    s.unknown = number_or_zero(r[15]);
    s.complete = number_or_zero(r[16]) != 0;
    return s;
}

}  // namespace

std::vector<RunSummary> HistoryStore::runs() {
    std::vector<RunSummary> out;
    for (const auto& r : impl_->db->query(std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY started_at, id"))
        out.push_back(run_of(r));
    std::map<std::string, RunSummary*> by_id;
    for (auto& run : out) by_id[run.id] = &run;
    for (const auto& r : impl_->db->query("SELECT run_id, path FROM run_inputs ORDER BY run_id, position"))
        if (auto it = by_id.find(text_or(r[0])); it != by_id.end()) it->second->inputs.push_back(text_or(r[1]));
    return out;
}

RunSummary HistoryStore::run(const std::string& run_id) {
    const auto rows = impl_->db->query(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = $1", {run_id});
    if (rows.empty()) throw HistoryError(impl_->db->describe() + ": no run " + run_id);
    RunSummary s = run_of(rows[0]);
    for (const auto& r : impl_->db->query("SELECT path FROM run_inputs WHERE run_id = $1 ORDER BY position", {run_id}))
        s.inputs.push_back(text_or(r[0]));
    return s;
}

std::vector<DeviceHistory> HistoryStore::devices() {
    std::vector<DeviceHistory> out;
    // The newest run overall, and the newest of each sensor: what "new" and "gone" are against.
    std::string newest;
    std::map<std::string, std::string> newest_of_sensor;
    for (const auto& r : impl_->db->query("SELECT id, sensor FROM runs ORDER BY started_at, id")) {
        newest = text_or(r[0]);
        newest_of_sensor[text_or(r[1])] = newest;
    }
    for (const auto& r : impl_->db->query("SELECT uid, identity, first_seen, last_seen, first_run, last_run, last_sensor, verdict, "
                                          "previous_verdict, maker, model, firmware, mac, ip FROM devices ORDER BY first_seen, uid")) {
        DeviceHistory d;
        take_texts(d, r,
                   {&DeviceHistory::uid, &DeviceHistory::identity, &DeviceHistory::first_seen, &DeviceHistory::last_seen,
                    &DeviceHistory::first_run, &DeviceHistory::last_run, &DeviceHistory::last_sensor, &DeviceHistory::verdict,
                    &DeviceHistory::previous_verdict, &DeviceHistory::maker, &DeviceHistory::model, &DeviceHistory::firmware,
                    &DeviceHistory::mac, &DeviceHistory::ip});
        d.is_new = d.first_run == newest;
        d.is_gone = d.last_run != newest_of_sensor[d.last_sensor];
        d.verdict_changed = !d.previous_verdict.empty() && d.previous_verdict != d.verdict;
        out.push_back(std::move(d));
    }
    return out;
}

std::optional<std::string> HistoryStore::resolve_run(const std::string& reference) {
    std::vector<std::string> ids;
    for (const auto& r : impl_->db->query("SELECT id FROM runs ORDER BY started_at, id")) ids.push_back(text_or(r[0]));
    if (reference.rfind("latest", 0) == 0) {
        std::size_t back = 0;
        if (reference.size() > 6) {
            if (reference[6] != '~' || reference.size() == 7) return std::nullopt;
            const std::string digits = reference.substr(7);
            if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) || digits.size() > 6)
                return std::nullopt;
            back = static_cast<std::size_t>(std::stoul(digits));
        }
        if (back >= ids.size()) return std::nullopt;
        return ids[ids.size() - 1 - back];
    }
    std::optional<std::string> found;
    for (const auto& id : ids) {
        if (id == reference) return id;
        if (id.rfind(reference, 0) == 0) {
            if (found) return std::nullopt;  // ambiguous prefix
            found = id;
        }
    }
    return found;
}

std::optional<std::string> HistoryStore::last_run_before(const std::string& date, const std::string& sensor) {
    const auto rows = impl_->db->query(
        "SELECT id FROM runs WHERE started_at < $1 AND ($2 = '' OR sensor = $2) ORDER BY started_at DESC, id DESC LIMIT 1",
        {date + "T00:00:00", sensor});
    if (rows.empty()) return std::nullopt;
    return rows[0][0];
}

std::optional<std::string> HistoryStore::latest_run(const std::string& sensor) {
    const auto rows = impl_->db->query("SELECT id FROM runs WHERE ($1 = '' OR sensor = $1) ORDER BY started_at DESC, id DESC LIMIT 1",
                                       {sensor});
    if (rows.empty()) return std::nullopt;
    return rows[0][0];
}

std::string HistoryStore::run_report(const std::string& run_id) {
    const auto rows = impl_->db->query("SELECT report FROM runs WHERE id = $1", {run_id});
    if (rows.empty() || !rows[0][0]) throw HistoryError(impl_->db->describe() + ": no run " + run_id);
    return *rows[0][0];
}

std::vector<Device> HistoryStore::run_devices(const std::string& run_id) {
    std::vector<Device> devices;
    std::map<std::string, std::size_t> index;
    for (const auto& r : impl_->db->query("SELECT device_id, device FROM run_devices WHERE run_id = $1", {run_id})) {
        auto device = device_from_identity_json(text_or(r[1]));
        if (!device) throw HistoryError(impl_->db->describe() + ": run " + run_id + ": device " + text_or(r[0]) + " is not readable");
        device->id = text_or(r[0]);
        index[device->id] = devices.size();
        devices.push_back(std::move(*device));
    }
    for (const auto& r : impl_->db->query("SELECT device_id, observation FROM observations WHERE run_id = $1 ORDER BY seq", {run_id})) {
        auto obs = observation_from_json(text_or(r[1]));
        auto at = index.find(text_or(r[0]));
        if (!obs || at == index.end())
            throw HistoryError(impl_->db->describe() + ": run " + run_id + ": a stored observation is not readable");
        devices[at->second].observations.push_back(std::move(*obs));
    }
    // In the run's order (ids are given by first appearance: dev-001, dev-002, ...).
    std::sort(devices.begin(), devices.end(), [](const Device& a, const Device& b) {
        return a.id.size() != b.id.size() ? a.id.size() < b.id.size() : a.id < b.id;
    });
    return devices;
}

// ---- observations as JSON

std::string observation_to_json(const Observation& obs) {
    using nlohmann::ordered_json;
    auto endpoint = [](const Endpoint& e) {
        return ordered_json{{"mac", e.mac ? ordered_json(e.mac->to_string()) : ordered_json(nullptr)},
                            {"ip", e.ip ? ordered_json(e.ip->to_string()) : ordered_json(nullptr)},
                            {"port", e.port}};
    };
    ordered_json fields = ordered_json::array();
    for (const auto& f : obs.fields) fields.push_back(ordered_json::array({utf8_or_escaped(f.key), utf8_or_escaped(f.value)}));
    ordered_json j{{"time", obs.time},
                   {"origin", obs.origin == Origin::active ? "active" : "passive"},
                   {"protocol", utf8_or_escaped(obs.protocol)},
                   {"where", utf8_or_escaped(obs.where)},
                   {"endpoint", endpoint(obs.endpoint)},
                   {"peer", endpoint(obs.peer)},
                   {"fields", fields}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<Observation> observation_from_json(const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    auto string_at = [&](const nlohmann::json& o, const char* key) -> std::string {
        return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
    };
    auto endpoint_of = [&](const char* key) {
        Endpoint e;
        if (!j.contains(key) || !j[key].is_object()) return e;
        const auto& o = j[key];
        if (auto mac = MacAddress::parse(string_at(o, "mac"))) e.mac = mac;
        if (auto ip = IpAddress::parse(string_at(o, "ip"))) e.ip = ip;
        if (o.contains("port") && o["port"].is_number_unsigned()) e.port = static_cast<std::uint16_t>(o["port"].get<unsigned>());
        return e;
    };
    Observation obs;
    if (j.contains("time") && j["time"].is_number()) obs.time = j["time"].get<double>();
    obs.origin = string_at(j, "origin") == "active" ? Origin::active : Origin::passive;
    obs.protocol = string_at(j, "protocol");
    if (const auto* protocol = find_protocol(obs.protocol)) obs.tier = protocol->tier;
    obs.where = string_at(j, "where");
    obs.endpoint = endpoint_of("endpoint");
    obs.peer = endpoint_of("peer");
    if (!j.contains("fields") || !j["fields"].is_array()) return std::nullopt;
    for (const auto& f : j["fields"]) {
        if (!f.is_array() || f.size() != 2 || !f[0].is_string() || !f[1].is_string()) return std::nullopt;
        obs.fields.add(f[0].get<std::string>(), f[1].get<std::string>());
    }
    return obs;
}

std::string signatures_digest(const std::string& directory) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".yaml") files.push_back(it->path());
    std::sort(files.begin(), files.end());
    std::string all;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        const std::string relative = fs::relative(f, directory, ec).generic_string();
        all += relative + '\0' + std::to_string(bytes.str().size()) + '\0' + bytes.str();
    }
    return sha256_hex(all);
}

}  // namespace camsweep::history
