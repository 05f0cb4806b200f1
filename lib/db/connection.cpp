#include "db/connection.hpp"

#include <libpq-fe.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>
#include <cstring>

namespace ctl::db {

namespace {

std::string trim_message(std::string_view s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
    return std::string(s);
}

std::string field(const PGresult* res, int code) {
    const char* v = res ? PQresultErrorField(res, code) : nullptr;
    return v ? v : "";
}

// ECMAScript's \s in ASCII, which the patterns below were first written with.
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The end of the run of non-space characters at `from`.
std::size_t word_end(std::string_view s, std::size_t from) {
    while (from < s.size() && !is_space(s[from])) ++from;
    return from;
}

}  // namespace

// ---- Param -------------------------------------------------------------------------------

Param::Param(double v) : m_value(nlohmann::json(v).dump()) {}
Param::Param(const nlohmann::json& v) : m_value(v.dump()) {}

// ---- Result ------------------------------------------------------------------------------

void Result::Clear::operator()(pg_result* r) const noexcept { PQclear(r); }

Result::Result(pg_result* raw) : m_result(raw) {}

int Result::rows() const { return m_result ? PQntuples(m_result.get()) : 0; }
int Result::columns() const { return m_result ? PQnfields(m_result.get()) : 0; }
std::string Result::column_name(int col) const { return PQfname(m_result.get(), col); }
int Result::column_index(std::string_view name) const {
    return PQfnumber(m_result.get(), std::string(name).c_str());
}
std::int64_t Result::affected_rows() const {
    const char* n = m_result ? PQcmdTuples(m_result.get()) : "";
    std::int64_t v = 0;
    std::from_chars(n, n + std::strlen(n), v);
    return v;
}

bool RowRef::is_null(int col) const { return PQgetisnull(m_result->raw(), m_row, col) != 0; }

std::string_view RowRef::text(int col) const {
    PGresult* r = m_result->raw();
    return {PQgetvalue(r, m_row, col), static_cast<std::size_t>(PQgetlength(r, m_row, col))};
}

std::optional<std::string> RowRef::opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return std::string(text(col));
}

std::int64_t RowRef::int64(int col) const {
    auto v = opt_int64(col);
    if (!v) throw Error(ExitCode::failure, "unexpected NULL in column " + m_result->column_name(col));
    return *v;
}

std::optional<std::int64_t> RowRef::opt_int64(int col) const {
    if (is_null(col)) return std::nullopt;
    auto t = text(col);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size())
        throw Error(ExitCode::failure, "column " + m_result->column_name(col) + " is not an integer");
    return v;
}

bool RowRef::boolean(int col) const {
    auto t = text(col);
    return t == "t" || t == "true";
}

double RowRef::float64(int col) const { return std::stod(std::string(text(col))); }

nlohmann::json RowRef::json(int col) const {
    if (is_null(col)) return nullptr;
    return nlohmann::json::parse(text(col));
}

// ---- errors ------------------------------------------------------------------------------

// Written out rather than with std::regex, whose matcher recurses once per character: a long
// conninfo (or server message, below) could overflow the stack.
std::string redact_conninfo(std::string_view conninfo) {
    // scheme://user:PASSWORD@ → scheme://user:***@ (the password runs to the first '@').
    std::string s(conninfo);
    std::size_t scheme = 0;
    while (scheme < s.size() && std::isalpha(static_cast<unsigned char>(s[scheme]))) ++scheme;
    if (scheme > 0 && s.compare(scheme, 3, "://") == 0) {
        const std::size_t colon = s.find_first_of(":/@", scheme + 3);
        const std::size_t at = colon == std::string::npos || s[colon] != ':' ? std::string::npos : s.find('@', colon);
        if (at != std::string::npos) s.replace(colon + 1, at - colon - 1, "***");
    }
    // password = VALUE → password = *** (VALUE quoted, with libpq's backslash escapes, or up to
    // the next space), anywhere: in a key/value conninfo or a URL's query.
    std::string out;
    std::size_t done = 0;
    for (std::size_t key = s.find("password"); key != std::string::npos; key = s.find("password", key + 1)) {
        if (key < done) continue;
        std::size_t i = key + 8;
        while (i < s.size() && is_space(s[i])) ++i;
        if (i >= s.size() || s[i] != '=') continue;
        ++i;
        while (i < s.size() && is_space(s[i])) ++i;
        std::size_t end = std::string::npos;
        if (i < s.size() && s[i] == '\'') {
            for (std::size_t j = i + 1; j < s.size(); ++j) {
                if (s[j] == '\\') ++j;
                else if (s[j] == '\'') {
                    end = j + 1;
                    break;
                }
            }
        }
        if (end == std::string::npos) end = word_end(s, i);
        if (end == i) continue;
        out.append(s, done, i - done).append("***");
        done = end;
    }
    return out.append(s, done, std::string::npos);
}

