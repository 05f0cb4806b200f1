// ctl flags through the real binary, as operators of each role: maintenance (CI), the
// operational switches, flag definitions and targeting, evaluation against the database and a
// state file, export/import, settings with secrets, and NOTIFY ctl_flags at commit only.

#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

#include <libpq-fe.h>
#include <poll.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>

using namespace ctl;
using testing::run_ctl;

namespace {

bool maintenance_enabled(db::Connection& c) {
    return c.exec("SELECT enabled FROM feature_flags WHERE name = 'maintenance_mode'")[0].boolean(0);
}

// Notifications on channel ctl_flags that have arrived on `listener`, waiting up to `ms`.
std::vector<std::string> notifications(db::Connection& listener, int ms) {
    std::vector<std::string> out;
    pollfd p{PQsocket(listener.raw()), POLLIN, 0};
    poll(&p, 1, ms);
    PQconsumeInput(listener.raw());
    while (PGnotify* n = PQnotifies(listener.raw())) {
        if (std::string(n->relname) == "ctl_flags") out.emplace_back(n->extra);
        PQfreemem(n);
    }
    return out;
}

std::string temp_file(const std::string& name, const std::string& content) {
    std::string path = "/tmp/ctl-flags-test-" + std::to_string(getpid()) + "-" + name;
    std::ofstream(path) << content;
    return path;
}

}  // namespace

