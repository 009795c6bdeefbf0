// The history store on SQLite (docs/history.md): runs, identities across runs, migrations and
// the database problems a user meets (locked, not a database, a newer schema). PostgreSQL is
// tested against a real server by tests/history/postgres.sh.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "bundled_signatures.hpp"
#include "camsweep/history/store.hpp"
#include "../../src/history/sql_connection.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "unit_helpers.hpp"

namespace camsweep::history {
namespace {

using namespace camsweep::test;

Device device(const char* id, std::optional<const char*> m, std::optional<const char*> serial, double seen, VerdictStatus verdict) {
    Device d;
    d.id = id;
    if (m) d.macs = {mac(*m)};
    if (serial) d.serials = {*serial};
    d.ips = {ip("192.168.10.40")};
    d.first_seen = d.last_seen = seen;
    d.verdict.status = verdict;
    d.verdict.confidence = 1;
    Observation o = observation_at(seen, "sadp", m, "192.168.10.40", {{"sadp.device_description", "DS-2CD2385G1-I"}});
    d.observations = {o};
    d.observation_count = 1;
    return d;
}

RunContext context(const char* sensor, const char* started) {
    RunContext c;
    c.command = "analyze";
    c.sensor = sensor;
    c.signatures_digest = "digest";
    c.started_at = started;
    return c;
}

Inventory inventory_of(std::vector<Device> devices) {
    Inventory inv;
    inv.devices = std::move(devices);
    inv.audit_date = Date{2026, 12, 1};
    inv.listings_as_of = "2026-11-23";
    InputSummary in;
    in.path = "/home/auditor/site.pcap";
    in.format = "pcap";
    in.packets = 10;
    inv.inputs = {in};
    return inv;
}

TEST(HistoryStore, KeepsRunsAndKnowsADeviceAgainByItsMac) {
    TempDir dir;
    const std::string path = (dir.path() / "history.db").string();
    {
        auto store = HistoryStore::open(path);
        store->record_run(inventory_of({device("dev-001", "58:50:ed:1f:e3:85", std::nullopt, 100, VerdictStatus::covered),
                                        device("dev-002", "00:40:8c:11:22:33", std::nullopt, 100, VerdictStatus::not_covered)}),
                          context("s1", "2026-12-01T10:00:00.000000Z"), "{}");
    }
    auto store = HistoryStore::open(path);  // a second process later: the schema is there
    store->record_run(inventory_of({device("dev-001", "58:50:ed:1f:e3:85", std::nullopt, 200, VerdictStatus::likely_covered)}),
                      context("s1", "2026-12-02T10:00:00.000000Z"), "{}");
    const auto runs = store->runs();
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].devices, 2);
    EXPECT_EQ(runs[0].covered, 1);
    EXPECT_EQ(runs[1].likely_covered, 1);
    EXPECT_EQ(runs[0].inputs, std::vector<std::string>{"site.pcap"});  // no local directory kept
    const auto devices = store->devices();
    ASSERT_EQ(devices.size(), 2u);
    const auto& camera = devices[0].identity == "mac:58:50:ed:1f:e3:85" ? devices[0] : devices[1];
    const auto& other = &camera == &devices[0] ? devices[1] : devices[0];
    EXPECT_EQ(camera.first_seen, "1970-01-01T00:01:40.000000Z");
    EXPECT_EQ(camera.last_seen, "1970-01-01T00:03:20.000000Z");
    EXPECT_EQ(camera.verdict, "likely-covered");
    EXPECT_EQ(camera.previous_verdict, "covered");
    EXPECT_TRUE(camera.verdict_changed);
    EXPECT_FALSE(camera.is_gone);
    EXPECT_TRUE(other.is_gone);  // not in sensor s1's latest run
    EXPECT_EQ(store->resolve_run("latest"), runs[1].id);
    EXPECT_EQ(store->resolve_run("latest~1"), runs[0].id);
    EXPECT_EQ(store->resolve_run("latest~2"), std::nullopt);
    EXPECT_EQ(store->resolve_run(runs[0].id.substr(0, 14)), runs[0].id);
    EXPECT_EQ(store->last_run_before("2026-12-02", ""), runs[0].id);
}

TEST(HistoryStore, AKeySeenWithAStrongerOneJoinsItsDevice) {
    TempDir dir;
    auto store = HistoryStore::open((dir.path() / "h.db").string());
    // First only its serial (a reply through a router), then its MAC with the serial.
    store->record_run(inventory_of({device("dev-001", std::nullopt, "DS-2CD2385G1-I20200414AAWRE33842150", 100, VerdictStatus::covered)}),
                      context("s1", "2026-12-01T10:00:00.000000Z"), "{}");
    store->record_run(inventory_of({device("dev-001", "58:50:ed:1f:e3:85", "DS-2CD2385G1-I20200414AAWRE33842150", 200,
                                           VerdictStatus::covered)}),
                      context("s2", "2026-12-02T10:00:00.000000Z"), "{}");
    const auto devices = store->devices();
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].last_sensor, "s2");
    EXPECT_EQ(devices[0].mac, "58:50:ed:1f:e3:85");
    EXPECT_EQ(devices[0].identity, "mac:58:50:ed:1f:e3:85");  // the strongest key known now
}

TEST(HistoryStore, TextThatIsNotUtf8IsStoredAsTheReportsWriteIt) {
    TempDir dir;
    auto store = HistoryStore::open((dir.path() / "h.db").string());
    Inventory inv = inventory_of({device("dev-001", "58:50:ed:1f:e3:85", "SN\xff" "1", 100, VerdictStatus::covered)});
    inv.site = "Caf\xe9";
    const std::string id = store->record_run(inv, context("s\xfe", "2026-12-01T10:00:00.000000Z"), "{}");
    EXPECT_EQ(store->run(id).site, "Caf\\xe9");
    EXPECT_EQ(store->run(id).sensor, "s\\xfe");
    EXPECT_EQ(store->run_devices(id)[0].serials, std::vector<std::string>{"SN\\xff1"});
}