namespace {

// "UPDATE users SET ..." → "UPDATE"; the privilege a refused statement needed.
std::string statement_verb(std::string_view sql) {
    std::size_t i = 0;
    while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\n' || sql[i] == '(')) ++i;
    std::string verb;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])))
        verb += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
    return verb;
}

std::string permission_error_text(std::string_view primary, std::string_view sql, std::string_view role,
                                  std::string& hint) {
    // PostgreSQL says "permission denied for table users" (or function, sequence, schema, view).
    static constexpr std::string_view lead = "permission denied for ";
    static constexpr std::string_view kinds[] = {"table", "function", "sequence", "schema", "view", "relation"};
    std::string msg(primary);
    std::string who = role.empty() ? "your role" : "role " + std::string(role);
    std::string kind, object;
    for (std::size_t at = msg.find(lead); at != std::string::npos && kind.empty(); at = msg.find(lead, at + 1)) {
        const std::string_view rest = std::string_view(msg).substr(at + lead.size());
        for (std::string_view k : kinds) {
            if (rest.substr(0, k.size()) != k || rest.size() < k.size() + 2 || rest[k.size()] != ' ') continue;
            const std::size_t end = word_end(rest, k.size() + 1);
            if (end == k.size() + 1) continue;
            kind = k;
            object = rest.substr(k.size() + 1, end - k.size() - 1);
            break;
        }
    }
    if (!kind.empty()) {
        std::string verb = kind == "function" ? "EXECUTE" : statement_verb(sql);
        if (verb.empty() || verb == "WITH") verb = "access to";
        std::string action = kind == "function" ? "call " + object : [&] {
            std::string v = verb;
            for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return v + " " + object;
        }();
        hint = who + " lacks " + verb + " on " + kind + " " + object;
        return "permission denied: " + action;
    }
    hint = hint.empty() ? who : who + ": " + hint;
    return "permission denied: " + msg;
}

}  // namespace

