// The history database on a PostgreSQL server (libpq): for fleets, one sensor per site writing
// into one database (docs/history.md).
#include <libpq-fe.h>

#include "sql_connection.hpp"

namespace camsweep::history {
namespace {

// libpq's messages end in a newline and may run to several lines: the first line says it.
std::string first_line(const char* text) {
    std::string s = text ? text : "unknown error";
    if (const auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
    if (s.rfind("ERROR:  ", 0) == 0) s.erase(0, 8);
    return s;
}

// A connection URI without its password, for messages.
std::string without_password(const std::string& url) {
    const auto scheme = url.find("://");
    const auto at = url.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return url;
    const auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon) + ":***" + url.substr(at);
}

class PostgresConnection final : public SqlConnection {
public:
    explicit PostgresConnection(const std::string& url) : shown_(without_password(url)) {
        conn_ = PQconnectdb(url.c_str());
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
            std::string message = first_line(conn_ ? PQerrorMessage(conn_) : "out of memory");
            PQfinish(conn_);
            conn_ = nullptr;
            throw HistoryError(shown_ + ": cannot connect to the history database: " + message);
        }
        run_script("SET client_min_messages = warning");
    }
    ~PostgresConnection() override { PQfinish(conn_); }

    std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
        std::vector<const char*> values;
        for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
        PGresult* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                        nullptr, 0);
        std::unique_ptr<PGresult, decltype(&PQclear)> guard(result, &PQclear);
        const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result);
        std::vector<SqlRow> rows;
        for (int r = 0; r < PQntuples(result); ++r) {
            SqlRow row;
            for (int c = 0; c < PQnfields(result); ++c) {
                if (PQgetisnull(result, r, c)) row.emplace_back(std::nullopt);
                else row.emplace_back(std::string(PQgetvalue(result, r, c), static_cast<std::size_t>(PQgetlength(result, r, c))));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    void run_script(const std::string& sql) override {
        PGresult* result = PQexec(conn_, sql.c_str());
        std::unique_ptr<PGresult, decltype(&PQclear)> guard(result, &PQclear);
        const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result);
    }
    void begin_exclusive() override {
        run_script("BEGIN");
        // One lock number for camsweep's migrations: the second sensor to open a new database
        // waits, then finds the schema made.
        run_script("SELECT pg_advisory_xact_lock(7216110001)");
    }
    void begin() override { run_script("BEGIN"); }
    void commit() override { run_script("COMMIT"); }
    void rollback() noexcept override {
        if (PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
    }
    std::string describe() const override { return shown_; }

private:
    [[noreturn]] void fail(const PGresult* result) {
        std::string message = first_line(PQerrorMessage(conn_));
        if (PQstatus(conn_) != CONNECTION_OK) message = "the server went away: " + message;
        const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const std::string sqlstate = state ? state : "";
        if (sqlstate == "40P01" || sqlstate == "40001") throw RetryableError(shown_ + ": history database: " + message);
        throw HistoryError(shown_ + ": history database: " + message);
    }

    std::string shown_;
    PGconn* conn_ = nullptr;
};

}  // namespace

std::unique_ptr<SqlConnection> open_postgres(const std::string& url) { return std::make_unique<PostgresConnection>(url); }

}  // namespace camsweep::history
