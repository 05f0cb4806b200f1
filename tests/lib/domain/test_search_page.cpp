// How a list with a search finds its page (domain/search_page.hpp): which queries it makes, and
// that users list and agents list return the same page whichever way they find it.

#include "domain/agents.hpp"
#include "domain/search_page.hpp"
#include "domain/users.hpp"
#include "support/pg_harness.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

using namespace ctl;
using domain::SearchPlan;

namespace {

// A list of `size` rows in list order, of which those at `matching` (0 = first) match.
struct FakeList {
    long long size;
    std::set<long long> matching;
    std::vector<std::pair<SearchPlan, long long>> queries;

    struct Result {
        long long n;
        long long rows() const { return n; }
    };
    // What the list's query returns: the matches among the first `rows` rows (all rows for the
    // matches), at most limit + 1 of them.
    Result run(long long limit, SearchPlan plan, long long rows) {
        queries.emplace_back(plan, rows);
        long long reach = plan == SearchPlan::matches ? size : std::min(rows, size);
        long long n = 0;
        for (long long i : matching)
            if (i < reach) ++n;
        return {limit > 0 ? std::min(n, limit + 1) : n};
    }
    long long page(long long limit, domain::SearchWindow window) {
        return domain::search_page(limit, window, [&](SearchPlan plan, long long rows) { return run(limit, plan, rows); })
            .rows();
    }
};

std::set<long long> every(long long step, long long size) {
    std::set<long long> out;
    for (long long i = step - 1; i < size; i += step) out.insert(i);
    return out;
}

// The ids of a page, in order.
std::vector<long long> ids(const users::Page& page) {
    std::vector<long long> out;
    for (const auto& row : page.rows) out.push_back(std::stoll(*row[0].value));
    return out;
}

std::vector<long long> ids(db::Connection& conn, const std::string& sql) {
    std::vector<long long> out;
    auto r = conn.exec(sql);
    for (int i = 0; i < r.rows(); ++i) out.push_back(r[i].int64(0));
    return out;
}

// Tags in the names of rows 1..n, newest last (the lists show the newest first), placed so that
// each way of finding a page is taken with a limit of 20:
//   dense   every 10th row: the first window fills the page;
//   sparse  every `sparse`th: the first window holds a few, a second, longer walk fills the page;
//   rare    one recent row and three old ones: too few in the first window to walk further;
//   old     only old rows: none in the first window;
//   recent  the five newest rows only: the second walk reaches the end without a page.
// The walks differ for users and agents, so the spacing of "sparse" and "rare" does too.
std::string tags_sql(const std::string& i, long long n, long long sparse) {
    return fmt::format("CASE WHEN {0} % 10 = 0 THEN ' dense' ELSE '' END || "
                       "CASE WHEN {0} % {2} = 0 THEN ' sparse' ELSE '' END || "
                       "CASE WHEN {0} IN ({1} - 10, {1} / 2, {1} / 4, 10) THEN ' rare' ELSE '' END || "
                       "CASE WHEN {0} IN ({1} / 3, 20) THEN ' old' ELSE '' END || "
                       "CASE WHEN {0} > {1} - 5 THEN ' recent' ELSE '' END",
                       i, n, sparse);
}

const char* const k_fragments[] = {"dense", "sparse", "rare", "old", "recent", "nothing"};

}  // namespace