DatabaseError map_database_error(std::string_view sqlstate, std::string_view primary,
                                 std::string_view detail, std::string_view constraint,
                                 std::string_view sql, std::string_view role, std::string_view server_hint) {
    std::string msg = trim_message(primary);
    std::string more = trim_message(detail);
    if (!sql.empty()) more += (more.empty() ? "" : "; ") + std::string("statement: ") + std::string(sql);
    auto make = [&](ExitCode code, std::string message, std::string hint) {
        if (hint.empty()) hint = std::string(server_hint);
        return DatabaseError(code, std::move(message), std::move(hint), std::string(sqlstate), more);
    };
    std::string_view cls = sqlstate.substr(0, std::min<std::size_t>(2, sqlstate.size()));

    if (sqlstate == "42501") {
        std::string hint(server_hint);
        std::string text = permission_error_text(msg, sql, role, hint);
        return make(ExitCode::permission_denied, text, hint);
    }
    if (sqlstate == "23505")
        return make(ExitCode::conflict, "already exists: " + trim_message(detail.empty() ? primary : detail),
                    constraint.empty() ? "" : "constraint " + std::string(constraint));
    if (sqlstate == "23503")
        return make(ExitCode::conflict, "still referenced or missing reference: " + msg,
                    trim_message(detail));
    if (sqlstate == "23514" || sqlstate == "23502" || sqlstate == "22P02" || sqlstate == "22007" ||
        sqlstate == "22008" || sqlstate == "22003" || sqlstate == "22001" || sqlstate == "22023")
        return make(ExitCode::usage, "invalid value: " + msg,
                    constraint.empty() ? "" : "constraint " + std::string(constraint));
    // Any other data exception (invalid byte sequence for UTF-8, a value out of range, ...) and
    // a value too large to store or index are the input's fault, not the program's.
    if (cls == "22" || sqlstate == "54000")
        return make(ExitCode::usage, "invalid value: " + msg, "check the value given");
    if (sqlstate == "40001" || sqlstate == "40P01")
        return make(ExitCode::unavailable, "transaction conflict: " + msg, "safe to retry");
    if (sqlstate == "57014")
        return make(ExitCode::unavailable, "statement timed out", "raise --timeout or narrow the query");
    if (sqlstate == "55P03")
        return make(ExitCode::unavailable, "could not get a lock: " + msg, "safe to retry");
    if (cls == "08" || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" ||
        sqlstate == "53300" || sqlstate.empty())
        return make(ExitCode::unavailable, "database unavailable: " + msg, "safe to retry");
    if (sqlstate == "P0002")
        return make(ExitCode::not_found, msg, "");
    if (sqlstate == "42710")
        return make(ExitCode::conflict, msg, "");
    if (sqlstate == "P0004" || sqlstate == "55000" || sqlstate == "55006")
        return make(ExitCode::conflict, msg, "");
    return make(ExitCode::failure, "database error: " + msg, "run with -v for details");
}

// ---- Connection --------------------------------------------------------------------------

Connection::Connection(const ConnectOptions& options) {
    std::string app = options.application_name.empty() ? std::string("ctl/") + CTL_VERSION
                                                        : options.application_name;
    std::string timeout = std::to_string(options.connect_timeout_s);
    std::string pg_options = "-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=iso_8601";
    if (options.statement_timeout_ms > 0)
        pg_options += " -c statement_timeout=" + std::to_string(options.statement_timeout_ms);
    // expand_dbname=1 lets "dbname" carry a URL or key=value string; later keywords win.
    const char* keys[] = {"dbname", "connect_timeout", "application_name", "options",
                          "client_encoding", nullptr};
    const char* values[] = {options.conninfo.c_str(), timeout.c_str(), app.c_str(),
                            pg_options.c_str(), "UTF8", nullptr};
    if (options.conninfo.empty()) values[0] = "";
    m_conn = PQconnectdbParams(keys, values, 1);
    if (!m_conn) throw Unavailable("database unavailable: out of memory");
    if (PQstatus(m_conn) != CONNECTION_OK) {
        std::string msg = trim_message(PQerrorMessage(m_conn));
        PQfinish(m_conn);
        m_conn = nullptr;
        // Keep the last line: libpq prefixes "connection to server ... failed:".
        auto pos = msg.rfind('\n');
        std::string last = pos == std::string::npos ? msg : msg.substr(pos + 1);
        throw DatabaseError(ExitCode::unavailable,
                            "cannot connect to the database: " + trim_message(last),
                            "is it running? check --db / CTL_DATABASE_URL (" +
                                redact_conninfo(options.conninfo.empty() ? "default" : options.conninfo) + ")",
                            "08001", msg);
    }
    PQsetNoticeProcessor(m_conn, [](void*, const char*) {}, nullptr);
}

Connection::Connection(Connection&& other) noexcept : m_conn(other.m_conn) { other.m_conn = nullptr; }

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        if (m_conn) PQfinish(m_conn);
        m_conn = other.m_conn;
        other.m_conn = nullptr;
    }
    return *this;
}

Connection::~Connection() {
    if (m_conn) PQfinish(m_conn);
}

