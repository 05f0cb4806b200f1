// ctl payments plans and coupons through the real binary.

#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

using namespace ctl;
using testing::run_ctl;

TEST_SUITE("cli payments catalog") {
    TEST_CASE("plans: create, edit, archive; bad values change nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator billing(tdb, "billing");
        auto run = [&](std::vector<std::string> args) {
            args.insert(args.begin(), {"payments", "plans"});
            return run_ctl(args, billing.conninfo);
        };
        auto created = run({"create", "--code", "pro-monthly", "--name", "Pro", "--tier", "pro", "--interval", "month",
                            "--price", "49.00", "--features", R"(["priority support"])", "--quotas", R"({"minutes": 1000})",
                            "--reason", "launch", "-o", "json"});
        REQUIRE_MESSAGE(created.exit_code == 0, created.err);
        CHECK(created.json()["price"]["amount_cents"] == 4900);
        CHECK(created.json()["features"][0] == "priority support");
        CHECK(run({"create", "--code", "pro-monthly", "--name", "P", "--tier", "pro", "--interval", "month", "--price",
                   "1", "--reason", "dup"})
                  .exit_code == 4);
        CHECK(run({"create", "--code", "x", "--name", "X", "--tier", "pro", "--interval", "month", "--price", "1",
                   "--features", "{}", "--reason", "r"})
                  .exit_code == 2);
        CHECK(run({"create", "--code", "y", "--name", "Y", "--tier", "gold", "--interval", "month", "--price", "1",
                   "--reason", "r"})
                  .exit_code == 2);
        CHECK(run({"create", "--code", "z", "--name", "Z", "--tier", "pro", "--interval", "month", "--price", "-1",
                   "--reason", "r"})
                  .exit_code == 2);
        CHECK(su.exec("SELECT count(*) FROM plans")[0].int64(0) == 2);

        auto edited = run({"edit", "pro-monthly", "--price", "59.00", "--reason", "price rise", "-o", "json"});
        REQUIRE_MESSAGE(edited.exit_code == 0, edited.err);
        CHECK(edited.json()["changed"] == true);
        CHECK(run({"edit", "pro-monthly", "--price", "59.00", "--reason", "again", "-o", "json"}).json()["changed"] == false);
        CHECK(run({"edit", "pro-monthly", "--reason", "nothing"}).exit_code == 2);
        CHECK(run({"archive", "pro-monthly", "--reason", "retired"}).exit_code == 0);
        CHECK(run({"archive", "pro-monthly", "--reason", "retired"}).exit_code == 0);
        CHECK(run({"archive", "nope", "--reason", "x"}).exit_code == 3);
        CHECK(run({"list", "-o", "json"}).json().size() == 1);
        CHECK(run({"list", "--all", "-o", "json"}).json().size() == 2);
        auto audit = su.exec("SELECT count(*) FROM audit_log WHERE entity_type = 'plans' AND command LIKE 'payments plans%'");
        CHECK(audit[0].int64(0) == 3);
    }

    TEST_CASE("coupons: create, list, disable") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::Operator billing(tdb, "billing");
        auto run = [&](std::vector<std::string> args) {
            args.insert(args.begin(), {"payments", "coupons"});
            return run_ctl(args, billing.conninfo);
        };
        CHECK(run({"create", "--code", "LAUNCH20", "--percent-off", "20", "--duration", "repeating", "--duration-months",
                   "3", "--max-redemptions", "100", "--expires", "2099-01-01", "--reason", "launch"})
                  .exit_code == 0);
        CHECK(run({"create", "--code", "TENOFF", "--amount-off", "10.00", "--currency", "usd", "--duration", "forever",
                   "--reason", "r"})
                  .exit_code == 0);
        CHECK(run({"create", "--code", "BAD1", "--percent-off", "120", "--reason", "r"}).exit_code == 2);
        CHECK(run({"create", "--code", "BAD2", "--percent-off", "10", "--amount-off", "1", "--currency", "USD",
                   "--reason", "r"})
                  .exit_code == 2);
        CHECK(run({"create", "--code", "BAD3", "--amount-off", "1", "--reason", "r"}).exit_code == 2);
        CHECK(run({"create", "--code", "BAD4", "--percent-off", "10", "--duration", "repeating", "--reason", "r"}).exit_code ==
              2);
        CHECK(run({"create", "--code", "BAD5", "--percent-off", "10", "--expires", "2026-13-01", "--reason", "r"})
                  .exit_code == 2);
        CHECK(run({"create", "--code", "launch20", "--percent-off", "5", "--reason", "dup"}).exit_code == 4);
        auto list = run({"list", "-o", "json"});
        REQUIRE(list.exit_code == 0);
        CHECK(list.json().size() == 2);
        CHECK(run({"disable", "TENOFF", "--reason", "ended"}).exit_code == 0);
        auto again = run({"disable", "TENOFF", "--reason", "ended"});
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already disabled") != std::string::npos);
        CHECK(run({"list", "-o", "json"}).json().size() == 1);
        CHECK(run({"list", "--all", "-o", "json"}).json().size() == 2);
        CHECK(run({"disable", "NOPE", "--reason", "x"}).exit_code == 3);
    }
}
