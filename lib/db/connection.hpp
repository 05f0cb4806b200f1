#pragma once
// A move-only libpq connection, typed parameters, results with typed NULL-aware access,
// transactions, streaming reads and COPY. Every statement is parameterised: SQL text never
// holds a value that came from outside. Not thread-safe: one Connection per thread.

#include "db/error.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

struct pg_conn;
struct pg_result;

namespace ctl::db {

struct ConnectOptions {
    std::string conninfo;          // URL (postgresql://...) or key=value string
    int connect_timeout_s = 5;     // libpq connect_timeout
    int statement_timeout_ms = 0;  // 0: server default
    std::string application_name;  // default "ctl/<version>"
};

// One positional parameter ($1, $2, ...). NULL when value is nullopt. Values are sent as text.
class Param {
public:
    Param() = default;  // NULL
    Param(std::nullopt_t) {}
    Param(std::string v) : m_value(std::move(v)) {}
    Param(std::string_view v) : m_value(std::string(v)) {}
    Param(const char* v) : m_value(std::string(v)) {}
    Param(bool v) : m_value(v ? "true" : "false") {}
    Param(int v) : m_value(std::to_string(v)) {}
    Param(long v) : m_value(std::to_string(v)) {}
    Param(long long v) : m_value(std::to_string(v)) {}
    Param(unsigned v) : m_value(std::to_string(v)) {}
    Param(unsigned long v) : m_value(std::to_string(v)) {}
    Param(double v);
    Param(const nlohmann::json& v);
    template <typename T>
    Param(const std::optional<T>& v) {
        if (v) *this = Param(*v);
    }

    const std::optional<std::string>& value() const noexcept { return m_value; }

private:
    std::optional<std::string> m_value;
};

using Params = std::vector<Param>;

class Result;

// A read-only view of one row of a Result.
class RowRef {
public:
    RowRef(const Result& result, int row) : m_result(&result), m_row(row) {}

    bool is_null(int col) const;
    // Text as PostgreSQL sent it; "" for NULL.
    std::string_view text(int col) const;
    std::optional<std::string> opt_text(int col) const;
    std::int64_t int64(int col) const;  // throws ctl::Error on NULL or non-integer
    std::optional<std::int64_t> opt_int64(int col) const;
    bool boolean(int col) const;
    double float64(int col) const;
    nlohmann::json json(int col) const;  // NULL → json null

private:
    const Result* m_result;
    int m_row;
};

// Owns a PGresult (PQclear on destruction).
class Result {
public:
    Result() = default;
    explicit Result(pg_result* raw);
    Result(Result&&) noexcept = default;
    Result& operator=(Result&&) noexcept = default;

    int rows() const;
    int columns() const;
    std::string column_name(int col) const;
    int column_index(std::string_view name) const;  // -1 if absent
    std::int64_t affected_rows() const;              // PQcmdTuples
    RowRef row(int i) const { return RowRef(*this, i); }
    RowRef operator[](int i) const { return row(i); }
    bool empty() const { return rows() == 0; }
    pg_result* raw() const { return m_result.get(); }

private:
    struct Clear {
        void operator()(pg_result* r) const noexcept;
    };
    std::unique_ptr<pg_result, Clear> m_result;
};

class Connection {
public:
    // Connects or throws DatabaseError (unavailable, exit 6) with a redacted message.
    explicit Connection(const ConnectOptions& options);
    Connection(Connection&&) noexcept;
    Connection& operator=(Connection&&) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // Runs one parameterised statement. Throws DatabaseError on failure.
    Result exec(std::string_view sql, const Params& params = {});
    // Runs a script of several statements with no parameters (migrations, DDL). Throws on failure.
    void exec_script(std::string_view sql);

    // Streams a big result row by row (single-row mode): memory stays flat. `on_row` is called
    // for every row with a one-row Result; column metadata is the same for each.
    void stream(std::string_view sql, const Params& params,
                const std::function<void(const RowRef&)>& on_row);

    // COPY ... FROM STDIN: `copy_sql` is the COPY statement; write text-format data with put().
    class CopyIn {
    public:
        explicit CopyIn(Connection& c) : m_conn(&c) {}
        CopyIn(CopyIn&&) = delete;
        ~CopyIn();              // aborts the COPY if finish() was not called
        void put(std::string_view data);  // buffered
        void finish();          // flushes and ends the COPY; throws on server error
    private:
        void flush();
        Connection* m_conn;
        std::string m_buffer;
        bool m_done = false;
    };
    std::unique_ptr<CopyIn> copy_in(std::string_view copy_sql);

    // COPY ... TO STDOUT: calls `on_chunk` with each data row as the server sends it.
    void copy_out(std::string_view copy_sql, const std::function<void(std::string_view)>& on_chunk);

    // Escapes an identifier for the few places SQL must name an object (DDL in migrations/seed).
    std::string quote_identifier(std::string_view name) const;

    pg_conn* raw() const { return m_conn; }
    // The server's session user, cached.
    std::string server_version() const;

private:
    [[noreturn]] void throw_error(pg_result* res, std::string_view sql) const;
    // The server is gone (the connection is bad or its socket closed), reading what is pending
    // to find out.
    bool lost() const;
    pg_conn* m_conn = nullptr;
};

// RAII transaction: BEGIN on construction, ROLLBACK on destruction unless commit() was called.
// set_local() sets a GUC for this transaction only (SET LOCAL via set_config(..., true)), e.g.
// ctl.reason and ctl.command, which the audit triggers read.
class Transaction {
public:
    explicit Transaction(Connection& conn, std::string_view begin_sql = "BEGIN");
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Result exec(std::string_view sql, const Params& params = {}) { return m_conn.exec(sql, params); }
    void set_local(std::string_view name, std::string_view value);
    void commit();
    void rollback();
    Connection& connection() { return m_conn; }

private:
    Connection& m_conn;
    bool m_open = true;
};

// Maps a libpq error (SQLSTATE + messages) to the DatabaseError with ctl's exit code.
// `role` is the session's role, named in permission errors; `hint` is the server's HINT.
DatabaseError map_database_error(std::string_view sqlstate, std::string_view primary,
                                 std::string_view detail, std::string_view constraint,
                                 std::string_view sql, std::string_view role = {},
                                 std::string_view hint = {});

// Removes passwords from a conninfo/URL for messages ("postgresql://u:***@h/db").
std::string redact_conninfo(std::string_view conninfo);

// Escapes a value for COPY text format (backslash, tab, newline, CR).
void append_copy_text(std::string& out, std::string_view value);

}  // namespace ctl::db