bool Connection::lost() const {
    if (!m_conn) return true;
    auto gone = [this] { return PQstatus(m_conn) != CONNECTION_OK || PQsocket(m_conn) < 0; };
    if (gone()) return true;
    PQconsumeInput(m_conn);
    return gone();
}

void Connection::throw_error(pg_result* res, std::string_view sql) const {
    std::string sqlstate = field(res, PG_DIAG_SQLSTATE);
    std::string primary = field(res, PG_DIAG_MESSAGE_PRIMARY);
    if (primary.empty()) primary = trim_message(PQerrorMessage(m_conn));
    // A result without SQLSTATE is libpq's own: a lost server, or (with the connection fine) a
    // client-side failure. libpq can hand over the lost-server result before it has marked the
    // connection bad, so read once more before calling it anything but unavailable.
    if (sqlstate.empty() && res && !lost()) sqlstate = "XX000";
    const char* role = m_conn ? PQuser(m_conn) : nullptr;
    auto err = map_database_error(sqlstate, primary, field(res, PG_DIAG_MESSAGE_DETAIL),
                                  field(res, PG_DIAG_CONSTRAINT_NAME), sql, role ? role : "",
                                  field(res, PG_DIAG_MESSAGE_HINT));
    PQclear(res);
    throw err;
}

Result Connection::exec(std::string_view sql, const Params& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.value() ? p.value()->c_str() : nullptr);
    std::string text(sql);
    PGresult* res = PQexecParams(m_conn, text.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0);
    auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_error(res, sql);
    return Result(res);
}

void Connection::exec_script(std::string_view sql) {
    std::string text(sql);
    if (!PQsendQuery(m_conn, text.c_str())) throw_error(nullptr, "");
    // A script yields one result per statement; the first failure wins, the rest are drained.
    PGresult* failed = nullptr;
    while (PGresult* res = PQgetResult(m_conn)) {
        auto status = PQresultStatus(res);
        if (!failed && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
            status != PGRES_EMPTY_QUERY)
            failed = res;
        else
            PQclear(res);
    }
    if (failed) throw_error(failed, "");
    if (PQstatus(m_conn) != CONNECTION_OK) throw_error(nullptr, "");
}

void Connection::stream(std::string_view sql, const Params& params,
                        const std::function<void(const RowRef&)>& on_row) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.value() ? p.value()->c_str() : nullptr);
    std::string text(sql);
    if (!PQsendQueryParams(m_conn, text.c_str(), static_cast<int>(values.size()), nullptr,
                           values.data(), nullptr, nullptr, 0))
        throw_error(nullptr, sql);
    PQsetSingleRowMode(m_conn);
    PGresult* failed = nullptr;
    std::exception_ptr callback_error;
    while (PGresult* raw = PQgetResult(m_conn)) {
        auto status = PQresultStatus(raw);
        if (status == PGRES_SINGLE_TUPLE && !failed && !callback_error) {
            Result one(raw);
            try {
                on_row(one.row(0));
            } catch (...) {
                // Stop reading rows we no longer want; drain what is in flight.
                callback_error = std::current_exception();
                PGcancel* cancel = PQgetCancel(m_conn);
                char buf[256];
                if (cancel) {
                    PQcancel(cancel, buf, sizeof buf);
                    PQfreeCancel(cancel);
                }
            }
        } else if (status == PGRES_TUPLES_OK || status == PGRES_SINGLE_TUPLE || status == PGRES_COMMAND_OK) {
            PQclear(raw);
        } else if (!failed) {
            failed = raw;
        } else {
            PQclear(raw);
        }
    }
    if (callback_error) {
        if (failed) PQclear(failed);
        std::rethrow_exception(callback_error);
    }
    if (failed) throw_error(failed, sql);
}

Connection::CopyIn::~CopyIn() {
    if (!m_done && m_conn && m_conn->m_conn) {
        PQputCopyEnd(m_conn->m_conn, "aborted by client");
        while (PGresult* r = PQgetResult(m_conn->m_conn)) PQclear(r);
    }
}

