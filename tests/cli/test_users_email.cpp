// ctl users reset-password against a local fake of Resend's API (cpp-httplib on 127.0.0.1).

#include "support/fake_resend.hpp"
#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

using namespace ctl;
using testing::FakeResend;
using testing::run_ctl;

namespace {

const std::string k_secret = "test-impersonation-secret-0123456789abcdef";

}  // namespace

TEST_SUITE("cli users email") {
    TEST_CASE("reset-password sends one e-mail through Resend, retrying a 429 with the same idempotency key") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        FakeResend fake(1);
        std::map<std::string, std::string> env = {{"CTL_EMAIL_API_URL", fake.url()},
                                                  {"CTL_EMAIL_API_KEY", "re_test_key"},
                                                  {"CTL_EMAIL_FROM", "Support <support@example.com>"},
                                                  {"CTL_APP_URL", "https://app.example.com/"},
                                                  {"CTL_IMPERSONATION_SECRET", k_secret}};
        auto r = run_ctl({"users", "reset-password", "alice@acme.io", "-o", "json"}, support.conninfo, env);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        CHECK(r.json()["provider_id"] == "em_0001");
        REQUIRE(fake.requests.size() == 2);
        REQUIRE(fake.delivered.size() == 1);
        CHECK(fake.requests[0].idempotency_key == fake.requests[1].idempotency_key);
        CHECK_FALSE(fake.requests[0].idempotency_key.empty());
        const auto& sent = fake.delivered[0];
        CHECK(sent.authorization == "Bearer re_test_key");
        CHECK(sent.body["from"] == "Support <support@example.com>");
        CHECK(sent.body["to"] == nlohmann::json::array({"alice@acme.io"}));
        CHECK(sent.body["subject"] == "Reset your password");
        CHECK(sent.body["text"].get<std::string>().find("https://app.example.com/reset-password?token=ey") !=
              std::string::npos);
        CHECK(sent.body["html"].get<std::string>().find("<a href=") != std::string::npos);
        auto log = su.exec("SELECT to_address, template, provider, provider_id, status FROM email_log");
        REQUIRE(log.rows() == 1);
        CHECK(log[0].text(0) == "alice@acme.io");
        CHECK(log[0].text(1) == "password_reset");
        CHECK(log[0].text(2) == "resend");
        CHECK(log[0].text(3) == "em_0001");
        CHECK(log[0].text(4) == "sent");
    }

    TEST_CASE("reset-password refusals: no key (2), banned user (4), provider down (6, logged as failed)") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        FakeResend fake(100);
        std::map<std::string, std::string> env = {{"CTL_EMAIL_API_URL", fake.url()},
                                                  {"CTL_EMAIL_API_KEY", "re_test_key"},
                                                  {"CTL_EMAIL_FROM", "support@example.com"},
                                                  {"CTL_IMPERSONATION_SECRET", k_secret}};
        auto no_key = env;
        no_key["CTL_EMAIL_API_KEY"] = "";
        CHECK(run_ctl({"users", "reset-password", "1"}, tdb.conninfo, no_key).exit_code == 2);
        CHECK(run_ctl({"users", "reset-password", "bob@acme.io"}, tdb.conninfo, env).exit_code == 4);
        CHECK(run_ctl({"users", "reset-password", "1", "--dry-run"}, tdb.conninfo, env).exit_code == 0);
        CHECK(fake.requests.empty());
        CHECK(su.exec("SELECT count(*) FROM email_log")[0].int64(0) == 0);
        auto down = run_ctl({"users", "reset-password", "1"}, tdb.conninfo, env);
        CHECK(down.exit_code == 6);
        CHECK(fake.requests.size() == 4);
        CHECK(fake.delivered.empty());
        CHECK(su.exec("SELECT status FROM email_log")[0].text(0) == "failed");
    }
}