TEST_SUITE("search page") {
    TEST_CASE("the first window, a longer walk when its share of matches promises a page, else the matches") {
        const domain::SearchWindow window{1000, 15000};
        SUBCASE("a common fragment: the first window fills the page") {
            FakeList list{100000, every(10, 100000), {}};
            CHECK(list.page(20, window) == 21);
            CHECK(list.queries == std::vector<std::pair<SearchPlan, long long>>{{SearchPlan::window, 1000}});
        }
        SUBCASE("one row in a hundred: a second walk, as long as the first window's share says, with a margin") {
            FakeList list{100000, every(100, 100000), {}};
            CHECK(list.page(20, window) == 21);
            // 10 matches in 1,000 rows: 21 within 2,100 rows; half as many again.
            CHECK(list.queries ==
                  std::vector<std::pair<SearchPlan, long long>>{{SearchPlan::window, 1000}, {SearchPlan::window, 3150}});
        }
        SUBCASE("too rare to walk for: the matches") {
            FakeList list{100000, every(500, 100000), {}};
            CHECK(list.page(20, window) == 21);
            CHECK(list.queries ==
                  std::vector<std::pair<SearchPlan, long long>>{{SearchPlan::window, 1000}, {SearchPlan::matches, 0}});
        }
        SUBCASE("none among the first rows: the matches") {
            FakeList list{100000, {5000, 90000}, {}};
            CHECK(list.page(20, window) == 2);
            CHECK(list.queries ==
                  std::vector<std::pair<SearchPlan, long long>>{{SearchPlan::window, 1000}, {SearchPlan::matches, 0}});
        }
        SUBCASE("the matches all among the first rows: the second walk finds no page, then the matches") {
            FakeList list{100000, {1, 2, 3, 4, 5, 6, 7, 8}, {}};
            CHECK(list.page(20, window) == 8);
            CHECK(list.queries == std::vector<std::pair<SearchPlan, long long>>{
                                      {SearchPlan::window, 1000}, {SearchPlan::window, 3937}, {SearchPlan::matches, 0}});
        }
        SUBCASE("no limit, or one the first window cannot hold: the matches at once") {
            FakeList all{100000, every(10, 100000), {}};
            CHECK(all.page(0, window) == 10000);
            CHECK(all.queries == std::vector<std::pair<SearchPlan, long long>>{{SearchPlan::matches, 0}});
            FakeList big{100000, every(10, 100000), {}};
            CHECK(big.page(1000, window) == 1001);
            CHECK(big.queries == std::vector<std::pair<SearchPlan, long long>>{{SearchPlan::matches, 0}});
        }
    }

    TEST_CASE("users list and agents list find the same page whichever way they look") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        // 1,500 users (the first window is 500) and 3,000 agents (1,000), one a second.
        const long long n_users = 1500, n_agents = 3000;
        conn.exec(fmt::format("INSERT INTO users (email, name, created_at) SELECT 'u' || i || '@example.org', "
                              "'User ' || i || {}, now() - interval '1 day' + i * interval '1 second' "
                              "FROM generate_series(1, {}) i",
                              tags_sql("i", n_users, 40), n_users));
        conn.exec(fmt::format("INSERT INTO agents (user_id, name, tier, created_at) SELECT (SELECT min(id) FROM users), "
                              "'Bot ' || i || {}, 'pro', now() - interval '1 day' + i * interval '1 second' "
                              "FROM generate_series(1, {}) i",
                              tags_sql("i", n_agents, 90), n_agents));
        for (const char* fragment : k_fragments) {
            CAPTURE(fragment);
            auto expected = [&](const char* table) {
                return ids(conn, fmt::format("SELECT id FROM {} WHERE name LIKE '%{}%' ORDER BY created_at DESC, id DESC",
                                             table, fragment));
            };
            auto first_20 = [](std::vector<long long> all) {
                all.resize(std::min<std::size_t>(all.size(), 20));
                return all;
            };
            // The first page, and the next one from its cursor.
            auto check_pages = [&](auto filter, const auto& list, const std::vector<long long>& all) {
                filter.search = fragment;
                filter.limit = 20;
                auto page = list(filter);
                CHECK(ids(page) == first_20(all));
                CHECK(page.next_cursor.has_value() == (all.size() > 20));
                if (page.next_cursor) {
                    filter.after = page.next_cursor;
                    CHECK(ids(list(filter)) == first_20(std::vector<long long>(all.begin() + 20, all.end())));
                }
            };
            check_pages(users::ListFilter{}, [&](const users::ListFilter& f) { return users::list(conn, f); },
                        expected("users"));
            check_pages(agents::ListFilter{}, [&](const agents::ListFilter& f) { return agents::list(conn, f); },
                        expected("agents"));
        }
    }
}
