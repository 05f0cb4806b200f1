// ctl payments list/show/export and the payment changes (refund, manual, mark-paid, retry),
// through the real binary against a local fake of Stripe's API.

#include "support/fakes/stripe.hpp"
#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <thread>

using namespace ctl;
using testing::run_ctl;

namespace {

// Payments beside the small fixture's payment 1 (stripe pi_123, 19.00 USD, succeeded):
// 2 nowpayments succeeded 50.00 USD (carol), 3 stripe failed 19.00, 4 manual pending 5.00 EUR
// (created three hours ago), 5 stripe succeeded 100.00 USD (carol).
void insert_payments(db::Connection& c) {
    c.exec_script(R"sql(
        INSERT INTO payments (id, user_id, provider, provider_payment_id, amount_cents, currency, status, provider_status,
                              pay_amount, pay_currency, created_at, failure_reason) VALUES
          (2, 3, 'nowpayments', '5077125051', 5000, 'USD', 'succeeded', 'finished', 0.00081, 'btc', '2026-11-06 10:00+00', NULL),
          (3, 1, 'stripe', 'pi_failed', 1900, 'USD', 'failed', 'requires_payment_method', NULL, NULL, '2026-11-07 10:00+00', 'card_declined'),
          (4, 5, 'manual', 'bank-77', 500, 'EUR', 'pending', NULL, NULL, NULL, now() - interval '3 hours', NULL),
          (5, 3, 'stripe', 'pi_555', 10000, 'USD', 'succeeded', 'succeeded', NULL, NULL, '2026-11-08 10:00+00', NULL);
    )sql");
}

std::map<std::string, std::string> stripe_env(const testing::FakeStripe& fake) {
    return {{"CTL_STRIPE_API_URL", fake.url()}, {"CTL_STRIPE_API_KEY", fake.key()}};
}

std::string payment_field(db::Connection& c, int id, const char* column) {
    return std::string(c.exec(fmt::format("SELECT {}::text FROM payments WHERE id = $1", column), {id})[0].text(0));
}

std::vector<long long> ids_of(const nlohmann::json& rows) {
    std::vector<long long> ids;
    for (const auto& r : rows) ids.push_back(r["id"].get<long long>());
    return ids;
}

}  // namespace

