// ctl users list/search/show/export/bulk through the real binary.

#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

using namespace ctl;
using testing::run_ctl;

namespace {

std::set<std::string> emails(const nlohmann::json& rows) {
    std::set<std::string> out;
    for (const auto& r : rows) out.insert(r["email"].get<std::string>());
    return out;
}

std::set<std::string> list(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"users", "list"});
    args.insert(args.end(), {"-o", "json"});
    auto r = run_ctl(args, db);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return emails(r.json());
}

std::filesystem::path scratch_dir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("ctl-users-" + name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// Relative activity so the filters' "now" windows are exercised.
void recent_activity(db::Connection& su) {
    su.exec_script(R"sql(
        UPDATE users SET last_login_at = now() - interval '2 days' WHERE id = 1;
        UPDATE users SET last_login_at = now() - interval '40 days' WHERE id = 3;
        INSERT INTO agents (user_id, name, tier, status) VALUES (1, 'Two', 'matt', 'active'), (1, 'Three', 'matt', 'active');
        INSERT INTO payments (user_id, provider, provider_payment_id, amount_cents, currency, status, created_at) VALUES
          (3, 'stripe', 'pi_failed', 4900, 'USD', 'failed', now() - interval '3 days'),
          (3, 'stripe', 'pi_big', 60000, 'USD', 'succeeded', now() - interval '20 days');
        UPDATE users SET phone = '+27 82 555 0101' WHERE id = 4;
    )sql");
}

}  // namespace

