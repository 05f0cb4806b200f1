#include "db/local_cluster.hpp"

#include "db/connection.hpp"
#include "util/process.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <pwd.h>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ctl::db {

namespace {

constexpr const char* k_server_user = "postgres";

std::optional<std::string> server_user() {
    if (util::running_as_root()) return std::string(k_server_user);
    return std::nullopt;
}

std::string tail_of(const fs::path& file, std::size_t lines) {
    std::ifstream in(file);
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);) all.push_back(line);
    std::string out;
    for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
        out += all[i] + "\n";
    return out;
}

// Creates `dir` (mode 0700) owned by the server user.
void make_private_dir(const fs::path& dir) {
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    if (util::running_as_root()) {
        passwd* pw = getpwnam(k_server_user);
        if (!pw) throw Error(ExitCode::failure, "the 'postgres' account is missing",
                             "install postgresql or run ctl as an unprivileged user");
        if (chown(dir.c_str(), pw->pw_uid, pw->pw_gid) != 0)
            throw Error(ExitCode::failure, "cannot hand " + dir.string() + " to postgres");
    }
}

}  // namespace

fs::path default_local_dir() {
    if (const char* home = std::getenv("CTL_HOME"); home && *home) return fs::path(home) / "local";
    if (util::running_as_root()) return "/var/lib/ctl/local";
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state)
        return fs::path(state) / "ctl" / "local";
    const char* home = std::getenv("HOME");
    if (!home || !*home) {
        if (passwd* pw = getpwuid(getuid())) home = pw->pw_dir;
    }
    return fs::path(home ? home : "/tmp") / ".local" / "state" / "ctl" / "local";
}

std::string find_pg_program(const std::string& program) {
    std::vector<fs::path> candidates;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        fs::path p = entry.path() / "bin" / program;
        if (access(p.c_str(), X_OK) == 0) candidates.push_back(p);
    }
    if (!candidates.empty()) {
        // Newest major version first: compare numerically ("15" > "9.6").
        std::sort(candidates.begin(), candidates.end(), [](const fs::path& a, const fs::path& b) {
            return std::stod(a.parent_path().parent_path().filename().string()) >
                   std::stod(b.parent_path().parent_path().filename().string());
        });
        return candidates.front().string();
    }
    // Debian puts only wrappers for client programs on PATH; server programs live above.
    if (auto p = util::find_on_path(program); !p.empty()) return p;
    throw Error(ExitCode::failure, "PostgreSQL's " + program + " was not found",
                "install the postgresql package (scripts/setup.sh does)");
}

LocalCluster::LocalCluster(LocalClusterOptions options) : m_options(std::move(options)) {
    m_options.dir = fs::absolute(m_options.dir);
    m_data = m_options.dir / "data";
    m_run = m_options.dir / "run";
    m_log = m_options.dir / "server.log";
}

std::string LocalCluster::pg_bin(const std::string& program) const { return find_pg_program(program); }

std::string LocalCluster::conninfo(const std::string& database) const {
    return "host=" + m_run.string() + " port=" + std::to_string(m_options.port) + " dbname=" + database +
           " user=" + util::current_user_name();
}

bool LocalCluster::is_running() const {
    if (!fs::exists(m_data / "PG_VERSION")) return false;
    auto r = util::run_process({pg_bin("pg_ctl"), "status", "-D", m_data.string()}, server_user());
    return r.exit_code == 0;
}

LocalClusterStatus LocalCluster::status() const {
    LocalClusterStatus s;
    s.dir = m_options.dir.string();
    s.initialised = fs::exists(m_data / "PG_VERSION");
    s.running = s.initialised && is_running();
    s.conninfo = conninfo();
    s.server_log = m_log.string();
    return s;
}