TEST_SUITE("cli flags") {
    TEST_CASE("maintenance on/off/status: idempotent, allowed for ci, audited, --exit-code") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::Operator ci(tdb, "ci");

        auto status = run_ctl({"flags", "maintenance", "status", "--exit-code"}, ci.conninfo);
        CHECK(status.exit_code == 0);
        CHECK(status.out == "maintenance off\n");

        auto on = run_ctl({"flags", "maintenance", "on", "--message", "Deploying v42", "--reason", "deploy 42", "--yes"},
                          ci.conninfo);
        REQUIRE(on.exit_code == 0);
        CHECK(on.err.find("maintenance is on") != std::string::npos);
        CHECK(maintenance_enabled(su));
        auto again = run_ctl({"flags", "maintenance", "on", "--message", "Deploying v42"}, ci.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already on") != std::string::npos);

        auto json = run_ctl({"flags", "maintenance", "status", "-o", "json"}, ci.conninfo);
        REQUIRE(json.exit_code == 0);
        CHECK(json.json()["maintenance"] == true);
        CHECK(json.json()["message"] == "Deploying v42");
        auto waiting = run_ctl({"flags", "maintenance", "status", "--exit-code"}, ci.conninfo);
        CHECK(waiting.exit_code == 10);
        CHECK(waiting.out == "maintenance on: Deploying v42\n");

        auto trail = su.exec("SELECT actor, command, reason FROM audit_log WHERE entity_type = 'feature_flags' "
                             "AND entity_id = 'maintenance_mode' ORDER BY id DESC");
        REQUIRE(trail.rows() == 1);  // the idempotent second call wrote nothing
        CHECK(trail[0].text(0) == ci.name);
        CHECK(trail[0].text(1) == "flags maintenance on");
        CHECK(trail[0].text(2) == "deploy 42");

        CHECK(run_ctl({"flags", "maintenance", "off"}, ci.conninfo).exit_code == 0);
        CHECK_FALSE(maintenance_enabled(su));
        auto off_again = run_ctl({"flags", "maintenance", "off"}, ci.conninfo);
        CHECK(off_again.exit_code == 0);
        CHECK(off_again.err.find("already off") != std::string::npos);

        // A dry run reports the state it would leave and leaves nothing, audit included.
        auto audits = su.exec("SELECT count(*) FROM audit_log")[0].int64(0);
        auto dry = run_ctl({"flags", "maintenance", "on", "--message", "rehearsal", "--dry-run", "-o", "json"}, ci.conninfo);
        REQUIRE(dry.exit_code == 0);
        CHECK(dry.json()["maintenance"] == true);
        CHECK(dry.json()["message"] == "rehearsal");
        CHECK(dry.err.find("dry run") != std::string::npos);
        CHECK_FALSE(maintenance_enabled(su));
        CHECK(su.exec("SELECT count(*) FROM audit_log")[0].int64(0) == audits);
        // Who may not toggle it is refused by the database: exit 5, nothing changed.
        testing::Operator support(tdb, "support");
        CHECK(run_ctl({"flags", "maintenance", "on", "--reason", "r"}, support.conninfo).exit_code == 5);
        CHECK_FALSE(maintenance_enabled(su));
    }

    TEST_CASE("maintenance --until ends by itself; ci may do nothing else") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::Operator ci(tdb, "ci");
        REQUIRE(run_ctl({"flags", "maintenance", "on", "--message", "m", "--until", "2h"}, ci.conninfo).exit_code == 0);
        auto ends = su.exec("SELECT ends_at > now() + interval '119 minutes' AND ends_at < now() + interval '121 minutes' "
                            "FROM feature_flags WHERE name = 'maintenance_mode'");
        CHECK(ends[0].boolean(0));
        auto maintenance_in_list = [&] {
            for (const auto& f : run_ctl({"flags", "list", "-o", "json"}, ci.conninfo).json())
                if (f["name"] == "maintenance_mode") return f;
            return nlohmann::json();
        };
        auto exported = [&] {
            auto state = run_ctl({"flags", "export"}, ci.conninfo).json();
            for (const auto& f : state["features"])
                if (f["name"] == "maintenance_mode") return f["enabled"].get<bool>();
            return false;
        };
        CHECK(maintenance_in_list()["enabled"] == true);
        CHECK(maintenance_in_list()["variant_count"] == 0);
        CHECK(exported());
        su.exec("UPDATE feature_flags SET ends_at = now() - interval '1 second' WHERE name = 'maintenance_mode'");
        // Past its end, the flag is off wherever it is read: status, list, get and the export.
        CHECK(run_ctl({"flags", "maintenance", "status", "--exit-code"}, ci.conninfo).exit_code == 0);
        CHECK(maintenance_in_list()["enabled"] == false);
        CHECK(run_ctl({"flags", "get", "maintenance_mode", "-o", "json"}, ci.conninfo).json()["flag"]["enabled"] == false);
        CHECK_FALSE(exported());
        CHECK(run_ctl({"flags", "maintenance", "on", "--until", "yesterday-ish"}, ci.conninfo).exit_code == 2);

        auto denied = run_ctl({"flags", "enable", "signups"}, ci.conninfo);
        CHECK(denied.exit_code == 5);
        auto set = run_ctl({"flags", "set", "new_ui"}, ci.conninfo);
        CHECK(set.exit_code == 5);
        CHECK(su.exec("SELECT count(*) FROM feature_flags WHERE name = 'new_ui'")[0].int64(0) == 0);
        CHECK(run_ctl({"flags", "list"}, ci.conninfo).exit_code == 0);  // ci reads flags
    }

    TEST_CASE("a LISTEN client hears maintenance on at commit, and nothing of a rollback") {
        auto tdb = testing::fresh_database();
        testing::Operator ci(tdb, "ci");
        auto listener = tdb.connect();
        listener.exec("LISTEN ctl_flags");

        REQUIRE(run_ctl({"flags", "maintenance", "on", "--message", "x", "--dry-run"}, ci.conninfo).exit_code == 0);
        CHECK(notifications(listener, 300).empty());
        {
            auto c = ci.connect();
            db::Transaction tx(c);
            tx.exec("SELECT ctl_set_maintenance(true, 'rolled back', NULL)");
            tx.rollback();
        }
        CHECK(notifications(listener, 300).empty());

        REQUIRE(run_ctl({"flags", "maintenance", "on", "--message", "x"}, ci.conninfo).exit_code == 0);
        auto got = notifications(listener, 2000);
        REQUIRE(got.size() == 1);
        CHECK(got[0] == "maintenance_mode");
    }

    TEST_CASE("signups and waitlist switches") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::Operator admin(tdb, "admin");
        auto enabled = [&](const char* name) {
            return su.exec("SELECT enabled FROM feature_flags WHERE name = $1", {name})[0].boolean(0);
        };
        CHECK(enabled("signups"));
        CHECK(run_ctl({"flags", "signups", "off", "--reason", "spam wave"}, admin.conninfo).exit_code == 0);
        CHECK_FALSE(enabled("signups"));
        CHECK(run_ctl({"flags", "waitlist", "on"}, admin.conninfo).exit_code == 0);
        CHECK(enabled("waitlist"));
        auto again = run_ctl({"flags", "waitlist", "on"}, admin.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already enabled") != std::string::npos);
        testing::Operator viewer(tdb, "viewer");
        CHECK(run_ctl({"flags", "signups", "on"}, viewer.conninfo).exit_code == 5);
        CHECK_FALSE(enabled("signups"));
    }

    TEST_CASE("define, enable, roll out, target, variants, get, history, delete") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::Operator admin(tdb, "admin");
        auto ctl = [&](std::vector<std::string> args) { return run_ctl(args, admin.conninfo); };

        auto created = ctl({"flags", "set", "new_checkout", "--description", "One-page checkout", "--type", "release",
                            "-o", "json"});
        REQUIRE(created.exit_code == 0);
        CHECK(created.json()["enabled"] == false);
        CHECK(ctl({"flags", "set", "bad name!"}).exit_code == 2);
        CHECK(ctl({"flags", "enable", "missing_flag"}).exit_code == 3);
        CHECK(ctl({"flags", "enable", "new_checkout", "--reason", "launch"}).exit_code == 0);
        CHECK(ctl({"flags", "rollout", "new_checkout", "25%"}).exit_code == 0);
        CHECK(ctl({"flags", "rollout", "new_checkout", "150%"}).exit_code == 2);
        CHECK(ctl({"flags", "target", "new_checkout", "--users", "u1,u2", "--tiers", "pro,enterprise"}).exit_code == 0);
        CHECK(ctl({"flags", "target", "new_checkout", "--constraint", "tier BETWEEN a"}).exit_code == 2);
        CHECK(ctl({"flags", "variants", "new_checkout", "--add", "blue:500", "--add", "green:500:{\"c\":1}"}).exit_code == 0);
        CHECK(ctl({"flags", "variants", "new_checkout", "--add", "red:x"}).exit_code == 2);

        auto strategies = su.exec("SELECT strategies FROM feature_flags WHERE name = 'new_checkout'")[0].json(0);
        REQUIRE(strategies.size() == 2);
        CHECK(strategies[0]["name"] == "flexibleRollout");
        CHECK(strategies[0]["parameters"]["rollout"] == "25");
        CHECK(strategies[0]["parameters"]["groupId"] == "new_checkout");
        CHECK(strategies[0]["constraints"][0]["operator"] == "IN");
        CHECK(strategies[1]["name"] == "userWithId");

        auto u1 = ctl({"flags", "eval", "new_checkout", "--user", "u1", "-o", "json"});
        REQUIRE(u1.exit_code == 0);
        CHECK(u1.json()["enabled"] == true);
        CHECK(u1.json()["variant"]["feature_enabled"] == true);
        auto pro = ctl({"flags", "eval", "new_checkout", "--user", "someone", "--context", "tier=free", "-o", "json"});
        CHECK(pro.json()["enabled"] == false);
        CHECK(pro.json()["variant"]["name"] == "disabled");

        auto get = ctl({"flags", "get", "new_checkout", "-o", "json"});
        REQUIRE(get.exit_code == 0);
        CHECK(get.json()["flag"]["enabled"] == true);
        CHECK(get.json()["flag"]["last_change_command"] == "flags variants");
        CHECK(get.json()["strategies"].size() == 2);
        CHECK(get.json()["variants"].size() == 2);

        auto list = ctl({"flags", "list", "--type", "release", "-o", "json"});
        REQUIRE(list.exit_code == 0);
        REQUIRE(list.json().size() == 1);
        CHECK(list.json()[0]["name"] == "new_checkout");

        // Staging is separate: the flag is off there until enabled there.
        CHECK(ctl({"flags", "enable", "new_checkout", "--env", "staging"}).exit_code == 0);
        auto staging = ctl({"flags", "eval", "new_checkout", "--env", "staging", "--user", "x", "-o", "json"});
        CHECK(staging.json()["enabled"] == true);  // no strategies in staging: on for everyone
        CHECK(ctl({"flags", "list", "--env", "Bad Env"}).exit_code == 2);

        auto history = ctl({"flags", "history", "new_checkout", "-o", "json"});
        REQUIRE(history.exit_code == 0);
        CHECK(history.json().size() >= 6);
        CHECK(history.json()[0]["entity_type"] == "feature_flag_environments");

        CHECK(ctl({"flags", "delete", "new_checkout"}).exit_code == 2);  // --reason
        CHECK(ctl({"flags", "delete", "maintenance_mode", "--reason", "x", "--yes"}).exit_code == 4);
        CHECK(ctl({"flags", "delete", "new_checkout", "--reason", "shipped", "--yes"}).exit_code == 0);
        CHECK(su.exec("SELECT count(*) FROM feature_flag_environments")[0].int64(0) == 0);

        testing::Operator viewer(tdb, "viewer");
        CHECK(run_ctl({"flags", "set", "x1"}, viewer.conninfo).exit_code == 5);
        CHECK(run_ctl({"flags", "get", "signups"}, viewer.conninfo).exit_code == 0);
    }

    TEST_CASE("export → --state gives the database's answers; import upserts and --dry-run changes nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::Operator admin(tdb, "admin");
        auto ctl = [&](std::vector<std::string> args, const std::string& in = {}) {
            return run_ctl(args, admin.conninfo, {}, in);
        };
        REQUIRE(ctl({"flags", "set", "beta"}).exit_code == 0);
        REQUIRE(ctl({"flags", "enable", "beta"}).exit_code == 0);
        REQUIRE(ctl({"flags", "rollout", "beta", "40"}).exit_code == 0);
        REQUIRE(ctl({"flags", "variants", "beta", "--add", "a:1", "--add", "b:2", "--add", "c:3"}).exit_code == 0);

        auto exported = ctl({"flags", "export", "--format", "unleash"});
        REQUIRE(exported.exit_code == 0);
        auto doc = nlohmann::json::parse(exported.out);
        CHECK(doc["version"] == 2);
        auto state = temp_file("state.json", exported.out);
        std::string ids;
        for (int i = 0; i < 300; ++i) ids += "user-" + std::to_string(i) + "\n";
        auto users = temp_file("users.txt", ids);
        auto from_db = ctl({"flags", "eval", "beta", "--users-from", users, "-o", "csv"});
        auto from_file = ctl({"flags", "eval", "beta", "--users-from", users, "-o", "csv", "--state", state}, "");
        REQUIRE(from_db.exit_code == 0);
        REQUIRE(from_file.exit_code == 0);
        CHECK(from_db.out == from_file.out);
        CHECK(from_db.out.find(",true,") != std::string::npos);
        CHECK(from_db.out.find(",false,disabled") != std::string::npos);

        // Try a change on the document before making it: 100% rollout.
        for (auto& f : doc["features"])
            if (f["name"] == "beta") f["strategies"][0]["parameters"]["rollout"] = "100";
        auto changed = temp_file("changed.json", doc.dump());
        auto all_on = ctl({"flags", "eval", "beta", "--user", "user-1", "--state", changed, "-o", "json"});
        CHECK(all_on.json()["enabled"] == true);

        auto dry = ctl({"flags", "import", changed, "--dry-run", "-o", "json"});
        REQUIRE(dry.exit_code == 0);
        bool beta_update = false;
        for (const auto& row : dry.json())
            if (row["name"] == "beta") beta_update = row["action"] == "update" && row["changes"] == "strategies";
        CHECK(beta_update);
        CHECK(su.exec("SELECT strategies -> 0 -> 'parameters' ->> 'rollout' FROM feature_flags WHERE name = 'beta'")[0]
                  .text(0) == "40");
        doc["features"].push_back({{"name", "imported_one"}, {"enabled", true}, {"type", "experiment"},
                                   {"strategies", nlohmann::json::array()}});
        auto real = ctl({"flags", "import", "-", "-o", "json"}, doc.dump());
        REQUIRE(real.exit_code == 0);
        CHECK(su.exec("SELECT strategies -> 0 -> 'parameters' ->> 'rollout' FROM feature_flags WHERE name = 'beta'")[0]
                  .text(0) == "100");
        CHECK(su.exec("SELECT type FROM feature_flags WHERE name = 'imported_one'")[0].text(0) == "experiment");
        CHECK(ctl({"flags", "import", "-"}, "{\"nope\":1}").exit_code == 2);
        std::remove(state.c_str());
        std::remove(users.c_str());
        std::remove(changed.c_str());
    }

    TEST_CASE("settings: typed values, secrets masked for all but admins and owners") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::Operator admin(tdb, "admin");
        testing::Operator support(tdb, "support");
        testing::Operator viewer(tdb, "viewer");
        auto listener = tdb.connect();
        listener.exec("LISTEN ctl_flags");

        auto set = run_ctl({"flags", "settings", "set", "integrations.stripe_key", "sk_live_abcdef123456", "--secret",
                            "--category", "integrations", "--description", "Stripe secret key", "-o", "json"},
                           admin.conninfo);
        REQUIRE(set.exit_code == 0);
        CHECK(set.json()["value"] == "[secret]");
        CHECK(set.out.find("sk_live") == std::string::npos);
        auto heard = notifications(listener, 2000);
        CHECK(heard == std::vector<std::string>{"integrations.stripe_key"});
        CHECK(run_ctl({"flags", "settings", "set", "pricing.trial_days", "14", "--category", "pricing"}, admin.conninfo)
                  .exit_code == 0);
        CHECK(run_ctl({"flags", "settings", "set", "pricing.trial_days", "\"two weeks\""}, admin.conninfo).exit_code == 2);
        CHECK(run_ctl({"flags", "settings", "set", "pricing.trial_days", "21"}, support.conninfo).exit_code == 5);
        CHECK(su.exec("SELECT value::text FROM settings WHERE key = 'pricing.trial_days'")[0].text(0) == "14");

        auto viewer_list = run_ctl({"flags", "settings", "list", "--reveal", "-o", "json"}, viewer.conninfo);
        REQUIRE(viewer_list.exit_code == 0);
        CHECK(viewer_list.out.find("sk_live") == std::string::npos);
        CHECK(viewer_list.out.find("[secret]") != std::string::npos);
        auto viewer_get = run_ctl({"flags", "settings", "get", "integrations.stripe_key", "--reveal", "-o", "json"},
                                  viewer.conninfo);
        CHECK(viewer_get.json()["value"] == "[secret]");
        auto admin_get = run_ctl({"flags", "settings", "get", "integrations.stripe_key", "--reveal", "-o", "json"},
                                 admin.conninfo);
        CHECK(admin_get.json()["value"] == "sk_live_abcdef123456");
        auto admin_list = run_ctl({"flags", "settings", "list", "-o", "json"}, admin.conninfo);
        CHECK(admin_list.out.find("sk_live") == std::string::npos);
        // Direct SQL as a viewer meets the same wall.
        auto vc = viewer.connect();
        CHECK_THROWS(vc.exec("SELECT value FROM settings"));
        CHECK(su.exec("SELECT count(*) FROM audit_log WHERE entity_type = 'settings' AND after::text LIKE '%sk_live%'")[0]
                  .int64(0) == 0);

        CHECK(run_ctl({"flags", "settings", "get", "no.such"}, admin.conninfo).exit_code == 3);
        CHECK(run_ctl({"flags", "settings", "unset", "pricing.trial_days"}, admin.conninfo).exit_code == 0);
        auto gone = run_ctl({"flags", "settings", "unset", "pricing.trial_days"}, admin.conninfo);
        CHECK(gone.exit_code == 0);
        CHECK(gone.err.find("already unset") != std::string::npos);
        CHECK(run_ctl({"flags", "settings", "set", "Bad Key", "1"}, admin.conninfo).exit_code == 2);
    }
}
