// MRR, movements, churn and revenue on the hand-built history of support/analytics_fixture.hpp:
// every expected number below is worked out by hand there.

#include "analytics/metrics.hpp"
#include "analytics/mrr.hpp"
#include "analytics/refresh.hpp"
#include "analytics/table.hpp"
#include "support/analytics_fixture.hpp"
#include "support/pg_harness.hpp"

#include <doctest/doctest.h>

using namespace ctl;

namespace {

analytics::Range first_half_of_2026() {
    analytics::Range r;
    r.from = "2026-01-01T00:00:00Z";
    r.to = "2026-07-01T00:00:00Z";
    r.interval = "month";
    return r;
}

struct Expected {
    std::int64_t start, new_mrr, expansion, reactivation, contraction, churn, end, customers;
};

const Expected k_expected[6] = {
    {8700, 11803, 0, 0, 0, 0, 20503, 8},          // January
    {20503, 6800, 0, 0, 0, 1900, 25403, 9},       // February
    {25403, 0, 3000, 0, 0, 0, 28403, 9},          // March
    {28403, 0, 0, 0, 3000, 6800, 18603, 7},       // April
    {18603, 1900, 0, 1900, 0, 1900, 20503, 8},    // May
    {20503, 0, 1900, 1900, 0, 0, 24303, 9},       // June
};

void check_fixture_movements(const std::vector<analytics::MrrPeriod>& p) {
    REQUIRE(p.size() == 6);
    for (int i = 0; i < 6; ++i) {
        CAPTURE(i);
        const auto& e = k_expected[i];
        CHECK(p[static_cast<std::size_t>(i)].currency == "USD");
        CHECK(p[static_cast<std::size_t>(i)].mrr_start == e.start);
        CHECK(p[static_cast<std::size_t>(i)].new_mrr == e.new_mrr);
        CHECK(p[static_cast<std::size_t>(i)].expansion == e.expansion);
        CHECK(p[static_cast<std::size_t>(i)].reactivation == e.reactivation);
        CHECK(p[static_cast<std::size_t>(i)].contraction == e.contraction);
        CHECK(p[static_cast<std::size_t>(i)].churn == e.churn);
        CHECK(p[static_cast<std::size_t>(i)].mrr_end == e.end);
        CHECK(p[static_cast<std::size_t>(i)].customers_end == e.customers);
    }
    CHECK(p[0].period_start == "2026-01-01T00:00:00Z");
    CHECK(p[5].period_end == "2026-07-01T00:00:00Z");
    CHECK(p[0].new_customers == 5);
    CHECK(p[1].churned_customers == 1);
    CHECK(p[3].churned_customers == 2);
    CHECK(p[4].reactivated_customers == 1);
    CHECK(p[4].new_customers == 1);
}

std::string cell(const output::Section& s, std::size_t row, const std::string& column) {
    return s.rows.at(row).at(analytics::column_index(s, column)).value.value_or("NULL");
}

}  // namespace

