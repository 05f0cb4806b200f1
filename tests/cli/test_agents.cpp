// ctl agents through the real binary, as operators of each role; redeploy against the fake Devin.

#include "support/agents_fixture.hpp"
#include "support/fakes/devin_server.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

using namespace ctl;
using testing::run_ctl;

namespace {

std::vector<long long> ids_of(const nlohmann::json& rows, const char* key = "id") {
    std::vector<long long> out;
    for (const auto& r : rows) out.push_back(r[key].get<long long>());
    return out;
}

long long audit_rows(db::Connection& c) { return c.exec("SELECT count(*) FROM audit_log")[0].int64(0); }

}  // namespace

TEST_SUITE("cli agents") {
    TEST_CASE("agents list filters by status, tier, owner, subscription and search, newest first, with paging") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::Operator viewer(tdb, "viewer");
        auto list = [&](std::vector<std::string> args) {
            args.insert(args.begin(), {"agents", "list"});
            args.insert(args.end(), {"-o", "json"});
            auto r = run_ctl(args, viewer.conninfo);
            REQUIRE_MESSAGE(r.exit_code == 0, r.err);
            return ids_of(r.json());
        };
        CHECK(list({}) == std::vector<long long>{4, 3, 2, 1});
        CHECK(list({"--status", "failed"}) == std::vector<long long>{2});
        CHECK(list({"--tier", "pro"}) == std::vector<long long>{3, 2});
        CHECK(list({"--owner", "carol@zeta.dev"}) == std::vector<long long>{3, 2});
        CHECK(list({"--subscription", "active"}) == std::vector<long long>{1});
        CHECK(list({"--subscription", "expiring"}) == std::vector<long long>{2});
        CHECK(list({"--subscription", "expired"}) == std::vector<long long>{4, 3});
        CHECK(list({"--search", "ACME"}) == std::vector<long long>{1});   // owner e-mail
        CHECK(list({"--search", "tutor"}) == std::vector<long long>{4});  // agent name
        CHECK(list({"--search", "%"}).empty());                           // literal fragment
        // Search with the other filters: on both ways of finding matches (a page found among the
        // newest agents, or all the matches collected).
        CHECK(list({"--search", "zeta", "--tier", "pro"}) == std::vector<long long>{3, 2});
        CHECK(list({"--search", "zeta", "--subscription", "expiring", "--limit", "1"}) == std::vector<long long>{2});
        CHECK(list({"--search", "zeta", "--status", "failed", "--limit", "1"}) == std::vector<long long>{2});
        // More matches than the limit: the first pass over the newest agents answers, cursor and all.
        auto first = run_ctl({"agents", "list", "--search", "zeta", "--limit", "1", "-o", "json"}, viewer.conninfo);
        REQUIRE(first.exit_code == 0);
        CHECK(ids_of(first.json()) == std::vector<long long>{3});
        auto next = first.err.substr(first.err.find("--after ") + 8);
        next = next.substr(0, next.find('\n'));
        CHECK(list({"--search", "zeta", "--limit", "1", "--after", next}) == std::vector<long long>{2});

        auto page = run_ctl({"agents", "list", "--limit", "3", "-o", "json"}, viewer.conninfo);
        REQUIRE(page.exit_code == 0);
        CHECK(ids_of(page.json()) == std::vector<long long>{4, 3, 2});
        auto at = page.err.find("--after ");
        REQUIRE(at != std::string::npos);
        auto cursor = page.err.substr(at + 8, page.err.find('\n', at) - at - 8);
        CHECK(list({"--limit", "3", "--after", cursor}) == std::vector<long long>{1});

        auto one = run_ctl({"agents", "list", "--status", "active", "-o", "json"}, viewer.conninfo).json()[0];
        CHECK(one["owner"] == "alice@acme.io");
        CHECK(one["subscription"] == "active");
        CHECK(one["bot_username"] == "acme_sales_bot");
        CHECK(run_ctl({"agents", "list", "--status", "bogus"}, viewer.conninfo).exit_code == 2);
        CHECK(run_ctl({"agents", "list", "--owner", "nobody@x.io"}, viewer.conninfo).exit_code == 3);
        CHECK(run_ctl({"agents", "list", "--after", "garbage"}, viewer.conninfo).exit_code == 2);
        // The owner's e-mail is copied onto each agent: a support engineer's edit of the address
        // reaches the agents at once, without an audit row of its own for them; so does a move
        // of an agent to another owner.
        testing::Operator support(tdb, "support");
        auto agent_audits = [&] {
            return su.exec("SELECT count(*) FROM audit_log WHERE entity_type = 'agents'")[0].int64(0);
        };
        auto before = agent_audits();
        auto edit = run_ctl({"users", "edit", "alice@acme.io", "--email", "alice@quokka.dev", "--reason", "new domain"},
                            support.conninfo);
        REQUIRE_MESSAGE(edit.exit_code == 0, edit.err);
        CHECK(list({"--search", "QUOKKA"}) == std::vector<long long>{1});
        CHECK(list({"--search", "acme.io"}).empty());
        CHECK(agent_audits() == before);
        su.exec("UPDATE agents SET user_id = (SELECT id FROM users WHERE email = 'carol@zeta.dev') WHERE id = 1");
        CHECK(list({"--search", "quokka"}).empty());
        CHECK(list({"--search", "zeta", "--limit", "0"}) == std::vector<long long>{3, 2, 1});
    }

    TEST_CASE("agents show: owner, subscription with next billing, bot link, deployments with durations") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::Operator viewer(tdb, "viewer");
        auto r = run_ctl({"agents", "show", "1", "-o", "json"}, viewer.conninfo);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        auto doc = r.json();
        CHECK(doc["agent"]["telegram_link"] == "https://t.me/acme_sales_bot");
        CHECK(doc["owner"]["email"] == "alice@acme.io");
        CHECK(doc["subscription"]["plan"] == "matt-monthly");
        CHECK(doc["subscription"]["next_billing_at"] == doc["subscription"]["current_period_end"]);
        REQUIRE(doc["deployments"].size() == 1);
        CHECK(doc["deployments"][0]["duration_s"] == 600);
        CHECK(doc["deployments"][0]["bot_username"] == "acme_sales_bot");
        auto failed = run_ctl({"agents", "show", "2", "-o", "json"}, viewer.conninfo).json();
        REQUIRE(failed["deployments"].size() == 2);
        CHECK(failed["deployments"][0]["status"] == "expired");  // newest attempt first
        CHECK(failed["deployments"][1]["error"] == "Telegram rejected the bot token");
        auto table = run_ctl({"agents", "show", "1"}, viewer.conninfo);
        CHECK(table.out.find("10m 00s") != std::string::npos);
        CHECK(run_ctl({"agents", "show", "999"}, viewer.conninfo).exit_code == 3);
        CHECK(run_ctl({"agents", "show", "abc"}, viewer.conninfo).exit_code == 2);
    }

    TEST_CASE("agents edit, verify, cancel and delete: roles, idempotence, audit, refusals change nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::Operator support(tdb, "support");
        testing::Operator billing(tdb, "billing");
        testing::Operator admin(tdb, "admin");

        auto before = audit_rows(su);
        CHECK(run_ctl({"agents", "edit", "2", "--tier", "enterprise"}, support.conninfo).exit_code == 5);
        CHECK(run_ctl({"agents", "edit", "2"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"agents", "edit", "2", "--tier", "gold"}, admin.conninfo).exit_code == 2);
        CHECK(audit_rows(su) == before);
        auto e = run_ctl({"agents", "edit", "2", "--name", "Help desk", "--purpose", "", "--tier", "enterprise", "-o",
                          "json", "--reason", "upgrade"},
                         admin.conninfo);
        REQUIRE_MESSAGE(e.exit_code == 0, e.err);
        CHECK(e.json()["name"] == "Help desk");
        CHECK(e.json()["purpose"].is_null());
        CHECK(e.json()["tier"] == "enterprise");
        auto trail = su.exec("SELECT command, reason FROM audit_log WHERE entity_type = 'agents' AND entity_id = '2' "
                             "ORDER BY id DESC LIMIT 1");
        CHECK(trail[0].text(0) == "agents edit");
        CHECK(trail[0].text(1) == "upgrade");

        CHECK(run_ctl({"agents", "verify", "2"}, support.conninfo).exit_code == 2);  // --reason required
        CHECK(run_ctl({"agents", "verify", "2", "--reason", "phone call"}, support.conninfo).exit_code == 0);
        CHECK(su.exec("SELECT verified AND verified_at IS NOT NULL FROM agents WHERE id = 2")[0].boolean(0));
        auto again = run_ctl({"agents", "verify", "2", "--reason", "again"}, support.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already verified") != std::string::npos);

        CHECK(run_ctl({"agents", "cancel", "2", "--reason", "r", "--yes"}, support.conninfo).exit_code == 5);
        CHECK(run_ctl({"agents", "cancel", "2", "--reason", "r"}, billing.conninfo).exit_code == 2);  // no terminal, no --yes
        auto c = run_ctl({"agents", "cancel", "2", "--reason", "customer asked", "--yes", "-o", "json"}, billing.conninfo);
        REQUIRE_MESSAGE(c.exit_code == 0, c.err);
        CHECK(c.json()["subscriptions_canceled"] == 1);
        CHECK(su.exec("SELECT status FROM subscriptions WHERE id = 2")[0].text(0) == "canceled");
        CHECK(su.exec("SELECT count(*) FROM subscription_events WHERE subscription_id = 2 AND kind = 'canceled' "
                      "AND mrr_cents = 0")[0].int64(0) == 1);
        CHECK(run_ctl({"agents", "cancel", "2", "--reason", "again", "--yes"}, billing.conninfo).exit_code == 0);

        CHECK(run_ctl({"agents", "delete", "1", "--reason", "r", "--yes"}, support.conninfo).exit_code == 5);
        auto busy = run_ctl({"agents", "delete", "3", "--reason", "r", "--yes"}, admin.conninfo);
        CHECK(busy.exit_code == 4);
        CHECK(busy.err.find("ctl devin cancel 31") != std::string::npos);
        CHECK(run_ctl({"agents", "delete", "1", "--reason", "r", "--yes", "--dry-run"}, admin.conninfo).exit_code == 0);
        CHECK(su.exec("SELECT status FROM agents WHERE id = 1")[0].text(0) == "active");
        auto d = run_ctl({"agents", "delete", "1", "--reason", "customer request", "--yes", "-o", "json"}, admin.conninfo);
        REQUIRE_MESSAGE(d.exit_code == 0, d.err);
        CHECK(d.json()["status"] == "deleted");
        CHECK(su.exec("SELECT status FROM subscriptions WHERE id = 1")[0].text(0) == "canceled");
        CHECK(run_ctl({"agents", "delete", "1", "--reason", "r", "--yes"}, admin.conninfo).exit_code == 0);
        CHECK(run_ctl({"agents", "verify", "1", "--reason", "r"}, admin.conninfo).exit_code == 4);

        // --refund refunds the rest of the newest payment through the billing code (a crypto
        // payment: recorded as a manual refund), also when the agent was deleted before; then
        // there is nothing left to refund.
        su.exec("UPDATE payments SET provider = 'nowpayments', provider_payment_id = '5077125051' WHERE id = 1");
        auto rd = run_ctl({"agents", "delete", "1", "--reason", "refund asked", "--yes", "--refund", "-o", "json"},
                          admin.conninfo);
        REQUIRE_MESSAGE(rd.exit_code == 0, rd.err);
        CHECK(rd.err.find("already deleted") != std::string::npos);
        CHECK(su.exec("SELECT status FROM payments WHERE id = 1")[0].text(0) == "refunded");
        CHECK(su.exec("SELECT count(*) FROM refunds WHERE payment_id = 1 AND amount_cents = 1900")[0].int64(0) == 1);
        auto none = run_ctl({"agents", "delete", "1", "--reason", "r", "--yes", "--refund"}, admin.conninfo);
        CHECK(none.exit_code == 0);
        CHECK(none.err.find("no payment left to refund") != std::string::npos);
    }

    TEST_CASE("agents redeploy starts a new attempt with a new Devin session; logs reads its messages") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::Operator support(tdb, "support");
        testing::FakeDevin fake;
        std::map<std::string, std::string> env = {{"CTL_DEVIN_API_URL", fake.url()},
                                                  {"CTL_DEVIN_API_KEY", fake.api_key()}};
        CHECK(run_ctl({"agents", "redeploy", "2", "--reason", "r"}, support.conninfo).exit_code == 2);  // no key
        auto r = run_ctl({"agents", "redeploy", "2", "--reason", "token fixed", "-o", "json"}, support.conninfo, env);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        CHECK(r.json()["attempt"] == 3);
        CHECK(r.json()["status"] == "running");
        CHECK(r.json()["session_id"] == "devin-fake0001");
        auto reqs = fake.requests();
        REQUIRE(reqs.size() == 1);
        CHECK(reqs[0].body["idempotent"] == true);
        CHECK(reqs[0].body["prompt"].get<std::string>().find("Support desk") != std::string::npos);
        CHECK(reqs[0].body["structured_output_schema"]["required"][0] == "bot_username");
        CHECK(su.exec("SELECT status FROM agents WHERE id = 2")[0].text(0) == "deploying");
        CHECK(run_ctl({"agents", "redeploy", "2", "--reason", "again"}, support.conninfo, env).exit_code == 4);
        CHECK(run_ctl({"agents", "redeploy", "4", "--reason", "x"}, support.conninfo, env).exit_code == 4);  // queued

        auto logs = run_ctl({"agents", "logs", "2", "-o", "json"}, support.conninfo, env);
        REQUIRE_MESSAGE(logs.exit_code == 0, logs.err);
        REQUIRE(logs.json().size() == 2);
        CHECK(logs.json()[0]["author"] == "user_message");
        CHECK(logs.json()[1]["message"] == "Creating the Telegram bot");
        CHECK(run_ctl({"agents", "logs", "4"}, support.conninfo, env).exit_code == 3);  // no session yet
    }
}
