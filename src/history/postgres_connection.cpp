// The history database on a PostgreSQL server (libpq): for fleets, one sensor per site writing
// into one database (docs/history.md).
#include <libpq-fe.h>

#include "camsweep/core/text.hpp"
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

}  // namespace

// A connection URI without its password (user:PASSWORD@ or ?password=…), for messages.
std::string without_password(const std::string& url) {
    std::string shown = url;
    const auto scheme = shown.find("://");
    const auto at = shown.find('@');
    const auto query = shown.find('?');
    if (scheme != std::string::npos && at != std::string::npos && (query == std::string::npos || at < query)) {
        const auto colon = shown.find(':', scheme + 3);
        if (colon != std::string::npos && colon < at) shown = shown.substr(0, colon) + ":***" + shown.substr(at);
    }
    for (std::size_t p = shown.find("password="); p != std::string::npos; p = shown.find("password=", p + 1)) {
        if (p == 0 || (shown[p - 1] != '?' && shown[p - 1] != '&')) continue;
        const auto end = shown.find('&', p);
        shown.replace(p + 9, (end == std::string::npos ? shown.size() : end) - (p + 9), "***");
    }
    return printable(shown);
}

namespace {

// libpq waits for an unreachable server as long as TCP does: a sensor gives up after 10 s.
std::string with_connect_timeout(const std::string& url) {
    if (url.find("connect_timeout=") != std::string::npos) return url;
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=10";
}

class PostgresConnection final : public SqlConnection {
public:
    explicit PostgresConnection(const std::string& url) : shown_(without_password(url)) {
        conn_ = PQconnectdb(with_connect_timeout(url).c_str());
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
            std::string message = first_line(conn_ ? PQerrorMessage(conn_) : "out of memory");
            PQfinish(conn_);
            conn_ = nullptr;
            throw HistoryError(shown_ + ": cannot connect to the history database: " + printable(message));
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
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail();
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
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail();
    }
    void begin_exclusive() override {
        run_script("BEGIN");
        // One lock number for camsweep's migrations: the second sensor to open a new database
        // waits, then finds the schema made.
        run_script("SELECT pg_advisory_xact_lock(7216110001)");
    }
    bool has_table(const std::string& name) override {
        const auto rows = query("SELECT to_regclass($1) IS NOT NULL", {name});
        return !rows.empty() && rows[0][0] && *rows[0][0] == "t";
    }
    void commit() override { run_script("COMMIT"); }
    void rollback() noexcept override {
        if (PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
    }
    std::string describe() const override { return shown_; }

private:
    [[noreturn]] void fail() {
        std::string message = first_line(PQerrorMessage(conn_));
        if (PQstatus(conn_) != CONNECTION_OK) message = "the server went away: " + message;
        throw HistoryError(shown_ + ": history database: " + printable(message));
    }

    std::string shown_;
    PGconn* conn_ = nullptr;
};

}  // namespace

std::unique_ptr<SqlConnection> open_postgres(const std::string& url) { return std::make_unique<PostgresConnection>(url); }

}  // namespace camsweep::history
