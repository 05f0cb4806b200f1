// ctl payments reconcile against local fakes of NOWPayments (JWT auth, pages of 500, 429 and
// 500 answers) and Stripe (cursor pagination), on crafted data.

#include "support/fakes/nowpayments.hpp"
#include "support/fakes/stripe.hpp"
#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace ctl;
using testing::run_ctl;

namespace {

std::map<std::string, std::string> np_env(const testing::FakeNowPayments& f) {
    return {{"CTL_NOWPAYMENTS_API_URL", f.url()},
            {"CTL_NOWPAYMENTS_API_KEY", f.api_key},
            {"CTL_NOWPAYMENTS_EMAIL", f.email},
            {"CTL_NOWPAYMENTS_PASSWORD", f.password}};
}

std::multiset<std::string> kinds(const nlohmann::json& rows) {
    std::multiset<std::string> out;
    for (const auto& r : rows) out.insert(r["kind"].get<std::string>() + ":" + r["provider_payment_id"].get<std::string>());
    return out;
}

}  // namespace

TEST_SUITE("cli payments reconcile") {
    TEST_CASE("NOWPayments: every kind of difference over several pages; --fix imports; clean data exits 0") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::FakeNowPayments np;
        // 600 payments on both sides (two pages of 500), the same everywhere.
        su.exec("INSERT INTO payments (user_id, provider, provider_payment_id, amount_cents, currency, status, created_at) "
                "SELECT 3, 'nowpayments', (5000 + g)::text, 4900, 'USD', 'succeeded', '2026-11-10 12:00+00' "
                "FROM generate_series(1, 600) g");
        for (int g = 1; g <= 600; ++g) np.add(5000 + g, "finished", 49.0, "usd", "user:3", "2026-11-10T12:00:00.000Z");
        su.exec_script(R"sql(
            INSERT INTO payments (user_id, provider, provider_payment_id, amount_cents, currency, status, created_at) VALUES
              (3, 'nowpayments', '1002', 5000, 'USD', 'pending',   '2026-11-11 12:00+00'),
              (3, 'nowpayments', '1003', 5000, 'USD', 'succeeded', '2026-11-12 12:00+00'),
              (3, 'nowpayments', '1004', 5000, 'USD', 'succeeded', '2026-11-13 12:00+00'),
              (3, 'nowpayments', '1007', 5000, 'USD', 'refunded',  '2026-11-14 12:00+00'),
              (3, 'nowpayments', '2001', 1900, 'USD', 'succeeded', '2026-10-05 12:00+00');
        )sql");
        np.add(1002, "finished", 50.0, "usd", "user:3", "2026-11-11T12:00:00.000Z");
        np.add(1003, "finished", 40.0, "usd", "user:3", "2026-11-12T12:00:00.000Z");
        np.add(1005, "finished", 19.0, "usd", "user:5", "2026-11-15T12:00:00.000Z");
        np.add(1006, "waiting", 19.0, "usd", "checkout-77", "2026-11-16T12:00:00.000Z");
        np.add(1007, "finished", 50.0, "usd", "user:3", "2026-11-14T12:00:00.000Z");  // refunded in ctl: agrees
        np.add(2001, "finished", 19.0, "usd", "user:1", "2026-10-05T12:00:00.000Z");
        testing::Operator billing(tdb, "billing");
        auto env = np_env(np);
        np.throttle_next = 1;
        auto r = run_ctl({"payments", "reconcile", "--provider", "nowpayments", "--from", "2026-11-01", "--to", "2026-12-01",
                          "-o", "json"},
                         billing.conninfo, env);
        CHECK_MESSAGE(r.exit_code == 10, r.err);
        CHECK(kinds(r.json()) == std::multiset<std::string>{"status_mismatch:1002", "amount_mismatch:1003",
                                                            "missing_there:1004", "missing_here:1005",
                                                            "missing_here:1006"});
        CHECK(np.pages_served == std::vector<long long>{0, 1});
        CHECK(np.auth_calls == 1);
        CHECK(r.err.find("5 difference(s)") != std::string::npos);

        auto fixed = run_ctl({"payments", "reconcile", "--provider", "nowpayments", "--from", "2026-11-01", "--to",
                              "2026-12-01", "--fix", "--reason", "monthly close", "-o", "json"},
                             billing.conninfo, env);
        CHECK(fixed.exit_code == 10);
        for (const auto& row : fixed.json()) {
            if (row["provider_payment_id"] == "1005") {
                CHECK(row["detail"] == "imported");
            } else if (row["provider_payment_id"] == "1006") {
                CHECK(row["detail"] == "not imported: no known user");
            }
        }
        auto imported = su.exec("SELECT user_id, amount_cents, status FROM payments WHERE provider_payment_id = '1005'");
        REQUIRE(imported.rows() == 1);
        CHECK(imported[0].int64(0) == 5);
        CHECK(imported[0].int64(1) == 1900);
        CHECK(su.exec("SELECT count(*) FROM audit_log WHERE command = 'payments reconcile' AND reason = 'monthly close'")[0]
                  .int64(0) == 1);
        CHECK(run_ctl({"payments", "reconcile", "--provider", "nowpayments", "--fix"}, billing.conninfo, env).exit_code == 2);

        auto clean = run_ctl({"payments", "reconcile", "--provider", "nowpayments", "--from", "2026-10-01", "--to",
                              "2026-11-01", "-o", "json"},
                             billing.conninfo, env);
        CHECK_MESSAGE(clean.exit_code == 0, clean.err);
        CHECK(clean.json().empty());

        auto wrong = env;
        wrong["CTL_NOWPAYMENTS_PASSWORD"] = "nope";
        CHECK(run_ctl({"payments", "reconcile", "--provider", "nowpayments"}, billing.conninfo, wrong).exit_code == 2);
        np.fail_next = 100;
        CHECK(run_ctl({"payments", "reconcile", "--provider", "nowpayments"}, billing.conninfo, env).exit_code == 6);
        np.fail_next = 0;
        CHECK(run_ctl({"payments", "reconcile", "--provider", "nowpayments", "--from", "2026-13-01"}, billing.conninfo, env)
                  .exit_code == 2);
        CHECK(run_ctl({"payments", "reconcile", "--provider", "nowpayments", "--from", "2026-11-02", "--to", "2026-11-01"},
                      billing.conninfo, env)
                  .exit_code == 2);
    }

    TEST_CASE("Stripe: pages of payment intents; a Retry-After date is honoured") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);  // payment 1: pi_123, 19.00 USD, succeeded, 2026-11-05 10:00
        testing::FakeStripe stripe;
        long long base = su.exec("SELECT extract(epoch FROM timestamptz '2026-11-05 10:00+00')::bigint")[0].int64(0);
        su.exec("INSERT INTO payments (user_id, provider, provider_payment_id, amount_cents, currency, status, created_at) "
                "SELECT 1, 'stripe', 'pi_bulk_' || g, 1900, 'USD', 'succeeded', timestamptz '2026-11-06 00:00+00' + g * interval '1 minute' "
                "FROM generate_series(1, 150) g");
        for (int g = 1; g <= 150; ++g) stripe.add_intent("pi_bulk_" + std::to_string(g), 1900, "usd", "succeeded", base + 50400 + g * 60);
        stripe.add_intent("pi_123", 1900, "usd", "succeeded", base);
        stripe.add_intent("pi_new", 4900, "usd", "succeeded", base + 100, "3");
        std::map<std::string, std::string> env = {{"CTL_STRIPE_API_URL", stripe.url()}, {"CTL_STRIPE_API_KEY", stripe.key()}};
        auto r = run_ctl({"payments", "reconcile", "--provider", "stripe", "--from", "2026-11-01", "--to", "2026-12-01", "-o",
                          "json", "--fix", "--reason", "close"},
                         tdb.conninfo, env);
        CHECK_MESSAGE(r.exit_code == 10, r.err);
        CHECK(kinds(r.json()) == std::multiset<std::string>{"missing_here:pi_new"});
        CHECK(stripe.list_pages == 2);
        CHECK(su.exec("SELECT user_id FROM payments WHERE provider_payment_id = 'pi_new'")[0].int64(0) == 3);
        auto clean = run_ctl({"payments", "reconcile", "--provider", "stripe", "--from", "2026-11-01", "--to", "2026-12-01"},
                             tdb.conninfo, env);
        CHECK_MESSAGE(clean.exit_code == 0, clean.err);
    }

    TEST_CASE("a 429 with an HTTP-date Retry-After is retried") {
        auto tdb = testing::fresh_database();
        testing::FakeNowPayments np;
        np.throttle_next = 2;
        np.retry_after_date = true;
        auto r = run_ctl({"payments", "reconcile", "--provider", "nowpayments", "-v"}, tdb.conninfo, np_env(np));
        CHECK_MESSAGE(r.exit_code == 0, r.err);
        CHECK(np.list_calls == 3);
        // -v logs the requests with the key and the token masked.
        CHECK(r.err.find("GET " + np.url() + "/payment/") != std::string::npos);
        CHECK(r.err.find(np.api_key) == std::string::npos);
        CHECK(r.err.find(np.token) == std::string::npos);
    }
}