TEST_SUITE("cli users list") {
    TEST_CASE("list filters: activity, agents, failed payments and segments") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        recent_activity(su);
        const auto& db = tdb.conninfo;
        using S = std::set<std::string>;
        CHECK(list(db, {"--active-since", "7d"}) == S{"alice@acme.io"});
        CHECK(list(db, {"--inactive-for", "30d"}) == S{"bob@acme.io", "carol@zeta.dev", "dan@zeta.dev", "zoe@mail.co.za"});
        CHECK(list(db, {"--min-agents", "2"}) == S{"alice@acme.io"});
        CHECK(list(db, {"--has-failed-payment"}) == S{"carol@zeta.dev"});
        CHECK(list(db, {"--segment", "inactive"}) == S{"carol@zeta.dev", "zoe@mail.co.za"});
        CHECK(list(db, {"--segment", "high-value"}) == S{"carol@zeta.dev"});
        CHECK(list(db, {"--segment", "power"}) == S{"alice@acme.io"});
        CHECK(list(db, {"--segment", "at-risk"}) == S{"carol@zeta.dev"});
        CHECK(list(db, {"--segment", "inactive", "--plan", "free"}) == S{"zoe@mail.co.za"});
        for (auto bad : std::vector<std::vector<std::string>>{{"--segment", "whales"},
                                                               {"--inactive-for", "2026-01-01"},
                                                               {"--inactive-for", "-3d"},
                                                               {"--min-agents", "-1"},
                                                               {"--active-since", "2026-13-01"}}) {
            bad.insert(bad.begin(), {"users", "list"});
            CHECK_MESSAGE(run_ctl(bad, db).exit_code == 2, bad[2]);
        }
    }

    TEST_CASE("search matches every identifier, best match first") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        recent_activity(su);
        auto search = [&](const std::string& term) {
            auto r = run_ctl({"users", "search", term, "-o", "json"}, tdb.conninfo);
            REQUIRE_MESSAGE(r.exit_code == 0, r.err);
            return r.json();
        };
        CHECK(search("0x52908400")[0]["email"] == "alice@acme.io");
        CHECK(search("did:privy:al")[0]["email"] == "alice@acme.io");
        CHECK(search("555 0101")[0]["email"] == "dan@zeta.dev");
        auto acme = search("alice@acme.io");
        REQUIRE(acme.size() == 1);  // an address found as such: no near misses (bob@acme.io)
        CHECK(acme[0]["email"] == "alice@acme.io");
        CHECK(acme[0]["score"] == 1);
        CHECK(search("ALICE@Acme.io").size() == 1);
        CHECK(search("alice@acme.oi")[0]["email"] == "alice@acme.io");  // a mistyped address still finds her
        auto zeta = search("zeta");
        CHECK(emails(zeta) == std::set<std::string>{"carol@zeta.dev", "dan@zeta.dev"});
        CHECK(emails(search("Carol Chen")).count("carol@zeta.dev") == 1);
        CHECK(search("Carol Chenn")[0]["email"] == "carol@zeta.dev");  // a typo still finds her (similarity)
        auto active = run_ctl({"users", "search", "zeta", "--status", "active", "-o", "json"}, tdb.conninfo).json();
        CHECK(emails(active) == std::set<std::string>{"carol@zeta.dev"});
        CHECK(run_ctl({"users", "search", " "}, tdb.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "search"}, tdb.conninfo).exit_code == 2);

        // Ranking across fields: a whole field (company "Acme") beats a prefix, which beats a
        // fragment inside a field ("acme" in an address).
        su.exec("INSERT INTO users (id, email, name, company) VALUES (6, 'ops@acmeworks.dev', 'Acme Ops', NULL), "
                "(7, 'eve@example.org', 'Eve', 'Zacme Ltd'), (8, 'dev@acmeworks.dev', 'Dev', NULL)");
        auto ranked = search("ACME");
        REQUIRE(ranked.size() == 5);
        CHECK(ranked[0]["score"] == 1);
        CHECK(ranked[2]["email"] == "ops@acmeworks.dev");  // name "Acme Ops": a prefix
        CHECK(ranked[3]["email"] == "eve@example.org");     // "zacme ltd": inside, and shorter than...
        CHECK(ranked[4]["email"] == "dev@acmeworks.dev");   // ...an address holding it
        CHECK(ranked[4]["score"] < ranked[3]["score"]);
        // --search looks in the same six fields, literally: a phone fragment finds Dan, % is no wildcard.
        CHECK(list(tdb.conninfo, {"--search", "555 0101"}) == std::set<std::string>{"dan@zeta.dev"});
        CHECK(list(tdb.conninfo, {"--search", "did:privy:ALICE"}) == std::set<std::string>{"alice@acme.io"});
        CHECK(list(tdb.conninfo, {"--search", "a%e"}).empty());
        // Pages of a search, in any order: a full page comes from the first users in list order,
        // a short one from all the matches; either way the cursor carries on where it stopped.
        auto pages = [&](std::vector<std::string> args) {
            args.insert(args.begin(), {"users", "list", "--limit", "1", "-o", "json"});
            std::vector<std::string> seen;
            std::string cursor;
            for (int i = 0; i < 10; ++i) {
                auto page_args = args;
                if (!cursor.empty()) page_args.insert(page_args.end(), {"--after", cursor});
                auto r = run_ctl(page_args, tdb.conninfo);
                REQUIRE_MESSAGE(r.exit_code == 0, r.err);
                for (const auto& row : r.json()) seen.push_back(row["email"].get<std::string>());
                auto at = r.err.find("--after ");
                if (at == std::string::npos) break;
                cursor = r.err.substr(at + 8, r.err.find('\n', at) - at - 8);
            }
            return seen;
        };
        CHECK(pages({"--search", "zeta"}) == std::vector<std::string>{"dan@zeta.dev", "carol@zeta.dev"});
        CHECK(pages({"--search", "ACME", "--sort", "email"}) ==
              std::vector<std::string>{"alice@acme.io", "bob@acme.io", "dev@acmeworks.dev", "eve@example.org",
                                       "ops@acmeworks.dev"});
        CHECK(pages({"--search", "acme", "--sort", "-name", "--status", "active"}) ==
              std::vector<std::string>{"eve@example.org", "dev@acmeworks.dev", "alice@acme.io", "ops@acmeworks.dev"});
        // An edit moves the user in the search at once; the audit records the edit, not the
        // derived search document.
        REQUIRE(run_ctl({"users", "edit", "4", "--company", "Quokka Labs", "--reason", "test"}, tdb.conninfo).exit_code == 0);
        CHECK(search("quokka")[0]["email"] == "dan@zeta.dev");
        auto audit = su.exec("SELECT after FROM audit_log WHERE entity_type = 'users' AND entity_id = '4' "
                             "AND action = 'update' "
                             "ORDER BY id DESC LIMIT 1");
        REQUIRE(audit.rows() == 1);
        auto after = nlohmann::json::parse(std::string(audit[0].text(0)));
        CHECK(after.contains("company"));
        CHECK_FALSE(after.contains("search_doc"));
    }

    TEST_CASE("show is one document with every section; the wallet is masked in the table") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        su.exec_script("INSERT INTO usage (user_id, day, minutes, api_calls, cost_cents) VALUES "
                       "(1, current_date - 1, 30, 100, 250), (1, current_date - 2, 15, 50, 125), "
                       "(1, current_date - 40, 999, 999, 999);"
                       "INSERT INTO popia_requests (user_id, kind) VALUES (1, 'access');");
        auto doc = run_ctl({"users", "show", "alice@acme.io", "-o", "json"}, tdb.conninfo).json();
        for (const char* key : {"profile", "usage", "agents", "subscriptions", "payments", "logins", "popia_requests", "notes"})
            CHECK_MESSAGE(doc.contains(key), key);
        CHECK(doc["profile"]["wallet"] == "0x52908400098527886E0F7030069857D2E4169EE7");
        CHECK(doc["profile"]["plan"] == "matt");
        CHECK(doc["usage"]["minutes_30d"] == 45);
        CHECK(doc["usage"]["api_calls_30d"] == 150);
        CHECK(doc["usage"]["cost_30d"]["amount_cents"] == 375);
        CHECK(doc["popia_requests"].size() == 1);
        CHECK(doc["logins"][0]["ip"] == "198.51.100.7");
        auto table = run_ctl({"users", "show", "1"}, tdb.conninfo);
        CHECK(table.exit_code == 0);
        CHECK(table.out.find("0x52908400098527886E0F7030069857D2E4169EE7") == std::string::npos);
        CHECK(run_ctl({"users", "show", "999"}, tdb.conninfo).exit_code == 3);
    }

    TEST_CASE("export streams every matching user; --out appears only when complete") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        auto nd = run_ctl({"users", "export", "-o", "ndjson"}, tdb.conninfo);
        REQUIRE(nd.exit_code == 0);
        CHECK(std::count(nd.out.begin(), nd.out.end(), '\n') == 5);
        auto csv = run_ctl({"users", "export", "--status", "active"}, tdb.conninfo);
        REQUIRE(csv.exit_code == 0);
        CHECK(csv.out.rfind("id,email,", 0) == 0);
        CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 4);
        CHECK(csv.out.find("0x52908400098527886E0F7030069857D2E4169EE7") != std::string::npos);

        auto dir = scratch_dir("export");
        auto file = dir / "users.json";
        auto written = run_ctl({"users", "export", "-o", "json", "--out", file.string()}, tdb.conninfo);
        REQUIRE(written.exit_code == 0);
        CHECK(written.out.empty());
        std::ifstream in(file);
        auto parsed = nlohmann::json::parse(in);
        CHECK(parsed.size() == 5);
        CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
        // A failed export (the database refuses) leaves the previous file as it was, and nothing else.
        auto failed = run_ctl({"users", "export", "--out", file.string()}, tdb.conninfo + " user=nobody_at_all");
        CHECK(failed.exit_code != 0);
        std::ifstream again(file);
        CHECK(nlohmann::json::parse(again).size() == 5);
        CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
        CHECK(run_ctl({"users", "export", "--out", (dir / "missing" / "x.csv").string()}, tdb.conninfo).exit_code == 1);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("bulk: dry run, confirmation, batches, a failure in the middle, safe re-run") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        testing::Operator support(tdb, "support");
        testing::Operator viewer(tdb, "viewer");
        auto dir = scratch_dir("bulk");
        auto ids = (dir / "ids.txt").string();
        std::ofstream(ids) << "# suspend these\n1\ncarol@zeta.dev\n\n5\n3\n";
        auto status = [&](int id) { return std::string(su.exec("SELECT status FROM users WHERE id = $1", {id})[0].text(0)); };

        auto dry = run_ctl({"users", "bulk", "suspend", "--ids-from", ids, "--reason", "r", "--dry-run", "-o", "json"},
                           support.conninfo);
        REQUIRE(dry.exit_code == 0);
        CHECK(dry.json().size() == 3);
        CHECK(status(1) == "active");
        CHECK(run_ctl({"users", "bulk", "suspend", "--ids-from", ids, "--reason", "r"}, support.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "bulk", "suspend", "--ids-from", ids, "--yes"}, support.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "bulk", "suspend", "--reason", "r", "--yes"}, support.conninfo).exit_code == 2);
        CHECK(run_ctl({"users", "bulk", "explode", "--ids-from", ids, "--reason", "r", "--yes"}, support.conninfo)
                  .exit_code == 2);
        std::ofstream(dir / "bad.txt") << "1\n999\n";
        CHECK(run_ctl({"users", "bulk", "ban", "--ids-from", (dir / "bad.txt").string(), "--reason", "r", "--yes"},
                      support.conninfo)
                  .exit_code == 3);
        CHECK(status(1) == "active");
        CHECK(run_ctl({"users", "bulk", "ban", "--ids-from", ids, "--reason", "r", "--yes"}, viewer.conninfo).exit_code == 5);
        CHECK(status(1) == "active");

        // The second batch fails: the first stays done, the rest is reported as not done.
        su.exec_script("CREATE FUNCTION fail_on_5() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "IF NEW.id = 5 THEN RAISE EXCEPTION 'boom' USING ERRCODE = 'lock_not_available'; END IF; "
                       "RETURN NEW; END $$; CREATE TRIGGER fail_on_5 BEFORE UPDATE ON users FOR EACH ROW "
                       "EXECUTE FUNCTION fail_on_5();");
        auto broken = run_ctl({"users", "bulk", "suspend", "--ids-from", ids, "--reason", "incident 4", "--yes",
                               "--batch-size", "2"},
                              support.conninfo);
        CHECK(broken.exit_code != 0);
        CHECK(broken.err.find("done: 2 of 3") != std::string::npos);
        CHECK(broken.err.find("not done: 1") != std::string::npos);
        CHECK(status(1) == "suspended");
        CHECK(status(3) == "suspended");
        CHECK(status(5) == "active");
        su.exec_script("DROP TRIGGER fail_on_5 ON users; DROP FUNCTION fail_on_5();");

        auto rerun = run_ctl({"users", "bulk", "suspend", "--ids-from", "-", "--reason", "incident 4", "--yes",
                              "--batch-size", "2", "-o", "json"},
                             support.conninfo, {}, "1\n3\n5\n");
        REQUIRE(rerun.exit_code == 0);
        CHECK(rerun.json()["changed"] == 1);
        CHECK(rerun.json()["unchanged"] == 2);
        CHECK(status(5) == "suspended");
        CHECK(su.exec("SELECT count(*) FROM audit_log WHERE command = 'users bulk suspend' AND entity_type = 'users'")[0]
                  .int64(0) == 3);

        auto exported = run_ctl({"users", "bulk", "export", "--ids-from", ids, "-o", "ndjson"}, viewer.conninfo);
        REQUIRE(exported.exit_code == 0);
        CHECK(std::count(exported.out.begin(), exported.out.end(), '\n') == 3);
        CHECK(exported.out.find("\"email\":\"carol@zeta.dev\"") != std::string::npos);
        auto by_filter = run_ctl({"users", "bulk", "export", "--where", "--status", "banned"}, viewer.conninfo);
        REQUIRE(by_filter.exit_code == 0);
        CHECK(std::count(by_filter.out.begin(), by_filter.out.end(), '\n') == 2);  // header + bob

        auto where = run_ctl({"users", "bulk", "activate", "--where", "--status", "suspended", "--reason", "r", "--yes",
                              "-o", "json"},
                             support.conninfo);
        REQUIRE(where.exit_code == 0);
        CHECK(where.json()["changed"] == 4);
        CHECK(su.exec("SELECT count(*) FROM users WHERE status = 'suspended'")[0].int64(0) == 0);
        std::filesystem::remove_all(dir);
    }
}
