#pragma once
// Waiting for PostgreSQL notifications (LISTEN/NOTIFY) on a connection of its own, without
// polling the database: the wait blocks on the connection's socket. A connection that has been
// silent for the keepalive interval is asked a trivial query; no answer within the interval
// means it is dead (a server that vanished without closing the socket: a network cut, a host
// that went down), which no notification would ever reveal.

#include "db/connection.hpp"

#include <chrono>
#include <string>

namespace ctl::db {

class Listener {
public:
    // Connects and LISTENs on `channel` (an identifier). `keepalive_ms`: the silence after which
    // the connection is checked, and how long the check may take (0: never checked). Throws
    // DatabaseError (unavailable) when the database cannot be reached.
    Listener(const ConnectOptions& options, const std::string& channel, int keepalive_ms = 30000);

    // Blocks up to `timeout_ms` for notifications; returns how many arrived (their payloads are
    // dropped: callers re-read the data). Throws ctl::Unavailable when the connection is lost or
    // does not answer the keepalive check.
    int wait(int timeout_ms);

    Connection& connection() { return m_conn; }

private:
    // Sends "SELECT 1" and waits up to the keepalive interval for its answer.
    void check_alive();

    Connection m_conn;
    int m_keepalive_ms;
    std::chrono::steady_clock::time_point m_last_heard;
};

}  // namespace ctl::db
