#include "db/listener.hpp"

#include "util/error.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>

namespace ctl::db {

namespace {

using Clock = std::chrono::steady_clock;

int drain(pg_conn* c) {
    int n = 0;
    while (PGnotify* note = PQnotifies(c)) {
        PQfreemem(note);
        ++n;
    }
    return n;
}

[[noreturn]] void lost() { throw Unavailable("lost the database connection"); }

int ms_until(Clock::time_point t) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(ms, 0, 1 << 30));
}

// Waits up to `timeout_ms` for the socket to be readable: 1 readable, 0 timed out, -1 interrupted.
int readable(pg_conn* c, int timeout_ms) {
    pollfd p{PQsocket(c), POLLIN, 0};
    if (p.fd < 0) lost();
    return ::poll(&p, 1, timeout_ms);
}

void consume(pg_conn* c) {
    if (PQconsumeInput(c) == 0 || PQstatus(c) != CONNECTION_OK) lost();
}

}  // namespace

Listener::Listener(const ConnectOptions& options, const std::string& channel, int keepalive_ms)
    : m_conn(options), m_keepalive_ms(keepalive_ms), m_last_heard(Clock::now()) {
    m_conn.exec_script("LISTEN " + m_conn.quote_identifier(channel));
}

int Listener::wait(int timeout_ms) {
    pg_conn* c = m_conn.raw();
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        consume(c);
        if (int n = drain(c)) return n;
        auto check_at = m_last_heard + std::chrono::milliseconds(m_keepalive_ms);
        bool checking = m_keepalive_ms > 0 && check_at < deadline;
        int ready = readable(c, ms_until(checking ? check_at : deadline));
        if (ready < 0) return 0;  // interrupted: the caller decides
        if (ready > 0) {
            consume(c);
            m_last_heard = Clock::now();
            if (int n = drain(c)) return n;
            continue;
        }
        if (!checking) return 0;
        check_alive();
    }
}

void Listener::check_alive() {
    pg_conn* c = m_conn.raw();
    if (PQsendQuery(c, "SELECT 1") == 0) lost();
    auto deadline = Clock::now() + std::chrono::milliseconds(m_keepalive_ms);
    for (;;) {
        if (PQflush(c) < 0) lost();
        consume(c);
        while (!PQisBusy(c)) {
            PGresult* r = PQgetResult(c);
            if (!r) {
                m_last_heard = Clock::now();
                return;
            }
            bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
            PQclear(r);
            if (!ok) lost();
        }
        if (Clock::now() >= deadline || readable(c, ms_until(deadline)) == 0) lost();
    }
}

}  // namespace ctl::db
