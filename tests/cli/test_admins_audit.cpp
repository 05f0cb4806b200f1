// ctl admins and ctl audit through the real binary, as operators of each role.

#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

using namespace ctl;
using testing::run_ctl;

namespace {

using testing::Operator;
using testing::unique_role;

}  // namespace

TEST_SUITE("cli admins and audit") {
    TEST_CASE("an owner manages operators; every change is audited without the password") {
        auto tdb = testing::fresh_database();
        Operator owner(tdb, "owner");
        const auto& owner_db = owner.conninfo;
        std::string newbie = unique_role("newbie");

        auto added = run_ctl({"admins", "add", newbie, "--role", "support", "--reason", "new hire"}, owner_db, {},
                             "correct horse battery staple\n");
        REQUIRE(added.exit_code == 0);
        auto list = run_ctl({"admins", "list", "-o", "json"}, owner_db).json();
        bool found = false;
        for (const auto& op : list)
            if (op["name"] == newbie) found = op["role"] == "support";
        CHECK(found);

        CHECK(run_ctl({"admins", "role", newbie, "billing", "--reason", "moved"}, owner_db).exit_code == 0);
        auto again = run_ctl({"admins", "role", newbie, "billing", "--reason", "moved"}, owner_db);
        CHECK(again.exit_code == 0);
        CHECK(again.err.find("already") != std::string::npos);

        auto me = run_ctl({"admins", "me", "-o", "json"}, tdb.conninfo + " user=" + newbie).json();
        CHECK(me["me"]["role"] == "billing");

        CHECK(run_ctl({"admins", "remove", newbie, "--reason", "left"}, owner_db).exit_code == 2);  // no --yes, no tty
        CHECK(run_ctl({"admins", "remove", newbie, "--reason", "left", "--yes"}, owner_db).exit_code == 0);
        CHECK(run_ctl({"admins", "remove", newbie, "--reason", "left", "--yes"}, owner_db).exit_code == 3);

        auto trail = run_ctl({"audit", "list", "--entity", "operator:" + newbie, "-o", "json"}, owner_db).json();
        REQUIRE(trail.size() == 3);
        CHECK(trail[0]["action"] == "role.remove");
        CHECK(trail[1]["action"] == "role.change");
        CHECK(trail[2]["action"] == "role.add");
        CHECK(trail[2]["actor"] == owner.name);
        CHECK(trail[2]["reason"] == "new hire");
        CHECK(trail[2]["command"] == "admins add");
        auto everything = run_ctl({"audit", "export", "-o", "json"}, owner_db);
        CHECK(everything.exit_code == 0);
        CHECK(everything.out.find("battery") == std::string::npos);
    }

    TEST_CASE("bad operator input exits 2 and creates nothing") {
        auto tdb = testing::fresh_database();
        Operator owner(tdb, "owner");
        const auto& owner_db = owner.conninfo;
        CHECK(run_ctl({"admins", "add", "x_no_reason", "--role", "viewer"}, owner_db, {}, "long enough password\n")
                  .exit_code == 2);
        CHECK(run_ctl({"admins", "add", "x_short", "--role", "viewer", "--reason", "r"}, owner_db, {}, "short\n")
                  .exit_code == 2);
        CHECK(run_ctl({"admins", "add", "x_role", "--role", "god", "--reason", "r"}, owner_db, {}, "long enough password\n")
                  .exit_code == 2);
        CHECK(run_ctl({"admins", "add", "Bad Name!", "--role", "viewer", "--reason", "r"}, owner_db, {},
                      "long enough password\n")
                  .exit_code == 2);
        CHECK(run_ctl({"admins", "add", "ctl_owner", "--role", "viewer", "--reason", "r"}, owner_db, {},
                      "long enough password\n")
                  .exit_code == 2);
        CHECK(run_ctl({"admins", "add", owner.name, "--role", "viewer", "--reason", "r"}, owner_db, {}, "long enough password\n")
                  .exit_code == 4);
        auto c = tdb.connect();
        CHECK(c.exec("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'x\\_%'")[0].int64(0) == 0);
        CHECK(c.exec("SELECT count(*) FROM audit_log WHERE entity_type = 'operator'")[0].int64(0) == 0);
    }

    TEST_CASE("refusals by the database exit 5, name the role and privilege, and change nothing") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        Operator viewer(tdb, "viewer"), support(tdb, "support"), admin(tdb, "admin"), ci(tdb, "ci");
        const auto& viewer_db = viewer.conninfo;
        const auto& support_db = support.conninfo;
        const auto& admin_db = admin.conninfo;
        const auto& ci_db = ci.conninfo;

        // Everyone with a read role can list users; CI cannot.
        CHECK(run_ctl({"users", "list"}, viewer_db).exit_code == 0);
        auto ci_users = run_ctl({"users", "list"}, ci_db);
        CHECK(ci_users.exit_code == 5);
        CHECK(ci_users.err.find("permission denied") != std::string::npos);

        auto denied = run_ctl({"audit", "list"}, viewer_db);
        CHECK(denied.exit_code == 5);
        CHECK(denied.err == "ctl: permission denied: select audit_log (role " + viewer.name +
                                " lacks SELECT on table audit_log)\n");
        CHECK(run_ctl({"audit", "list"}, admin_db).exit_code == 0);
        CHECK(run_ctl({"audit", "verify"}, admin_db).exit_code == 0);
        auto export_denied = run_ctl({"audit", "export"}, admin_db);
        CHECK(export_denied.exit_code == 5);
        CHECK(export_denied.out.empty());

        auto before = su.exec("SELECT count(*) FROM pg_roles")[0].int64(0);
        auto add_denied = run_ctl({"admins", "add", unique_role("sneaky"), "--role", "owner", "--reason", "r"}, support_db, {},
                                  "long enough password\n");
        CHECK(add_denied.exit_code == 5);
        CHECK(add_denied.err.find("ctl_operator_add") != std::string::npos);
        CHECK(su.exec("SELECT count(*) FROM pg_roles")[0].int64(0) == before);
    }

    TEST_CASE("audit verify exits 10 naming the tampered entry") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        for (int i = 0; i < 3; ++i) su.exec("UPDATE users SET credits = credits + 10 WHERE id = 1");
        auto ok = run_ctl({"audit", "verify", "-o", "json"}, tdb.conninfo);
        CHECK(ok.exit_code == 0);
        CHECK(ok.json()[0]["ok"] == true);
        auto id = su.exec("SELECT max(id) - 1 FROM audit_log")[0].int64(0);
        su.exec_script("SET session_replication_role = replica");
        su.exec("UPDATE audit_log SET reason = 'rewritten' WHERE id = $1", {id});
        su.exec_script("SET session_replication_role = origin");
        auto bad = run_ctl({"audit", "verify", "-o", "json"}, tdb.conninfo);
        CHECK(bad.exit_code == 10);
        CHECK(bad.json()[0]["first_broken_id"] == id);
        CHECK(bad.err.find("entry " + std::to_string(id)) != std::string::npos);
    }

    TEST_CASE("audit list filters and pages; show returns one entry; export streams csv") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        {
            db::Transaction tx(su);
            tx.set_local("ctl.reason", "ticket 9001");
            tx.exec("UPDATE users SET status = 'banned' WHERE id = 3");
            tx.commit();
        }
        su.exec("UPDATE users SET credits = 5 WHERE id = 4");
        auto by_reason = run_ctl({"audit", "list", "--reason-contains", "9001", "-o", "json"}, tdb.conninfo).json();
        REQUIRE(by_reason.size() == 1);
        CHECK(by_reason[0]["entity_id"] == "3");
        CHECK(by_reason[0]["after"]["status"] == "banned");
        auto by_entity = run_ctl({"audit", "list", "--entity", "users:4", "-o", "json"}, tdb.conninfo).json();
        REQUIRE(by_entity.size() == 2);  // the fixture's insert, then the update
        CHECK(by_entity[0]["action"] == "update");
        CHECK(by_entity[1]["action"] == "insert");
        auto shown = run_ctl({"audit", "show", std::to_string(int(by_entity[0]["id"])), "-o", "json"}, tdb.conninfo);
        CHECK(shown.json()["entry"]["hash"].get<std::string>().size() == 64);
        CHECK(run_ctl({"audit", "show", "999999"}, tdb.conninfo).exit_code == 3);
        CHECK(run_ctl({"audit", "list", "--since", "2026-02-30"}, tdb.conninfo).exit_code == 2);
        CHECK(run_ctl({"audit", "list", "--entity", ":3"}, tdb.conninfo).exit_code == 2);
        auto page = run_ctl({"audit", "list", "--limit", "1", "-o", "json"}, tdb.conninfo);
        CHECK(page.json().size() == 1);
        CHECK(page.err.find("more rows: --after") != std::string::npos);
        auto csv = run_ctl({"audit", "export", "-o", "csv", "--fields", "id,action,entity_type"}, tdb.conninfo);
        CHECK(csv.exit_code == 0);
        CHECK(csv.out.rfind("id,action,entity_type\n1,", 0) == 0);
    }
}
