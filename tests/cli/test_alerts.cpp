// ctl alerts: rules fire and clear on crafted data, --check exit codes, ack, and --notify once
// per alert per day to a local fake webhook and SMTP server.

#include "support/fake_smtp.hpp"
#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using namespace ctl;
using testing::run_ctl;

namespace {

class FakeWebhook {
public:
    FakeWebhook() {
        m_server.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_mutex);
            keys.push_back(req.get_header_value("Idempotency-Key"));
            bodies.push_back(nlohmann::json::parse(req.body, nullptr, false));
            res.set_content("{}", "application/json");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeWebhook() {
        m_server.stop();
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/hook"; }
    std::vector<std::string> keys;
    std::vector<nlohmann::json> bodies;

private:
    httplib::Server m_server;
    std::mutex m_mutex;
    std::thread m_thread;
    int m_port = 0;
};

std::set<std::string> ids(const nlohmann::json& alerts) {
    std::set<std::string> out;
    for (const auto& a : alerts) out.insert(a["id"].get<std::string>());
    return out;
}

bool has_prefix(const std::set<std::string>& s, const std::string& prefix) {
    for (const auto& x : s)
        if (x.rfind(prefix, 0) == 0) return true;
    return false;
}

void craft_problems(db::Connection& su) {
    su.exec_script(R"sql(
        INSERT INTO payments (id, user_id, provider, amount_cents, currency, status, created_at) VALUES
          (10, 1, 'nowpayments', 4900, 'USD', 'pending', now() - interval '2 hours'),
          (11, 3, 'stripe', 1900, 'USD', 'pending', now() - interval '5 minutes'),
          (12, 3, 'stripe', 1900, 'USD', 'failed', now() - interval '1 hour'),
          (13, 3, 'stripe', 1900, 'USD', 'failed', now() - interval '3 days');
        INSERT INTO deployments (id, agent_id, user_id, status, created_at, finished_at, error)
          VALUES (20, 1, 1, 'failed', now() - interval '2 hours', now() - interval '1 hour', 'bot token rejected');
        INSERT INTO popia_requests (id, user_id, kind, opened_at, due_at)
          VALUES (30, 3, 'erasure', now() - interval '40 days', now() - interval '10 days');
        INSERT INTO errors (source, message, created_at) SELECT 'api', 'boom', now() - interval '1 minute' FROM generate_series(1, 25);
        INSERT INTO usage (user_id, day, minutes) VALUES (3, (now() AT TIME ZONE 'UTC')::date, 550);
    )sql");
}

}  // namespace

TEST_SUITE("cli alerts") {
    TEST_CASE("alerts fire on crafted data, clear when fixed, and --check exits 10 while any is open") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator viewer(tdb, "viewer");
        testing::Operator support(tdb, "support");
        auto quiet = run_ctl({"alerts", "--check", "-o", "json"}, viewer.conninfo);
        REQUIRE_MESSAGE(quiet.exit_code == 0, quiet.err);
        CHECK(quiet.json().empty());

        craft_problems(su);
        auto r = run_ctl({"alerts", "--check", "-o", "json"}, viewer.conninfo);
        CHECK(r.exit_code == 10);
        auto open = ids(r.json());
        CHECK(open.count("payment_pending/10"));
        CHECK_FALSE(open.count("payment_pending/11"));
        CHECK(open.count("payment_failed/12"));
        CHECK_FALSE(open.count("payment_failed/13"));
        CHECK(open.count("deploy_failed/20"));
        CHECK(open.count("popia_overdue/30"));
        CHECK(has_prefix(open, "error_spike/"));
        CHECK(has_prefix(open, "quota/3/minutes/90/"));
        CHECK(r.json()[0]["severity"] == "critical");

        su.exec_script("UPDATE payments SET status = 'succeeded' WHERE id = 10; "
                       "UPDATE popia_requests SET status = 'closed', closed_at = now() WHERE id = 30;");
        auto after = ids(run_ctl({"alerts", "-o", "json"}, viewer.conninfo).json());
        CHECK_FALSE(after.count("payment_pending/10"));
        CHECK_FALSE(after.count("popia_overdue/30"));
        CHECK(after.count("payment_failed/12"));

        CHECK(run_ctl({"alerts", "ack", "payment_failed/12"}, support.conninfo).exit_code == 2);
        CHECK(run_ctl({"alerts", "ack", "payment_failed/99", "--reason", "x"}, support.conninfo).exit_code == 3);
        CHECK(run_ctl({"alerts", "ack", "payment_failed/12", "--reason", "x"}, viewer.conninfo).exit_code == 5);
        auto ack = run_ctl({"alerts", "ack", "payment_failed/12", "--reason", "customer retried by card"}, support.conninfo);
        REQUIRE_MESSAGE(ack.exit_code == 0, ack.err);
        auto again = run_ctl({"alerts", "ack", "payment_failed/12", "--reason", "again"}, support.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already acknowledged") != std::string::npos);
        CHECK_FALSE(ids(run_ctl({"alerts", "-o", "json"}, viewer.conninfo).json()).count("payment_failed/12"));
        auto all = run_ctl({"alerts", "--all", "-o", "json"}, viewer.conninfo).json();
        bool seen = false;
        for (const auto& a : all)
            if (a["id"] == "payment_failed/12") {
                seen = true;
                CHECK(a["acked"] == true);
                CHECK(a["ack_reason"] == "customer retried by card");
            }
        CHECK(seen);
        CHECK(su.exec("SELECT count(*) FROM audit_log WHERE entity_type = 'alert_acks'")[0].int64(0) == 1);

        su.exec_script("DELETE FROM errors; DELETE FROM usage; "
                       "UPDATE deployments SET created_at = now() - interval '3 days', finished_at = now() - interval '2 days';");
        CHECK(run_ctl({"alerts", "--check"}, viewer.conninfo).exit_code == 0);
    }

    TEST_CASE("alerts --notify sends each alert once per day to the webhook and by e-mail") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        craft_problems(su);
        FakeWebhook hook;
        testing::FakeSmtp smtp;
        su.exec("UPDATE settings SET value = to_jsonb($1::text) WHERE key = 'alerts.webhook_url'", {hook.url()});
        su.exec("UPDATE settings SET value = to_jsonb('ops@example.com'::text) WHERE key = 'alerts.notify_email'");
        std::map<std::string, std::string> env = {{"CTL_EMAIL_PROVIDER", "smtp"},
                                                  {"CTL_EMAIL_SMTP_URL", smtp.url()},
                                                  {"CTL_EMAIL_FROM", "ctl <ctl@example.com>"}};
        auto open = run_ctl({"alerts", "-o", "json"}, support.conninfo).json().size();
        REQUIRE(open >= 6);
        auto first = run_ctl({"alerts", "--notify", "-o", "json"}, support.conninfo, env);
        REQUIRE_MESSAGE(first.exit_code == 0, first.err);
        CHECK(hook.bodies.size() == open);
        CHECK(smtp.messages().size() == open);
        std::set<std::string> keys(hook.keys.begin(), hook.keys.end());
        CHECK(keys.size() == open);
        CHECK(hook.keys[0].find('@') != std::string::npos);

        auto second = run_ctl({"alerts", "--notify", "--check"}, support.conninfo, env);
        CHECK(second.exit_code == 10);
        CHECK(second.err.find("already sent today") != std::string::npos);
        CHECK(hook.bodies.size() == open);
        CHECK(smtp.messages().size() == open);
        CHECK(su.exec("SELECT count(*) FROM alert_notifications")[0].int64(0) == static_cast<long long>(2 * open));
        auto log = su.exec("SELECT count(*), count(*) FILTER (WHERE status = 'sent' AND provider = 'smtp' AND "
                           "template = 'alert' AND to_address = 'ops@example.com' AND provider_id IS NOT NULL) "
                           "FROM email_log");
        CHECK(log[0].int64(0) == static_cast<long long>(open));
        CHECK(log[0].int64(1) == static_cast<long long>(open));
        auto message = smtp.messages().at(0).data;
        std::string id(su.exec("SELECT provider_id FROM email_log ORDER BY id LIMIT 1")[0].text(0));
        CHECK(message.find("Message-ID: <" + id + ">") != std::string::npos);
    }

