// billing::refund_payment as a library call (also used by `agents delete --refund`), against a
// local fake of Stripe.

#include "config/config.hpp"
#include "domain/refunds.hpp"
#include "support/fakes/stripe.hpp"
#include "support/fixtures.hpp"
#include "support/pg_harness.hpp"

#include <doctest/doctest.h>

using namespace ctl;

namespace {

config::Config config_for(const testing::FakeStripe& fake) {
    std::map<std::string, std::string> vars = {{"CTL_STRIPE_API_URL", fake.url()}, {"CTL_STRIPE_API_KEY", fake.key()}};
    return config::Config::from_text("", std::nullopt, [vars](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        return it == vars.end() ? std::nullopt : std::optional(it->second);
    });
}

std::string cell(const billing::ActionResult& r, const std::string& name) {
    for (std::size_t i = 0; i < r.columns.size(); ++i)
        if (r.columns[i].name == name) return r.row[i].value.value_or("NULL");
    return "?";
}

}  // namespace

TEST_SUITE("billing refunds") {
    TEST_CASE("billing::refund_payment: dry run, partial, the rest, then already refunded") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);  // payment 1: Stripe pi_123, 19.00 USD
        testing::FakeStripe fake;
        auto cfg = config_for(fake);
        http::Client client;

        billing::RefundRequest dry{1, 500, "agent deleted", true, "agents delete"};
        auto d = billing::refund_payment(conn, dry, cfg, client);
        CHECK(d.changed);  // a dry run tells what would happen
        CHECK(fake.requests() == 0);
        CHECK(conn.exec("SELECT count(*) FROM refunds")[0].int64(0) == 0);

        billing::RefundRequest part{1, 500, "agent deleted", false, "agents delete"};
        auto p = billing::refund_payment(conn, part, cfg, client);
        CHECK(p.changed);
        CHECK(cell(p, "payment_status") == "partially_refunded");
        CHECK(cell(p, "idempotency_key") == "ctl-refund-1-1");
        auto rest = billing::refund_payment(conn, {1, std::nullopt, "agent deleted", false, "agents delete"}, cfg, client);
        CHECK(cell(rest, "amount") == "1400 USD");
        CHECK(cell(rest, "payment_status") == "refunded");
        CHECK_THROWS_AS(billing::refund_payment(conn, {1, std::nullopt, "again", false}, cfg, client), Conflict);
        CHECK_THROWS_AS(billing::refund_payment(conn, {1, 0, "zero", false}, cfg, client), UsageError);
        CHECK_THROWS_AS(billing::refund_payment(conn, {1, std::nullopt, "", false}, cfg, client), UsageError);
        CHECK_THROWS_AS(billing::refund_payment(conn, {42, std::nullopt, "r", false}, cfg, client), NotFound);
        auto audit = conn.exec("SELECT count(*) FROM audit_log WHERE entity_type = 'refunds' AND command = 'agents delete'");
        CHECK(audit[0].int64(0) == 2);
        CHECK(fake.refunds_made == 2);
    }

    TEST_CASE("billing::refund_payment: a refund Stripe reports failed is kept, the payment unchanged") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);
        testing::FakeStripe fake;
        fake.refund_status = "failed";
        auto cfg = config_for(fake);
        http::Client client;
        CHECK_THROWS_AS(billing::refund_payment(conn, {1, std::nullopt, "r", false}, cfg, client), Error);
        auto r = conn.exec("SELECT r.status, p.status, p.refunded_cents FROM refunds r JOIN payments p ON p.id = r.payment_id");
        REQUIRE(r.rows() == 1);
        CHECK(r[0].text(0) == "failed");
        CHECK(r[0].text(1) == "succeeded");
        CHECK(r[0].int64(2) == 0);
        // The next attempt takes the next key: Stripe makes a new refund.
        fake.refund_status = "succeeded";
        auto ok = billing::refund_payment(conn, {1, std::nullopt, "r", false}, cfg, client);
        CHECK(cell(ok, "idempotency_key") == "ctl-refund-1-2");
    }
}
