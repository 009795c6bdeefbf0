#pragma once
// One connection to the history database, SQLite or PostgreSQL, behind the few operations the
// store needs. Statements use $1, $2, ... for parameters on both (SQLite takes "$1" as a named
// parameter); every value goes as text, and comes back as text or null. Failures throw
// HistoryError with one line naming the database.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "camsweep/history/store.hpp"

namespace camsweep::history {

using SqlValue = std::optional<std::string>;

// A transaction the server gave up on so that another could go on (PostgreSQL's deadlock and
// serialization failures): the same transaction, run again, succeeds.
class RetryableError : public HistoryError {
public:
    using HistoryError::HistoryError;
};
using SqlRow = std::vector<SqlValue>;

class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    // One statement with parameters; its rows (none for statements that return none).
    virtual std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
    // Several statements without parameters (a migration file).
    virtual void run_script(const std::string& sql) = 0;
    // A transaction that no other writer's migration runs alongside: SQLite's BEGIN IMMEDIATE,
    // PostgreSQL's BEGIN and an advisory lock held to the end of the transaction.
    virtual void begin_exclusive() = 0;
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    virtual std::string describe() const = 0;  // "history.db", "postgresql://host/db": for messages
};

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path, int busy_timeout_ms);
// `url`: a libpq connection URI (postgresql://… or postgres://…).
std::unique_ptr<SqlConnection> open_postgres(const std::string& url);

}  // namespace camsweep::history