    TEST_CASE("alerts --notify: a failed e-mail is logged as failed and sent on the next run") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        su.exec_script("INSERT INTO payments (id, user_id, provider, amount_cents, currency, status, created_at) "
                       "VALUES (10, 1, 'nowpayments', 4900, 'USD', 'pending', now() - interval '2 hours');"
                       "UPDATE settings SET value = to_jsonb('ops@example.com'::text) WHERE key = 'alerts.notify_email';");
        testing::FakeSmtp smtp("relay", "relay-pw");
        std::map<std::string, std::string> env = {{"CTL_EMAIL_PROVIDER", "smtp"},
                                                  {"CTL_EMAIL_SMTP_URL", smtp.url()},
                                                  {"CTL_EMAIL_FROM", "ctl <ctl@example.com>"}};
        auto open = run_ctl({"alerts", "-o", "json"}, support.conninfo).json().size();
        REQUIRE(open >= 1);
        // No login: the relay refuses every message.
        auto refused = run_ctl({"alerts", "--notify"}, support.conninfo, env);
        CHECK(refused.exit_code == 6);
        CHECK(refused.err.find("sent on the next run") != std::string::npos);
        CHECK(smtp.messages().empty());
        CHECK(su.exec("SELECT count(*) FROM email_log WHERE status = 'failed' AND template = 'alert' AND error <> ''")[0]
                  .int64(0) == static_cast<long long>(open));
        CHECK(su.exec("SELECT count(*) FROM alert_notifications")[0].int64(0) == 0);

