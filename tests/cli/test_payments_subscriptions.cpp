// ctl payments subscriptions: the state machine, with its MRR events, through the real binary.

#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace ctl;
using testing::run_ctl;

namespace {

std::string sub_field(db::Connection& c, const char* column) {
    auto r = c.exec(fmt::format("SELECT {}::text FROM subscriptions WHERE id = 1", column));
    return r[0].is_null(0) ? "NULL" : std::string(r[0].text(0));
}

}  // namespace

TEST_SUITE("cli payments subscriptions") {
    TEST_CASE("pause, resume, change-plan, extend and cancel follow the state machine") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        su.exec_script("INSERT INTO plans (id, code, name, tier, interval, price_cents, currency) VALUES "
                       "(2, 'pro-yearly', 'Pro yearly', 'pro', 'year', 24000, 'USD'), "
                       "(3, 'pro-eur', 'Pro EUR', 'pro', 'month', 2900, 'EUR');");
        testing::Operator billing(tdb, "billing");
        auto run = [&](std::vector<std::string> args) {
            args.insert(args.begin(), {"payments", "subscriptions"});
            return run_ctl(args, billing.conninfo);
        };
        auto paused = run({"pause", "1", "--reason", "customer request", "-o", "json"});
        REQUIRE_MESSAGE(paused.exit_code == 0, paused.err);
        CHECK(paused.json()["status"] == "paused");
        CHECK(sub_field(su, "status") == "paused");
        auto again = run({"pause", "1", "--reason", "again"});
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already paused") != std::string::npos);
        CHECK(run({"resume", "1", "--reason", "back"}).exit_code == 0);
        CHECK(sub_field(su, "status") == "active");

        CHECK(run({"change-plan", "1", "pro-yearly", "--reason", "upgrade"}).exit_code == 0);
        CHECK(sub_field(su, "price_cents") == "24000");
        CHECK(sub_field(su, "interval") == "year");
        CHECK(run({"change-plan", "1", "pro-eur", "--reason", "x"}).exit_code == 4);
        CHECK(run({"change-plan", "1", "nope", "--reason", "x"}).exit_code == 3);
        auto events = su.exec("SELECT kind, mrr_cents FROM subscription_events WHERE subscription_id = 1 ORDER BY id");
        REQUIRE(events.rows() == 3);
        CHECK(events[0].text(0) == "paused");
        CHECK(events[0].int64(1) == 0);
        CHECK(events[1].text(0) == "resumed");
        CHECK(events[1].int64(1) == 1900);
        CHECK(events[2].text(0) == "plan_changed");
        CHECK(events[2].int64(1) == 2000);

        CHECK(run({"extend", "1", "30d", "--reason", "goodwill"}).exit_code == 0);
        CHECK(sub_field(su, "current_period_end").rfind("2027-01-04", 0) == 0);
        CHECK(run({"extend", "1", "-3d", "--reason", "x"}).exit_code == 2);
        CHECK(run({"extend", "1", "30d"}).exit_code == 2);  // no --reason

        CHECK(run({"cancel", "1", "--at-period-end", "--reason", "leaving"}).exit_code == 0);
        CHECK(sub_field(su, "status") == "active");
        CHECK(sub_field(su, "cancel_at") == sub_field(su, "current_period_end"));
        CHECK(run({"cancel", "1", "--reason", "leaving now", "--yes"}).exit_code == 0);
        CHECK(sub_field(su, "status") == "canceled");
        auto pause_canceled = run({"pause", "1", "--reason", "x"});
        CHECK(pause_canceled.exit_code == 4);
        CHECK(pause_canceled.err.find("canceled") != std::string::npos);
        CHECK(run({"resume", "1", "--reason", "x"}).exit_code == 4);
        CHECK(run({"extend", "1", "1d", "--reason", "x"}).exit_code == 4);
        CHECK(run({"cancel", "1", "--reason", "x", "--yes"}).exit_code == 0);  // already canceled
        CHECK(run({"pause", "99", "--reason", "x"}).exit_code == 3);

        auto list = run({"list", "--status", "canceled", "-o", "json"});
        REQUIRE(list.exit_code == 0);
        CHECK(list.json().size() == 1);
        auto show = run({"show", "1", "-o", "json"});
        REQUIRE(show.exit_code == 0);
        CHECK(show.json()["events"].size() == 4);
        testing::Operator viewer(tdb, "viewer");
        CHECK(run_ctl({"payments", "subscriptions", "pause", "1", "--reason", "x"}, viewer.conninfo).exit_code == 5);
    }
}
