#include "db/connection.hpp"
#include "support/pg_harness.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ctl;

TEST_SUITE("db::Connection") {
    TEST_CASE("parameters are typed and NULL-aware") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        auto r = conn.exec("SELECT $1::bigint, $2::text, $3::boolean, $4::text IS NULL, $5::jsonb, $6::numeric",
                           {std::int64_t{9007199254740993}, "it's \"quoted\"; DROP TABLE users; --", true,
                            std::nullopt, nlohmann::json{{"a", 1}}, "12.50"});
        CHECK(r[0].int64(0) == 9007199254740993);
        CHECK(r[0].text(1) == "it's \"quoted\"; DROP TABLE users; --");
        CHECK(r[0].boolean(2));
        CHECK(r[0].boolean(3));
        CHECK(r[0].json(4)["a"] == 1);
        CHECK(r[0].text(5) == "12.50");
        auto n = conn.exec("SELECT NULL::bigint");
        CHECK(n[0].is_null(0));
        CHECK_FALSE(n[0].opt_int64(0).has_value());
        CHECK_THROWS_AS(n[0].int64(0), Error);
    }

    TEST_CASE("timestamps come back in UTC") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        auto r = conn.exec("SELECT '2026-10-01 14:00:00+02'::timestamptz");
        CHECK(r[0].text(0) == "2026-10-01 12:00:00+00");
    }

    TEST_CASE("errors keep their SQLSTATE and map to exit codes") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        conn.exec("INSERT INTO users (email) VALUES ($1)", {"a@example.com"});
        SUBCASE("unique violation is a conflict") {
            try {
                conn.exec("INSERT INTO users (email) VALUES ($1)", {"A@example.com"});
                FAIL("expected an error");
            } catch (const db::DatabaseError& e) {
                CHECK(e.sqlstate() == "23505");
                CHECK(e.code() == ExitCode::conflict);
            }
        }
        SUBCASE("check violation is bad input") {
            try {
                conn.exec("UPDATE users SET status = $1", {"weird"});
                FAIL("expected an error");
            } catch (const db::DatabaseError& e) {
                CHECK(e.sqlstate() == "23514");
                CHECK(e.code() == ExitCode::usage);
            }
        }
        SUBCASE("insufficient privilege is permission denied") {
            conn.exec_script("DROP ROLE IF EXISTS test_nobody; CREATE ROLE test_nobody");
            conn.exec("SET ROLE test_nobody");
            try {
                conn.exec("SELECT * FROM users");
                FAIL("expected an error");
            } catch (const db::DatabaseError& e) {
                CHECK(e.sqlstate() == "42501");
                CHECK(e.code() == ExitCode::permission_denied);
            }
            conn.exec("RESET ROLE");
            conn.exec_script("DROP ROLE test_nobody");
        }
        SUBCASE("statement timeout is unavailable") {
            conn.exec("SET statement_timeout = 50");
            try {
                conn.exec("SELECT pg_sleep(2)");
                FAIL("expected an error");
            } catch (const db::DatabaseError& e) {
                CHECK(e.sqlstate() == "57014");
                CHECK(e.code() == ExitCode::unavailable);
            }
        }
    }

    TEST_CASE("an unreachable server is unavailable, within the connect timeout") {
        db::ConnectOptions o;
        o.conninfo = "host=/nonexistent-socket-dir port=1 dbname=x user=x password=secret";
        o.connect_timeout_s = 2;
        try {
            db::Connection c(o);
            FAIL("expected an error");
        } catch (const db::DatabaseError& e) {
            CHECK(e.code() == ExitCode::unavailable);
            CHECK(std::string(e.what()).find("secret") == std::string::npos);
            CHECK(e.hint().find("secret") == std::string::npos);
        }
    }

    TEST_CASE("transactions roll back unless committed; set_local lasts one transaction") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        {
            db::Transaction tx(conn);
            tx.exec("INSERT INTO users (email) VALUES ('x@example.com')");
            tx.set_local("ctl.reason", "ticket 42");
            CHECK(tx.exec("SELECT current_setting('ctl.reason')")[0].text(0) == "ticket 42");
        }
        CHECK(conn.exec("SELECT count(*) FROM users")[0].int64(0) == 0);
        CHECK(conn.exec("SELECT coalesce(current_setting('ctl.reason', true), '')")[0].text(0) == "");
        {
            db::Transaction tx(conn);
            tx.exec("INSERT INTO users (email) VALUES ('x@example.com')");
            tx.commit();
        }
        CHECK(conn.exec("SELECT count(*) FROM users")[0].int64(0) == 1);
    }

    TEST_CASE("COPY in and streaming out keep every row") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        {
            auto copy = conn.copy_in("COPY users (id, email, name) FROM STDIN");
            for (int i = 1; i <= 5000; ++i) {
                std::string line = std::to_string(i) + "\tu" + std::to_string(i) + "@example.com\t";
                db::append_copy_text(line, "Name\twith tab\\" + std::to_string(i));
                copy->put(line + "\n");
            }
            copy->finish();
        }
        CHECK(conn.exec("SELECT count(*) FROM users")[0].int64(0) == 5000);
        CHECK(conn.exec("SELECT name FROM users WHERE id = 7")[0].text(0) == "Name\twith tab\\7");
        long long seen = 0, sum = 0;
        conn.stream("SELECT id FROM users WHERE id > $1 ORDER BY id", {0}, [&](const db::RowRef& row) {
            ++seen;
            sum += row.int64(0);
        });
        CHECK(seen == 5000);
        CHECK(sum == 5000LL * 5001 / 2);
        std::string copied;
        conn.copy_out("COPY (SELECT id FROM users WHERE id <= 3 ORDER BY id) TO STDOUT",
                      [&](std::string_view chunk) { copied += chunk; });
        CHECK(copied == "1\n2\n3\n");
        SUBCASE("a failing row aborts the COPY and leaves nothing") {
            auto copy = conn.copy_in("COPY users (id, email) FROM STDIN");
            copy->put("90001\tok@example.com\n90002\tnot-an-email\n");
            CHECK_THROWS_AS(copy->finish(), db::DatabaseError);
            CHECK(conn.exec("SELECT count(*) FROM users WHERE id > 90000")[0].int64(0) == 0);
        }
        SUBCASE("the connection stays usable after a callback throws mid-stream") {
            CHECK_THROWS_AS(conn.stream("SELECT id FROM users ORDER BY id", {},
                                        [](const db::RowRef&) { throw std::runtime_error("stop"); }),
                            std::runtime_error);
            CHECK(conn.exec("SELECT 1")[0].int64(0) == 1);
        }
    }

    TEST_CASE("redact_conninfo hides passwords") {
        CHECK(db::redact_conninfo("postgresql://ops:hunter2@db/x") == "postgresql://ops:***@db/x");
        CHECK(db::redact_conninfo("host=db password=hunter2 user=x") == "host=db password=*** user=x");
        CHECK(db::redact_conninfo("host=db password='a b' user=x") == "host=db password=*** user=x");
        CHECK(db::redact_conninfo("host=db password = 'a\\' b' user=x") == "host=db password = *** user=x");
        CHECK(db::redact_conninfo("password='open user=x") == "password=*** user=x");
        CHECK(db::redact_conninfo("postgresql://ops@db/x?password=s3cret&sslmode=require") ==
              "postgresql://ops@db/x?password=***");
        CHECK(db::redact_conninfo("postgresql://ops:a:b@db/x password=") == "postgresql://ops:***@db/x password=");
        CHECK(db::redact_conninfo("host=db user=x") == "host=db user=x");
        // No recursion per character: a 4 MB conninfo is scanned, not matched by a backtracker.
        const std::string huge = "password=" + std::string(4 << 20, 'x') + " host=db";
        CHECK(db::redact_conninfo(huge) == "password=*** host=db");
    }

    TEST_CASE("map_database_error names the refused object") {
        auto e = db::map_database_error("42501", "permission denied for table users", "", "", "UPDATE users SET x = 1",
                                        "ops_ro");
        CHECK(e.code() == ExitCode::permission_denied);
        CHECK(std::string(e.what()) == "permission denied: update users");
        CHECK(e.hint() == "role ops_ro lacks UPDATE on table users");
        e = db::map_database_error("42501", "permission denied for function refund_payment", "", "", "SELECT 1");
        CHECK(std::string(e.what()) == "permission denied: call refund_payment");
        e = db::map_database_error("42501", "permission denied for database ctl", "", "", "SELECT 1");
        CHECK(std::string(e.what()) == "permission denied: permission denied for database ctl");
        const std::string long_message = "permission denied for table " + std::string(4 << 20, 'x');
        e = db::map_database_error("42501", long_message, "", "", "SELECT 1");
        CHECK(std::string(e.what()).size() > (4u << 20));
    }
}
