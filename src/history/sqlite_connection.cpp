// The history database in a SQLite file (libsqlite3): the default, for one auditor's laptop.
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "sql_connection.hpp"

namespace camsweep::history {
namespace {

// The store's "$N" parameters in SQLite's terms. Numbered ones ("?N") cost SQLite a search of
// all the others each, which a batch of a thousand makes quadratic: a statement that uses $1,
// $2, ... once each and in order gets plain "?" (numbered 1, 2, ... by position), any other "?N".
std::string sqlite_parameters(const std::string& sql) {
    std::string out;
    bool in_order = true;
    unsigned long expected = 1;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        if (sql[i] != '$' || i + 1 == sql.size() || sql[i + 1] < '0' || sql[i + 1] > '9') continue;
        if (std::strtoul(sql.c_str() + i + 1, nullptr, 10) != expected++) in_order = false;
    }
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const bool parameter = sql[i] == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9';
        if (!parameter) {
            out += sql[i];
            continue;
        }
        out += '?';
        if (!in_order) continue;  // keep the digits: "?N"
        while (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') ++i;
    }
    return out;
}

class SqliteConnection final : public SqlConnection {
public:
    SqliteConnection(std::string path, int busy_timeout_ms, bool create) : path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms) {
        std::error_code error;
        if (!create && !std::filesystem::exists(path_, error))
            throw HistoryError(path_ + ": no history database here (analyze, sniff, scan or survey with --db makes one)");
        const int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX,
                                       nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            db_ = nullptr;
            throw HistoryError(path_ + ": cannot open the history database: " + message);
        }
        // Another camsweep writing the same file: wait for it, then say so.
        sqlite3_busy_timeout(db_, busy_timeout_ms_);
        run_script("PRAGMA foreign_keys = ON");
    }
    ~SqliteConnection() override { sqlite3_close(db_); }

    std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
        sqlite3_stmt* raw = nullptr;
        const std::string text = sqlite_parameters(sql);
        check(sqlite3_prepare_v2(db_, text.c_str(), static_cast<int>(text.size()), &raw, nullptr));
        std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw, &sqlite3_finalize);
        const int count = sqlite3_bind_parameter_count(raw);  // the largest N used
        if (static_cast<std::size_t>(count) > params.size()) fail("statement parameter ?" + std::to_string(count) + " has no value");
        for (int index = 1; index <= count; ++index) {
            const SqlValue& value = params[static_cast<std::size_t>(index - 1)];
            if (value) check(sqlite3_bind_text(raw, index, value->data(), static_cast<int>(value->size()), SQLITE_TRANSIENT));
            else check(sqlite3_bind_null(raw, index));
        }
        std::vector<SqlRow> rows;
        for (;;) {
            const int rc = sqlite3_step(raw);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) check(rc);
            SqlRow row;
            for (int c = 0; c < sqlite3_column_count(raw); ++c) {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
                if (sqlite3_column_type(raw, c) == SQLITE_NULL || !text) row.emplace_back(std::nullopt);
                else row.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(raw, c))));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    void run_script(const std::string& sql) override {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::string message = error ? error : sqlite3_errmsg(db_);
            sqlite3_free(error);
            fail(message);
        }
    }
    void begin_exclusive() override { run_script("BEGIN IMMEDIATE"); }  // the write lock at once: no upgrade deadlock
    bool has_table(const std::string& name) override {
        return !query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = $1", {name}).empty();
    }
    void commit() override { run_script("COMMIT"); }
    void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
    std::string describe() const override { return path_; }

private:
    void check(int rc) {
        if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) fail(sqlite3_errmsg(db_));
    }
    [[noreturn]] void fail(const std::string& message) {
        const int code = sqlite3_extended_errcode(db_);
        std::string why = message;
        if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        {
            char waited[32];
            std::snprintf(waited, sizeof waited, "%g", busy_timeout_ms_ / 1000.0);
            why += std::string(" (another process holds it; camsweep waited ") + waited + " s)";
        }
        else if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
            why += " (the file is not a camsweep history database, or it is damaged)";
        throw HistoryError(path_ + ": history database: " + why);
    }

    std::string path_;
    int busy_timeout_ms_;
    sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path, int busy_timeout_ms, bool create) {
    return std::make_unique<SqliteConnection>(path, busy_timeout_ms, create);
}

}  // namespace camsweep::history
