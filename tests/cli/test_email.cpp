// ctl email and users bulk email: templates in the database, sends through SMTP to a local test
// server, the send log and resumable bulk sends.

#include "support/fake_smtp.hpp"
#include "support/fakes/resend.hpp"
#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace ctl;
using testing::run_ctl;

namespace {

std::map<std::string, std::string> smtp_env(const testing::FakeSmtp& server) {
    return {{"CTL_EMAIL_PROVIDER", "smtp"},
            {"CTL_EMAIL_SMTP_URL", server.url()},
            {"CTL_EMAIL_SMTP_USER", "relay"},
            {"CTL_EMAIL_SMTP_PASSWORD", "relay-pw"},
            {"CTL_EMAIL_FROM", "Matt Support <support@example.com>"},
            {"CTL_APP_NAME", "Matt"},
            {"CTL_APP_URL", "https://app.example.com"},
            {"CTL_IMPERSONATION_SECRET", "test-impersonation-secret-0123456789abcdef"}};
}

std::map<std::string, std::string> resend_env(const testing::FakeResendInbox& fake) {
    return {{"CTL_EMAIL_API_URL", fake.url()},
            {"CTL_EMAIL_API_KEY", "re_test_key"},
            {"CTL_EMAIL_FROM", "Support <support@example.com>"},
            {"CTL_HTTP_RETRIES", "2"},
            {"CTL_HTTP_RETRY_DELAY", "0.05"}};
}

std::string temp_file(const std::string& content) {
    char name[] = "/tmp/ctl-test-XXXXXX";
    int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(name) << content;
    return name;
}

}  // namespace