TEST_SUITE("cli payments") {
    TEST_CASE("list filters, pages and prints money as cents plus currency") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        insert_payments(su);
        testing::Operator viewer(tdb, "viewer");
        auto all = run_ctl({"payments", "list", "-o", "json"}, viewer.conninfo);
        REQUIRE_MESSAGE(all.exit_code == 0, all.err);
        CHECK(ids_of(all.json()) == std::vector<long long>{4, 5, 3, 2, 1});
        CHECK(all.json()[1]["amount_cents"] == 10000);
        CHECK(all.json()[1]["currency"] == "USD");
        CHECK(all.json()[1]["email"] == "carol@zeta.dev");

        auto json = [&](std::vector<std::string> args) {
            args.insert(args.begin(), {"payments", "list", "-o", "json"});
            auto r = run_ctl(args, viewer.conninfo);
            REQUIRE_MESSAGE(r.exit_code == 0, r.err);
            return ids_of(r.json());
        };
        CHECK(json({"--status", "succeeded"}) == std::vector<long long>{5, 2, 1});
        CHECK(json({"--provider", "stripe"}) == std::vector<long long>{5, 3, 1});
        CHECK(json({"--user", "carol@zeta.dev"}) == std::vector<long long>{5, 2});
        CHECK(json({"--failed"}) == std::vector<long long>{3});
        CHECK(json({"--pending-over", "1h"}) == std::vector<long long>{4});
        CHECK(json({"--pending-over", "4h"}).empty());
        CHECK(json({"--min", "19", "--max", "50.00"}) == std::vector<long long>{3, 2, 1});
        CHECK(json({"--from", "2026-11-06", "--to", "2026-11-08"}) == std::vector<long long>{3, 2});

        auto page = run_ctl({"payments", "list", "-o", "json", "--limit", "2"}, viewer.conninfo);
        CHECK(ids_of(page.json()) == std::vector<long long>{4, 5});
        auto cursor = page.err.substr(page.err.find("--after ") + 8);
        cursor = cursor.substr(0, cursor.find('\n'));
        auto next = run_ctl({"payments", "list", "-o", "json", "--limit", "2", "--after", cursor}, viewer.conninfo);
        CHECK(ids_of(next.json()) == std::vector<long long>{3, 2});

        CHECK(run_ctl({"payments", "list", "--status", "paid"}, viewer.conninfo).exit_code == 2);
        CHECK(run_ctl({"payments", "list", "--from", "2026-02-30"}, viewer.conninfo).exit_code == 2);
        CHECK(run_ctl({"payments", "list", "--min", "-5"}, viewer.conninfo).exit_code == 2);
        CHECK(run_ctl({"payments", "list", "--min", "50", "--max", "10"}, viewer.conninfo).exit_code == 2);
        CHECK(run_ctl({"payments", "list", "--user", "nobody@x.io"}, viewer.conninfo).exit_code == 3);
    }

    TEST_CASE("show gathers user, subscription, agent, refunds and provider data; export streams csv") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        insert_payments(su);
        su.exec_script("INSERT INTO refunds (payment_id, user_id, amount_cents, currency, status, reason, idempotency_key) "
                       "VALUES (1, 1, 500, 'USD', 'succeeded', 'goodwill', 'k1');"
                       "UPDATE payments SET refunded_cents = 500, status = 'partially_refunded' WHERE id = 1;");
        auto r = run_ctl({"payments", "show", "pi_123", "-o", "json"}, tdb.conninfo);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        auto doc = r.json();
        CHECK(doc["payment"]["id"] == 1);
        CHECK(doc["payment"]["status"] == "partially_refunded");
        CHECK(doc["user"]["email"] == "alice@acme.io");
        CHECK(doc["subscription"]["plan"] == "matt-monthly");
        CHECK(doc["agent"]["name"] == "Sales bot");
        REQUIRE(doc["refunds"].size() == 1);
        CHECK(doc["refunds"][0]["amount"]["amount_cents"] == 500);
        CHECK(doc["provider"]["provider_payment_id"] == "pi_123");
        auto table = run_ctl({"payments", "show", "2"}, tdb.conninfo);
        CHECK(table.exit_code == 0);
        CHECK(table.out.find("50.00 USD") != std::string::npos);
        CHECK(run_ctl({"payments", "show", "999"}, tdb.conninfo).exit_code == 3);

        auto csv = run_ctl({"payments", "export", "--from", "2026-11-01", "--to", "2026-11-09"}, tdb.conninfo);
        REQUIRE_MESSAGE(csv.exit_code == 0, csv.err);
        auto header = csv.out.substr(0, csv.out.find('\n'));
        CHECK(header.find("id,user_id,email,provider") == 0);
        CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 5);  // header + 1, 2, 3, 5 (4 is "now")
        auto nd = run_ctl({"payments", "export", "-o", "ndjson", "--provider", "nowpayments"}, tdb.conninfo);
        auto line = nlohmann::json::parse(nd.out.substr(0, nd.out.find('\n')));
        CHECK(line["pay_currency"] == "btc");
        CHECK(line["amount_cents"] == 5000);
    }

    TEST_CASE("refund: full and partial through Stripe with an idempotency key; NOWPayments is manual") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        insert_payments(su);
        testing::Operator billing(tdb, "billing");
        testing::FakeStripe fake;
        auto env = stripe_env(fake);

        auto part = run_ctl({"payments", "refund", "5", "--amount", "30.00", "--reason", "ticket 9", "--yes", "-o", "json"},
                            billing.conninfo, env);
        REQUIRE_MESSAGE(part.exit_code == 0, part.err);
        CHECK(part.json()["status"] == "succeeded");
        CHECK(part.json()["payment_status"] == "partially_refunded");
        CHECK(part.json()["idempotency_key"] == "ctl-refund-5-1");
        CHECK(part.json()["provider_refund_id"] == "re_1");
        CHECK(fake.calls_by_key()["ctl-refund-5-1"] == 1);
        CHECK(payment_field(su, 5, "refunded_cents") == "3000");

        auto rest = run_ctl({"payments", "refund", "5", "--reason", "ticket 9", "--yes", "-o", "json"}, billing.conninfo, env);
        REQUIRE_MESSAGE(rest.exit_code == 0, rest.err);
        CHECK(rest.json()["amount"]["amount_cents"] == 7000);
        CHECK(payment_field(su, 5, "status") == "refunded");
        auto again = run_ctl({"payments", "refund", "5", "--reason", "ticket 9", "--yes"}, billing.conninfo, env);
        CHECK(again.exit_code == 4);
        CHECK(again.err.find("already refunded") != std::string::npos);
        CHECK(fake.refunds_made == 2);

        auto audit = su.exec("SELECT count(*) FROM audit_log WHERE entity_type = 'refunds' AND command = 'payments refund' "
                             "AND reason = 'ticket 9'");
        CHECK(audit[0].int64(0) == 2);

        auto crypto = run_ctl({"payments", "refund", "2", "--reason", "duplicate", "--yes", "-o", "json"},
                              billing.conninfo);
        REQUIRE_MESSAGE(crypto.exit_code == 0, crypto.err);
        CHECK(crypto.json()["status"] == "manual");
        CHECK(crypto.json()["manual"] == true);
        CHECK(crypto.err.find("by hand") != std::string::npos);
        CHECK(payment_field(su, 2, "status") == "refunded");
        CHECK(fake.refunds_made == 2);
    }

    TEST_CASE("refund bad input and refusals change nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        insert_payments(su);
        testing::FakeStripe fake;
        auto env = stripe_env(fake);
        auto refund = [&](std::vector<std::string> args, const std::string& conninfo = {}) {
            args.insert(args.begin(), {"payments", "refund"});
            args.push_back("--yes");
            return run_ctl(args, conninfo.empty() ? tdb.conninfo : conninfo, env).exit_code;
        };
        CHECK(refund({"5", "--amount", "-1", "--reason", "x"}) == 2);
        CHECK(refund({"5", "--amount", "0", "--reason", "x"}) == 2);
        CHECK(refund({"5", "--amount", "100.01", "--reason", "x"}) == 2);
        CHECK(refund({"5", "--amount", "1.234", "--reason", "x"}) == 2);
        CHECK(refund({"5"}) == 2);                          // no --reason
        CHECK(refund({"3", "--reason", "x"}) == 4);         // failed payment
        CHECK(refund({"4", "--reason", "x"}) == 4);         // pending payment
        CHECK(refund({"999", "--reason", "x"}) == 3);
        testing::Operator viewer(tdb, "viewer");
        CHECK(refund({"5", "--reason", "x"}, viewer.conninfo) == 5);
        CHECK(fake.requests() == 0);
        auto dry = run_ctl({"payments", "refund", "5", "--reason", "x", "--dry-run", "-o", "json"}, tdb.conninfo, env);
        CHECK(dry.exit_code == 0);
        CHECK(dry.err.find("dry run") != std::string::npos);
        CHECK(fake.requests() == 0);
        CHECK(su.exec("SELECT count(*) FROM refunds")[0].int64(0) == 0);
        CHECK(payment_field(su, 5, "status") == "succeeded");
        // Stripe unreachable: exit 6, nothing recorded.
        auto down = run_ctl({"payments", "refund", "5", "--reason", "x", "--yes"}, tdb.conninfo,
                            {{"CTL_STRIPE_API_URL", "http://127.0.0.1:1"}, {"CTL_STRIPE_API_KEY", "sk"}});
        CHECK(down.exit_code == 6);
        CHECK(su.exec("SELECT count(*) FROM refunds")[0].int64(0) == 0);
        CHECK(run_ctl({"payments", "refund", "5", "--reason", "x", "--yes"}, tdb.conninfo,
                      {{"CTL_STRIPE_API_URL", fake.url()}, {"CTL_STRIPE_API_KEY", "sk_wrong"}})
                  .exit_code == 2);
        CHECK(su.exec("SELECT count(*) FROM refunds")[0].int64(0) == 0);
    }

    TEST_CASE("twenty simultaneous refunds of one payment make exactly one") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::FakeStripe fake;
        auto env = stripe_env(fake);
        std::vector<int> codes(20, -1);
        std::vector<std::string> errors(20);
        std::vector<std::thread> threads;
        for (int i = 0; i < 20; ++i)
            threads.emplace_back([&, i] {
                auto r = run_ctl({"payments", "refund", "1", "--reason", "race", "--yes"}, tdb.conninfo, env);
                codes[static_cast<std::size_t>(i)] = r.exit_code;
                errors[static_cast<std::size_t>(i)] = r.err;
            });
        for (auto& t : threads) t.join();
        int ok = 0, conflict = 0;
        for (std::size_t i = 0; i < 20; ++i) {
            if (codes[i] == 0) ++ok;
            if (codes[i] == 4) {
                ++conflict;
                CHECK(errors[i].find("already refunded") != std::string::npos);
            }
        }
        CHECK(ok == 1);
        CHECK(conflict == 19);
        CHECK(fake.refunds_made == 1);
        CHECK(su.exec("SELECT count(*) FROM refunds")[0].int64(0) == 1);
        CHECK(payment_field(su, 1, "refunded_cents") == "1900");
        CHECK(payment_field(su, 1, "status") == "refunded");
    }

    TEST_CASE("simultaneous partial refunds never add up to more than the payment") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);  // payment 1: 19.00 USD
        testing::FakeStripe fake;
        auto env = stripe_env(fake);
        std::vector<int> codes(10, -1);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < codes.size(); ++i)
            threads.emplace_back([&, i] {
                codes[i] = run_ctl({"payments", "refund", "1", "--amount", "5.00", "--reason", "race", "--yes"},
                                   tdb.conninfo, env)
                               .exit_code;
            });
        for (auto& t : threads) t.join();
        CHECK(std::count(codes.begin(), codes.end(), 0) == 3);
        CHECK(std::count(codes.begin(), codes.end(), 4) == 7);
        CHECK(fake.refunds_made == 3);
        CHECK(payment_field(su, 1, "refunded_cents") == "1500");
        CHECK(payment_field(su, 1, "status") == "partially_refunded");
        CHECK(su.exec("SELECT sum(amount_cents) FROM refunds WHERE payment_id = 1")[0].int64(0) == 1500);
    }

    TEST_CASE("a refund retried after a provider timeout or outage refunds once at Stripe") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::FakeStripe fake;
        auto env = stripe_env(fake);
        // Stripe keeps failing: ctl gives up (6) and records nothing.
        fake.fail_next = 100;
        auto down = run_ctl({"payments", "refund", "1", "--reason", "t", "--yes"}, tdb.conninfo, env);
        CHECK(down.exit_code == 6);
        CHECK(su.exec("SELECT count(*) FROM refunds")[0].int64(0) == 0);
        fake.fail_next = 0;
        // The first answer is too slow: the client times out and sends the same key again; Stripe
        // replays its refund instead of making a second one.
        fake.delay_first_ms = 2500;
        auto slow = run_ctl({"payments", "refund", "1", "--reason", "t", "--yes", "--timeout", "1", "-o", "json"},
                            tdb.conninfo, env);
        REQUIRE_MESSAGE(slow.exit_code == 0, slow.err);
        CHECK(fake.refunds_made == 1);
        auto calls = fake.calls_by_key();
        CHECK(calls.size() == 1);
        CHECK(calls["ctl-refund-1-1"] >= 5);  // 4 failed attempts, the timed-out one and its replay
        CHECK(slow.json()["provider_refund_id"] == "re_1");
        CHECK(su.exec("SELECT count(*) FROM refunds")[0].int64(0) == 1);
    }

    TEST_CASE("manual entry, mark-paid and retry") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        insert_payments(su);
        testing::Operator billing(tdb, "billing");
        testing::FakeStripe fake;
        auto env = stripe_env(fake);

        auto manual = run_ctl({"payments", "manual", "--user", "zoe@mail.co.za", "--amount", "49.00", "--currency", "zar",
                               "--reference", "EFT-2026-11-21", "--reason", "support case 12", "-o", "json"},
                              billing.conninfo);
        REQUIRE_MESSAGE(manual.exit_code == 0, manual.err);
        auto id = manual.json()["payment_id"].get<int>();
        CHECK(payment_field(su, id, "status") == "succeeded");
        CHECK(payment_field(su, id, "currency") == "ZAR");
        CHECK(run_ctl({"payments", "manual", "--user", "5", "--amount", "49.00", "--currency", "ZAR", "--reference",
                       "EFT-2026-11-21", "--reason", "again"},
                      billing.conninfo)
                  .exit_code == 4);
        CHECK(run_ctl({"payments", "manual", "--user", "5", "--amount", "49.00", "--currency", "RANDS", "--reference",
                       "x", "--reason", "r"},
                      billing.conninfo)
                  .exit_code == 2);
        CHECK(run_ctl({"payments", "manual", "--user", "5", "--amount", "0", "--currency", "ZAR", "--reference", "y",
                       "--reason", "r"},
                      billing.conninfo)
                  .exit_code == 2);
        CHECK(su.exec("SELECT count(*) FROM payments WHERE user_id = 5")[0].int64(0) == 2);

        auto paid = run_ctl({"payments", "mark-paid", "4", "--reason", "bank confirmed", "-o", "json"}, billing.conninfo);
        REQUIRE_MESSAGE(paid.exit_code == 0, paid.err);
        CHECK(payment_field(su, 4, "status") == "succeeded");
        auto already = run_ctl({"payments", "mark-paid", "4", "--reason", "again"}, billing.conninfo);
        CHECK(already.exit_code == 0);
        CHECK(already.err.find("already paid") != std::string::npos);
        CHECK(run_ctl({"payments", "mark-paid", "4"}, billing.conninfo).exit_code == 2);

        fake.confirm_status = "requires_payment_method";
        auto declined = run_ctl({"payments", "retry", "3"}, billing.conninfo, env);
        CHECK(declined.exit_code == 1);
        CHECK(declined.err.find("declined") != std::string::npos);
        CHECK(payment_field(su, 3, "status") == "failed");
        fake.confirm_status = "succeeded";
        su.exec("UPDATE payments SET updated_at = updated_at + interval '1 minute' WHERE id = 3");
        auto retried = run_ctl({"payments", "retry", "pi_failed", "-o", "json"}, billing.conninfo, env);
        REQUIRE_MESSAGE(retried.exit_code == 0, retried.err);
        CHECK(payment_field(su, 3, "status") == "succeeded");
        CHECK(fake.confirms_made == 2);
        CHECK(run_ctl({"payments", "retry", "3"}, billing.conninfo, env).exit_code == 0);  // already paid
        CHECK(run_ctl({"payments", "retry", "2"}, billing.conninfo, env).exit_code == 4);  // not Stripe
        CHECK(fake.confirms_made == 2);
    }
}