        env["CTL_EMAIL_SMTP_USER"] = "relay";
        env["CTL_EMAIL_SMTP_PASSWORD"] = "relay-pw";
        auto ok = run_ctl({"alerts", "--notify"}, support.conninfo, env);
        REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
        CHECK(smtp.messages().size() == open);
        CHECK(su.exec("SELECT count(*) FROM email_log WHERE status = 'sent' AND template = 'alert'")[0].int64(0) ==
              static_cast<long long>(open));
        CHECK(su.exec("SELECT count(*) FROM alert_notifications WHERE channel = 'email'")[0].int64(0) ==
              static_cast<long long>(open));
        CHECK(run_ctl({"alerts", "--notify"}, support.conninfo, env).exit_code == 0);
        CHECK(su.exec("SELECT count(*) FROM email_log")[0].int64(0) == static_cast<long long>(2 * open));
        CHECK(smtp.messages().size() == open);

        // A run that died after claiming an alert and before hearing from the relay left its row
        // queued: a recent one is left alone (that run may still be sending), one older than ten
        // minutes is closed as failed and the alert e-mailed again, once.
        su.exec("UPDATE email_log SET status = 'queued', provider_id = NULL WHERE id = (SELECT max(id) FROM email_log "
                "WHERE status = 'sent' AND template = 'alert')");
        CHECK(run_ctl({"alerts", "--notify"}, support.conninfo, env).exit_code == 0);
        CHECK(smtp.messages().size() == open);
        su.exec("UPDATE email_log SET created_at = now() - interval '11 minutes' WHERE status = 'queued'");
        auto resumed = run_ctl({"alerts", "--notify"}, support.conninfo, env);
        REQUIRE_MESSAGE(resumed.exit_code == 0, resumed.err);
        CHECK(smtp.messages().size() == open + 1);
        CHECK(su.exec("SELECT count(*) FROM email_log WHERE status = 'failed' AND error LIKE 'interrupted%'")[0].int64(0) == 1);
        CHECK(su.exec("SELECT count(*) FROM email_log WHERE status = 'queued'")[0].int64(0) == 0);
        CHECK(run_ctl({"alerts", "--notify"}, support.conninfo, env).exit_code == 0);
        CHECK(smtp.messages().size() == open + 1);
    }
}