TEST_SUITE("cli email") {
    TEST_CASE("email templates: defaults listed, set checks variables, changes are audited") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::Operator admin(tdb, "admin");
        testing::Operator viewer(tdb, "viewer");
        auto list = run_ctl({"email", "templates", "list", "-o", "json"}, viewer.conninfo);
        REQUIRE_MESSAGE(list.exit_code == 0, list.err);
        std::vector<std::string> names;
        for (auto& t : list.json()) names.push_back(t["name"]);
        CHECK(names == std::vector<std::string>{"invoice", "maintenance_notice", "password_reset", "payment_failed",
                                                "trial_ending", "welcome"});
        auto show = run_ctl({"email", "templates", "show", "welcome", "-o", "json"}, viewer.conninfo);
        REQUIRE(show.exit_code == 0);
        CHECK(show.json()["template"]["variables"] == "app.name,user.name,app.url");

        auto bad = temp_file("Hello {{ user.nmae }}");
        auto r = run_ctl({"email", "templates", "set", "welcome", "--text-file", bad}, admin.conninfo);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("unknown variable {{ user.nmae }}") != std::string::npos);
        CHECK(r.err.find("did you mean {{ user.name }}") != std::string::npos);
        CHECK(run_ctl({"email", "templates", "set", "welcome", "--subject", "Hi {{ user.name }}"}, viewer.conninfo)
                  .exit_code == 5);
        CHECK(run_ctl({"email", "templates", "show", "nope"}, viewer.conninfo).exit_code == 3);
        CHECK(su.exec("SELECT subject FROM email_templates WHERE name = 'welcome'")[0].text(0) == "Welcome to {{ app.name }}");

        auto ok = run_ctl({"email", "templates", "set", "welcome", "--subject", "Hi {{ user.first_name }}", "--reason",
                           "friendlier"},
                          admin.conninfo);
        REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
        CHECK(su.exec("SELECT subject FROM email_templates WHERE name = 'welcome'")[0].text(0) == "Hi {{ user.first_name }}");
        auto audit = su.exec("SELECT command, reason FROM audit_log WHERE entity_type = 'email_templates' "
                             "AND command IS NOT NULL");
        REQUIRE(audit.rows() == 1);
        CHECK(audit[0].text(0) == "email templates set");
        CHECK(audit[0].text(1) == "friendlier");
        auto again = run_ctl({"email", "templates", "set", "welcome", "--subject", "Hi {{ user.first_name }}"}, admin.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already has these contents") != std::string::npos);
        auto incomplete = run_ctl({"email", "templates", "set", "newsletter", "--subject", "News"}, admin.conninfo);
        CHECK(incomplete.exit_code == 2);
        std::remove(bad.c_str());
    }

    TEST_CASE("email send delivers a rendered template over SMTP, logs it and skips it on a re-run") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        testing::FakeSmtp smtp("relay", "relay-pw");
        auto env = smtp_env(smtp);
        auto r = run_ctl({"email", "send", "--user", "carol@zeta.dev", "--template", "welcome", "-o", "json"},
                         support.conninfo, env);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        CHECK(r.json()["sent"] == 1);
        auto got = smtp.messages();
        REQUIRE(got.size() == 1);
        CHECK(got[0].rcpt_to == std::vector<std::string>{"carol@zeta.dev"});
        CHECK(got[0].data.find("Subject: Welcome to Matt\r\n") != std::string::npos);
        CHECK(testing::mime_part(got[0].data, "text/plain").find("Hello Carol Chen,") == 0);
        CHECK(testing::mime_part(got[0].data, "text/html").find("<a href=\"https://app.example.com\">") != std::string::npos);
        auto log = su.exec("SELECT user_id, template, provider, status, idempotency_key, provider_id FROM email_log");
        REQUIRE(log.rows() == 1);
        CHECK(log[0].int64(0) == 3);
        CHECK(log[0].text(1) == "welcome");
        CHECK(log[0].text(2) == "smtp");
        CHECK(log[0].text(3) == "sent");
        CHECK(std::string(log[0].text(4)).find("welcome-") == 0);
        CHECK(got[0].data.find("Message-ID: <" + std::string(log[0].text(5)) + ">") != std::string::npos);

        auto rerun = run_ctl({"email", "send", "--user", "3", "--template", "welcome", "-o", "json"}, support.conninfo, env);
        REQUIRE(rerun.exit_code == 0);
        CHECK(rerun.json()["sent"] == 0);
        CHECK(rerun.json()["skipped"] == 1);
        CHECK(smtp.messages().size() == 1);

        auto logged = run_ctl({"email", "log", "--user", "carol@zeta.dev", "--status", "sent", "-o", "json"},
                              support.conninfo);
        REQUIRE(logged.exit_code == 0);
        REQUIRE(logged.json().size() == 1);
        CHECK(logged.json()[0]["subject"] == "Welcome to Matt");
    }

    TEST_CASE("email send refusals: missing variable (2), segment dry run sends nothing, server down is logged (6)") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::FakeSmtp smtp("relay", "relay-pw");
        auto env = smtp_env(smtp);
        auto r = run_ctl({"email", "send", "--user", "1", "--template", "invoice"}, tdb.conninfo, env);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("invoice.number") != std::string::npos);
        CHECK(run_ctl({"email", "send", "--template", "welcome"}, tdb.conninfo, env).exit_code == 2);
        auto dry = run_ctl({"email", "send", "--segment", "inactive", "--template", "welcome", "--dry-run", "-o", "json"},
                           tdb.conninfo, env);
        REQUIRE_MESSAGE(dry.exit_code == 0, dry.err);
        CHECK(smtp.messages().empty());
        CHECK(su.exec("SELECT count(*) FROM email_log")[0].int64(0) == 0);

        auto with_var = run_ctl({"email", "send", "--user", "1", "--template", "invoice", "--var", "invoice.number=INV-7",
                                 "--var", "invoice.amount=19.00 USD"},
                                tdb.conninfo, env);
        REQUIRE_MESSAGE(with_var.exit_code == 0, with_var.err);
        CHECK(smtp.messages().at(0).data.find("Subject: Your invoice INV-7\r\n") != std::string::npos);

        auto down = env;
        down["CTL_EMAIL_SMTP_URL"] = "smtp://127.0.0.1:1";
        auto fail = run_ctl({"email", "send", "--user", "3", "--template", "welcome"}, tdb.conninfo, down);
        CHECK(fail.exit_code == 6);
        CHECK(su.exec("SELECT status FROM email_log WHERE user_id = 3")[0].text(0) == "failed");
    }

    TEST_CASE("users bulk email sends once per user, skips banned users and is safe to re-run") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        testing::FakeSmtp smtp("relay", "relay-pw", 0);
        auto env = smtp_env(smtp);
        std::vector<std::string> args = {"users", "bulk", "email", "--ids-from", "-", "--template", "maintenance_notice",
                                         "--var", "maintenance.window", "--yes", "-o", "json", "--batch-size", "2"};
        args[8] = "maintenance.window=on Sunday 02:00-03:00 UTC";
        auto r = run_ctl(args, support.conninfo, env, "1\n2\ncarol@zeta.dev\n5\n");
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        CHECK(r.json()["sent"] == 3);
        CHECK(r.json()["skipped"] == 1);
        CHECK(smtp.messages().size() == 3);
        CHECK(testing::mime_part(smtp.messages()[2].data, "text/plain").find("Zoë Zulu") != std::string::npos);
        auto again = run_ctl(args, support.conninfo, env, "1\n2\n3\n5\n");
        REQUIRE(again.exit_code == 0);
        CHECK(again.json()["sent"] == 0);
        CHECK(smtp.messages().size() == 3);
        CHECK(su.exec("SELECT count(*) FROM email_log WHERE status = 'sent'")[0].int64(0) == 3);
    }

    TEST_CASE("users bulk email that stops mid-way says what was sent and finishes on a re-run") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        std::vector<std::string> args = {"users", "bulk", "email", "--ids-from", "-", "--template", "welcome",
                                         "--campaign", "launch", "--yes", "-o", "json"};
        {
            testing::FakeSmtp flaky("relay", "relay-pw", 0, 1);
            auto r = run_ctl(args, tdb.conninfo, smtp_env(flaky), "1\n3\n5\n");
            CHECK(r.exit_code == 6);
            CHECK(r.err.find("sent: 1") != std::string::npos);
            CHECK(r.err.find("stopped at user 3") != std::string::npos);
            CHECK(flaky.messages().size() == 1);
        }
        CHECK(su.exec("SELECT status FROM email_log WHERE user_id = 3")[0].text(0) == "failed");
        testing::FakeSmtp smtp("relay", "relay-pw");
        auto again = run_ctl(args, tdb.conninfo, smtp_env(smtp), "1\n3\n5\n");
        REQUIRE_MESSAGE(again.exit_code == 0, again.err);
        CHECK(again.json()["sent"] == 2);
        CHECK(again.json()["skipped"] == 1);
        REQUIRE(smtp.messages().size() == 2);
        CHECK(smtp.messages()[0].rcpt_to[0] == "carol@zeta.dev");
        CHECK(su.exec("SELECT count(*) FROM email_log WHERE status = 'sent' AND idempotency_key LIKE 'launch:%'")[0].int64(0) == 3);
    }

    TEST_CASE("users reset-password over SMTP uses the password_reset template") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        testing::FakeSmtp smtp("relay", "relay-pw");
        auto r = run_ctl({"users", "reset-password", "alice@acme.io"}, support.conninfo, smtp_env(smtp));
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        REQUIRE(smtp.messages().size() == 1);
        auto text = testing::mime_part(smtp.messages()[0].data, "text/plain");
        CHECK(text.find("Hello Alice Adams,") == 0);
        CHECK(text.find("https://app.example.com/reset-password?token=ey") != std::string::npos);
        CHECK(su.exec("SELECT provider, status FROM email_log")[0].text(0) == "smtp");
    }

    TEST_CASE("email sync records Resend's last event: bounces and complaints become bounced, audited, once") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        testing::Operator viewer(tdb, "viewer");
        testing::FakeResendInbox fake;
        auto env = resend_env(fake);
        for (const char* user : {"1", "3", "5"})
            REQUIRE(run_ctl({"email", "send", "--user", user, "--template", "welcome"}, support.conninfo, env).exit_code == 0);
        // Not asked about: an SMTP send, one outside the window, one Resend does not know.
        su.exec_script(R"sql(
            INSERT INTO email_log (to_address, subject, provider, provider_id, status)
              VALUES ('ops@example.com', 'relay', 'smtp', 'ctl.abc@example.com', 'sent');
            INSERT INTO email_log (to_address, subject, provider, provider_id, status, created_at)
              VALUES ('old@example.com', 'old', 'resend', 'em_old', 'sent', now() - interval '30 days');
            INSERT INTO email_log (to_address, subject, provider, provider_id, status)
              VALUES ('lost@example.com', 'lost', 'resend', 'em_lost', 'sent');
        )sql");
        fake.set_last_event("em_1", "bounced");
        fake.set_last_event("em_2", "complained");
        auto audit_rows = [&] {
            return su.exec("SELECT count(*) FROM audit_log WHERE entity_type = 'email_log'")[0].int64(0);
        };
        auto audit_before = audit_rows();

        auto dry = run_ctl({"email", "sync", "--dry-run", "-o", "json"}, support.conninfo, env);
        REQUIRE_MESSAGE(dry.exit_code == 0, dry.err);
        CHECK(dry.json().size() == 3);
        CHECK(dry.err.find("dry run") != std::string::npos);
        CHECK(su.exec("SELECT count(*) FROM email_log WHERE status = 'bounced' OR provider_event IS NOT NULL")[0].int64(0) == 0);
        CHECK(audit_rows() == audit_before);
        CHECK(run_ctl({"email", "sync"}, viewer.conninfo, env).exit_code == 5);
        CHECK(run_ctl({"email", "sync", "--since", "last tuesday"}, support.conninfo, env).exit_code == 2);

        auto r = run_ctl({"email", "sync", "-o", "json", "--reason", "hourly"}, support.conninfo, env);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        auto changes = r.json();
        REQUIRE(changes.size() == 3);
        CHECK(changes[0]["provider_id"] == "em_1");
        CHECK(changes[0]["event"] == "bounced");
        CHECK(changes[0]["status"] == "bounced");
        CHECK(changes[0]["previous_status"] == "sent");
        CHECK(changes[1]["event"] == "complained");
        CHECK(changes[1]["status"] == "bounced");
        CHECK(changes[2]["event"] == "delivered");
        CHECK(changes[2]["status"] == "sent");
        CHECK(r.err.find("1 e-mail(s) sent over SMTP not checked") != std::string::npos);
        CHECK(r.err.find("1 unknown to Resend") != std::string::npos);
        CHECK(fake.lookups.count("em_old") == 0);
        auto rows = su.exec("SELECT provider_id, status, provider_event, provider_event_at IS NOT NULL FROM email_log "
                            "WHERE provider = 'resend' AND provider_id LIKE 'em\\_%' AND provider_id <> 'em_old' ORDER BY id");
        REQUIRE(rows.rows() == 4);
        CHECK(rows[0].text(1) == "bounced");
        CHECK(rows[0].text(2) == "bounced");
        CHECK(rows[0].boolean(3));
        CHECK(rows[1].text(1) == "bounced");
        CHECK(rows[2].text(1) == "sent");
        CHECK(rows[2].text(2) == "delivered");
        CHECK(rows[3].is_null(2));
        auto audit = su.exec("SELECT command, reason, after ->> 'status', after ->> 'provider_event' FROM audit_log "
                             "WHERE entity_type = 'email_log' ORDER BY id");
        REQUIRE(audit.rows() == 3);
        CHECK(audit[0].text(0) == "email sync");
        CHECK(audit[0].text(1) == "hourly");
        CHECK(audit[0].text(2) == "bounced");
        CHECK(audit[0].text(3) == "bounced");
        CHECK(audit[2].is_null(2));
        CHECK(audit[2].text(3) == "delivered");
        auto bounced = run_ctl({"email", "log", "--status", "bounced", "-o", "json"}, viewer.conninfo);
        REQUIRE(bounced.exit_code == 0);
        CHECK(bounced.json().size() == 2);

        // Again: nothing changed, nothing written, bounced rows not asked about.
        int asked_1 = fake.lookups["em_1"];
        auto again = run_ctl({"email", "sync", "-o", "json"}, support.conninfo, env);
        REQUIRE_MESSAGE(again.exit_code == 0, again.err);
        CHECK(again.json().empty());
        CHECK(fake.lookups["em_1"] == asked_1);
        CHECK(audit_rows() == audit_before + 3);


        // A later bounce of a delivered message is recorded; an outage changes nothing (exit 6).
        fake.set_last_event("em_3", "bounced");
        fake.faults.add(testing::Fault::server_error, 3);  // every attempt of the first lookup
        auto down = run_ctl({"email", "sync"}, support.conninfo, env);
        CHECK(down.exit_code == 6);
        CHECK(su.exec("SELECT status FROM email_log WHERE provider_id = 'em_3'")[0].text(0) == "sent");
        auto later = run_ctl({"email", "sync", "-o", "json"}, support.conninfo, env);
        REQUIRE_MESSAGE(later.exit_code == 0, later.err);
        REQUIRE(later.json().size() == 1);
        CHECK(later.json()[0]["previous_event"] == "delivered");
        CHECK(su.exec("SELECT status FROM email_log WHERE provider_id = 'em_3'")[0].text(0) == "bounced");

        // Resend could not send one after all: the row becomes failed, and is not asked again.
        REQUIRE(run_ctl({"email", "send", "--user", "5", "--template", "welcome"}, support.conninfo, env).exit_code == 0);
        auto em = std::string(su.exec("SELECT provider_id FROM email_log ORDER BY id DESC LIMIT 1")[0].text(0));
        fake.set_last_event(em, "failed");
        auto failed = run_ctl({"email", "sync", "-o", "json"}, support.conninfo, env);
        REQUIRE_MESSAGE(failed.exit_code == 0, failed.err);
        REQUIRE(failed.json().size() == 1);
        CHECK(failed.json()[0]["status"] == "failed");
        CHECK(failed.json()[0]["provider_id"] == em);
        CHECK(failed.err.find("1 failed") != std::string::npos);
        CHECK(run_ctl({"email", "log", "--status", "failed", "-o", "json"}, viewer.conninfo).json().size() == 1);
        int asked = fake.lookups[em];
        REQUIRE(run_ctl({"email", "sync"}, support.conninfo, env).exit_code == 0);
        CHECK(fake.lookups[em] == asked);

        auto no_key = env;
        no_key["CTL_EMAIL_API_KEY"] = "";
        su.exec("UPDATE email_log SET status = 'sent' WHERE provider_id = 'em_3'");
        CHECK(run_ctl({"email", "sync"}, support.conninfo, no_key).exit_code == 2);
    }

    TEST_CASE("email send over STARTTLS checks the relay's certificate against email.smtp_ca_file") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        char dir[] = "/tmp/ctl-tls-XXXXXX";
        REQUIRE(mkdtemp(dir) != nullptr);
        auto tls = testing::make_test_certificate(dir);
        if (!tls) {
            MESSAGE("openssl is not installed: STARTTLS is not tested");
            std::filesystem::remove_all(dir);
            return;
        }
        testing::FakeSmtp smtp(*tls, "relay", "relay-pw");
        auto env = smtp_env(smtp);
        env["CTL_EMAIL_SMTP_REQUIRE_TLS"] = "true";
        env["CTL_EMAIL_SMTP_CA_FILE"] = tls->cert_file;
        auto r = run_ctl({"email", "send", "--user", "3", "--template", "welcome"}, tdb.conninfo, env);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        REQUIRE(smtp.messages().size() == 1);
        CHECK(smtp.messages()[0].tls);
        CHECK(smtp.messages()[0].auth_user == "relay");
        CHECK(smtp.messages()[0].rcpt_to == std::vector<std::string>{"carol@zeta.dev"});

        // A certificate ctl cannot verify: exit 6 at once, nothing sent, the setting named.
        auto untrusted = env;
        untrusted.erase("CTL_EMAIL_SMTP_CA_FILE");
        int connections = smtp.connections();
        auto bad = run_ctl({"email", "send", "--user", "1", "--template", "welcome"}, tdb.conninfo, untrusted);
        CHECK(bad.exit_code == 6);
        CHECK(bad.err.find("certificate cannot be verified") != std::string::npos);
        CHECK(bad.err.find("email.smtp_ca_file") != std::string::npos);
        CHECK(smtp.connections() == connections + 1);
        CHECK(smtp.messages().size() == 1);
        CHECK(su.exec("SELECT status FROM email_log WHERE user_id = 1")[0].text(0) == "failed");
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("email send with email.smtp_require_tls to a relay without STARTTLS fails at once and sends nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::FakeSmtp smtp("relay", "relay-pw");
        auto env = smtp_env(smtp);
        env["CTL_EMAIL_SMTP_REQUIRE_TLS"] = "true";
        auto r = run_ctl({"email", "send", "--user", "3", "--template", "welcome"}, tdb.conninfo, env);
        CHECK(r.exit_code == 6);
        CHECK(r.err.find("does not offer STARTTLS") != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(smtp.messages().empty());
        CHECK(smtp.connections() == 1);  // not retried: trying again cannot help
        CHECK(su.exec("SELECT status FROM email_log WHERE user_id = 3")[0].text(0) == "failed");

        env.erase("CTL_EMAIL_SMTP_REQUIRE_TLS");
        auto plain = run_ctl({"email", "send", "--user", "3", "--template", "welcome"}, tdb.conninfo, env);
        REQUIRE_MESSAGE(plain.exit_code == 0, plain.err);
        REQUIRE(smtp.messages().size() == 1);
        CHECK_FALSE(smtp.messages()[0].tls);
    }
}
