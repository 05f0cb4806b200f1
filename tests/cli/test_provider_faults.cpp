// Provider faults (issue 13): the fake Stripe, Devin and Resend servers throttle (429 with
// Retry-After), fail (500), drop connections, answer too late or answer garbage — before doing the
// work, or after it. ctl must retry with backoff within a bounded total wait, say clearly what
// failed, and never make the provider do a thing twice: the fakes count the work per idempotency
// key (Stripe, Resend) or per prompt of an idempotent session request (Devin).

#include "support/agents_fixture.hpp"
#include "support/fakes/devin_server.hpp"
#include "support/fakes/resend.hpp"
#include "support/fakes/stripe.hpp"
#include "support/fixtures.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

using namespace ctl;
using testing::Fault;
using testing::run_ctl;

namespace {

int g_injected = 0;

// Small backoffs keep the tests fast; the policy itself is what is exercised.
std::map<std::string, std::string> with_retries(std::map<std::string, std::string> env, const std::string& max_wait,
                                                int retries = 3) {
    env["CTL_HTTP_RETRIES"] = std::to_string(retries);
    env["CTL_HTTP_RETRY_DELAY"] = "0.05";
    env["CTL_HTTP_MAX_RETRY_WAIT"] = max_wait;
    return env;
}

std::map<std::string, std::string> stripe_env(testing::FakeStripe& fake, const std::string& max_wait = "5") {
    return with_retries({{"CTL_STRIPE_API_URL", fake.url()}, {"CTL_STRIPE_API_KEY", fake.key()}}, max_wait);
}

std::map<std::string, std::string> devin_env(testing::FakeDevin& fake, const std::string& max_wait = "5",
                                             int retries = 3) {
    return with_retries({{"CTL_DEVIN_API_URL", fake.url()}, {"CTL_DEVIN_API_KEY", fake.api_key()}}, max_wait, retries);
}

// The POST /sessions the fake Devin handled (a fault before the work never reaches it).
std::vector<testing::FakeDevin::Seen> session_posts(const testing::FakeDevin& fake) {
    std::vector<testing::FakeDevin::Seen> posts;
    for (auto& seen : fake.requests())
        if (seen.method == "POST" && seen.path == "/sessions") posts.push_back(seen);
    return posts;
}

std::string deployment_status(db::Connection& c, int id) {
    return std::string(c.exec("SELECT status FROM deployments WHERE id = $1", {id})[0].text(0));
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

long long count(db::Connection& c, const char* sql) { return c.exec(sql)[0].int64(0); }

bool one_line(const std::string& err) {
    return std::count(err.begin(), err.end(), '\n') == 1 && err.rfind("ctl: ", 0) == 0;
}

}  // namespace

TEST_SUITE("reliability: provider faults") {
    TEST_CASE("Stripe refund: 429 with Retry-After, 500 and a dropped connection are retried; one refund") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::FakeStripe fake;
        fake.faults.add(Fault::throttle);
        fake.faults.add(Fault::server_error);
        fake.faults.add(Fault::reset);
        auto started = std::chrono::steady_clock::now();
        auto r = run_ctl({"payments", "refund", "1", "--reason", "faults", "--yes", "-o", "json"}, tdb.conninfo,
                         stripe_env(fake));
        double took = seconds_since(started);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        g_injected += fake.faults.injected();
        CHECK(fake.faults.injected() == 3);
        CHECK(took >= 1.0);  // the Retry-After of 1 s was honoured
        CHECK(took < 4.0);
        CHECK(fake.refunds_made == 1);
        CHECK(count(su, "SELECT count(*) FROM refunds") == 1);
        CHECK(count(su, "SELECT count(*) FROM audit_log WHERE entity_type = 'refunds'") == 1);
    }

