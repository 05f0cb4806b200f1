// ctl devin through the real binary against the fake Devin API: the queue, sessions moving
// through their statuses, sync, retry, cancel, set-status, test, and the state machine.

#include "support/agents_fixture.hpp"
#include "support/fakes/devin_server.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include "util/process.hpp"

#include <doctest/doctest.h>

using namespace ctl;
using testing::run_ctl;

namespace {

struct Devin {
    testing::FakeDevin fake;
    std::map<std::string, std::string> env() const {
        return {{"CTL_DEVIN_API_URL", fake.url()}, {"CTL_DEVIN_API_KEY", fake.api_key()}};
    }
};

std::string status_of(db::Connection& c, int id) {
    return std::string(c.exec("SELECT status FROM deployments WHERE id = $1", {id})[0].text(0));
}

testing::FakeSessionScript finishing(std::vector<std::string> statuses, nlohmann::json output = nullptr) {
    testing::FakeSessionScript s;
    s.statuses = std::move(statuses);
    s.structured_output = std::move(output);
    return s;
}

}  // namespace

TEST_SUITE("cli devin") {
    TEST_CASE("devin queue: pending, running with elapsed time, failed with error, completed") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::Operator viewer(tdb, "viewer");
        auto r = run_ctl({"devin", "queue", "-o", "json"}, viewer.conninfo);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        std::vector<std::pair<std::string, long long>> got;
        for (const auto& row : r.json()) got.emplace_back(row["part"], row["deployment_id"]);
        CHECK(got == std::vector<std::pair<std::string, long long>>{{"pending", 41}, {"running", 31}, {"failed", 22},
                                                                    {"failed", 21}});
        auto running = r.json()[1];
        CHECK(running["elapsed_s"].get<long long>() >= 12 * 60);
        CHECK(r.json()[3]["error"] == "Telegram rejected the bot token");
        auto week = run_ctl({"devin", "queue", "--recent", "7d", "-o", "json"}, viewer.conninfo).json();
        CHECK(week.back()["part"] == "completed");
        CHECK(week.back()["deployment_id"] == 11);
        auto table = run_ctl({"devin", "queue"}, viewer.conninfo);
        CHECK(table.out.find("ELAPSED") != std::string::npos);
        CHECK(run_ctl({"devin", "queue", "--recent", "soon"}, viewer.conninfo).exit_code == 2);

        auto watched = run_ctl({"devin", "queue", "--watch", "--interval", "0.1", "--count", "2"}, viewer.conninfo);
        REQUIRE(watched.exit_code == 0);
        CHECK(watched.out.find("--- ") != std::string::npos);
        auto first = watched.out.find("PART");
        CHECK(watched.out.find("PART", first + 1) != std::string::npos);

        // Until interrupted: SIGINT ends it cleanly with 130.
        auto interrupted = util::run_process({"/usr/bin/env", "CTL_DATABASE_URL=" + viewer.conninfo, "NO_COLOR=1",
                                              "/usr/bin/timeout", "--preserve-status", "-s", "INT", "1.5", CTL_BINARY,
                                              "devin", "queue", "--watch", "--interval", "0.2", "-o", "csv"});
        CHECK(interrupted.exit_code == 130);
        CHECK(interrupted.output.find("ctl: interrupted") != std::string::npos);
        CHECK(interrupted.output.find("part,deployment_id") != std::string::npos);
    }

    TEST_CASE("retry → running; sync follows the session poll by poll until it finishes with a bot username") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::Operator support(tdb, "support");
        Devin devin;
        devin.fake.set_next_script(finishing({"working", "blocked", "finished"},
                                             {{"bot_username", "@desk_bot"}, {"auth_code", "482913"}}));
        CHECK(run_ctl({"devin", "retry", "22"}, support.conninfo, devin.env()).exit_code == 2);  // --reason
        auto r = run_ctl({"devin", "retry", "22", "--reason", "token fixed", "-o", "json"}, support.conninfo, devin.env());
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        long long id = r.json()["deployment_id"];
        CHECK(r.json()["attempt"] == 3);
        CHECK(r.json()["status"] == "running");
        std::string session = r.json()["session_id"];
        CHECK(run_ctl({"devin", "retry", "22", "--reason", "again"}, support.conninfo, devin.env()).exit_code == 4);

        auto sync = [&] {
            auto s = run_ctl({"devin", "sync", std::to_string(id), "-o", "json"}, support.conninfo, devin.env());
            REQUIRE_MESSAGE(s.exit_code == 0, s.err);
            return s.json()[0];
        };
        auto first = sync();
        CHECK(first["status_enum"] == "working");
        CHECK(first["changed"] == false);
        CHECK(sync()["status_enum"] == "blocked");
        auto done = sync();
        CHECK(done["status_enum"] == "finished");
        CHECK(done["status"] == "succeeded");
        CHECK(done["changed"] == true);
        CHECK(done["bot_username"] == "desk_bot");
        auto again = sync();  // idempotent
        CHECK(again["changed"] == false);
        CHECK(again["status"] == "succeeded");
        CHECK(devin.fake.polls(session) == 4);
        auto agent = su.exec("SELECT status, bot_username FROM agents WHERE id = 2");
        CHECK(agent[0].text(0) == "active");
        CHECK(agent[0].text(1) == "desk_bot");
        auto d = su.exec("SELECT output ->> 'auth_code', finished_at IS NOT NULL FROM deployments WHERE id = $1", {id});
        CHECK(d[0].text(0) == "482913");
        CHECK(d[0].boolean(1));
        auto trail = su.exec("SELECT command, reason, after ->> 'status' FROM audit_log WHERE entity_type = 'deployments' "
                             "AND entity_id = $1 ORDER BY id",
                             {std::to_string(id)});
        REQUIRE(trail.rows() == 3);  // queued (insert), running, succeeded
        CHECK(trail[0].text(0) == "devin retry");
        CHECK(trail[0].text(1) == "token fixed");
        CHECK(trail[2].text(0) == "devin sync");
        CHECK(trail[2].text(1) == "devin sync");
        CHECK(trail[2].text(2) == "succeeded");
    }

    TEST_CASE("sync --all-running: an expired session, an unknown status, 500 then 200, an unknown session") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        su.exec_script(R"sql(
            INSERT INTO agents (id, user_id, name, tier, status) VALUES (5, 1, 'Odd one', 'matt', 'deploying'),
                                                                        (6, 1, 'Lost one', 'matt', 'deploying');
            INSERT INTO deployments (id, agent_id, user_id, devin_session_id, status, attempt, started_at) VALUES
              (51, 5, 1, 'devin-odd51', 'running', 1, now() - interval '5 minutes'),
              (61, 6, 1, 'devin-lost61', 'running', 1, now() - interval '4 minutes');
        )sql");
        Devin devin;
        devin.fake.add_session("devin-run31", finishing({"expired"}));
        devin.fake.add_session("devin-odd51", finishing({"hibernating_v9"}));
        devin.fake.fail_next(1, 500);
        auto r = run_ctl({"devin", "sync", "--all-running", "-o", "json"}, tdb.conninfo, devin.env());
        CHECK(r.exit_code == 1);  // the lost session is a problem, reported, the rest is synced
        REQUIRE(r.json().size() == 3);
        CHECK(r.json()[0]["deployment_id"] == 31);
        CHECK(r.json()[0]["status"] == "expired");
        CHECK(r.json()[1]["status_enum"] == "hibernating_v9");
        CHECK(r.json()[1]["status"] == "running");
        CHECK(r.json()[2]["problem"].get<std::string>().find("Session not found") != std::string::npos);
        CHECK(status_of(su, 31) == "expired");
        CHECK(status_of(su, 51) == "running");
        CHECK(status_of(su, 61) == "running");
        CHECK(su.exec("SELECT status FROM agents WHERE id = 3")[0].text(0) == "failed");
        CHECK(su.exec("SELECT error FROM deployments WHERE id = 31")[0].text(0) ==
              "Devin session expired before the bot was deployed");

        auto none = run_ctl({"devin", "sync", "--all-running"}, tdb.conninfo);  // only 51, 61 left; no key
        CHECK(none.exit_code == 2);
        CHECK(run_ctl({"devin", "sync"}, tdb.conninfo, devin.env()).exit_code == 2);
    }

    TEST_CASE("devin show, show --watch, logs and sessions read live sessions") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::Operator viewer(tdb, "viewer");
        Devin devin;
        devin.fake.add_session("devin-run31", finishing({"working", "working", "finished"},
                                                        {{"bot_username", "zeta_helper_bot"}, {"auth_code", "777111"}}));
        auto raw = run_ctl({"devin", "show", "31", "-o", "json"}, viewer.conninfo, devin.env());
        REQUIRE_MESSAGE(raw.exit_code == 0, raw.err);
        CHECK(raw.json()["session_id"] == "devin-run31");
        CHECK(raw.json()["status_enum"] == "working");
        CHECK(raw.json().contains("messages"));  // Devin's answer as it came

        auto watched = run_ctl({"devin", "show", "devin-run31", "--watch", "--interval", "0.1"}, viewer.conninfo,
                               devin.env());
        REQUIRE_MESSAGE(watched.exit_code == 0, watched.err);
        CHECK(watched.out.find("zeta_helper_bot") != std::string::npos);
        CHECK(watched.out.find("777111") != std::string::npos);
        CHECK(devin.fake.polls("devin-run31") == 3);
        CHECK(status_of(su, 31) == "running");  // show reads, never writes

        auto logs = run_ctl({"devin", "logs", "devin-run31", "-o", "json"}, viewer.conninfo, devin.env());
        REQUIRE(logs.exit_code == 0);
        CHECK(logs.json()[0]["timestamp"] == "2026-11-20T10:00:00Z");
        CHECK(logs.json()[1]["author"] == "devin_message");
        CHECK(run_ctl({"devin", "logs", "41"}, viewer.conninfo, devin.env()).exit_code == 3);  // queued: no session
        CHECK(run_ctl({"devin", "show", "devin-nope"}, viewer.conninfo, devin.env()).exit_code == 3);

        devin.fake.add_session("devin-other", finishing({"blocked"}));
        auto all = run_ctl({"devin", "sessions", "-o", "json"}, viewer.conninfo, devin.env());
        REQUIRE_MESSAGE(all.exit_code == 0, all.err);
        REQUIRE(all.json().size() == 2);
        CHECK(all.json()[0]["session_id"] == "devin-other");
        CHECK(all.json()[0]["deployment_id"].is_null());
        CHECK(all.json()[1]["deployment_id"] == 31);
        CHECK(all.json()[1]["agent_id"] == 3);
        auto blocked = run_ctl({"devin", "sessions", "--status", "blocked", "-o", "json"}, viewer.conninfo, devin.env());
        REQUIRE(blocked.json().size() == 1);
        CHECK(run_ctl({"devin", "sessions", "--since", "2030-01-01", "-o", "json"}, viewer.conninfo, devin.env()).json().empty());
    }

    TEST_CASE("cancel terminates the session; set-status and the database enforce the transitions") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        testing::Operator support(tdb, "support");
        testing::Operator viewer(tdb, "viewer");
        Devin devin;
        devin.fake.add_session("devin-run31", finishing({"working"}));
        CHECK(run_ctl({"devin", "cancel", "31", "--reason", "r", "--yes"}, viewer.conninfo, devin.env()).exit_code == 5);
        CHECK(status_of(su, 31) == "running");
        auto c = run_ctl({"devin", "cancel", "31", "--reason", "customer gave up", "--yes", "-o", "json"}, support.conninfo,
                         devin.env());
        REQUIRE_MESSAGE(c.exit_code == 0, c.err);
        CHECK(c.json()["status"] == "cancelled");
        CHECK(devin.fake.deleted("devin-run31"));
        CHECK(status_of(su, 31) == "cancelled");
        CHECK(su.exec("SELECT status FROM agents WHERE id = 3")[0].text(0) == "pending");
        CHECK(run_ctl({"devin", "cancel", "31", "--reason", "again", "--yes"}, support.conninfo, devin.env()).exit_code == 0);
        CHECK(run_ctl({"devin", "cancel", "11", "--reason", "r", "--yes"}, support.conninfo, devin.env()).exit_code == 4);
        CHECK(run_ctl({"devin", "cancel", "41", "--reason", "not needed", "--yes"}, support.conninfo).exit_code == 0);
        CHECK(status_of(su, 41) == "cancelled");

        su.exec("INSERT INTO deployments (id, agent_id, user_id, devin_session_id, status, attempt, started_at) "
                "VALUES (32, 3, 3, 'devin-run32', 'running', 2, now())");
        auto ok = run_ctl({"devin", "set-status", "32", "succeeded", "--bot-username", "zeta_bot", "--reason",
                           "seen in the Devin UI", "-o", "json"},
                          support.conninfo);
        REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
        CHECK(ok.json()["bot_username"] == "zeta_bot");
        CHECK(su.exec("SELECT bot_username FROM agents WHERE id = 3")[0].text(0) == "zeta_bot");
        CHECK(run_ctl({"devin", "set-status", "32", "succeeded", "--reason", "r"}, support.conninfo).exit_code == 0);
        auto wrong = run_ctl({"devin", "set-status", "32", "failed", "--reason", "r"}, support.conninfo);
        CHECK(wrong.exit_code == 4);
        CHECK(run_ctl({"devin", "set-status", "32", "running", "--reason", "r"}, support.conninfo).exit_code == 2);
        CHECK(run_ctl({"devin", "set-status", "999", "failed", "--reason", "r"}, support.conninfo).exit_code == 3);

        // The database refuses a wrong move from any client, and a second attempt in flight.
        CHECK_THROWS(su.exec("UPDATE deployments SET status = 'running' WHERE id = 32"));
        CHECK_THROWS(su.exec("UPDATE deployments SET status = 'queued' WHERE id = 21"));
        CHECK_THROWS(su.exec("INSERT INTO deployments (agent_id, user_id, status, attempt) VALUES (2, 3, 'queued', 7), "
                             "(2, 3, 'running', 8)"));
        CHECK_NOTHROW(su.exec("UPDATE deployments SET status = 'failed', error = 'x' WHERE id = 31 AND false"));
        CHECK(su.exec("SELECT ctl_deployment_transition_allowed('running', 'expired'), "
                      "ctl_deployment_transition_allowed('succeeded', 'failed')")[0]
                  .boolean(0));
    }

    TEST_CASE("retry when Devin fails: the attempt is marked failed with the error; devin test: 0, 5, 6") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_agents_fixture(su);
        Devin devin;
        devin.fake.fail_next(10, 500);
        auto r = run_ctl({"devin", "retry", "21", "--reason", "r", "--timeout", "5"}, tdb.conninfo, devin.env());
        CHECK(r.exit_code == 6);
        auto d = su.exec("SELECT status, error FROM deployments WHERE agent_id = 2 ORDER BY attempt DESC LIMIT 1");
        CHECK(d[0].text(0) == "failed");
        CHECK(std::string(d[0].text(1)).find("Internal server error") != std::string::npos);
        CHECK(su.exec("SELECT status FROM agents WHERE id = 2")[0].text(0) == "failed");
        CHECK(run_ctl({"devin", "retry", "21", "--reason", "r", "--dry-run"}, tdb.conninfo).exit_code == 0);
        CHECK(su.exec("SELECT count(*) FROM deployments WHERE agent_id = 2")[0].int64(0) == 3);

        devin.fake.fail_next(0);
        auto ok = run_ctl({"devin", "test", "-o", "json"}, tdb.conninfo, devin.env());
        REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
        CHECK(ok.json()["key_accepted"] == true);
        CHECK(ok.json()["latency_ms"].get<long long>() >= 0);
        auto env = devin.env();
        env["CTL_DEVIN_API_KEY"] = "wrong";
        auto refused = run_ctl({"devin", "test"}, tdb.conninfo, env);
        CHECK(refused.exit_code == 5);
        CHECK(refused.err.find("Invalid API key") != std::string::npos);
        CHECK(refused.err.find("wrong") == std::string::npos);
        env = devin.env();
        env["CTL_DEVIN_API_URL"] = "http://127.0.0.1:9";  // nothing listens there
        CHECK(run_ctl({"devin", "test", "--timeout", "2"}, tdb.conninfo, env).exit_code == 6);
    }
}
