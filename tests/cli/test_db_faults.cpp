// Database faults (issue 13): the PostgreSQL server dies in the middle of a change, or a lock or
// statement timeout cuts it short. ctl must exit 6 with one clear line, no partial change may be
// visible afterwards, and running the same command again must finish the work.
//
// The server-kill tests use a cluster of their own, so the rest of the suite never sees it go
// down. "In the middle" is made certain rather than timed: the test holds a lock on a row the
// command reaches late, waits until ctl's backend is blocked on it with its own changes made,
// then stops the server the way a crash does (SIGQUIT to the postmaster: immediate shutdown,
// every backend killed, crash recovery at the next start).

#include "db/local_cluster.hpp"
#include "schema/migrator.hpp"
#include "support/db_checksum.hpp"
#include "support/fakes/nowpayments.hpp"
#include "support/fixtures.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace ctl;
using testing::run_ctl;
namespace fs = std::filesystem;

namespace {

int g_faults_injected = 0;

// The cluster the server-kill tests crash: its own directory beside the harness's, created
// once, started by each test and stopped when the test ends, however it ends. Durable, unlike the
// harness's: what was committed before the crash must survive it.
class FaultCluster {
public:
    FaultCluster() : m_cluster({fs::path(testing::cluster_dir()).parent_path() / "faults-pg", "postgres", true, 5433}) {
        m_cluster.up();
    }
    ~FaultCluster() {
        try {
            m_cluster.down();
        } catch (...) {
        }
    }
    FaultCluster(const FaultCluster&) = delete;

    // A new migrated database on the cluster.
    std::string fresh_database(const std::string& name) {
        db::Connection admin({m_cluster.conninfo("postgres"), 10, 0, {}});
        admin.exec_script("DROP DATABASE IF EXISTS " + admin.quote_identifier(name) + " WITH (FORCE)");
        admin.exec_script("CREATE DATABASE " + admin.quote_identifier(name));
        std::string conninfo = m_cluster.conninfo(name);
        db::Connection conn({conninfo, 10, 0, {}});
        schema::migrate(conn);
        return conninfo;
    }