    TEST_CASE("Stripe refund: an answer lost or late after the refund was made is replayed, not repeated") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        su.exec("INSERT INTO payments (id, user_id, provider, provider_payment_id, amount_cents, currency, status) "
                "VALUES (2, 1, 'stripe', 'pi_456', 2500, 'USD', 'succeeded')");
        testing::FakeStripe fake;
        fake.faults.add(Fault::lost_answer);
        auto lost = run_ctl({"payments", "refund", "1", "--reason", "faults", "--yes"}, tdb.conninfo, stripe_env(fake));
        CHECK_MESSAGE(lost.exit_code == 0, lost.err);
        fake.faults.add(Fault::late_answer);
        auto late = run_ctl({"payments", "refund", "2", "--reason", "faults", "--yes", "--timeout", "1"}, tdb.conninfo,
                            stripe_env(fake));
        CHECK_MESSAGE(late.exit_code == 0, late.err);
        g_injected += fake.faults.injected();
        CHECK(fake.faults.injected() == 2);
        CHECK(fake.refunds_made == 2);  // one per payment, though each was asked for twice
        for (const auto& [key, calls] : fake.calls_by_key()) CHECK_MESSAGE(calls == 2, key << " lost: " << lost.err << " late: " << late.err);
        CHECK(count(su, "SELECT count(*) FROM refunds") == 2);
        CHECK(count(su, "SELECT count(*) FROM payments WHERE status = 'refunded'") == 2);
    }

    TEST_CASE("Stripe refund: a malformed answer exits 6 with nothing recorded; the re-run records the one refund") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::FakeStripe fake;
        fake.faults.add(Fault::malformed);
        long long audited = count(su, "SELECT count(*) FROM audit_log");
        auto bad = run_ctl({"payments", "refund", "1", "--reason", "faults", "--yes"}, tdb.conninfo, stripe_env(fake));
        g_injected += fake.faults.injected();
        CHECK(bad.exit_code == 6);
        CHECK(one_line(bad.err));
        CHECK(bad.err.find("malformed") != std::string::npos);
        CHECK(count(su, "SELECT count(*) FROM refunds") == 0);
        CHECK(count(su, "SELECT count(*) FROM audit_log") == audited);
        auto again = run_ctl({"payments", "refund", "1", "--reason", "faults", "--yes"}, tdb.conninfo, stripe_env(fake));
        CHECK_MESSAGE(again.exit_code == 0, again.err);
        CHECK(fake.refunds_made == 1);
        CHECK(count(su, "SELECT count(*) FROM refunds") == 1);
    }

    TEST_CASE("Stripe refund: a provider that keeps failing is given up on within the bounded wait") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::FakeStripe fake;
        fake.faults.add(Fault::throttle, 10);
        auto started = std::chrono::steady_clock::now();
        auto r = run_ctl({"payments", "refund", "1", "--reason", "faults", "--yes"}, tdb.conninfo, stripe_env(fake, "2"));
        double took = seconds_since(started);
        g_injected += fake.faults.injected();
        CHECK(r.exit_code == 6);
        CHECK(one_line(r.err));
        CHECK(r.err.find("Stripe is unavailable") != std::string::npos);
        CHECK(took >= 1.0);   // it did wait and retry
        CHECK(took < 3.5);    // but no longer than the bound (2 s) allows
        CHECK(fake.faults.injected() >= 2);
        CHECK(fake.faults.injected() <= 3);
        CHECK(fake.refunds_made == 0);
        CHECK(count(su, "SELECT count(*) FROM refunds") == 0);
    }

    TEST_CASE("Devin retry: throttled, failing, dropped and lost session requests make one session") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::FakeDevin fake;
        fake.faults.add(Fault::throttle);
        fake.faults.add(Fault::server_error);
        fake.faults.add(Fault::reset);
        fake.faults.add(Fault::lost_answer);
        auto started = std::chrono::steady_clock::now();
        auto r = run_ctl({"devin", "retry", "22", "--reason", "faults", "-o", "json"}, tdb.conninfo, devin_env(fake, "5", 4));
        double took = seconds_since(started);
        g_injected += fake.faults.injected();
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        CHECK(fake.faults.injected() == 4);
        CHECK(took >= 1.0);  // the Retry-After of 1 s was honoured
        CHECK(took < 4.0);
        // The lost answer's request and its replay reached the fake; Devin made one session.
        auto posts = session_posts(fake);
        REQUIRE(posts.size() == 2);
        for (const auto& p : posts) CHECK(p.body["idempotent"] == true);
        CHECK(posts[0].body["prompt"] == posts[1].body["prompt"]);
        CHECK(fake.session_count() == 1);
        CHECK(r.json()["status"] == "running");
        CHECK(count(su, "SELECT count(*) FROM deployments WHERE agent_id = 2") == 3);
        CHECK(count(su, "SELECT count(DISTINCT devin_session_id) FROM deployments WHERE agent_id = 2 AND status = 'running'") == 1);
    }

    TEST_CASE("Devin: agents redeploy whose session answer comes too late makes one session") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::FakeDevin fake;
        fake.faults.add(Fault::late_answer);
        auto r = run_ctl({"agents", "redeploy", "1", "--reason", "faults", "--timeout", "1"}, tdb.conninfo, devin_env(fake));
        g_injected += fake.faults.injected();
        CHECK_MESSAGE(r.exit_code == 0, r.err);
        CHECK(fake.faults.injected() == 1);
        CHECK(session_posts(fake).size() == 2);
        CHECK(fake.session_count() == 1);
        CHECK(count(su, "SELECT count(*) FROM deployments WHERE agent_id = 1 AND status = 'running'") == 1);
    }

    TEST_CASE("Devin: a garbled answer to the session POST: the attempt finds the session Devin made by its tag") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::FakeDevin fake;
        fake.faults.add(Fault::malformed);  // Devin makes the session, then answers with garbage
        auto r = run_ctl({"agents", "redeploy", "1", "--reason", "faults", "-o", "json"}, tdb.conninfo, devin_env(fake));
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        CHECK(fake.faults.injected() == 1);
        CHECK(fake.session_count() == 1);
        CHECK(session_posts(fake).size() == 1);
        auto running = su.exec("SELECT devin_session_id FROM deployments WHERE agent_id = 1 AND status = 'running'");
        REQUIRE(running.rows() == 1);
        CHECK(running[0].text(0) == "devin-fake0001");

        // With Devin down as well, the attempt fails with the first error and says so.
        su.exec("UPDATE deployments SET status = 'failed', error = 'test' WHERE agent_id = 1 AND status = 'running'");
        fake.faults.add(Fault::malformed);
        fake.faults.add(Fault::server_error, 20);
        auto down = run_ctl({"agents", "redeploy", "1", "--reason", "faults"}, tdb.conninfo, devin_env(fake, "1", 2));
        g_injected += fake.faults.injected();
        CHECK(down.exit_code == 6);
        CHECK(one_line(down.err));
        CHECK(down.err.find("malformed") != std::string::npos);
        CHECK(count(su, "SELECT count(*) FROM deployments WHERE agent_id = 1 AND status IN ('queued', 'running')") == 0);
    }

    TEST_CASE("Devin sync: a timeout and a 500 are retried; a malformed answer exits 6 and changes nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::FakeDevin fake;
        testing::FakeSessionScript script;
        script.statuses = {"working"};
        fake.add_session("devin-run31", script);
        fake.faults.add(Fault::slow);
        fake.faults.add(Fault::server_error);
        auto r = run_ctl({"devin", "sync", "31", "--timeout", "1", "-o", "json"}, tdb.conninfo, devin_env(fake));
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        CHECK(fake.faults.injected() == 2);
        CHECK(r.json()[0]["status_enum"] == "working");

        long long audited = count(su, "SELECT count(*) FROM audit_log");
        fake.faults.add(Fault::malformed);
        auto bad = run_ctl({"devin", "sync", "31"}, tdb.conninfo, devin_env(fake));
        g_injected += fake.faults.injected();
        CHECK(bad.exit_code == 6);
        CHECK(one_line(bad.err));
        CHECK(bad.err.find("Devin sent a malformed answer") != std::string::npos);
        CHECK(deployment_status(su, 31) == "running");
        CHECK(count(su, "SELECT count(*) FROM audit_log") == audited);
        auto again = run_ctl({"devin", "sync", "31"}, tdb.conninfo, devin_env(fake));
        CHECK_MESSAGE(again.exit_code == 0, again.err);
        CHECK(fake.polls("devin-run31") == 3);
    }

    TEST_CASE("Devin: a provider that keeps failing is given up on within the bounded wait") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::FakeDevin fake;
        fake.faults.add(Fault::throttle, 10);
        auto started = std::chrono::steady_clock::now();
        auto r = run_ctl({"devin", "retry", "22", "--reason", "faults"}, tdb.conninfo, devin_env(fake, "2"));
        double took = seconds_since(started);
        g_injected += fake.faults.injected();
        CHECK(r.exit_code == 6);
        CHECK(one_line(r.err));
        CHECK(r.err.find("Devin is unavailable") != std::string::npos);
        CHECK(took >= 1.0);  // it did wait and retry
        CHECK(took < 3.5);   // but no longer than the bound (2 s) allows
        CHECK(fake.faults.injected() >= 2);
        CHECK(fake.faults.injected() <= 3);
        CHECK(fake.session_count() == 0);
        // The attempt is recorded as failed, with Devin's answer, and can be retried.
        CHECK(su.exec("SELECT status FROM deployments WHERE agent_id = 2 ORDER BY attempt DESC LIMIT 1")[0].text(0) ==
              "failed");
    }

    TEST_CASE("Resend: throttled, failing and dropped sends are retried; an answer lost after sending is replayed") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::FakeResendInbox inbox;
        auto env = with_retries({{"CTL_EMAIL_API_URL", inbox.url()},
                                 {"CTL_EMAIL_API_KEY", "re_test_key"},
                                 {"CTL_EMAIL_FROM", "ops <ops@example.com>"}},
                                "5", 4);
        inbox.faults.add(Fault::throttle);
        inbox.faults.add(Fault::server_error);
        inbox.faults.add(Fault::reset);
        inbox.faults.add(Fault::lost_answer);
        auto r = run_ctl({"email", "send", "--user", "carol@zeta.dev", "--template", "welcome", "--yes"}, tdb.conninfo, env);
        g_injected += inbox.faults.injected();
        CHECK_MESSAGE(r.exit_code == 0, r.err);
        CHECK(inbox.faults.injected() == 4);
        CHECK(inbox.delivered.size() == 1);
        REQUIRE(inbox.calls.size() == 1);
        CHECK(inbox.calls.begin()->second == 2);  // the lost answer's request and its replay
        CHECK(count(su, "SELECT count(*) FROM email_log WHERE status = 'sent'") == 1);
        // A re-run sends nothing more.
        auto again = run_ctl({"email", "send", "--user", "carol@zeta.dev", "--template", "welcome", "--yes"}, tdb.conninfo, env);
        CHECK_MESSAGE(again.exit_code == 0, again.err);
        CHECK(inbox.delivered.size() == 1);
        std::fprintf(stderr, "provider faults: %d faults injected\n", g_injected);
    }
}