void LocalCluster::up() {
    auto user = server_user();
    if (!fs::exists(m_data / "PG_VERSION")) {
        fs::create_directories(m_options.dir);
        make_private_dir(m_options.dir);
        make_private_dir(m_run);
        if (m_options.standby_of.empty())
            init_data_dir();
        else
            clone_primary();
        std::ofstream conf(m_data / "postgresql.auto.conf", std::ios::app);
        // Written after what pg_basebackup copied from a primary: the last setting wins.
        conf << "listen_addresses = ''\n"
             << "unix_socket_directories = '" << m_run.string() << "'\n"
             << "unix_socket_permissions = 0700\n"
             << "port = " << m_options.port << "\n";
        if (m_options.replication)
            conf << "wal_level = replica\nmax_wal_senders = 4\nwal_keep_size = '64MB'\n";
        else if (m_options.standby_of.empty())
            conf << "wal_level = minimal\nmax_wal_senders = 0\n";
        else
            conf << "hot_standby = on\nhot_standby_feedback = on\nwal_receiver_status_interval = '1s'\n";
        conf << "shared_buffers = '256MB'\nmaintenance_work_mem = '256MB'\nwork_mem = '16MB'\n"
             << "max_wal_size = '4GB'\ncheckpoint_timeout = '15min'\n"
             << "log_min_messages = warning\n";
        if (!m_options.durable)
            conf << "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
    }
    if (!is_running()) {
        make_private_dir(m_run);
        if (!fs::exists(m_log)) {
            std::ofstream(m_log).flush();
            if (util::running_as_root()) {
                passwd* pw = getpwnam(k_server_user);
                if (pw && chown(m_log.c_str(), pw->pw_uid, pw->pw_gid) != 0)
                    throw Error(ExitCode::failure, "cannot hand " + m_log.string() + " to postgres");
            }
        }
        auto r = util::run_process({pg_bin("pg_ctl"), "start", "-w", "-t", "60", "-D", m_data.string(), "-l",
                                    m_log.string()},
                                   user);
        if (r.exit_code != 0)
            throw Error(ExitCode::unavailable, "the local PostgreSQL did not start",
                        "see " + m_log.string() + ":\n" + tail_of(m_log, 10));
    }
    if (!m_options.standby_of.empty()) return;
    Connection admin({conninfo("postgres"), 10, 0, {}});
    auto exists = admin.exec("SELECT 1 FROM pg_database WHERE datname = $1", {m_options.database});
    if (exists.empty()) admin.exec_script("CREATE DATABASE " + admin.quote_identifier(m_options.database));
}

void LocalCluster::init_data_dir() {
    // The bootstrap superuser is named after the operator, so the audit trail names them.
    std::vector<std::string> initdb = {pg_bin("initdb"), "-D", m_data.string(), "-U",
                                       util::current_user_name(), "--auth=trust", "--encoding=UTF8",
                                       "--lc-collate=C", "--lc-ctype=C.UTF-8", "--no-instructions"};
    if (!m_options.durable) initdb.push_back("--no-sync");
    auto r = util::run_process(initdb, server_user());
    if (r.exit_code != 0) throw Error(ExitCode::failure, "initdb failed in " + m_data.string(), r.output);
}

void LocalCluster::clone_primary() {
    // -R writes primary_conninfo and standby.signal; -X stream copies the WAL the backup needs.
    // initdb's pg_hba.conf already trusts local replication connections.
    std::vector<std::string> basebackup = {pg_bin("pg_basebackup"), "-D", m_data.string(), "-d",
                                           m_options.standby_of, "-R", "-X", "stream", "-c", "fast"};
    if (!m_options.durable) basebackup.push_back("--no-sync");
    auto r = util::run_process(basebackup, server_user());
    if (r.exit_code != 0)
        throw Error(ExitCode::failure, "pg_basebackup into " + m_data.string() + " failed", r.output);
}

void LocalCluster::down() {
    if (!is_running()) return;
    auto r = util::run_process({pg_bin("pg_ctl"), "stop", "-w", "-m", "fast", "-D", m_data.string()}, server_user());
    if (r.exit_code != 0) throw Error(ExitCode::failure, "pg_ctl stop failed", r.output);
}

void LocalCluster::destroy() {
    if (fs::exists(m_data / "PG_VERSION")) {
        auto r = util::run_process({pg_bin("pg_ctl"), "stop", "-w", "-m", "immediate", "-D", m_data.string()},
                                   server_user());
        (void)r;  // not running is fine
    }
    std::error_code ec;
    fs::remove_all(m_options.dir, ec);
}

}  // namespace ctl::db
