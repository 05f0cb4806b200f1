// quota_usage (migration 0019): the counts the triggers keep are the counts computed afresh, after
// every kind of change to usage, agents and users, and ctl_quota_usage_rebuild() agrees.

#include "support/fixtures.hpp"
#include "support/pg_harness.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

using namespace ctl;

namespace {

// Rows as "user resource month used quota", in order; counts of zero are left out (the triggers
// may keep a row whose count went back to zero).
std::vector<std::string> rows(db::Connection& c, const std::string& sql) {
    std::vector<std::string> out;
    auto r = c.exec("SELECT concat_ws(' ', user_id, resource, month, used, quota) FROM (" + sql +
                    ") t WHERE used <> 0 ORDER BY user_id, resource, month");
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r[i].text(0));
    return out;
}

std::vector<std::string> kept(db::Connection& c) {
    return rows(c, "SELECT user_id, resource, month, used, quota FROM quota_usage");
}

// This month's minutes and API calls per user (UTC), and every user's agents that are not deleted.
std::vector<std::string> computed(db::Connection& c) {
    return rows(c,
                "SELECT s.user_id, r.resource, date_trunc('month', now() AT TIME ZONE 'UTC')::date AS month, r.used, "
                "CASE r.resource WHEN 'minutes' THEN u.minute_quota ELSE u.api_call_quota END AS quota "
                "FROM (SELECT user_id, sum(minutes) AS minutes, sum(api_calls) AS api_calls FROM usage "
                "      WHERE date_trunc('month', day) = date_trunc('month', now() AT TIME ZONE 'UTC') GROUP BY 1) s "
                "JOIN users u ON u.id = s.user_id "
                "CROSS JOIN LATERAL (VALUES ('minutes', s.minutes), ('api_calls', s.api_calls)) r(resource, used) "
                "UNION ALL "
                "SELECT a.user_id, 'agents', 'infinity', count(*), u.agent_quota FROM agents a "
                "JOIN users u ON u.id = a.user_id WHERE a.status <> 'deleted' GROUP BY a.user_id, u.agent_quota");
}

}  // namespace

TEST_SUITE("quota usage") {
    TEST_CASE("the kept counts follow usage, agents and quotas through every kind of change") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        const char* month_start = "date_trunc('month', now() AT TIME ZONE 'UTC')::date";
        auto check = [&](const char* step) {
            CAPTURE(step);
            auto expected = computed(su);
            CHECK(kept(su) == expected);
            CHECK_FALSE(expected.empty());
        };
        check("the fixture's agents");

        su.exec(fmt::format("INSERT INTO usage (user_id, day, minutes, api_calls) VALUES "
                            "(1, {0}, 100, 1000), (1, {0} + 1, 50, 10), (2, {0}, 7, 0), "
                            "(3, {0} - 1, 999, 999)",  // last month: not counted
                            month_start));
        check("usage of several users in one statement");
        su.exec(fmt::format("UPDATE usage SET minutes = minutes + 500 WHERE user_id = 1 AND day = {}", month_start));
        check("usage updated");
        su.exec(fmt::format("UPDATE usage SET day = {} WHERE user_id = 3", month_start));
        check("usage moved into this month");
        su.exec("DELETE FROM usage WHERE user_id = 2");
        check("usage deleted");

        su.exec("INSERT INTO agents (user_id, name, tier) SELECT 3, 'Bot ' || i, 'pro' FROM generate_series(1, 4) i");
        check("agents added");
        su.exec("UPDATE agents SET user_id = 4 WHERE id = (SELECT max(id) FROM agents WHERE user_id = 3)");
        check("an agent moved to another owner");
        su.exec("UPDATE agents SET status = 'deleted' WHERE id = (SELECT min(id) FROM agents WHERE user_id = 3)");
        check("an agent deleted softly");
        su.exec("UPDATE agents SET name = name || ' (renamed)'");
        check("agents renamed");
        su.exec("DELETE FROM agents WHERE id = (SELECT max(id) FROM agents WHERE user_id = 3)");
        check("an agent removed");

        su.exec("UPDATE users SET minute_quota = 200, agent_quota = 2 WHERE id = 3");
        check("quotas changed");
        su.exec("DELETE FROM users WHERE id = 3");
        check("a user deleted with its usage and agents");
        CHECK(su.exec("SELECT count(*) FROM quota_usage WHERE user_id = 3")[0].int64(0) == 0);

        auto incremental = kept(su);
        su.exec("SELECT ctl_quota_usage_rebuild()");
        CHECK(kept(su) == incremental);
    }

    TEST_CASE("the level is the percentage of the quota, none without a quota") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        su.exec("UPDATE users SET minute_quota = 400, api_call_quota = 0 WHERE id = 1");
        su.exec("INSERT INTO usage (user_id, day, minutes, api_calls) "
                "VALUES (1, (now() AT TIME ZONE 'UTC')::date, 300, 5)");
        auto r = su.exec("SELECT resource, level FROM quota_usage WHERE user_id = 1 AND resource <> 'agents' "
                         "ORDER BY resource");
        REQUIRE(r.rows() == 2);
        CHECK(r[0].text(0) == "api_calls");
        CHECK(r[0].is_null(1));
        CHECK(r[1].text(0) == "minutes");
        CHECK(r[1].text(1) == "75.0000000000000000");
    }
}
