#pragma once
// A private PostgreSQL cluster under a directory of ours, reachable only through a Unix socket
// in that directory (DESIGN §13). Used by `ctl db local` and by the test harness. When ctl runs
// as root, the server runs as the unprivileged `postgres` account, which must be able to reach
// the directory.
//
// Layout: <dir>/data (PGDATA), <dir>/run (socket), <dir>/server.log.
//
// For replication tests a cluster may also serve WAL to standbys (`replication`) or be itself a
// hot standby cloned from another local cluster (`standby_of`): both still listen only on their
// own Unix socket, and the standby streams from the primary's socket.

#include <filesystem>
#include <string>

namespace ctl::db {

struct LocalClusterOptions {
    std::filesystem::path dir;
    std::string database = "ctl";
    bool durable = true;  // false: fsync off etc. (tests only)
    int port = 5432;      // only names the socket file; nothing listens on TCP
    bool replication = false;  // wal_level=replica and WAL senders, so standbys can stream from it
    // Non-empty: conninfo of a running primary (with `replication`); the first up() clones it
    // with pg_basebackup -R instead of running initdb, and the server starts as a read-only hot
    // standby streaming from it. The database is the primary's, so up() creates none.
    std::string standby_of = {};
};

struct LocalClusterStatus {
    bool initialised = false;
    bool running = false;
    std::string dir;
    std::string conninfo;  // of the database
    std::string server_log;
};

class LocalCluster {
public:
    explicit LocalCluster(LocalClusterOptions options);

    // initdb when missing, start when stopped, create the database when absent. Idempotent.
    // Does not migrate (the caller does). Throws ctl::Error with the server log's tail on failure.
    void up();
    // Stops the server (fast shutdown). No-op when it is not running.
    void down();
    // Stops the server and deletes the whole directory.
    void destroy();
    LocalClusterStatus status() const;

    // key=value conninfo for a database of this cluster.
    std::string conninfo(const std::string& database) const;
    std::string conninfo() const { return conninfo(m_options.database); }
    const LocalClusterOptions& options() const { return m_options; }

private:
    std::string pg_bin(const std::string& program) const;
    bool is_running() const;
    void init_data_dir();   // initdb
    void clone_primary();   // pg_basebackup -R from options().standby_of
    std::filesystem::path m_data, m_run, m_log;
    LocalClusterOptions m_options;
};

// The default directory of the local instance: $CTL_HOME/local, else
// $XDG_STATE_HOME/ctl/local (~/.local/state/ctl/local); as root /var/lib/ctl/local, since the
// postgres account cannot enter root's home.
std::filesystem::path default_local_dir();

// Absolute path of a PostgreSQL server program: on PATH, else the newest
// /usr/lib/postgresql/<v>/bin. Throws ctl::Error when not installed.
std::string find_pg_program(const std::string& program);

}  // namespace ctl::db
