// The deployment state machine: every pair of statuses against the database's trigger, and the
// function ctl asks, compared with the table of allowed moves written out here.

#include "domain/deployments.hpp"
#include "support/agents_fixture.hpp"
#include "support/pg_harness.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace ctl;

TEST_SUITE("deployments") {
    TEST_CASE("deployments: only the allowed transitions pass the trigger, and each is audited") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_agents_fixture(conn);
        const std::set<std::pair<std::string, std::string>> allowed = {
            {"queued", "running"},     {"queued", "failed"},     {"queued", "cancelled"}, {"running", "succeeded"},
            {"running", "failed"},     {"running", "cancelled"}, {"running", "expired"}};
        int agent = 200;
        for (const char* from : deployments::k_statuses) {
            for (const char* to : deployments::k_statuses) {
                if (std::string(from) == to) continue;
                CAPTURE(from);
                CAPTURE(to);
                ++agent;
                conn.exec("INSERT INTO agents (id, user_id, name, tier) VALUES ($1, 1, 'x', 'matt')", {agent});
                auto id = conn.exec("INSERT INTO deployments (agent_id, user_id, status) VALUES ($1, 1, $2) RETURNING id",
                                    {agent, from})[0]
                              .int64(0);
                bool ok = allowed.count({from, to}) > 0;
                CHECK(deployments::transition_allowed(conn, from, to) == ok);
                auto audit_before = conn.exec("SELECT count(*) FROM audit_log WHERE entity_type = 'deployments' "
                                              "AND entity_id = $1", {std::to_string(id)})[0].int64(0);
                bool passed = true;
                try {
                    conn.exec("UPDATE deployments SET status = $2 WHERE id = $1", {id, to});
                } catch (const Error& e) {
                    passed = false;
                    CHECK(e.code() == ExitCode::conflict);
                }
                CHECK(passed == ok);
                auto row = conn.exec("SELECT status, started_at IS NOT NULL, finished_at IS NOT NULL, "
                                     "(SELECT count(*) FROM audit_log WHERE entity_type = 'deployments' AND entity_id = $1) "
                                     "FROM deployments WHERE id = $2",
                                     {std::to_string(id), id});
                CHECK(row[0].text(0) == (ok ? to : from));
                CHECK(row[0].int64(3) == audit_before + (ok ? 1 : 0));
                if (ok && std::string(to) == "running") CHECK(row[0].boolean(1));
                if (ok && std::string(to) != "running") CHECK(row[0].boolean(2));
            }
        }
        CHECK_THROWS_AS(deployments::transition_allowed(conn, "queued", "pending"), UsageError);
    }
}
