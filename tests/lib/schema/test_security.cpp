// Migration 0002: the permission matrix and the audit trail, tested as the database sees them
// (direct SQL sessions as operator roles), since the grants, not ctl, are the guard.

#include "db/connection.hpp"
#include "domain/audit.hpp"
#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

using namespace ctl;

namespace {

using testing::Operator;

// A fingerprint of every table an operator could change.
std::string fingerprint(db::Connection& c) {
    return std::string(c.exec(R"sql(
        SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
          SELECT 'u' || md5(string_agg(x::text, ',' ORDER BY x.id)) AS t FROM users x
          UNION ALL SELECT 'p' || coalesce(md5(string_agg(x::text, ',' ORDER BY x.id)), '') FROM payments x
          UNION ALL SELECT 'r' || coalesce(md5(string_agg(x::text, ',' ORDER BY x.id)), '') FROM refunds x
          UNION ALL SELECT 'f' || md5(string_agg(x::text, ',' ORDER BY x.name)) FROM feature_flags x
          UNION ALL SELECT 's' || md5(string_agg(x::text, ',' ORDER BY x.key)) FROM settings x
          UNION ALL SELECT 'l' || md5(string_agg(x::text, ',' ORDER BY x.id)) FROM plans x
          UNION ALL SELECT 'a' || coalesce(md5(string_agg(x::text, ',' ORDER BY x.id)), '') FROM audit_log x
        ) s)sql")[0].text(0));
}

struct Case {
    const char* sql;
    bool viewer, support, billing, admin, owner, ci;
};

// The permission matrix, as representative statements.
const Case k_matrix[] = {
    {"SELECT count(*) FROM users", true, true, true, true, true, false},
    {"SELECT count(*) FROM payments", true, true, true, true, true, false},
    {"SELECT count(*) FROM settings_visible", true, true, true, true, true, false},
    {"SELECT count(*) FROM settings", false, false, false, true, true, false},
    {"SELECT count(*) FROM feature_flags", true, true, true, true, true, true},
    {"SELECT count(*) FROM audit_log", false, false, false, true, true, false},
    {"UPDATE users SET status = 'banned' WHERE id = 2", false, true, false, true, true, false},
    {"UPDATE users SET credits = credits + 100 WHERE id = 3", false, true, false, true, true, false},
    {"UPDATE users SET credits = credits + 5000 WHERE id = 3", false, false, false, true, true, false},
    {"INSERT INTO admin_notes (user_id, nonce, ciphertext) VALUES (1, '\\x00', '\\x00')", false, true, false, true, true,
     false},
    {"UPDATE agents SET verified = true WHERE id = 1", false, true, false, true, true, false},
    {"UPDATE agents SET name = 'renamed' WHERE id = 1", false, false, false, true, true, false},
    {"INSERT INTO refunds (payment_id, user_id, amount_cents, currency, status, reason, idempotency_key) "
     "VALUES (1, 1, 100, 'USD', 'manual', 'test', 'k1')",
     false, false, true, true, true, false},
    {"UPDATE payments SET status = 'refunded' WHERE id = 1", false, false, true, true, true, false},
    {"INSERT INTO plans (code, name, tier, interval, price_cents) VALUES ('x-plan', 'X', 'pro', 'month', 100)", false,
     false, true, true, true, false},
    {"UPDATE feature_flags SET enabled = true WHERE name = 'maintenance_mode'", false, false, false, true, true, false},
    {"SELECT ctl_set_maintenance(true, 'deploying')", false, false, false, true, true, true},
    {"UPDATE settings SET value = '600' WHERE key = 'support.credit_limit'", false, false, false, true, true, false},
    {"DELETE FROM users WHERE id = 5", false, false, false, true, true, false},
    {"SELECT ctl_require_owner()", false, false, false, false, true, false},
};

}  // namespace

