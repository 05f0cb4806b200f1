// ctl popia through the real binary: requests with due dates, the export checked against the
// schema, erasure proven on a pg_dump of the whole database, consent history, retention.

#include "db/local_cluster.hpp"
#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"
#include "util/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

using namespace ctl;
using testing::run_ctl;

namespace {

const std::string k_notes_key = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

// Alice (user 1) with a row in every table that refers to people, Bob (2) with some of his own.
void insert_person_fixture(const testing::TestDatabase& tdb, db::Connection& su) {
    testing::insert_small_fixture(su);
    su.exec_script(R"sql(
        UPDATE users SET phone = '+27 82 555 0101' WHERE id = 1;
        INSERT INTO logins (user_id, logged_in_at, ip, user_agent) VALUES
          (1, now() - interval '1 day', '203.0.113.9', 'curl/8'), (2, now(), '192.0.2.44', 'Firefox');
        INSERT INTO activity (user_id, type, data) VALUES
          (1, 'login', '{"ip": "203.0.113.9", "email": "alice@acme.io", "name": "Alice Adams"}'),
          (2, 'login', '{"ip": "192.0.2.44"}');
        INSERT INTO consents (user_id, purpose, granted, ip) VALUES (1, 'marketing', true, '198.51.100.7'),
          (2, 'terms', true, '192.0.2.44');
        INSERT INTO email_log (user_id, to_address, subject, provider, status) VALUES
          (1, 'alice@acme.io', 'Welcome Alice Adams', 'resend', 'sent'),
          (NULL, 'ALICE@acme.io', 'Your receipt', 'smtp', 'sent'),
          (2, 'bob@acme.io', 'Welcome Bob', 'resend', 'sent');
        INSERT INTO usage (user_id, day, minutes, api_calls) VALUES (1, current_date, 5, 10), (2, current_date, 7, 1);
        INSERT INTO popia_requests (id, user_id, kind, details) VALUES
          (10, 1, 'erasure', 'Alice Adams (alice@acme.io, +27 82 555 0101) asks to be forgotten'),
          (11, 1, 'access', 'Send me my data');
        INSERT INTO impersonations (user_id, jti, reason, expires_at)
          VALUES (1, gen_random_uuid(), 'ticket 5', now() + interval '10 minutes');
        INSERT INTO payments (id, user_id, provider, provider_payment_id, amount_cents, currency, status)
          VALUES (2, 2, 'stripe', 'pi_bob', 4900, 'USD', 'succeeded');
        INSERT INTO refunds (payment_id, user_id, amount_cents, currency, status, reason, idempotency_key)
          VALUES (1, 1, 500, 'USD', 'succeeded', 'duplicate charge', 'rk-1');
        INSERT INTO invoices (year, seq, user_id, payment_id, amount_cents, currency, status)
          VALUES (2026, 1, 1, 1, 1900, 'USD', 'paid'), (2026, 2, 2, 2, 4900, 'USD', 'paid');
        INSERT INTO deployments (agent_id, user_id, status) VALUES (1, 1, 'succeeded');
        INSERT INTO subscription_events (subscription_id, user_id, plan_id, kind, status, mrr_cents, effective_at)
          VALUES (1, 1, 1, 'activated', 'active', 1900, now());
    )sql");
    auto note = run_ctl({"users", "note", "1", "Called Alice Adams on +27 82 555 0101 about her wallet"}, tdb.conninfo,
                        {{"CTL_NOTES_KEY", k_notes_key}});
    REQUIRE(note.exit_code == 0);
}

const std::vector<std::string> k_alice = {"alice@acme.io", "Alice Adams", "+27 82 555 0101",
                                          "0x52908400098527886E0F7030069857D2E4169EE7", "did:privy:alice",
                                          "203.0.113.9", "198.51.100.7"};

// Tables the fixture fills for Alice, so that their counts prove something.
const std::set<std::string> k_fixture_tables = {
    "logins",   "agents",   "subscriptions", "subscription_events", "payments", "refunds",  "invoices",
    "deployments", "activity", "usage", "admin_notes", "popia_requests", "consents", "email_log",
    "impersonations", "loyalty_points", "agent_tags"};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string dump_of(const testing::TestDatabase& tdb) {
    auto r = util::run_process({db::find_pg_program("pg_dump"), "--no-owner", "-d", tdb.conninfo});
    REQUIRE(r.exit_code == 0);
    return lower(r.output);
}

std::string financial_totals(db::Connection& c) {
    return std::string(c.exec("SELECT (SELECT sum(amount_cents) FROM payments) || '/' || "
                              "(SELECT sum(amount_cents) FROM refunds) || '/' || (SELECT sum(amount_cents) FROM invoices) "
                              "|| '/' || (SELECT count(*) FROM payments WHERE user_id = 1)")[0]
                           .text(0));
}

long long count(db::Connection& c, const std::string& sql) { return c.exec(sql)[0].int64(0); }

}  // namespace

