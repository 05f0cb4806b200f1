#pragma once
// Waiting for PostgreSQL notifications (LISTEN/NOTIFY) on a connection of its own, without
// polling the database: the wait blocks on the connection's socket.

#include "db/connection.hpp"

#include <string>

namespace ctl::db {

class Listener {
public:
    // Connects and LISTENs on `channel` (an identifier). Throws DatabaseError (unavailable) when
    // the database cannot be reached.
    Listener(const ConnectOptions& options, const std::string& channel);

    // Blocks up to `timeout_ms` for notifications; returns how many arrived (their payloads are
    // dropped: callers re-read the data). Throws ctl::Unavailable when the connection is lost.
    int wait(int timeout_ms);

    Connection& connection() { return m_conn; }

private:
    Connection m_conn;
};

}  // namespace ctl::db
