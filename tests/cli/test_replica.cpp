// Read-only work on a streaming replica, through the real binary: a primary serving WAL and a
// hot standby cloned from it with pg_basebackup -R, both private clusters on Unix sockets.
// Routing is proven by pausing replay on the replica: a read that goes there sees the older
// state. Writes still succeed (a standby refuses every write), `health` reports the replay lag,
// and a replica that is down means fallback with a warning, or exit 6 with --replica-only.
// One test case walks through these states in order: a SUBCASE would start the clusters again.

#include "db/local_cluster.hpp"
#include "schema/migrator.hpp"
#include "support/analytics_fixture.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <thread>

using namespace ctl;
using testing::run_ctl;
namespace fs = std::filesystem;

namespace {

// A primary and its streaming replica under one scratch directory, removed on destruction.
class ReplicatedClusters {
public:
    ReplicatedClusters() {
        std::string tmpl = (fs::temp_directory_path() / "ctl-replica-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        m_dir = tmpl;
        chmod(m_dir.c_str(), 0755);  // the postgres account must reach the clusters when we are root
        primary.emplace(db::LocalClusterOptions{.dir = m_dir / "primary", .durable = false, .replication = true});
        primary->up();
    }
    ReplicatedClusters(const ReplicatedClusters&) = delete;
    ~ReplicatedClusters() {
        if (replica) replica->destroy();
        if (primary) primary->destroy();
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    void start_replica() {
        replica.emplace(db::LocalClusterOptions{
            .dir = m_dir / "replica", .durable = false, .standby_of = primary->conninfo()});
        replica->up();
    }

    std::optional<db::LocalCluster> primary;
    std::optional<db::LocalCluster> replica;

private:
    fs::path m_dir;
};

// Where the primary's WAL ends, including records not yet written out (commits are
// asynchronous in test clusters).
std::string current_lsn(db::Connection& primary) {
    return std::string(primary.exec("SELECT pg_current_wal_insert_lsn()::text")[0].text(0));
}

// Waits (at most 20 s) until the replica has received, or also replayed, the primary's WAL up
// to `lsn`.
bool wait_for(db::Connection& replica, const std::string& lsn, bool replayed) {
    std::string sql = replayed ? "SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)"
                               : "SELECT coalesce(pg_last_wal_receive_lsn() >= $1::pg_lsn, false)";
    for (int i = 0; i < 400; ++i) {
        if (replica.exec(sql, {lsn})[0].boolean(0)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::size_t lines_of(const std::string& text) {
    std::size_t n = 0;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) ++n;
    return n;
}

std::int64_t total_users(const testing::CtlRun& overview) {
    for (const auto& row : overview.json())
        if (row["metric"] == "total_users") return row["value"].get<std::int64_t>();
    return -1;
}

// `ctl health` with the replica configured: its exit status and its replica row.
std::pair<int, nlohmann::json> replica_health(const std::string& primary_url,
                                              const std::map<std::string, std::string>& env) {
    auto health = run_ctl({"health", "-o", "json"}, primary_url, env);
    for (const auto& r : health.json())
        if (r["check"] == "replica") return {health.exit_code, r};
    FAIL("ctl health has no replica row");
    return {};
}

// "replay lag 1.3 s (limit ...)" → 1.3
double lag_of(const nlohmann::json& row) {
    std::string detail = row["detail"].get<std::string>();
    REQUIRE(detail.rfind("replay lag ", 0) == 0);
    return std::strtod(detail.c_str() + 11, nullptr);
}

}  // namespace

TEST_SUITE("cli replica") {
    TEST_CASE("reads go to a streaming replica and writes to the primary; health reports the lag; a replica "
              "that is down falls back with a warning, or exits 6 with --replica-only") {
        ReplicatedClusters clusters;
        std::string primary_url = clusters.primary->conninfo();
        db::Connection primary({primary_url, 10, 0, {}});
        schema::migrate(primary);
        testing::insert_analytics_fixture(primary);  // 13 users, subscriptions, payments

        clusters.start_replica();
        std::string replica_url = clusters.replica->conninfo();
        db::Connection replica({replica_url, 10, 0, {}});
        REQUIRE(replica.exec("SELECT pg_is_in_recovery()")[0].boolean(0));
        std::map<std::string, std::string> with_replica = {{"CTL_REPLICA_URL", replica_url}};
        {  // behind without a transaction replayed since it started: no lag to measure, and not "0"
            replica.exec("SELECT pg_wal_replay_pause()");
            REQUIRE(replica.exec("SELECT pg_last_xact_replay_timestamp()")[0].is_null(0));
            primary.exec("ANALYZE users");
            REQUIRE(wait_for(replica, current_lsn(primary), false));
            auto [status, row] = replica_health(primary_url, with_replica);
            CHECK(status == 10);
            CHECK(row["ok"] == false);
            CHECK(row["detail"].get<std::string>().find("replayed no transaction") != std::string::npos);
            replica.exec("SELECT pg_wal_replay_resume()");
        }
        // A transaction replayed since the standby started gives it a replay timestamp to measure
        // the lag from.
        REQUIRE(wait_for(replica, current_lsn(primary), true));
        REQUIRE(!replica.exec("SELECT pg_last_xact_replay_timestamp()")[0].is_null(0));

        // Freeze the replica's state, then change the primary: the replica keeps receiving WAL
        // but does not apply it, and its replay lag grows with the clock.
        replica.exec("SELECT pg_wal_replay_pause()");
        std::this_thread::sleep_for(std::chrono::milliseconds(1200));
        primary.exec("INSERT INTO users (id, email, created_at, auth_provider) "
                     "VALUES (14, 'late@example.com', now(), 'email')");

        {  // writes go to the primary even with replica_url set
            auto on = run_ctl({"flags", "maintenance", "on", "--message", "replica test", "--yes"}, primary_url,
                              with_replica);
            CHECK(on.exit_code == 0);
            CHECK(primary.exec("SELECT enabled FROM feature_flags WHERE name = 'maintenance_mode'")[0].boolean(0));
            auto refresh = run_ctl({"analytics", "refresh"}, primary_url, with_replica);
            CHECK(refresh.exit_code == 0);
        }
        REQUIRE(wait_for(replica, current_lsn(primary), false));

        {  // exports and analytics read the replica's older state; -v names the replica
            auto exported = run_ctl({"users", "export", "-o", "ndjson", "-v"}, primary_url, with_replica);
            REQUIRE(exported.exit_code == 0);
            CHECK(lines_of(exported.out) == 13);
            CHECK(exported.out.find("late@example.com") == std::string::npos);
            CHECK(exported.err.find("reading from the replica") != std::string::npos);

            auto direct = run_ctl({"users", "export", "-o", "ndjson"}, primary_url);
            REQUIRE(direct.exit_code == 0);
            CHECK(lines_of(direct.out) == 14);
            CHECK(direct.out.find("late@example.com") != std::string::npos);

            auto overview = run_ctl({"analytics", "overview", "-o", "json", "-v"}, primary_url, with_replica);
            REQUIRE(overview.exit_code == 0);
            CHECK(total_users(overview) == 13);
            CHECK(overview.err.find("reading from the replica") != std::string::npos);
            CHECK(total_users(run_ctl({"analytics", "overview", "-o", "json"}, primary_url)) == 14);

            auto payments = run_ctl({"payments", "export", "-o", "csv", "-v"}, primary_url, with_replica);
            CHECK(payments.exit_code == 0);
            CHECK(payments.err.find("reading from the replica") != std::string::npos);
            CHECK(lines_of(payments.out) > 1);
        }

        {  // health reports the replica's replay lag against alerts.replica_lag_seconds
            auto [status, row] = replica_health(primary_url, with_replica);
            CHECK(status == 0);
            CHECK(row["ok"] == true);
            CHECK(lag_of(row) >= 1.0);

            primary.exec("INSERT INTO settings (key, value) VALUES ('alerts.replica_lag_seconds', '0.5') "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
            std::tie(status, row) = replica_health(primary_url, with_replica);
            CHECK(status == 10);
            CHECK(row["ok"] == false);
            CHECK(lag_of(row) >= 1.0);

            replica.exec("SELECT pg_wal_replay_resume()");
            REQUIRE(wait_for(replica, current_lsn(primary), true));
            std::tie(status, row) = replica_health(primary_url, with_replica);
            CHECK(status == 0);
            CHECK(lag_of(row) == 0.0);
            auto exported = run_ctl({"users", "export", "-o", "ndjson"}, primary_url, with_replica);
            CHECK(lines_of(exported.out) == 14);
        }

        {  // a replica that is down: reads fall back to the primary with a warning, or exit 6
            clusters.replica->down();

            auto exported = run_ctl({"users", "export", "-o", "ndjson", "-q"}, primary_url, with_replica);
            CHECK(exported.exit_code == 0);
            CHECK(lines_of(exported.out) == 14);
            CHECK(exported.err.find("ctl: warning: the replica is unreachable") != std::string::npos);
            CHECK(exported.err.find("reading from the primary") != std::string::npos);

            auto overview = run_ctl({"analytics", "overview", "-o", "json"}, primary_url, with_replica);
            CHECK(overview.exit_code == 0);
            CHECK(total_users(overview) == 14);
            CHECK(overview.err.find("warning: the replica is unreachable") != std::string::npos);

            for (std::vector<std::string> args : {std::vector<std::string>{"users", "export", "--replica-only"},
                                                  {"payments", "export", "--replica-only"},
                                                  {"analytics", "overview", "--replica-only", "-o", "json"}}) {
                CAPTURE(args[0]);
                auto strict = run_ctl(args, primary_url, with_replica);
                CHECK(strict.exit_code == 6);
                CHECK(strict.out.empty());
                CHECK(strict.err.rfind("ctl: the replica is unreachable", 0) == 0);
                CHECK(lines_of(strict.err) == 1);
            }

            auto [status, row] = replica_health(primary_url, with_replica);
            CHECK(status == 10);
            CHECK(row["ok"] == false);

            // Writes never needed the replica.
            CHECK(run_ctl({"flags", "maintenance", "off", "--yes"}, primary_url, with_replica).exit_code == 0);
        }
    }

    TEST_CASE("--replica-only without a replica to read from is bad usage") {
        auto none = run_ctl({"users", "export", "--replica-only"}, "host=/nonexistent dbname=x");
        CHECK(none.exit_code == 2);
        CHECK(none.err.find("--replica-only needs a replica") != std::string::npos);
        auto with_db = run_ctl({"analytics", "overview", "--replica-only", "--db", "host=/nonexistent dbname=x"}, {},
                               {{"CTL_REPLICA_URL", "host=/nonexistent dbname=x"}});
        CHECK(with_db.exit_code == 2);
        CHECK(with_db.err.find("cannot be combined with --db") != std::string::npos);
    }
}