TEST_SUITE("cli popia") {
    TEST_CASE("popia requests: open with a due date, list overdue, show, close once") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator admin(tdb, "admin");

        auto opened = run_ctl({"popia", "requests", "open", "alice@acme.io", "--kind", "access", "--received",
                               "2026-01-01", "--note", "wants a copy", "-o", "json"},
                              admin.conninfo);
        REQUIRE(opened.exit_code == 0);
        auto id = opened.json()["id"].get<long long>();
        CHECK(opened.json()["status"] == "open");
        CHECK(opened.json()["due_at"] == "2026-01-31T00:00:00Z");
        CHECK(opened.json()["overdue"] == true);
        CHECK(opened.json()["days_left"].get<long long>() < 0);

        auto fresh = run_ctl({"popia", "requests", "open", "3", "--kind", "erasure", "-o", "json"}, admin.conninfo);
        REQUIRE(fresh.exit_code == 0);
        CHECK(fresh.json()["days_left"] == 30);
        CHECK(fresh.json()["overdue"] == false);

        auto overdue = run_ctl({"popia", "requests", "list", "--overdue", "-o", "json"}, admin.conninfo);
        REQUIRE(overdue.exit_code == 0);
        REQUIRE(overdue.json().size() == 1);
        CHECK(overdue.json()[0]["id"] == id);
        CHECK(overdue.json()[0]["email"] == "alice@acme.io");
        auto erasures = run_ctl({"popia", "requests", "list", "--kind", "erasure", "-o", "json"}, admin.conninfo);
        CHECK(erasures.json().size() == 1);
        auto table = run_ctl({"popia", "requests", "list"}, admin.conninfo);
        CHECK(table.out.find("OVERDUE") != std::string::npos);
        CHECK(table.out.find("30d left") != std::string::npos);
        auto paged = run_ctl({"popia", "requests", "list", "--limit", "1", "-o", "json"}, admin.conninfo);
        CHECK(paged.json().size() == 1);
        CHECK(paged.err.find("more rows: --after") != std::string::npos);

        auto shown = run_ctl({"popia", "requests", "show", std::to_string(id), "-o", "json"}, admin.conninfo);
        REQUIRE(shown.exit_code == 0);
        CHECK(shown.json()["request"]["details"] == "wants a copy");

        CHECK(run_ctl({"popia", "requests", "close", std::to_string(id), "--status", "completed"}, admin.conninfo)
                  .exit_code == 2);  // --reason is required
        auto closed = run_ctl({"popia", "requests", "close", std::to_string(id), "--status", "completed", "--reason",
                               "export sent", "-o", "json"},
                              admin.conninfo);
        REQUIRE(closed.exit_code == 0);
        CHECK(closed.json()["status"] == "completed");
        CHECK(closed.json()["resolution"] == "export sent");
        auto again = run_ctl({"popia", "requests", "close", std::to_string(id), "--status", "rejected", "--reason", "x"},
                             admin.conninfo);
        CHECK(again.exit_code == 4);
        auto completed = run_ctl({"popia", "requests", "list", "--status", "completed", "-o", "json"}, admin.conninfo);
        CHECK(completed.json().size() == 1);

        auto rows = count(su, "SELECT count(*) FROM popia_requests");
        CHECK(run_ctl({"popia", "requests", "open", "1", "--kind", "gossip"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"popia", "requests", "open", "nobody@x.io", "--kind", "access"}, admin.conninfo).exit_code == 3);
        CHECK(run_ctl({"popia", "requests", "open", "1", "--kind", "access", "--received", "yesterdayish"}, admin.conninfo)
                  .exit_code == 2);
        CHECK(run_ctl({"popia", "requests", "show", "999"}, admin.conninfo).exit_code == 3);
        CHECK(run_ctl({"popia", "requests", "list", "--status", "done"}, admin.conninfo).exit_code == 2);
        testing::Operator viewer(tdb, "viewer");
        CHECK(run_ctl({"popia", "requests", "open", "1", "--kind", "access"}, viewer.conninfo).exit_code == 5);
        CHECK(run_ctl({"popia", "requests", "open", "1", "--kind", "access", "--dry-run"}, admin.conninfo).exit_code == 0);
        CHECK(count(su, "SELECT count(*) FROM popia_requests") == rows);
        CHECK(count(su, "SELECT count(*) FROM audit_log WHERE entity_type = 'popia_requests'") == 3);
    }

    TEST_CASE("popia export holds every table that refers to the person, checked against the schema") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        insert_person_fixture(tdb, su);
        // Tables added later by anyone are covered without being named anywhere in ctl.
        su.exec_script(R"sql(
            CREATE TABLE loyalty_points (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), points int);
            CREATE TABLE agent_tags (agent_id bigint NOT NULL REFERENCES agents (id), tag text);
            GRANT SELECT ON loyalty_points, agent_tags TO ctl_viewer;
            INSERT INTO loyalty_points VALUES (1, 1, 10), (2, 2, 20);
            INSERT INTO agent_tags VALUES (1, 'sales');
        )sql");
        testing::Operator admin(tdb, "admin");
        auto out = std::filesystem::temp_directory_path() / ("popia-export-" + std::to_string(getpid()) + ".json");
        auto r = run_ctl({"popia", "export", "alice@acme.io", "--out", out.string(), "--request", "11"}, admin.conninfo,
                         {{"CTL_NOTES_KEY", k_notes_key}});
        REQUIRE(r.exit_code == 0);
        std::ifstream in(out);
        auto doc = nlohmann::json::parse(in);
        std::filesystem::remove(out);
        CHECK(doc["profile"]["email"] == "alice@acme.io");
        CHECK(doc["admin_notes_status"] == "decrypted");
        REQUIRE(doc["admin_notes"].size() == 1);
        CHECK(doc["admin_notes"][0]["note"].get<std::string>().find("Called Alice Adams") == 0);
        CHECK(std::string(su.exec("SELECT status FROM popia_requests WHERE id = 11")[0].text(0)) == "completed");

        // Independently of ctl: every table with a foreign key to users, or to a table that has one.
        auto fks = su.exec(
            "WITH RECURSIVE fk AS (SELECT c.conrelid::regclass::text AS child, a.attname::text AS col, "
            "c.confrelid::regclass::text AS parent FROM pg_constraint c "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] WHERE c.contype = 'f'), "
            "linked(t) AS (SELECT 'users'::text UNION SELECT fk.child FROM fk JOIN linked ON fk.parent = linked.t) "
            "SELECT fk.child, fk.col, fk.parent FROM fk WHERE fk.parent IN (SELECT t FROM linked) "
            "AND fk.child <> 'users' ORDER BY 1");
        std::map<std::string, std::vector<std::string>> conditions;
        for (int i = 0; i < fks.rows(); ++i) {
            std::string parent(fks[i].text(2));
            std::string col(fks[i].text(1));
            conditions[std::string(fks[i].text(0))].push_back(
                parent == "users" ? col + " = 1" : col + " IN (SELECT id FROM " + parent + " WHERE user_id = 1)");
        }
        CHECK(conditions.count("loyalty_points") == 1);
        CHECK(conditions.count("agent_tags") == 1);
        for (const auto& [table, conds] : conditions) {
            CAPTURE(table);
            std::string where;
            for (const auto& c : conds) where += (where.empty() ? "" : " OR ") + c;
            if (table == "email_log") where += " OR lower(to_address) = 'alice@acme.io'";  // sent before the link was lost
            auto expected = count(su, "SELECT count(*) FROM " + table + " WHERE " + where);
            const auto& rows = table == "admin_notes" ? doc["admin_notes"] : doc["tables"][table];
            REQUIRE(rows.is_array());
            CHECK(static_cast<long long>(rows.size()) == expected);
            if (k_fixture_tables.count(table) > 0) CHECK(expected > 0);  // the fixture has rows there
        }
        // And nothing but the person's rows.
        for (const auto& row : doc["tables"]["loyalty_points"]) CHECK(row["user_id"] == 1);

        auto no_key = run_ctl({"popia", "export", "1", "-o", "json"}, admin.conninfo);
        REQUIRE(no_key.exit_code == 0);
        auto plain = nlohmann::json::parse(no_key.out);
        CHECK(plain["admin_notes"][0]["note"].is_null());
        CHECK(plain["admin_notes_status"].get<std::string>().find("CTL_NOTES_KEY was not available") !=
              std::string::npos);
        CHECK(no_key.err.find("could not be decrypted") != std::string::npos);
        // Both exports are on the audit record, the second without a request.
        auto exports = su.exec("SELECT reason, after FROM audit_log WHERE action = 'popia.export' ORDER BY id");
        REQUIRE(exports.rows() == 2);
        CHECK(std::string(exports[1].text(0)) == "export without a request");
        CHECK(exports[1].json(1).count("request_id") == 0);
        CHECK(exports[0].json(1)["request_id"] == 11);

        CHECK(run_ctl({"popia", "export", "1", "--request", "11"}, admin.conninfo).exit_code == 4);  // closed now
        CHECK(run_ctl({"popia", "export", "1", "--request", "10"}, admin.conninfo).exit_code == 4);  // an erasure
        CHECK(run_ctl({"popia", "export", "nobody@x.io"}, admin.conninfo).exit_code == 3);
    }

    TEST_CASE("popia erase leaves no trace of the person in a dump of the database") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        insert_person_fixture(tdb, su);
        testing::Operator admin(tdb, "admin");
        {
            auto before = dump_of(tdb);
            for (const auto& needle : k_alice) CHECK(before.find(lower(needle)) != std::string::npos);
        }
        auto totals = financial_totals(su);
        auto bob = su.exec("SELECT to_jsonb(u)::text FROM users u WHERE id = 2")[0].opt_text(0);
        auto others = count(su, "SELECT count(*) FROM logins WHERE user_id <> 1") +
                      count(su, "SELECT count(*) FROM email_log WHERE user_id = 2") +
                      count(su, "SELECT count(*) FROM consents WHERE user_id = 2 AND ip IS NOT NULL");

        CHECK(run_ctl({"popia", "erase", "1", "--yes"}, admin.conninfo).exit_code == 2);  // --reason
        CHECK(run_ctl({"popia", "erase", "1", "--reason", "request 10"}, admin.conninfo).exit_code == 2);  // no --yes
        auto dry = run_ctl({"popia", "erase", "1", "--reason", "request 10", "--dry-run", "-o", "json"}, admin.conninfo);
        REQUIRE(dry.exit_code == 0);
        std::set<std::string> tables;
        for (const auto& s : dry.json()) tables.insert(s["table"].get<std::string>());
        CHECK(tables.count("logins") == 1);
        CHECK(tables.count("payments") == 1);
        CHECK(std::string(su.exec("SELECT email FROM users WHERE id = 1")[0].text(0)) == "alice@acme.io");
        CHECK(count(su, "SELECT count(*) FROM logins WHERE user_id = 1") == 2);

        auto r = run_ctl({"popia", "erase", "alice@acme.io", "--reason", "erasure request 10", "--request", "10", "--yes",
                          "-o", "json"},
                         admin.conninfo);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        auto user = su.exec("SELECT email, name, phone, wallet, company, auth_provider_id, status FROM users WHERE id = 1");
        CHECK(user[0].text(0) == "erased-1@invalid");
        for (int c = 1; c <= 5; ++c) CHECK(user[0].is_null(c));
        CHECK(user[0].text(6) == "erased");
        CHECK(count(su, "SELECT count(*) FROM impersonations WHERE user_id = 1 AND revoked_at IS NULL") == 0);
        CHECK(std::string(su.exec("SELECT status FROM popia_requests WHERE id = 10")[0].text(0)) == "completed");

        auto after = dump_of(tdb);
        for (const auto& needle : k_alice) {
            CAPTURE(needle);
            CHECK(after.find(lower(needle)) == std::string::npos);
        }
        CHECK(financial_totals(su) == totals);
        CHECK(su.exec("SELECT to_jsonb(u)::text FROM users u WHERE id = 2")[0].opt_text(0) == bob);
        CHECK(count(su, "SELECT count(*) FROM logins WHERE user_id <> 1") +
                  count(su, "SELECT count(*) FROM email_log WHERE user_id = 2") +
                  count(su, "SELECT count(*) FROM consents WHERE user_id = 2 AND ip IS NOT NULL") ==
              others);
        CHECK(after.find("bob@acme.io") != std::string::npos);
        CHECK(after.find("192.0.2.44") != std::string::npos);

        auto verify = run_ctl({"audit", "verify"}, admin.conninfo);
        CHECK(verify.exit_code == 0);
        CHECK(count(su, "SELECT count(*) FROM audit_log WHERE action = 'popia.erase' AND entity_id = '1'") == 1);

        auto again = run_ctl({"popia", "erase", "1", "--reason", "again", "--yes"}, admin.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already erased") != std::string::npos);
    }

    TEST_CASE("popia erase refuses and rolls back when a column it does not know still holds the e-mail") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        insert_person_fixture(tdb, su);
        su.exec_script("ALTER TABLE usage ADD COLUMN contact text; UPDATE usage SET contact = 'mail ALICE@acme.io' "
                       "WHERE user_id = 1;");
        testing::Operator admin(tdb, "admin");
        auto audit_rows = count(su, "SELECT count(*) FROM audit_log");
        auto r = run_ctl({"popia", "erase", "1", "--reason", "request 10", "--request", "10", "--yes"}, admin.conninfo);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("usage.contact") != std::string::npos);
        CHECK(r.err.find("alice@acme.io") == std::string::npos);  // the error names columns, not the data
        CHECK(std::string(su.exec("SELECT email FROM users WHERE id = 1")[0].text(0)) == "alice@acme.io");
        CHECK(count(su, "SELECT count(*) FROM logins WHERE user_id = 1") == 2);
        CHECK(count(su, "SELECT count(*) FROM audit_log") == audit_rows);
        CHECK(std::string(su.exec("SELECT status FROM popia_requests WHERE id = 10")[0].text(0)) == "open");

        // A --reason naming the person would copy them into the append-only trail: refused too.
        su.exec_script("UPDATE usage SET contact = NULL");
        auto named = run_ctl({"popia", "erase", "1", "--reason", "Alice Adams asked", "--yes"}, admin.conninfo);
        CHECK(named.exit_code == 1);
        CHECK(named.err.find("audit_log.reason") != std::string::npos);
        CHECK(run_ctl({"popia", "erase", "1", "--reason", "ok", "--yes"}, admin.conninfo).exit_code == 0);
    }

    TEST_CASE("popia consent appends grants and withdrawals, purposes from settings") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator admin(tdb, "admin");
        auto g = run_ctl({"popia", "consent", "1", "grant", "marketing_email", "--source", "signup form", "-o", "json"},
                         admin.conninfo);
        REQUIRE(g.exit_code == 0);
        CHECK(g.json()["granted"] == true);
        CHECK(g.json()["changed"] == true);
        CHECK(g.json()["recorded_by"] == admin.name);
        auto again = run_ctl({"popia", "consent", "1", "grant", "marketing_email", "--source", "again"}, admin.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already") != std::string::npos);
        CHECK(run_ctl({"popia", "consent", "1", "withdraw", "marketing_email", "--source", "call"}, admin.conninfo)
                  .exit_code == 0);
        auto history = run_ctl({"popia", "consent", "alice@acme.io", "-o", "json"}, admin.conninfo);
        REQUIRE(history.exit_code == 0);
        REQUIRE(history.json().size() == 2);
        CHECK(history.json()[0]["granted"] == true);
        CHECK(history.json()[1]["granted"] == false);
        CHECK(history.json()[1]["source"] == "call");

        CHECK(run_ctl({"popia", "consent", "1", "grant", "telepathy", "--source", "x"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"popia", "consent", "1", "grant", "analytics"}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"popia", "consent", "1", "grant"}, admin.conninfo).exit_code == 2);
        testing::Operator viewer(tdb, "viewer");
        CHECK(run_ctl({"popia", "consent", "1", "grant", "analytics", "--source", "x"}, viewer.conninfo).exit_code == 5);
        CHECK(count(su, "SELECT count(*) FROM consents") == 2);
        // Never overwritten, not even by hand.
        CHECK_THROWS(su.exec("UPDATE consents SET granted = NOT granted"));
        su.exec("UPDATE settings SET value = '[\"analytics\", \"telepathy\"]' WHERE key = 'popia.consent_purposes'");
        CHECK(run_ctl({"popia", "consent", "1", "grant", "telepathy", "--source", "x"}, admin.conninfo).exit_code == 0);
    }

    TEST_CASE("popia retention run deletes exactly what is past its period") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        su.exec_script(R"sql(
            DELETE FROM logins;
            INSERT INTO logins (user_id, logged_in_at, ip) VALUES
              (1, now() - interval '91 days', '192.0.2.1'), (1, now() - interval '89 days', '192.0.2.2'),
              (2, now() - interval '400 days', '192.0.2.3');
            INSERT INTO activity (user_id, type, created_at) VALUES
              (1, 'login', now() - interval '366 days'), (1, 'login', now() - interval '364 days');
            INSERT INTO email_log (user_id, to_address, subject, provider, status, created_at) VALUES
              (1, 'alice@acme.io', 'old', 'resend', 'sent', now() - interval '366 days'),
              (1, 'alice@acme.io', 'new', 'resend', 'sent', now() - interval '10 days');
            INSERT INTO consents (user_id, purpose, granted, ip, created_at) VALUES
              (1, 'terms', true, '192.0.2.9', now() - interval '91 days'),
              (1, 'privacy', true, '192.0.2.9', now() - interval '89 days');
            INSERT INTO users (id, email, status) VALUES (6, 'erased-6@invalid', 'erased');
            INSERT INTO payments (id, user_id, provider, amount_cents, currency, status, created_at) VALUES
              (60, 6, 'manual', 1000, 'USD', 'succeeded', now() - interval '6 years'),
              (61, 6, 'manual', 1000, 'USD', 'succeeded', now() - interval '4 years'),
              (62, 1, 'manual', 1000, 'USD', 'succeeded', now() - interval '6 years');
            INSERT INTO invoices (year, seq, user_id, payment_id, amount_cents, currency, status, issued_at)
              VALUES (2020, 1, 6, 60, 1000, 'USD', 'paid', now() - interval '6 years');
        )sql");
        testing::Operator admin(tdb, "admin");
        auto status = run_ctl({"popia", "retention", "status", "-o", "json"}, admin.conninfo);
        REQUIRE(status.exit_code == 0);
        std::map<std::string, long long> past;
        for (const auto& c : status.json()) past[c["data_class"]] = c["past_retention"].get<long long>();
        CHECK(past["logins"] == 2);
        CHECK(past["ip_addresses"] == 1);
        CHECK(past["activity"] == 1);
        CHECK(past["email_log"] == 1);
        CHECK(past["erased_financial"] == 2);

        CHECK(run_ctl({"popia", "retention", "run"}, admin.conninfo).exit_code == 2);  // no --yes without a terminal
        auto dry = run_ctl({"popia", "retention", "run", "--dry-run", "-o", "json"}, admin.conninfo);
        REQUIRE(dry.exit_code == 0);
        CHECK(count(su, "SELECT count(*) FROM logins") == 3);

        auto run = run_ctl({"popia", "retention", "run", "--yes", "-o", "json"}, admin.conninfo);
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        std::map<std::string, long long> done;
        for (const auto& c : run.json()) done[c["data_class"]] = c["rows"].get<long long>();
        CHECK(done["logins"] == 2);
        CHECK(done["ip_addresses"] == 1);
        CHECK(done["activity"] == 1);
        CHECK(done["email_log"] == 1);
        CHECK(done["erased_financial"] == 2);
        CHECK(count(su, "SELECT count(*) FROM logins") == 1);
        CHECK(count(su, "SELECT count(*) FROM logins WHERE ip = '192.0.2.2'") == 1);
        CHECK(count(su, "SELECT count(*) FROM activity") == 1);
        CHECK(count(su, "SELECT count(*) FROM email_log WHERE subject = 'new'") == 1);
        CHECK(count(su, "SELECT count(*) FROM email_log") == 1);
        CHECK(count(su, "SELECT count(*) FROM consents WHERE ip IS NOT NULL") == 1);
        CHECK(count(su, "SELECT count(*) FROM consents") == 2);
        CHECK(std::string(su.exec("SELECT string_agg(id::text, ',' ORDER BY id) FROM payments")[0].text(0)) == "1,61,62");
        CHECK(count(su, "SELECT count(*) FROM invoices") == 0);
        CHECK(count(su, "SELECT count(*) FROM audit_log WHERE action = 'popia.retention'") == 1);

        auto second = run_ctl({"popia", "retention", "run", "--yes", "-o", "json"}, admin.conninfo);
        long long total = 0;
        for (const auto& c : second.json()) total += c["rows"].get<long long>();
        CHECK(total == 0);
    }
}
