// The real binary against a real database: exit codes, output formats, pagination.

#include "support/fixtures.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>

using namespace ctl;
using testing::run_ctl;

TEST_SUITE("cli") {
    TEST_CASE("version and help need no database") {
        auto v = run_ctl({"version"}, "host=/nonexistent port=1 dbname=x");
        CHECK(v.exit_code == 0);
        CHECK(v.out.rfind("ctl ", 0) == 0);
        CHECK(run_ctl({"--version"}).exit_code == 0);
        auto h = run_ctl({"--help"});
        CHECK(h.exit_code == 0);
        CHECK(h.out.find("users") != std::string::npos);
    }

    TEST_CASE("usage errors exit 2 with one line on stderr") {
        auto tdb = testing::fresh_database();
        for (auto args : std::vector<std::vector<std::string>>{
                 {"users", "list", "--bogus"},
                 {"frobnicate"},
                 {"users", "list", "--status", "vip"},
                 {"users", "list", "--limit", "-3"},
                 {"users", "list", "--joined-after", "2026-02-30"},
                 {"users", "list", "--after", "garbage!"},
                 {"users", "list", "-o", "xml"},
                 {"users", "list", "--fields", "email,nope"},
                 {"users"},
             }) {
            CAPTURE(args);
            auto r = run_ctl(args, tdb.conninfo);
            CHECK(r.exit_code == 2);
            CHECK(r.err.rfind("ctl: ", 0) == 0);
            CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
            CHECK(r.out.empty());
        }
    }

    TEST_CASE("an unknown user exits 3") {
        auto tdb = testing::fresh_database();
        auto r = run_ctl({"users", "show", "nobody@x"}, tdb.conninfo);
        CHECK(r.exit_code == 3);
        CHECK(r.err.find("not found") != std::string::npos);
    }

    TEST_CASE("an unreachable database exits 6 within the connect timeout") {
        auto started = std::chrono::steady_clock::now();
        auto r = run_ctl({"users", "list", "--timeout", "2"},
                         "postgresql://ops:hunter2@10.255.255.1:5432/x?connect_timeout=2");
        auto elapsed = std::chrono::steady_clock::now() - started;
        CHECK(r.exit_code == 6);
        CHECK(r.err.find("hunter2") == std::string::npos);
        CHECK(elapsed < std::chrono::seconds(10));
        auto down = run_ctl({"users", "list"}, "host=/nonexistent port=1 dbname=x");
        CHECK(down.exit_code == 6);
    }

    TEST_CASE("db migrate twice is a no-op; db status reports the schema") {
        auto tdb = testing::empty_database();
        auto status = run_ctl({"db", "status", "-o", "json"}, tdb.conninfo);
        CHECK(status.exit_code == 10);
        auto first = run_ctl({"db", "migrate", "-o", "json"}, tdb.conninfo);
        REQUIRE(first.exit_code == 0);
        CHECK(first.json().size() >= 1);
        auto second = run_ctl({"db", "migrate", "-o", "json"}, tdb.conninfo);
        CHECK(second.exit_code == 0);
        CHECK(second.json() == nlohmann::json::array());
        auto after = run_ctl({"db", "status", "-o", "json"}, tdb.conninfo);
        CHECK(after.exit_code == 0);
        for (const auto& m : after.json()) CHECK(m["state"] == "applied");
    }

    TEST_CASE("a changed migration makes migrate exit 10") {
        auto tdb = testing::fresh_database();
        tdb.connect().exec("UPDATE ctl_schema_migrations SET checksum = 'x' WHERE version = 1");
        auto r = run_ctl({"db", "migrate"}, tdb.conninfo);
        CHECK(r.exit_code == 10);
        CHECK(r.err.find("checksum") != std::string::npos);
    }

    TEST_CASE("health exits 0 on a current schema, 10 otherwise and 6 without a database") {
        auto good = testing::fresh_database();
        auto ok = run_ctl({"health", "-o", "json"}, good.conninfo);
        CHECK(ok.exit_code == 0);
        CHECK(ok.json()[1]["ok"] == true);
        auto bare = testing::empty_database();
        CHECK(run_ctl({"health"}, bare.conninfo).exit_code == 10);
        CHECK(run_ctl({"health"}, "host=/nonexistent port=1 dbname=x").exit_code == 6);
    }

    TEST_CASE("users list in every format, with --fields") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);
        auto json = run_ctl({"users", "list", "-o", "json"}, tdb.conninfo);
        REQUIRE(json.exit_code == 0);
        auto users = json.json();
        REQUIRE(users.size() == 5);
        CHECK(users[0]["email"] == "zoe@mail.co.za");
        CHECK(users[4]["id"] == 1);
        CHECK(users[4]["agents"] == 1);
        CHECK(users[4]["created_at"] == "2026-01-05T10:00:00Z");

        auto csv = run_ctl({"users", "list", "-o", "csv", "--fields", "email,status", "--status", "banned"},
                           tdb.conninfo);
        CHECK(csv.out == "email,status\nbob@acme.io,banned\n");
        auto tsv = run_ctl({"users", "list", "-o", "tsv", "--fields", "id", "--limit", "2"}, tdb.conninfo);
        CHECK(tsv.out == "id\n5\n4\n");
        auto nd = run_ctl({"users", "list", "-o", "ndjson", "--search", "zeta"}, tdb.conninfo);
        CHECK(std::count(nd.out.begin(), nd.out.end(), '\n') == 2);
        auto empty = run_ctl({"users", "list", "-o", "json", "--search", "no-such-user"}, tdb.conninfo);
        CHECK(empty.json() == nlohmann::json::array());
        auto table = run_ctl({"users", "list", "--search", "alice"}, tdb.conninfo);
        CHECK(table.exit_code == 0);
        CHECK(table.out.find("EMAIL") != std::string::npos);
        CHECK(table.out.find("0x5290") != std::string::npos);
        CHECK(table.out.find("0x52908400098527886E0F7030069857D2E4169EE7") == std::string::npos);
    }

    TEST_CASE("users list pages with a cursor on stderr, stdout stays pure") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);
        std::vector<std::string> seen;
        std::vector<std::string> args = {"users", "list", "-o", "json", "--limit", "2", "--sort", "email"};
        for (int guard = 0; guard < 5; ++guard) {
            auto r = run_ctl(args, tdb.conninfo);
            REQUIRE(r.exit_code == 0);
            for (const auto& u : r.json()) seen.push_back(u["email"]);
            auto pos = r.err.find("ctl: more rows: --after ");
            if (pos == std::string::npos) break;
            std::string cursor = r.err.substr(pos + 24);
            cursor = cursor.substr(0, cursor.find('\n'));
            args = {"users", "list", "-o", "json", "--limit", "2", "--sort", "email", "--after", cursor};
        }
        CHECK(seen == std::vector<std::string>{"alice@acme.io", "bob@acme.io", "carol@zeta.dev", "dan@zeta.dev",
                                               "zoe@mail.co.za"});
    }

    TEST_CASE("users show by e-mail or id, json is the whole document") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        testing::insert_small_fixture(conn);
        auto r = run_ctl({"users", "show", "alice@acme.io", "-o", "json"}, tdb.conninfo);
        REQUIRE(r.exit_code == 0);
        auto doc = r.json();
        CHECK(doc["profile"]["email"] == "alice@acme.io");
        CHECK(doc["agents"][0]["bot_username"] == "acme_sales_bot");
        CHECK(doc["subscriptions"][0]["price"]["amount_cents"] == 1900);
        CHECK(doc["payments"][0]["amount"]["currency"] == "USD");
        CHECK(doc["logins"][0]["ip"] == "198.51.100.7");
        auto table = run_ctl({"users", "show", "1"}, tdb.conninfo);
        CHECK(table.exit_code == 0);
        CHECK(table.out.find("19.00 USD") != std::string::npos);
    }

    TEST_CASE("db seed is deterministic for a seed value and refuses a database with data") {
        auto a = testing::fresh_database();
        auto b = testing::fresh_database();
        auto c = testing::fresh_database();
        REQUIRE(run_ctl({"db", "seed", "--users", "150", "--seed", "7", "-q"}, a.conninfo).exit_code == 0);
        REQUIRE(run_ctl({"db", "seed", "--users", "150", "--seed", "7", "-q"}, b.conninfo).exit_code == 0);
        REQUIRE(run_ctl({"db", "seed", "--users", "150", "--seed", "8", "-q"}, c.conninfo).exit_code == 0);
        std::vector<std::string> list = {"users", "list", "-o", "json", "--limit", "0", "--sort", "id"};
        auto users_a = run_ctl(list, a.conninfo).json();
        CHECK(users_a.size() == 150);
        CHECK(users_a == run_ctl(list, b.conninfo).json());
        CHECK(users_a != run_ctl(list, c.conninfo).json());
        auto again = run_ctl({"db", "seed", "--users", "150"}, a.conninfo);
        CHECK(again.exit_code == 4);
        CHECK(run_ctl({"db", "seed", "--users", "0"}, a.conninfo).exit_code == 2);
        CHECK(run_ctl({"db", "seed", "--users", "150", "--reset"}, a.conninfo).exit_code == 2);  // no tty, no --yes
        CHECK(run_ctl({"db", "seed", "--users", "150", "--seed", "8", "--reset", "--yes", "-q"}, a.conninfo).exit_code == 0);
        CHECK(run_ctl(list, a.conninfo).json() == run_ctl(list, c.conninfo).json());
    }

    TEST_CASE("a closed pipe ends quietly") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        conn.exec_script("INSERT INTO users (email) SELECT 'u' || g || '@example.com' FROM generate_series(1, 20000) g");
        std::string err_file = testing::cluster_dir() + "/../pipe.err";
        setenv("CTL_DATABASE_URL", tdb.conninfo.c_str(), 1);
        std::string cmd = std::string(CTL_BINARY) + " users list -o csv --limit 0 2>" + err_file + " | head -1";
        std::string out;
        FILE* p = popen(cmd.c_str(), "r");
        REQUIRE(p != nullptr);
        char buf[4096];
        while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
        pclose(p);
        unsetenv("CTL_DATABASE_URL");
        std::ifstream err_in(err_file);
        std::string err((std::istreambuf_iterator<char>(err_in)), std::istreambuf_iterator<char>());
        CHECK(err.empty());
        CHECK(out.rfind("id,email", 0) == 0);
        CHECK(std::count(out.begin(), out.end(), '\n') == 1);
    }
}