TEST_SUITE("analytics") {
    TEST_CASE("analytics::mrr_movements follows DESIGN §10 on a hand-built history") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_analytics_fixture(conn);
        auto periods = analytics::mrr_movements(conn, first_half_of_2026());
        check_fixture_movements(periods);

        SUBCASE("MRR at every boundary agrees with the definition, and ARR and ARPA follow") {
            for (const auto& p : periods) {
                CHECK(analytics::mrr_at(conn, p.period_start)["USD"] == p.mrr_start);
                CHECK(analytics::mrr_at(conn, p.period_end)["USD"] == p.mrr_end);
            }
            auto table = analytics::mrr_section(periods);
            CHECK(cell(table, 5, "arr_cents") == "291636");  // 12 × 243.03
            CHECK(cell(table, 5, "arpa_cents") == "2700");   // 243.03 / 9 = 27.0033
            CHECK(cell(table, 5, "arpa") == "2700 USD");
            CHECK(cell(table, 3, "net_new_cents") == "-9800");
        }
        SUBCASE("the daily rollups give the same movements, and stay exact when events are added or changed") {
            auto r = analytics::refresh_rollup(conn);
            CHECK(r.full_rebuild);
            CHECK(r.customers == 12);  // u10's trial never had MRR
            CHECK(conn.exec("SELECT 1 FROM analytics_mrr_periods WHERE unit = 'month' AND period_start = '2026-06-01'").rows() == 1);
            check_fixture_movements(analytics::mrr_movements(conn, first_half_of_2026()));
            // u1 upgrades to Pro in June, u2 (no other change in June) churns: both on days already
            // rolled up, so the rollups are not used until the next refresh.
            conn.exec("INSERT INTO subscription_events (subscription_id, user_id, plan_id, kind, status, mrr_cents, effective_at) "
                      "VALUES (1, 1, 3, 'plan_changed', 'active', 3920, '2026-06-20 09:00+00'), "
                      "       (2, 2, 2, 'canceled', 'canceled', 0, '2026-06-21 09:00+00')");
            CHECK(conn.exec("SELECT user_id FROM analytics_dirty_customers ORDER BY 1").rows() == 2);
            auto check_june = [&](const std::vector<analytics::MrrPeriod>& p) {
                REQUIRE(p.size() == 6);
                CHECK(p[5].expansion == 1900 + 2400);
                CHECK(p[5].churn == 1583);
                CHECK(p[5].mrr_end == 24303 + 2400 - 1583);
                CHECK(p[4].mrr_end == 20503);
                CHECK(analytics::mrr_at(conn, "2026-07-01T00:00:00Z")["USD"] == p[5].mrr_end);
            };
            check_june(analytics::mrr_movements(conn, first_half_of_2026()));
            auto again = analytics::refresh_rollup(conn);
            CHECK_FALSE(again.full_rebuild);
            CHECK(again.customers == 2);
            CHECK(conn.exec("SELECT 1 FROM analytics_dirty_customers").empty());
            check_june(analytics::mrr_movements(conn, first_half_of_2026()));

            // The incremental refresh leaves exactly what a full rebuild builds.
            conn.exec("CREATE TEMP TABLE inc_days AS SELECT * FROM analytics_mrr_days");
            conn.exec("CREATE TEMP TABLE inc_periods AS SELECT * FROM analytics_mrr_periods");
            conn.exec("DELETE FROM analytics_rollup_state");
            CHECK(analytics::refresh_rollup(conn).full_rebuild);
            auto differ = conn.exec(
                "SELECT (SELECT count(*) FROM ((TABLE inc_days EXCEPT TABLE analytics_mrr_days) UNION ALL "
                "(TABLE analytics_mrr_days EXCEPT TABLE inc_days)) d), "
                "(SELECT count(*) FROM ((TABLE inc_periods EXCEPT TABLE analytics_mrr_periods) UNION ALL "
                "(TABLE analytics_mrr_periods EXCEPT TABLE inc_periods)) p), (SELECT count(*) FROM inc_periods)");
            CHECK(differ[0].int64(0) == 0);
            CHECK(differ[0].int64(1) == 0);
            CHECK(differ[0].int64(2) > 0);

            // Every interval agrees with the live derivation (no rollup state: everything live).
            for (const char* unit : {"day", "week", "month"}) {
                CAPTURE(unit);
                analytics::Range range = first_half_of_2026();
                range.from = "2025-12-29T00:00:00Z";
                range.interval = unit;
                auto rolled = analytics::mrr_movements(conn, range);
                conn.exec("BEGIN");
                conn.exec("DELETE FROM analytics_rollup_state");
                auto live = analytics::mrr_movements(conn, range);
                conn.exec("ROLLBACK");
                REQUIRE(rolled.size() == live.size());
                for (std::size_t i = 0; i < live.size(); ++i) {
                    CAPTURE(live[i].period_start);
                    CHECK(rolled[i].mrr_start == live[i].mrr_start);
                    CHECK(rolled[i].mrr_end == live[i].mrr_end);
                    CHECK(rolled[i].new_mrr == live[i].new_mrr);
                    CHECK(rolled[i].expansion == live[i].expansion);
                    CHECK(rolled[i].reactivation == live[i].reactivation);
                    CHECK(rolled[i].contraction == live[i].contraction);
                    CHECK(rolled[i].churn == live[i].churn);
                    CHECK(rolled[i].customers_end == live[i].customers_end);
                    CHECK(rolled[i].churned_customers == live[i].churned_customers);
                    CHECK(rolled[i].mrr_end - rolled[i].mrr_start == rolled[i].new_mrr + rolled[i].expansion +
                                                                          rolled[i].reactivation - rolled[i].contraction -
                                                                          rolled[i].churn);
                }
            }

            // A change to a rolled-up day makes queries read live until the next refresh.
            conn.exec("UPDATE subscription_events SET mrr_cents = 2900 WHERE subscription_id = 11 AND kind = 'created'");
            CHECK_FALSE(conn.exec("SELECT 1 FROM analytics_dirty_customers").empty());
            auto live = analytics::mrr_movements(conn, first_half_of_2026());
            CHECK(live[0].new_mrr == 11803 + 1000);
            CHECK(live[5].mrr_end == 24303 + 2400 - 1583 + 1000);
            analytics::refresh_rollup(conn);
            auto rolled = analytics::mrr_movements(conn, first_half_of_2026());
            CHECK(rolled[0].new_mrr == live[0].new_mrr);
            CHECK(rolled[5].mrr_end == live[5].mrr_end);

            // Today is always live: an event of this minute counts at once, without a refresh.
            conn.exec("INSERT INTO subscription_events (subscription_id, user_id, plan_id, kind, status, mrr_cents, effective_at) "
                      "VALUES (9, 9, 3, 'plan_changed', 'active', 4900, now() - interval '1 second')");
            auto dashboard = analytics::overview(conn);
            std::int64_t shown = -1;
            for (const auto& row : dashboard.rows)
                if (row[0].value == "mrr_cents") shown = std::stoll(*row[2].value);
            CHECK(shown == analytics::mrr_at(conn, "2100-01-01T00:00:00Z")["USD"]);
            CHECK(shown == 24303 + 2400 - 1583 + 1000 + 3000);

            // Users: the daily signups rollup plus today's; a backdated signup drops it until the next refresh.
            auto total_users = [&] {
                for (const auto& row : analytics::overview(conn).rows)
                    if (row[0].value == "total_users") return std::stoll(*row[2].value);
                return -1LL;
            };
            CHECK_FALSE(conn.exec("SELECT 1 FROM analytics_rollup_state WHERE name = 'users'").empty());
            CHECK(total_users() == 13);
            conn.exec("INSERT INTO users (email, created_at) VALUES ('new@example.com', now())");
            CHECK_FALSE(conn.exec("SELECT 1 FROM analytics_rollup_state WHERE name = 'users'").empty());
            CHECK(total_users() == 14);
            conn.exec("INSERT INTO users (email, created_at) VALUES ('old@example.com', '2025-01-01 10:00+00')");
            CHECK(conn.exec("SELECT 1 FROM analytics_rollup_state WHERE name = 'users'").empty());
            CHECK(total_users() == 15);
            analytics::refresh_rollup(conn);
            CHECK(total_users() == 15);
            CHECK(conn.exec("SELECT sum(users)::bigint FROM analytics_user_days")[0].int64(0) == 14);
        }
    }

    TEST_CASE("analytics::churn derives rates, NRR and LTV from the movements") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_analytics_fixture(conn);
        auto s = analytics::churn(analytics::mrr_movements(conn, first_half_of_2026()));
        REQUIRE(s.rows.size() == 6);
        // January: nobody churned: rates 0, LTV 0.
        CHECK(cell(s, 0, "customer_churn") == "0.0000");
        CHECK(cell(s, 0, "ltv_cents") == "0");
        // April: 2 of 9 customers; (68.00 churn + 30.00 contraction) / 284.03 MRR at the start.
        CHECK(cell(s, 3, "customer_churn") == "0.2222");
        CHECK(cell(s, 3, "gross_mrr_churn") == "0.3450");
        CHECK(cell(s, 3, "net_mrr_churn") == "0.3450");
        CHECK(cell(s, 3, "nrr") == "0.6550");
        // ARPA at the end of April 186.03 / 7 = 26.58; LTV = 26.58 / (2/9) = 119.61.
        CHECK(cell(s, 3, "arpa_cents") == "2658");
        CHECK(cell(s, 3, "ltv_cents") == "11961");
        // June: expansion and reactivation outweigh nothing lost: net churn negative, NRR above 1.
        CHECK(cell(s, 5, "net_mrr_churn") == "-0.1853");  // -(19.00 + 19.00) / 205.03
        CHECK(cell(s, 5, "nrr") == "1.1853");
    }

    TEST_CASE("analytics::revenue counts cash received less refunds, by provider and plan") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_analytics_fixture(conn);
        auto s = analytics::revenue(conn, first_half_of_2026());
        REQUIRE(s.rows.size() == 6);
        CHECK(cell(s, 0, "received_cents") == "11020");  // 15.20 + 95.00; the failed and pending do not count
        CHECK(cell(s, 0, "net_cents") == "11020");
        CHECK(cell(s, 2, "received_cents") == "0");
        CHECK(cell(s, 4, "received_cents") == "1900");
        CHECK(cell(s, 4, "refunded_cents") == "1900");
        CHECK(cell(s, 4, "net_cents") == "0");
        CHECK(cell(s, 4, "net") == "0 USD");

        auto by = analytics::revenue(conn, first_half_of_2026(), "provider");
        REQUIRE(by.rows.size() == 12);  // each month, per provider seen (ordered by name)
        CHECK(cell(by, 0, "provider") == "nowpayments");
        CHECK(cell(by, 0, "net_cents") == "9500");
        CHECK(cell(by, 1, "provider") == "stripe");
        CHECK(cell(by, 1, "net_cents") == "1520");
        CHECK(cell(by, 9, "net_cents") == "0");  // May, stripe: 19.00 received and refunded
        auto plans = analytics::revenue(conn, first_half_of_2026(), "plan");
        CHECK(analytics::column_index(plans, "plan") == 2);
        CHECK_THROWS_AS(analytics::revenue(conn, first_half_of_2026(), "colour"), UsageError);
    }

    TEST_CASE("analytics::users counts signups, activation and trial conversion") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_analytics_fixture(conn);
        analytics::Range r;
        r.from = "2026-02-01T00:00:00Z";
        r.to = "2026-04-01T00:00:00Z";
        auto s = analytics::users(conn, r);
        REQUIRE(s.rows.size() == 2);
        CHECK(cell(s, 0, "trials") == "1");  // u3, converted a week later
        CHECK(cell(s, 0, "trial_to_paid") == "1.0000");
        CHECK(cell(s, 1, "trials") == "1");  // u10, canceled in the trial
        CHECK(cell(s, 1, "trial_to_paid") == "0.0000");
        CHECK(cell(s, 0, "signups") == "0");
        CHECK(cell(s, 0, "activation_rate") == "NULL");
    }
}
