#include "domain/user_actions.hpp"
#include "domain/user_bulk.hpp"
#include "domain/users.hpp"
#include "support/fixtures.hpp"
#include "support/pg_harness.hpp"

#include <doctest/doctest.h>

using namespace ctl;

namespace {
std::string status_of(db::Connection& c, int id) {
    return std::string(c.exec("SELECT status FROM users WHERE id = $1", {id})[0].text(0));
}
}  // namespace

TEST_SUITE("users actions") {
    TEST_CASE("users::change_status: transitions, idempotence, dry run and deleted users") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);
        auto r = users::change_status(conn, 1, users::StatusAction::ban, "r", true);
        CHECK(r.changed);
        CHECK(r.summary.rfind("dry run:", 0) == 0);
        CHECK(status_of(conn, 1) == "active");
        CHECK(users::change_status(conn, 1, users::StatusAction::ban, "r", false).changed);
        CHECK(status_of(conn, 1) == "banned");
        CHECK_FALSE(users::change_status(conn, 1, users::StatusAction::ban, "r", false).changed);
        CHECK_FALSE(users::change_status(conn, 3, users::StatusAction::unban, "r", false).changed);
        CHECK(users::change_status(conn, 4, users::StatusAction::activate, "r", false).changed);
        CHECK(status_of(conn, 4) == "active");
        conn.exec("UPDATE users SET status = 'deleted' WHERE id = 5");
        CHECK_THROWS_AS(users::change_status(conn, 5, users::StatusAction::suspend, "r", false), Conflict);
        CHECK_THROWS_AS(users::change_status(conn, 999, users::StatusAction::ban, "r", false), NotFound);
        CHECK_THROWS_AS(users::parse_status_action("smite"), UsageError);
    }

    TEST_CASE("users::is_valid_email and parse_quota") {
        CHECK(users::is_valid_email("a@b.co"));
        CHECK(users::is_valid_email("first.last+tag@sub.example.org"));
        for (const char* bad : {"", "a", "a@b", "@b.co", "a@.co", "a@b.", "a b@c.io", "a@@b.io", "a@b..io", "<a@b.io>"})
            CHECK_FALSE_MESSAGE(users::is_valid_email(bad), bad);
        auto q = users::parse_quota({"minutes=1000", "agents=5"});
        CHECK(q.minutes == std::optional<long long>(1000));
        CHECK(q.agents == std::optional<long long>(5));
        CHECK_FALSE(q.api_calls.has_value());
        CHECK_THROWS_AS(users::parse_quota({}), UsageError);
        CHECK_THROWS_AS(users::parse_quota({"minutes"}), UsageError);
        CHECK_THROWS_AS(users::parse_quota({"minutes=x"}), UsageError);
        CHECK_THROWS_AS(users::parse_quota({"seats=1"}), UsageError);
    }

    TEST_CASE("users::run_bulk commits batch by batch and reports a failing batch") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);
        users::BulkRequest req;
        req.action = "suspend";
        req.ids = {1, 2, 3, 5};
        req.reason = "test";
        req.batch_size = 2;
        std::vector<std::size_t> progress;
        conn.exec_script("CREATE FUNCTION fail_on_5() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                         "IF NEW.id = 5 THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$; "
                         "CREATE TRIGGER fail_on_5 BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION fail_on_5();");
        try {
            users::run_bulk(conn, req, [&](const users::BulkProgress& p) { progress.push_back(p.done); });
            FAIL("expected a failure");
        } catch (const Error& e) {
            std::string what = e.what();
            CHECK(what.find("done: 2 of 4") != std::string::npos);
            CHECK(what.find("not done: 2") != std::string::npos);
        }
        CHECK(progress == std::vector<std::size_t>{2});
        CHECK(status_of(conn, 1) == "suspended");
        CHECK(status_of(conn, 2) == "suspended");
        CHECK(status_of(conn, 3) == "active");  // its batch rolled back with user 5
        conn.exec_script("DROP TRIGGER fail_on_5 ON users;");
        auto p = users::run_bulk(conn, req, nullptr);
        CHECK(p.changed == 2);
        CHECK(p.unchanged == 2);
        CHECK(status_of(conn, 5) == "suspended");
        req.action = "note";
        CHECK_THROWS_AS(users::check_bulk(req), UsageError);  // no key
        req.action = "smite";
        CHECK_THROWS_AS(users::check_bulk(req), UsageError);
    }

    TEST_CASE("users::search ranks an exact identifier first") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);
        users::ListFilter f;
        auto page = users::search(conn, "did:privy:alice", f);
        REQUIRE_FALSE(page.rows.empty());
        CHECK(page.rows[0][1].value == std::optional<std::string>("alice@acme.io"));
        f.limit = 1;
        CHECK(users::search(conn, "acme", f).more);
        CHECK_THROWS_AS(users::search(conn, "   ", f), UsageError);
        f.segment = "whales";
        CHECK_THROWS_AS(users::search(conn, "acme", f), UsageError);
    }
}
