#include "db/listener.hpp"

#include "util/error.hpp"

#include <libpq-fe.h>
#include <poll.h>

namespace ctl::db {

namespace {

int drain(pg_conn* c) {
    int n = 0;
    while (PGnotify* note = PQnotifies(c)) {
        PQfreemem(note);
        ++n;
    }
    return n;
}

[[noreturn]] void lost() { throw Unavailable("lost the database connection"); }

}  // namespace

Listener::Listener(const ConnectOptions& options, const std::string& channel) : m_conn(options) {
    m_conn.exec_script("LISTEN " + m_conn.quote_identifier(channel));
}

int Listener::wait(int timeout_ms) {
    pg_conn* c = m_conn.raw();
    if (PQconsumeInput(c) == 0 || PQstatus(c) != CONNECTION_OK) lost();
    if (int n = drain(c)) return n;
    pollfd p{PQsocket(c), POLLIN, 0};
    if (p.fd < 0) lost();
    int ready = ::poll(&p, 1, timeout_ms);
    if (ready < 0) return 0;  // interrupted: the caller decides
    if (ready == 0) return 0;
    if (PQconsumeInput(c) == 0 || PQstatus(c) != CONNECTION_OK) lost();
    return drain(c);
}

}  // namespace ctl::db