TEST_SUITE("security") {
    TEST_CASE("each group role is allowed exactly its part of the matrix; refusals change nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        su.exec("INSERT INTO settings (key, value, secret) VALUES ('stripe.api_key', '\"sk_live_x\"', true)");
        const char* groups[] = {"viewer", "support", "billing", "admin", "owner", "ci"};
        for (int g = 0; g < 6; ++g) {
            Operator op(tdb, groups[g]);
            for (const auto& c : k_matrix) {
                bool allowed[] = {c.viewer, c.support, c.billing, c.admin, c.owner, c.ci};
                std::string group = groups[g], statement = c.sql;
                CAPTURE(group);
                CAPTURE(statement);
                auto conn = op.connect();
                db::Transaction tx(conn);
                std::string before = fingerprint(su);
                if (allowed[g]) {
                    CHECK_NOTHROW(tx.exec(c.sql));
                } else {
                    try {
                        tx.exec(c.sql);
                        FAIL("expected a refusal");
                    } catch (const db::DatabaseError& e) {
                        CHECK(e.code() == ExitCode::permission_denied);
                        CHECK(std::string(e.hint()).find(op.name) != std::string::npos);
                    }
                    CHECK(fingerprint(su) == before);
                }
                // Allowed changes are rolled back so each statement meets the same data.
            }
        }
    }

    TEST_CASE("viewers see secret settings masked; admins see them") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        su.exec("INSERT INTO settings (key, value, secret) VALUES ('stripe.api_key', '\"sk_live_x\"', true)");
        Operator viewer(tdb, "viewer"), admin(tdb, "admin");
        auto v = viewer.connect();
        CHECK(v.exec("SELECT value #>> '{}' FROM settings_visible WHERE key = 'stripe.api_key'")[0].text(0) == "[secret]");
        auto a = admin.connect();
        CHECK(a.exec("SELECT value #>> '{}' FROM settings_visible WHERE key = 'stripe.api_key'")[0].text(0) == "sk_live_x");
    }

    TEST_CASE("a direct UPDATE is audited with before/after, reason and command; personal data is hashed") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        Operator admin(tdb, "admin");
        auto conn = admin.connect();
        {
            db::Transaction tx(conn);
            audit::tag_change(tx, "users edit", "ticket 77");
            tx.exec("UPDATE users SET email = 'alice.new@acme.io', status = 'suspended' WHERE id = 1");
            tx.commit();
        }
        auto r = su.exec("SELECT actor, action, command, entity_type, entity_id, reason, before::text, after::text, "
                         "application FROM audit_log WHERE entity_type = 'users' ORDER BY id DESC LIMIT 1");
        REQUIRE(r.rows() == 1);
        CHECK(r[0].text(0) == admin.name);
        CHECK(r[0].text(1) == "update");
        CHECK(r[0].text(2) == "users edit");
        CHECK(r[0].text(3) == "users");
        CHECK(r[0].text(4) == "1");
        CHECK(r[0].text(5) == "ticket 77");
        auto before = nlohmann::json::parse(r[0].text(6));
        auto after = nlohmann::json::parse(r[0].text(7));
        CHECK(before["status"] == "active");
        CHECK(after["status"] == "suspended");
        CHECK_FALSE(after.contains("name"));  // unchanged columns are not recorded
        CHECK(std::string(after["email"]).rfind("hmac:", 0) == 0);
        CHECK(r[0].text(8).rfind("ctl/", 0) == 0);
        // No plaintext e-mail anywhere in the trail.
        CHECK(su.exec("SELECT count(*) FROM audit_log WHERE before::text ILIKE '%alice%' OR after::text ILIKE '%alice%'")[0]
                  .int64(0) == 0);
        SUBCASE("an update that changes nothing records nothing") {
            auto n = su.exec("SELECT count(*) FROM audit_log")[0].int64(0);
            conn.exec("UPDATE users SET status = 'suspended' WHERE id = 1");
            CHECK(su.exec("SELECT count(*) FROM audit_log")[0].int64(0) == n);
        }
    }

    TEST_CASE("the audit trail is append-only for every role, the owner included") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        su.exec("UPDATE users SET status = 'banned' WHERE id = 3");
        Operator owner(tdb, "owner");
        auto conn = owner.connect();
        for (const char* sql : {"DELETE FROM audit_log", "UPDATE audit_log SET reason = 'x'", "TRUNCATE audit_log",
                                "INSERT INTO audit_log (id, action, entity_type) VALUES (999, 'forged', 'users')"}) {
            std::string statement = sql;
            CAPTURE(statement);
            try {
                conn.exec(sql);
                FAIL("expected a refusal");
            } catch (const db::DatabaseError& e) {
                CHECK(e.code() == ExitCode::permission_denied);
            }
        }
        // Even a superuser is stopped by the triggers.
        CHECK_THROWS_AS(su.exec("DELETE FROM audit_log"), db::DatabaseError);
        CHECK_FALSE(audit::verify(su).first_broken_id.has_value());
    }

    TEST_CASE("tampering with a payload, with triggers disabled, breaks verification at that row") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        for (int i = 0; i < 5; ++i) su.exec("UPDATE users SET credits = credits + 1 WHERE id = 1");
        auto ok = audit::verify(su);
        CHECK_FALSE(ok.first_broken_id.has_value());
        CHECK(ok.rows >= 6);
        auto target = su.exec("SELECT id FROM audit_log WHERE entity_type = 'users' ORDER BY id LIMIT 1 OFFSET 2")[0].int64(0);
        su.exec_script("SET session_replication_role = replica");
        su.exec("UPDATE audit_log SET after = '{\"credits\": 1000000}' WHERE id = $1", {target});
        su.exec_script("SET session_replication_role = origin");
        auto broken = audit::verify(su);
        REQUIRE(broken.first_broken_id.has_value());
        CHECK(*broken.first_broken_id == target);
        CHECK(broken.problem.find("content") != std::string::npos);
        SUBCASE("a deleted row is found too") {
            auto tdb2 = testing::fresh_database();
            auto s2 = tdb2.connect();
            testing::insert_small_fixture(s2);
            for (int i = 0; i < 4; ++i) s2.exec("UPDATE users SET credits = credits + 1 WHERE id = 2");
            s2.exec_script("SET session_replication_role = replica; DELETE FROM audit_log WHERE id = 3; "
                           "SET session_replication_role = origin");
            auto v = audit::verify(s2);
            REQUIRE(v.first_broken_id.has_value());
            CHECK(*v.first_broken_id == 4);
            CHECK(v.problem == "rows are missing before it");
        }
        SUBCASE("a row re-hashed onto another predecessor breaks the link, not the content") {
            auto tdb2 = testing::fresh_database();
            auto s2 = tdb2.connect();
            testing::insert_small_fixture(s2);
            for (int i = 0; i < 4; ++i) s2.exec("UPDATE users SET credits = credits + 1 WHERE id = 2");
            s2.exec_script("SET session_replication_role = replica; "
                           "UPDATE audit_log a SET prev_hash = sha256('forged'), "
                           "hash = ctl_audit_hash(sha256('forged'), a) WHERE id = 3; "
                           "SET session_replication_role = origin");
            auto v = audit::verify(s2);
            REQUIRE(v.first_broken_id.has_value());
            CHECK(*v.first_broken_id == 3);
            CHECK(v.problem == "does not link to the previous row's hash");
        }
    }

    TEST_CASE("concurrent writers leave one valid chain") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        auto start = su.exec("SELECT count(*) FROM audit_log")[0].int64(0);
        // Writers lock rows in ascending id order (as any deadlock-free application would); the
        // audit chain must add no lock cycle of its own.
        std::vector<std::thread> writers;
        std::atomic<int> failures{0};
        for (int w = 0; w < 6; ++w)
            writers.emplace_back([&, w] {
                try {
                    auto c = tdb.connect();
                    int a = 1 + (w % 5), b = 1 + ((w + 1) % 5);
                    for (int i = 0; i < 25; ++i) {
                        db::Transaction tx(c);
                        audit::tag_change(tx, "test", "writer " + std::to_string(w));
                        tx.exec("UPDATE users SET credits = credits + 1 WHERE id = $1", {std::min(a, b)});
                        tx.exec("UPDATE users SET credits = credits + 1 WHERE id = $1", {std::max(a, b)});
                        tx.commit();
                    }
                } catch (const std::exception& e) {
                    MESSAGE(e.what());
                    ++failures;
                }
            });
        for (auto& t : writers) t.join();
        CHECK(failures == 0);
        auto v = audit::verify(su);
        CHECK_FALSE(v.first_broken_id.has_value());
        CHECK(v.rows == start + 6 * 25 * 2);
    }
}
