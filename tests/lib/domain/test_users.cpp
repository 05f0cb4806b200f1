#include "domain/users.hpp"
#include "support/fixtures.hpp"
#include "support/pg_harness.hpp"

#include <doctest/doctest.h>

using namespace ctl;

namespace {

std::vector<std::string> emails(const users::Page& page) {
    std::size_t col = 0;
    for (std::size_t i = 0; i < page.columns.size(); ++i)
        if (page.columns[i].name == "email") col = i;
    std::vector<std::string> out;
    for (const auto& r : page.rows) out.push_back(*r[col].value);
    return out;
}

}  // namespace

TEST_SUITE("users") {
    TEST_CASE("users::list filters, sorts and pages") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);

        SUBCASE("newest first by default") {
            users::ListFilter f;
            CHECK(emails(users::list(conn, f)) ==
                  std::vector<std::string>{"zoe@mail.co.za", "dan@zeta.dev", "carol@zeta.dev", "bob@acme.io",
                                           "alice@acme.io"});
        }
        SUBCASE("search matches e-mail, name or company, case-insensitively") {
            users::ListFilter f;
            f.search = "ACME";
            CHECK(emails(users::list(conn, f)).size() == 2);
            f.search = "chen";
            CHECK(emails(users::list(conn, f)) == std::vector<std::string>{"carol@zeta.dev"});
            f.search = "ubunt";
            CHECK(emails(users::list(conn, f)) == std::vector<std::string>{"zoe@mail.co.za"});
            f.search = "100%_";
            CHECK(users::list(conn, f).rows.empty());
        }
        SUBCASE("status, plan and join dates") {
            users::ListFilter f;
            f.status = "active";
            f.plan = "free";
            CHECK(emails(users::list(conn, f)) == std::vector<std::string>{"zoe@mail.co.za"});
            users::ListFilter g;
            g.joined_after = "2026-02-01T00:00:00Z";
            g.joined_before = "2026-04-01T00:00:00Z";
            CHECK(emails(users::list(conn, g)) == std::vector<std::string>{"carol@zeta.dev", "bob@acme.io"});
        }
        SUBCASE("bad filter values are usage errors") {
            users::ListFilter f;
            f.status = "vip";
            CHECK_THROWS_AS(users::list(conn, f), UsageError);
            users::ListFilter g;
            g.sort = "password";
            CHECK_THROWS_AS(users::list(conn, g), UsageError);
            users::ListFilter h;
            h.after = "not-a-cursor!";
            CHECK_THROWS_AS(users::list(conn, h), UsageError);
        }
        SUBCASE("keyset pages cover every row exactly once, for every sort") {
            for (std::string sort : {"created_at", "-created_at", "email", "-email", "name", "-name",
                                     "last_login_at", "-last_login_at", "id", "-id"}) {
                CAPTURE(sort);
                users::ListFilter f;
                f.sort = sort;
                f.limit = 0;
                auto all = emails(users::list(conn, f));
                std::vector<std::string> paged;
                users::ListFilter p;
                p.sort = sort;
                p.limit = 2;
                for (int guard = 0; guard < 10; ++guard) {
                    auto page = users::list(conn, p);
                    auto e = emails(page);
                    paged.insert(paged.end(), e.begin(), e.end());
                    if (!page.next_cursor) break;
                    p.after = page.next_cursor;
                }
                CHECK(paged == all);
                CHECK(all.size() == 5);
            }
        }
    }

    TEST_CASE("users::resolve finds by id, e-mail, wallet and auth-provider id") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);
        CHECK(users::resolve(conn, "3") == 3);
        CHECK(users::resolve(conn, "ALICE@acme.io") == 1);
        CHECK(users::resolve(conn, "0x52908400098527886e0f7030069857d2e4169ee7") == 1);
        CHECK(users::resolve(conn, "did:privy:alice") == 1);
        CHECK_THROWS_AS(users::resolve(conn, "nobody@x"), NotFound);
        CHECK_THROWS_AS(users::resolve(conn, "999"), NotFound);
        CHECK_THROWS_AS(users::resolve(conn, "99999999999999999999999"), NotFound);
    }

    TEST_CASE("users::show gathers profile, usage, agents, subscriptions, payments, logins, requests and notes") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);
        auto doc = users::show(conn, 1);
        std::vector<std::string> keys;
        for (const auto& s : doc) keys.push_back(s.key);
        CHECK(keys == std::vector<std::string>{"profile", "usage", "agents", "subscriptions", "payments", "logins",
                                               "popia_requests", "notes"});
        CHECK(doc[0].single);
        CHECK(doc[0].rows.size() == 1);
        CHECK(doc[1].single);
        CHECK(doc[1].rows.size() == 1);
        CHECK(doc[2].rows.size() == 1);
        CHECK(doc[3].rows.size() == 1);
        CHECK(doc[4].rows.size() == 1);
        CHECK(doc[5].rows.size() == 1);
        CHECK(doc[6].rows.empty());
        CHECK(doc[7].rows.empty());
        CHECK_THROWS_AS(users::show(conn, 999), NotFound);
    }
}
