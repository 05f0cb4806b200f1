#include "schema/migrator.hpp"
#include "support/pg_harness.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace ctl;

TEST_SUITE("schema::migrator") {
    TEST_CASE("migrate applies everything once; a second run is a no-op") {
        auto tdb = testing::empty_database();
        auto conn = tdb.connect();
        CHECK_FALSE(schema::schema_is_current(conn));
        auto first = schema::migrate(conn);
        CHECK(first.applied_now.size() == schema::known_migrations().size());
        CHECK(schema::schema_is_current(conn));
        auto second = schema::migrate(conn);
        CHECK(second.applied_now.empty());
        CHECK(second.changed.empty());
    }

    TEST_CASE("concurrent migrators apply each migration exactly once") {
        auto tdb = testing::empty_database();
        std::vector<std::thread> threads;
        std::vector<std::size_t> applied(4);
        for (std::size_t i = 0; i < applied.size(); ++i)
            threads.emplace_back([&, i] {
                auto conn = tdb.connect();
                applied[i] = schema::migrate(conn).applied_now.size();
            });
        for (auto& t : threads) t.join();
        std::size_t total = 0;
        for (auto n : applied) total += n;
        CHECK(total == schema::known_migrations().size());
        auto conn = tdb.connect();
        CHECK(schema::schema_is_current(conn));
    }

    TEST_CASE("a changed migration is reported, not re-run") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        conn.exec("UPDATE ctl_schema_migrations SET checksum = 'edited' WHERE version = 1");
        auto r = schema::migrate(conn);
        CHECK(r.applied_now.empty());
        REQUIRE(r.changed.size() == 1);
        CHECK(r.changed[0].version == 1);
        CHECK_FALSE(schema::schema_is_current(conn));
    }

    TEST_CASE("searches and filters are served by indexes") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        conn.exec_script(
            "INSERT INTO users (email, name, company) SELECT 'user' || g || '@example.com', 'Name ' || g, "
            "'Company ' || (g % 100) FROM generate_series(1, 20000) g; ANALYZE users");
        auto plan = conn.exec("EXPLAIN SELECT id FROM users WHERE email::text ILIKE '%ser1234%'");
        std::string text;
        for (int i = 0; i < plan.rows(); ++i) text += std::string(plan[i].text(0)) + "\n";
        CHECK(text.find("users_email_trgm_idx") != std::string::npos);
    }
}