    // Stops the server as a crash would: SIGQUIT to the postmaster (immediate shutdown), which
    // kills every backend at once without a checkpoint. Waits until the postmaster is gone.
    void crash() {
        std::ifstream pid_file(m_cluster.options().dir / "data" / "postmaster.pid");
        pid_t pid = 0;
        pid_file >> pid;
        REQUIRE(pid > 0);
        REQUIRE(kill(pid, SIGQUIT) == 0);
        ++g_faults_injected;
        for (int i = 0; i < 1000 && kill(pid, 0) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        REQUIRE(kill(pid, 0) != 0);
    }
    // Starts it again (crash recovery).
    void restart() { m_cluster.up(); }

private:
    db::LocalCluster m_cluster;
};

// Waits until a ctl backend of this database is blocked on a lock after changing something
// itself (it has a transaction id), so the kill lands in the middle of its transaction.
void wait_for_blocked_ctl(db::Connection& watcher) {
    for (int i = 0; i < 2000; ++i) {
        auto r = watcher.exec(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND application_name LIKE 'ctl%' AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL");
        if (r[0].int64(0) > 0) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    FAIL("ctl never blocked on the held lock");
}

// Runs ctl on a thread; the result is read after join().
struct Background {
    testing::CtlRun run;
    std::thread thread;
    Background(std::vector<std::string> args, std::string conninfo, std::map<std::string, std::string> env = {}) {
        thread = std::thread([this, args = std::move(args), conninfo = std::move(conninfo), env = std::move(env)] {
            run = run_ctl(args, conninfo, env);
        });
    }
    testing::CtlRun& join() {
        thread.join();
        return run;
    }
    ~Background() {
        if (thread.joinable()) thread.join();
    }
};

void check_unavailable(const testing::CtlRun& r) {
    CHECK_MESSAGE(r.exit_code == 6, r.err);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.rfind("ctl: ", 0) == 0);
    CHECK((r.err.find("database") != std::string::npos || r.err.find("connection") != std::string::npos));
}

long long count(db::Connection& c, const std::string& sql) { return c.exec(sql)[0].int64(0); }

}  // namespace

TEST_SUITE("reliability: database faults") {
    TEST_CASE("the server dies during users bulk: committed batches stay, the cut one vanishes, a re-run finishes") {
        FaultCluster cluster;
        auto conninfo = cluster.fresh_database("fault_bulk");
        {
            db::Connection c({conninfo, 10, 0, {}});
            c.exec("INSERT INTO users (id, email) SELECT g, 'bulk' || g || '@example.com' FROM generate_series(1, 1000) g");
        }
        std::string ids;
        for (int i = 1; i <= 1000; ++i) ids += std::to_string(i) + "\n";
        std::string ids_file = (fs::path(testing::cluster_dir()).parent_path() / "fault-bulk-ids").string();
        std::ofstream(ids_file) << ids;
        std::vector<std::string> args = {"users", "bulk", "suspend", "--ids-from", ids_file, "--batch-size", "250",
                                         "--reason", "fault test", "--yes", "-q"};
        {
            db::Connection holder({conninfo, 10, 0, {}});
            holder.exec("BEGIN");
            holder.exec("SELECT 1 FROM users WHERE id = 900 FOR UPDATE");  // in the fourth batch
            db::Connection watcher({conninfo, 10, 0, {}});
            Background ctl_run(args, conninfo);
            wait_for_blocked_ctl(watcher);
            cluster.crash();
            check_unavailable(ctl_run.join());
        }
        cluster.restart();
        db::Connection c({conninfo, 10, 0, {}});
        // Three batches of 250 committed, each with its audit rows; nothing of the fourth.
        CHECK(count(c, "SELECT count(*) FROM users WHERE status = 'suspended'") == 750);
        CHECK(count(c, "SELECT max(id) FROM users WHERE status = 'suspended'") == 750);
        CHECK(count(c, "SELECT count(*) FROM audit_log WHERE entity_type LIKE 'user%' AND reason = 'fault test'") == 750);
        auto again = run_ctl(args, conninfo);
        CHECK_MESSAGE(again.exit_code == 0, again.err);
        CHECK(count(c, "SELECT count(*) FROM users WHERE status = 'suspended'") == 1000);
        CHECK(count(c, "SELECT count(*) FROM audit_log WHERE entity_type LIKE 'user%' AND reason = 'fault test'") == 1000);
        CHECK(run_ctl({"audit", "verify", "-q"}, conninfo).exit_code == 0);
    }

    TEST_CASE("the server dies during payments reconcile --fix: nothing imported, a re-run imports all") {
        FaultCluster cluster;
        auto conninfo = cluster.fresh_database("fault_reconcile");
        {
            db::Connection c({conninfo, 10, 0, {}});
            testing::insert_small_fixture(c);
        }
        testing::FakeNowPayments np;
        for (int g = 7001; g <= 7100; ++g) np.add(g, "finished", 49.0, "usd", "user:3", "2026-11-10T12:00:00.000Z");
        std::map<std::string, std::string> env = {{"CTL_NOWPAYMENTS_API_URL", np.url()},
                                                  {"CTL_NOWPAYMENTS_API_KEY", np.api_key},
                                                  {"CTL_NOWPAYMENTS_EMAIL", np.email},
                                                  {"CTL_NOWPAYMENTS_PASSWORD", np.password}};
        std::vector<std::string> args = {"payments", "reconcile", "--provider", "nowpayments", "--from", "2026-11-01",
                                         "--to", "2026-12-01", "--fix", "--reason", "fault test", "-q"};
        testing::TableChecksums before;
        {
            db::Connection holder({conninfo, 10, 0, {}});
            before = testing::table_checksums(holder);
            // An uncommitted insert of the last payment ctl imports: ctl's own insert of it waits.
            holder.exec("BEGIN");
            holder.exec("INSERT INTO payments (user_id, provider, provider_payment_id, amount_cents, currency, status) "
                        "VALUES (3, 'nowpayments', '7100', 4900, 'USD', 'succeeded')");
            db::Connection watcher({conninfo, 10, 0, {}});
            Background ctl_run(args, conninfo, env);
            wait_for_blocked_ctl(watcher);
            cluster.crash();
            check_unavailable(ctl_run.join());
        }
        cluster.restart();
        db::Connection c({conninfo, 10, 0, {}});
        CHECK(testing::changed_tables(before, testing::table_checksums(c)) == "");
        auto again = run_ctl(args, conninfo, env);
        CHECK_MESSAGE(again.exit_code == 10, again.err);  // the 100 differences found, and imported
        CHECK(count(c, "SELECT count(*) FROM payments WHERE provider = 'nowpayments' "
                       "AND provider_payment_id BETWEEN '7001' AND '7100'") == 100);
        auto clean = run_ctl({"payments", "reconcile", "--provider", "nowpayments", "--from", "2026-11-01", "--to",
                              "2026-12-01", "-q"}, conninfo, env);
        CHECK_MESSAGE(clean.exit_code == 0, clean.err);
        CHECK(run_ctl({"audit", "verify", "-q"}, conninfo).exit_code == 0);
    }

    TEST_CASE("the server dies during popia erase: the person is intact, a re-run erases") {
        FaultCluster cluster;
        auto conninfo = cluster.fresh_database("fault_erase");
        {
            db::Connection c({conninfo, 10, 0, {}});
            testing::insert_small_fixture(c);
            c.exec_script(R"sql(
                INSERT INTO activity (user_id, type, data) SELECT 1, 'login', '{"ip": "198.51.100.7"}' FROM generate_series(1, 50);
                INSERT INTO logins (user_id, logged_in_at, ip, user_agent)
                  SELECT 1, now() - g * interval '1 hour', '198.51.100.7', 'Mozilla/5.0' FROM generate_series(1, 50) g;
                INSERT INTO popia_requests (user_id, kind, details) VALUES (1, 'erasure', 'please erase alice@acme.io');
            )sql");
        }
        std::vector<std::string> args = {"popia", "erase", "alice@acme.io", "--reason", "fault test", "--yes", "-q"};
        testing::TableChecksums before;
        {
            db::Connection holder({conninfo, 10, 0, {}});
            before = testing::table_checksums(holder);
            // popia_requests comes after activity and logins: those are already changed when ctl waits.
            holder.exec("BEGIN");
            holder.exec("SELECT 1 FROM popia_requests WHERE user_id = 1 FOR UPDATE");
            db::Connection watcher({conninfo, 10, 0, {}});
            Background ctl_run(args, conninfo);
            wait_for_blocked_ctl(watcher);
            cluster.crash();
            check_unavailable(ctl_run.join());
        }
        cluster.restart();
        db::Connection c({conninfo, 10, 0, {}});
        CHECK(testing::changed_tables(before, testing::table_checksums(c)) == "");
        CHECK(count(c, "SELECT count(*) FROM logins WHERE user_id = 1") == 51);
        auto again = run_ctl(args, conninfo);
        CHECK_MESSAGE(again.exit_code == 0, again.err);
        CHECK(count(c, "SELECT count(*) FROM users WHERE id = 1 AND status = 'erased'") == 1);
        CHECK(count(c, "SELECT count(*) FROM logins WHERE user_id = 1") == 0);
        CHECK(run_ctl({"audit", "verify", "-q"}, conninfo).exit_code == 0);
    }

    TEST_CASE("the server dies during db seed: the database stays empty, a re-run seeds it") {
        FaultCluster cluster;
        auto conninfo = cluster.fresh_database("fault_seed");
        std::vector<std::string> args = {"db", "seed", "--users", "3000", "--seed", "5", "-q"};
        testing::TableChecksums before;
        {
            db::Connection watcher({conninfo, 10, 0, {}});
            before = testing::table_checksums(watcher);
            Background ctl_run(args, conninfo);
            // Mid-way: streaming a table with earlier ones already written in the same transaction.
            bool seen = false;
            for (int i = 0; i < 4000 && !seen; ++i) {
                seen = watcher
                           .exec("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                 "AND application_name LIKE 'ctl%' AND backend_xid IS NOT NULL AND query LIKE 'COPY%' "
                                 "AND query NOT LIKE 'COPY users %'")[0]
                           .int64(0) > 0;
                if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            REQUIRE(seen);
            cluster.crash();
            check_unavailable(ctl_run.join());
        }
        cluster.restart();
        db::Connection c({conninfo, 10, 0, {}});
        CHECK(testing::changed_tables(before, testing::table_checksums(c)) == "");
        auto again = run_ctl(args, conninfo);
        CHECK_MESSAGE(again.exit_code == 0, again.err);
        CHECK(count(c, "SELECT count(*) FROM users") == 3000);
        std::fprintf(stderr, "database faults: %d server crashes injected\n", g_faults_injected);
    }

    TEST_CASE("lock_timeout and --timeout cut a bulk change short: exit 6, all of it rolled back") {
        auto tdb = testing::fresh_database();
        auto c = tdb.connect();
        c.exec("INSERT INTO users (id, email) SELECT g, 'lock' || g || '@example.com' FROM generate_series(1, 300) g");
        auto before = testing::table_checksums(c);
        std::string ids_file = (fs::path(testing::cluster_dir()).parent_path() / "timeout-ids").string();
        {
            std::ofstream ids(ids_file);
            for (int i = 1; i <= 300; ++i) ids << i << "\n";
        }
        std::vector<std::string> args = {"users", "bulk", "suspend", "--ids-from", ids_file, "--batch-size", "1000",
                                         "--reason", "timeout test", "--yes", "-q"};
        auto holder = tdb.connect();
        holder.exec("BEGIN");
        holder.exec("SELECT 1 FROM users WHERE id = 250 FOR UPDATE");
        auto started = std::chrono::steady_clock::now();
        auto locked = run_ctl(args, tdb.conninfo, {{"CTL_LOCK_TIMEOUT", "0.3"}});
        double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        CHECK_MESSAGE(locked.exit_code == 6, locked.err);
        CHECK(std::count(locked.err.begin(), locked.err.end(), '\n') == 1);
        CHECK(locked.err.find("lock") != std::string::npos);
        CHECK(waited < 5);
        CHECK(testing::changed_tables(before, testing::table_checksums(c)) == "");

        auto stmt = run_ctl([&] {
            auto a = args;
            a.insert(a.end(), {"--timeout", "0.5"});
            return a;
        }(), tdb.conninfo);
        CHECK_MESSAGE(stmt.exit_code == 6, stmt.err);
        CHECK(stmt.err.find("timed out") != std::string::npos);
        CHECK(testing::changed_tables(before, testing::table_checksums(c)) == "");
        CHECK(run_ctl({"users", "ban", "1", "--reason", "x", "--yes"}, tdb.conninfo, {{"CTL_LOCK_TIMEOUT", "soon"}}).exit_code == 2);

        holder.exec("ROLLBACK");
        auto done = run_ctl(args, tdb.conninfo, {{"CTL_LOCK_TIMEOUT", "0.3"}});
        CHECK_MESSAGE(done.exit_code == 0, done.err);
        CHECK(count(c, "SELECT count(*) FROM users WHERE status = 'suspended'") == 300);
    }
}
