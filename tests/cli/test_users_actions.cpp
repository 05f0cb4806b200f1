// ctl users: the commands that change one user, through the real binary, as operators of each
// role. Every refusal must leave the database unchanged.

#include "security/jwt.hpp"
#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

#include <ctime>

using namespace ctl;
using testing::run_ctl;

namespace {

const std::string k_secret = "test-impersonation-secret-0123456789abcdef";
const std::string k_notes_key = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

std::string status_of(db::Connection& c, int id) {
    return std::string(c.exec("SELECT status FROM users WHERE id = $1", {id})[0].text(0));
}

long long audit_rows(db::Connection& c) { return c.exec("SELECT count(*) FROM audit_log")[0].int64(0); }

}  // namespace

TEST_SUITE("cli users actions") {
    TEST_CASE("ban, unban, suspend and activate are idempotent, audited and need --reason") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");

        auto banned = run_ctl({"users", "ban", "alice@acme.io", "--reason", "fraud ticket 7", "-o", "json"},
                              support.conninfo);
        REQUIRE(banned.exit_code == 0);
        CHECK(banned.json()["status"] == "banned");
        CHECK(banned.json()["changed"] == true);
        CHECK(status_of(su, 1) == "banned");
        auto trail = su.exec("SELECT command, reason, actor FROM audit_log WHERE entity_type = 'users' "
                             "AND entity_id = '1' ORDER BY id DESC LIMIT 1");
        REQUIRE(trail.rows() == 1);
        CHECK(trail[0].text(0) == "users ban");
        CHECK(trail[0].text(1) == "fraud ticket 7");
        CHECK(trail[0].text(2) == support.name);

        auto again = run_ctl({"users", "ban", "alice@acme.io", "--reason", "again"}, support.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already banned") != std::string::npos);

        CHECK(run_ctl({"users", "unban", "1", "--reason", "appeal"}, support.conninfo).exit_code == 0);
        CHECK(status_of(su, 1) == "active");
        auto not_banned = run_ctl({"users", "unban", "1", "--reason", "appeal"}, support.conninfo);
        CHECK(not_banned.exit_code == 0);
        CHECK(not_banned.err.find("not banned") != std::string::npos);
        CHECK(run_ctl({"users", "suspend", "1", "--reason", "chargeback"}, support.conninfo).exit_code == 0);
        CHECK(status_of(su, 1) == "suspended");
        CHECK(run_ctl({"users", "activate", "1", "--reason", "resolved"}, support.conninfo).exit_code == 0);
        CHECK(status_of(su, 1) == "active");

        auto before = audit_rows(su);
        CHECK(run_ctl({"users", "ban", "1"}, support.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "ban", "nobody@x.io", "--reason", "r"}, support.conninfo).exit_code == 3);
        CHECK(run_ctl({"users", "ban", "1", "--reason", "r", "--dry-run"}, support.conninfo).exit_code == 0);
        CHECK(status_of(su, 1) == "active");
        CHECK(audit_rows(su) == before);
    }

    TEST_CASE("a viewer's users ban exits 5 and changes nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator viewer(tdb, "viewer");
        auto before = audit_rows(su);
        auto r = run_ctl({"users", "ban", "alice@acme.io", "--reason", "r"}, viewer.conninfo);
        CHECK(r.exit_code == 5);
        CHECK(r.out.empty());
        CHECK(status_of(su, 1) == "active");
        CHECK(audit_rows(su) == before);
        CHECK(run_ctl({"users", "credits", "1", "add", "5", "--reason", "r"}, viewer.conninfo).exit_code == 5);
    }

    TEST_CASE("credits: the support limit is the database's, bad amounts exit 2, overdrafts 4") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        testing::Operator admin(tdb, "admin");
        auto credits = [&] { return su.exec("SELECT credits FROM users WHERE id = 1")[0].int64(0); };

        auto ok = run_ctl({"users", "credits", "alice@acme.io", "add", "100", "--reason", "goodwill", "-o", "json"},
                          support.conninfo);
        REQUIRE(ok.exit_code == 0);
        CHECK(ok.json()["credits"] == 100);
        CHECK(credits() == 100);
        auto over = run_ctl({"users", "credits", "1", "add", "501", "--reason", "too generous"}, support.conninfo);
        CHECK(over.exit_code == 5);
        CHECK(over.err.find("support limit") != std::string::npos);
        CHECK(credits() == 100);
        CHECK(run_ctl({"users", "credits", "1", "add", "501", "--reason", "approved"}, admin.conninfo).exit_code == 0);
        CHECK(credits() == 601);

        auto before = audit_rows(su);
        for (const char* bad : {"0", "-5", "abc", "1.5", ""})
            CHECK_MESSAGE(run_ctl({"users", "credits", "1", "add", bad, "--reason", "r"}, admin.conninfo).exit_code == 2,
                          bad);
        CHECK(run_ctl({"users", "credits", "1", "give", "5", "--reason", "r"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "credits", "1", "add", "5"}, admin.conninfo).exit_code == 2);
        auto overdraft = run_ctl({"users", "credits", "1", "remove", "602", "--reason", "r"}, admin.conninfo);
        CHECK(overdraft.exit_code == 4);
        CHECK(credits() == 601);
        CHECK(audit_rows(su) == before);
        CHECK(run_ctl({"users", "credits", "1", "remove", "601", "--reason", "r"}, admin.conninfo).exit_code == 0);
        CHECK(credits() == 0);
    }

    TEST_CASE("edit validates e-mail syntax (2) and uniqueness (4)") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        auto before = audit_rows(su);
        CHECK(run_ctl({"users", "edit", "1", "--email", "not-an-email"}, support.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "edit", "1", "--email", "a b@x.io"}, support.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "edit", "1"}, support.conninfo).exit_code == 2);
        auto taken = run_ctl({"users", "edit", "1", "--email", "BOB@acme.io"}, support.conninfo);
        CHECK(taken.exit_code == 4);
        CHECK(taken.err == "ctl: the e-mail BOB@acme.io already belongs to user 2 (e-mail addresses are unique)\n");
        CHECK(audit_rows(su) == before);
        auto ok = run_ctl({"users", "edit", "1", "--email", "alice@new.io", "--company", "", "--name", "Alice A.",
                           "-o", "json"},
                          support.conninfo);
        REQUIRE(ok.exit_code == 0);
        CHECK(ok.json()["email"] == "alice@new.io");
        CHECK(ok.json()["company"].is_null());
        auto row = su.exec("SELECT email, name, company FROM users WHERE id = 1");
        CHECK(row[0].text(0) == "alice@new.io");
        CHECK(row[0].text(1) == "Alice A.");
        CHECK(row[0].is_null(2));
        auto same = run_ctl({"users", "edit", "1", "--name", "Alice A."}, support.conninfo);
        CHECK(same.exit_code == 0);
        CHECK(same.err.find("already") != std::string::npos);
    }

    TEST_CASE("delete: confirmation, soft and idempotent, --hard only without payments") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator admin(tdb, "admin");
        su.exec("INSERT INTO impersonations (user_id, jti, reason, expires_at) "
                "VALUES (3, gen_random_uuid(), 'debug', now() + interval '10 minutes')");

        CHECK(run_ctl({"users", "delete", "3"}, admin.conninfo).exit_code == 2);                       // no --reason
        CHECK(run_ctl({"users", "delete", "3", "--reason", "asked"}, admin.conninfo).exit_code == 2);  // no tty, no --yes
        CHECK(status_of(su, 3) == "active");
        auto gone = run_ctl({"users", "delete", "3", "--reason", "asked", "--yes", "-o", "json"}, admin.conninfo);
        REQUIRE(gone.exit_code == 0);
        CHECK(gone.json()["impersonations_revoked"] == 1);
        CHECK(status_of(su, 3) == "deleted");
        CHECK_FALSE(su.exec("SELECT deleted_at FROM users WHERE id = 3")[0].is_null(0));
        CHECK(su.exec("SELECT count(*) FROM impersonations WHERE user_id = 3 AND revoked_at IS NULL")[0].int64(0) == 0);
        auto again = run_ctl({"users", "delete", "3", "--reason", "asked", "--yes"}, admin.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already deleted") != std::string::npos);
        CHECK(run_ctl({"users", "ban", "3", "--reason", "r"}, admin.conninfo).exit_code == 4);

        CHECK(run_ctl({"users", "delete", "1", "--hard", "--reason", "r", "--yes"}, admin.conninfo).exit_code == 4);
        CHECK(su.exec("SELECT count(*) FROM users WHERE id = 1")[0].int64(0) == 1);
        CHECK(run_ctl({"users", "delete", "4", "--hard", "--reason", "spam", "--yes"}, admin.conninfo).exit_code == 0);
        CHECK(su.exec("SELECT count(*) FROM users WHERE id = 4")[0].int64(0) == 0);
    }

    TEST_CASE("notes are encrypted at rest and readable only with the key") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        std::map<std::string, std::string> with_key = {{"CTL_NOTES_KEY", k_notes_key}};
        const std::string text = "Called about a double charge on the 5th";

        auto refused = run_ctl({"users", "note", "1", text}, support.conninfo);
        CHECK(refused.exit_code == 2);
        CHECK(su.exec("SELECT count(*) FROM admin_notes")[0].int64(0) == 0);
        CHECK(run_ctl({"users", "note", "1", text}, support.conninfo, {{"CTL_NOTES_KEY", "c2hvcnQ="}}).exit_code == 2);
        CHECK(run_ctl({"users", "note", "1", "  "}, support.conninfo, with_key).exit_code == 2);

        REQUIRE(run_ctl({"users", "note", "alice@acme.io", text}, support.conninfo, with_key).exit_code == 0);
        auto stored = su.exec("SELECT position(convert_to('double charge', 'UTF8') IN ciphertext), length(nonce), key_id "
                              "FROM admin_notes");
        REQUIRE(stored.rows() == 1);
        CHECK(stored[0].int64(0) == 0);
        CHECK(stored[0].int64(1) == 24);
        CHECK(su.exec("SELECT count(*) FROM audit_log WHERE after::text LIKE '%double charge%'")[0].int64(0) == 0);

        auto readable = run_ctl({"users", "notes", "1", "-o", "json"}, support.conninfo, with_key);
        REQUIRE(readable.exit_code == 0);
        REQUIRE(readable.json().size() == 1);
        CHECK(readable.json()[0]["note"] == text);
        CHECK(readable.json()[0]["author"] == support.name);

        auto sealed = run_ctl({"users", "notes", "1", "-o", "json"}, support.conninfo);
        REQUIRE(sealed.exit_code == 0);
        CHECK(sealed.json()[0]["readable"] == false);
        CHECK(sealed.json()[0]["note"].is_null());
        CHECK(sealed.err.find("cannot be read") != std::string::npos);
        auto shown = run_ctl({"users", "show", "1", "-o", "json"}, support.conninfo, with_key).json();
        CHECK(shown["notes"][0]["note"] == text);
    }

    TEST_CASE("impersonation tokens verify with the secret, expire, are recorded and revocable") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        std::map<std::string, std::string> env = {{"CTL_IMPERSONATION_SECRET", k_secret}};

        auto before = audit_rows(su);
        CHECK(run_ctl({"users", "impersonate", "1"}, support.conninfo, env).exit_code == 2);  // no --reason
        CHECK(run_ctl({"users", "impersonate", "1", "--reason", "r"}, support.conninfo).exit_code == 2);  // no secret
        CHECK(run_ctl({"users", "impersonate", "1", "--reason", "r", "--ttl", "2h"}, support.conninfo, env).exit_code == 2);
        CHECK(run_ctl({"users", "impersonate", "1", "--reason", "r", "--ttl", "soon"}, support.conninfo, env).exit_code == 2);
        CHECK(run_ctl({"users", "impersonate", "bob@acme.io", "--reason", "r"}, support.conninfo, env).exit_code == 4);
        CHECK(su.exec("SELECT count(*) FROM impersonations")[0].int64(0) == 0);
        CHECK(audit_rows(su) == before);

        auto dry = run_ctl({"users", "impersonate", "1", "--reason", "r", "--dry-run", "-o", "json"}, support.conninfo, env);
        REQUIRE(dry.exit_code == 0);
        CHECK(dry.json()["token"].is_null());
        CHECK(su.exec("SELECT count(*) FROM impersonations")[0].int64(0) == 0);

        auto issued = run_ctl({"users", "impersonate", "alice@acme.io", "--reason", "ticket 9", "--ttl", "10m", "-o",
                               "json"},
                              support.conninfo, env);
        REQUIRE(issued.exit_code == 0);
        auto doc = issued.json();
        std::string token = doc["token"];
        std::string jti = doc["jti"];
        long long now = static_cast<long long>(std::time(nullptr));
        auto check = security::jwt_verify_hs256(token, k_secret, now);
        REQUIRE(check.valid);
        CHECK(check.claims["sub"] == "1");
        CHECK(check.claims["act"]["sub"] == support.name);
        CHECK(check.claims["scope"] == "impersonation");
        CHECK(check.claims["jti"] == jti);
        CHECK(check.claims["exp"].get<long long>() - check.claims["iat"].get<long long>() == 600);
        CHECK_FALSE(security::jwt_verify_hs256(token, k_secret + "x", now).valid);
        auto late = security::jwt_verify_hs256(token, k_secret, check.claims["exp"].get<long long>());
        CHECK_FALSE(late.valid);
        CHECK(late.problem == "expired");

        auto plain = run_ctl({"users", "impersonate", "1", "--reason", "r"}, support.conninfo, env);
        REQUIRE(plain.exit_code == 0);
        CHECK(plain.out.rfind("eyJ", 0) == 0);
        CHECK(plain.out.find('\n') == plain.out.size() - 1);

        auto listed = run_ctl({"users", "impersonations", "alice@acme.io", "-o", "json"}, support.conninfo).json();
        REQUIRE(listed.size() == 2);
        CHECK(listed[1]["jti"] == jti);
        CHECK(listed[1]["state"] == "active");
        CHECK(listed[1]["reason"] == "ticket 9");

        CHECK(run_ctl({"users", "impersonate", "--revoke", jti}, support.conninfo).exit_code == 2);  // no --reason
        CHECK(run_ctl({"users", "impersonate", "--revoke", jti, "--reason", "done"}, support.conninfo).exit_code == 0);
        auto twice = run_ctl({"users", "impersonate", "--revoke", jti, "--reason", "done"}, support.conninfo);
        CHECK(twice.exit_code == 0);
        CHECK(twice.err.find("already revoked") != std::string::npos);
        CHECK(run_ctl({"users", "impersonate", "--revoke", "nope", "--reason", "r"}, support.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "impersonate", "--revoke", "00000000-0000-4000-8000-000000000000", "--reason", "r"},
                      support.conninfo)
                  .exit_code == 3);
        auto after = run_ctl({"users", "impersonations", "1", "-o", "json"}, support.conninfo).json();
        CHECK(after[1]["state"] == "revoked");
    }

    TEST_CASE("trial, quota and plan changes; bad values exit 2 and change nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator admin(tdb, "admin");
        su.exec("INSERT INTO plans (id, code, name, tier, interval, price_cents) "
                "VALUES (2, 'pro-monthly', 'Pro monthly', 'pro', 'month', 4900)");
        auto before = audit_rows(su);
        CHECK(run_ctl({"users", "trial", "1", "extend", "soon", "--reason", "r"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "trial", "1", "extend", "0s", "--reason", "r"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "quota", "1", "set", "minutes=-1", "--reason", "r"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "quota", "1", "set", "seats=3", "--reason", "r"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "plan", "1", "set", "gold", "--reason", "r"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "plan", "1", "set", "enterprise", "--reason", "r"}, admin.conninfo).exit_code == 4);
        CHECK(run_ctl({"users", "plan", "1", "set", "free", "--reason", "r"}, admin.conninfo).exit_code == 4);
        CHECK(audit_rows(su) == before);

        auto trial = run_ctl({"users", "trial", "1", "extend", "14d", "--reason", "sales", "-o", "json"}, admin.conninfo);
        REQUIRE(trial.exit_code == 0);
        CHECK(su.exec("SELECT trial_ends_at > now() + interval '13 days' FROM users WHERE id = 1")[0].boolean(0));

        auto quota = run_ctl({"users", "quota", "1", "set", "minutes=1000", "agents=5", "--reason", "r", "-o", "json"},
                             admin.conninfo);
        REQUIRE(quota.exit_code == 0);
        CHECK(quota.json()["minute_quota"] == 1000);
        CHECK(quota.json()["agent_quota"] == 5);
        CHECK(quota.json()["api_call_quota"] == 10000);

        auto plan = run_ctl({"users", "plan", "1", "set", "pro", "--reason", "upgrade", "-o", "json"}, admin.conninfo);
        REQUIRE(plan.exit_code == 0);
        CHECK(plan.json()["subscriptions_changed"] == 1);
        auto sub = su.exec("SELECT plan_id, price_cents FROM subscriptions WHERE id = 1");
        CHECK(sub[0].int64(0) == 2);
        CHECK(sub[0].int64(1) == 4900);
        auto ev = su.exec("SELECT kind, mrr_cents FROM subscription_events WHERE subscription_id = 1");
        REQUIRE(ev.rows() == 1);
        CHECK(ev[0].text(0) == "plan_changed");
        CHECK(ev[0].int64(1) == 4900);
        CHECK(su.exec("SELECT plan FROM users WHERE id = 1")[0].text(0) == "pro");
        auto same = run_ctl({"users", "plan", "1", "set", "pro", "--reason", "r"}, admin.conninfo);
        CHECK(same.exit_code == 0);
        CHECK(same.err.find("already") != std::string::npos);
    }

    TEST_CASE("activity and logins of a user") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        su.exec_script("INSERT INTO activity (user_id, type, data, created_at) VALUES "
                       "(1, 'login', '{}', '2026-11-01 10:00+00'), (1, 'agent_created', '{\"agent_id\": 1}', "
                       "'2026-11-02 10:00+00'), (2, 'login', '{}', '2026-11-03 10:00+00')");
        auto all = run_ctl({"users", "activity", "alice@acme.io", "-o", "json"}, tdb.conninfo).json();
        REQUIRE(all.size() == 2);
        CHECK(all[0]["type"] == "agent_created");
        CHECK(all[0]["data"]["agent_id"] == 1);
        CHECK(run_ctl({"users", "activity", "1", "--type", "login", "-o", "json"}, tdb.conninfo).json().size() == 1);
        CHECK(run_ctl({"users", "activity", "1", "--since", "2026-11-02", "-o", "json"}, tdb.conninfo).json().size() == 1);
        CHECK(run_ctl({"users", "activity", "1", "--since", "yesterday-ish"}, tdb.conninfo).exit_code == 2);
        auto logins = run_ctl({"users", "logins", "1", "-o", "json"}, tdb.conninfo).json();
        REQUIRE(logins.size() == 1);
        CHECK(logins[0]["ip"] == "198.51.100.7");
        CHECK(run_ctl({"users", "logins", "1", "--limit", "0"}, tdb.conninfo).exit_code == 2);
    }
}
