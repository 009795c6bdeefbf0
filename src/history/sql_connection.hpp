#pragma once
// One connection to the history database, SQLite or PostgreSQL, behind the few operations the
// store needs. Statements use $1, $2, ... for parameters on both (the SQLite connection turns
// them into its numbered ?1, ?2, ...); every value goes as text, and comes back as text or null.
// Failures throw HistoryError with one line naming the database.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "camsweep/history/store.hpp"

namespace camsweep::history {

using SqlValue = std::optional<std::string>;

using SqlRow = std::vector<SqlValue>;

class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    // One statement with parameters; its rows (none for statements that return none).
    virtual std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
    // Several statements without parameters (a migration file).
    virtual void run_script(const std::string& sql) = 0;
    // A transaction no other camsweep writer runs alongside: SQLite's BEGIN IMMEDIATE,
    // PostgreSQL's BEGIN and an advisory lock held to the end of the transaction. Every write
    // (a migration, a run) takes it: writers queue, and none can see another half done.
    virtual void begin_exclusive() = 0;
    virtual bool has_table(const std::string& name) = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    virtual std::string describe() const = 0;  // "history.db", "postgresql://host/db": for messages
};

// `create`: make the file when it is missing (writers); readers need it to exist.
std::unique_ptr<SqlConnection> open_sqlite(const std::string& path, int busy_timeout_ms, bool create);
// `url`: a libpq connection URI (postgresql://… or postgres://…).
std::unique_ptr<SqlConnection> open_postgres(const std::string& url);
std::string without_password(const std::string& url);

}  // namespace camsweep::history