void Connection::CopyIn::put(std::string_view data) {
    m_buffer.append(data);
    if (m_buffer.size() >= (1u << 20)) flush();
}

void Connection::CopyIn::flush() {
    if (m_buffer.empty()) return;
    if (PQputCopyData(m_conn->m_conn, m_buffer.data(), static_cast<int>(m_buffer.size())) != 1)
        m_conn->throw_error(nullptr, "COPY");
    m_buffer.clear();
}

void Connection::CopyIn::finish() {
    flush();
    m_done = true;
    if (PQputCopyEnd(m_conn->m_conn, nullptr) != 1) m_conn->throw_error(nullptr, "COPY");
    PGresult* failed = nullptr;
    while (PGresult* res = PQgetResult(m_conn->m_conn)) {
        if (!failed && PQresultStatus(res) != PGRES_COMMAND_OK)
            failed = res;
        else
            PQclear(res);
    }
    if (failed) m_conn->throw_error(failed, "COPY");
}

std::unique_ptr<Connection::CopyIn> Connection::copy_in(std::string_view copy_sql) {
    std::string text(copy_sql);
    PGresult* res = PQexec(m_conn, text.c_str());
    if (!res || PQresultStatus(res) != PGRES_COPY_IN) throw_error(res, copy_sql);
    PQclear(res);
    return std::make_unique<CopyIn>(*this);
}

void Connection::copy_out(std::string_view copy_sql,
                          const std::function<void(std::string_view)>& on_chunk) {
    std::string text(copy_sql);
    PGresult* res = PQexec(m_conn, text.c_str());
    if (!res || PQresultStatus(res) != PGRES_COPY_OUT) throw_error(res, copy_sql);
    PQclear(res);
    std::exception_ptr callback_error;
    for (;;) {
        char* buf = nullptr;
        int n = PQgetCopyData(m_conn, &buf, 0);
        if (n < 0) break;
        if (!callback_error) {
            try {
                on_chunk({buf, static_cast<std::size_t>(n)});
            } catch (...) {
                callback_error = std::current_exception();
                PGcancel* cancel = PQgetCancel(m_conn);
                char err[256];
                if (cancel) {
                    PQcancel(cancel, err, sizeof err);
                    PQfreeCancel(cancel);
                }
            }
        }
        PQfreemem(buf);
    }
    PGresult* failed = nullptr;
    while (PGresult* r = PQgetResult(m_conn)) {
        if (!failed && PQresultStatus(r) != PGRES_COMMAND_OK)
            failed = r;
        else
            PQclear(r);
    }
    if (callback_error) {
        if (failed) PQclear(failed);
        std::rethrow_exception(callback_error);
    }
    if (failed) throw_error(failed, copy_sql);
}

std::string Connection::quote_identifier(std::string_view name) const {
    char* q = PQescapeIdentifier(m_conn, name.data(), name.size());
    if (!q) throw_error(nullptr, "");
    std::string out(q);
    PQfreemem(q);
    return out;
}

std::string Connection::server_version() const {
    return std::to_string(PQserverVersion(m_conn));
}

void append_copy_text(std::string& out, std::string_view value) {
    for (char c : value) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += c;
        }
    }
}

// ---- Transaction -------------------------------------------------------------------------

Transaction::Transaction(Connection& conn, std::string_view begin_sql) : m_conn(conn) {
    m_conn.exec(begin_sql);
}

Transaction::~Transaction() {
    if (!m_open) return;
    // Never throws: a failed rollback on a dead connection has nothing left to undo.
    PGresult* r = PQexec(m_conn.raw(), "ROLLBACK");
    PQclear(r);
}

void Transaction::set_local(std::string_view name, std::string_view value) {
    m_conn.exec("SELECT set_config($1, $2, true)", {name, value});
}

void Transaction::commit() {
    m_conn.exec("COMMIT");
    m_open = false;
}

void Transaction::rollback() {
    m_open = false;
    m_conn.exec("ROLLBACK");
}

}  // namespace ctl::db