TEST(HistoryStore, APasswordNeverReachesAMessage) {
    EXPECT_EQ(without_password("postgresql://camsweep:hunter2@db.example/fleet"), "postgresql://camsweep:***@db.example/fleet");
    EXPECT_EQ(without_password("postgresql:///fleet?host=/run/pg&password=hunter2&user=x"),
              "postgresql:///fleet?host=/run/pg&password=***&user=x");
    EXPECT_EQ(without_password("postgresql://db.example/fleet?user=a@b"), "postgresql://db.example/fleet?user=a@b");
}

TEST(HistoryStore, ReadingNeverMakesADatabase) {
    TempDir dir;
    const std::string path = (dir.path() / "typo.db").string();
    EXPECT_THROW(HistoryStore::open(path, HistoryStore::Access::read), HistoryError);
    EXPECT_FALSE(std::filesystem::exists(path));
    sqlite3* raw = nullptr;  // some other program's SQLite file
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE notes (text TEXT)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    try {
        HistoryStore::open(path, HistoryStore::Access::read);
        FAIL() << "a foreign database was read as a history";
    } catch (const HistoryError& e) {
        EXPECT_NE(std::string(e.what()).find("not a camsweep history database"), std::string::npos) << e.what();
    }
}

TEST(HistoryStore, RunDevicesComeBackAsTheyWereMadeToBeJudgedAgain) {
    TempDir dir;
    auto store = HistoryStore::open((dir.path() / "h.db").string());
    Device d = device("dev-001", "58:50:ed:1f:e3:85", "DS-2CD2385G1-I20200414AAWRE33842150", 100, VerdictStatus::unknown);
    d.observations[0].peer.ip = ip("192.168.10.1");
    d.observations[0].add("odd", std::string("bytes\x01\xff", 7));
    Peer peer;
    peer.ip = ip("52.58.0.10");
    peer.protocol = "tls";
    peer.messages = 2;
    d.peers = {peer};
    const std::string id = store->record_run(inventory_of({d}), context("s1", "2026-12-01T10:00:00.000000Z"), "{}");
    auto back = store->run_devices(id);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].id, "dev-001");
    EXPECT_EQ(back[0].macs, d.macs);
    EXPECT_EQ(back[0].serials, d.serials);
    EXPECT_EQ(back[0].ips, d.ips);
    EXPECT_EQ(back[0].first_seen, 100);
    ASSERT_EQ(back[0].peers.size(), 1u);
    EXPECT_EQ(back[0].peers[0].messages, 2u);
    ASSERT_EQ(back[0].observations.size(), 1u);
    const Observation& o = back[0].observations[0];
    EXPECT_EQ(o.protocol, "sadp");
    EXPECT_EQ(o.tier, EvidenceTier::discovery);  // from the protocol registry
    EXPECT_EQ(o.peer.ip, ip("192.168.10.1"));
    EXPECT_EQ(o.get("sadp.device_description"), "DS-2CD2385G1-I");
    EXPECT_EQ(o.get("odd"), std::string("bytes\x01\\xff"));  // an invalid byte kept visible, as in the JSON report
    // Judged again with the bundled database: the SADP model names Hikvision.
    classify_and_judge(back, bundled_signatures(), Date{2026, 12, 1});
    EXPECT_EQ(back[0].best_value("vendor"), "hikvision");
}

TEST(HistoryStore, ASchemaFromANewerCamsweepIsRefused) {
    TempDir dir;
    const std::string path = (dir.path() / "h.db").string();
    HistoryStore::open(path);
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "INSERT INTO camsweep_schema (version, applied_at) VALUES (99, 'later')", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    try {
        HistoryStore::open(path);
        FAIL() << "a newer schema was accepted";
    } catch (const HistoryError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": the history database has schema version 99, newer than this camsweep knows (" +
                                             std::to_string(known_schema_version()) + "): use a newer camsweep");
    }
}

TEST(HistoryStore, AFileThatIsNotADatabaseIsOneLine) {
    TempDir dir;
    const std::string path = (dir.path() / "report.json").string();
    std::ofstream(path) << "{\"format\": \"camsweep-inventory\", \"padding\": \"" << std::string(200, 'x') << "\"}\n";
    try {
        HistoryStore::open(path);
        FAIL() << "a JSON file opened as a history database";
    } catch (const HistoryError& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind(path + ": history database: file is not a database", 0), 0u) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos);
    }
}

TEST(HistoryStore, ALockedFileWaitsThenSaysWhoHoldsIt) {
    TempDir dir;
    const std::string path = (dir.path() / "h.db").string();
    HistoryStore::open(path);
    sqlite3* holder = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &holder), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
    try {
        auto store = HistoryStore::open(path, HistoryStore::Access::write, 200);
        store->record_run(inventory_of({}), context("s1", "2026-12-01T10:00:00.000000Z"), "{}");
        FAIL() << "wrote through an exclusive lock";
    } catch (const HistoryError& e) {
        EXPECT_NE(std::string(e.what()).find("database is locked (another process holds it; camsweep waited 0.2 s)"), std::string::npos) << e.what()
            << e.what();
    }
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    auto store = HistoryStore::open(path, HistoryStore::Access::write, 200);  // free again
    EXPECT_NO_THROW(store->record_run(inventory_of({}), context("s1", "2026-12-01T10:00:00.000000Z"), "{}"));
}

}  // namespace
}  // namespace camsweep::history
