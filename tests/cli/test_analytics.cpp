// ctl analytics through the real binary: the movement identity on seeded data, the replica,
// and reports in every format, to a file and by e-mail (a local fake of Resend).

#include "support/analytics_fixture.hpp"
#include "support/fake_resend.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace ctl;
using testing::run_ctl;

namespace {

// MRR at an instant straight from the definition, in the test's own SQL.
std::int64_t mrr_at(db::Connection& conn, const std::string& instant) {
    auto r = conn.exec("SELECT coalesce(sum(mrr_cents), 0)::bigint FROM (SELECT DISTINCT ON (subscription_id) mrr_cents "
                       "FROM subscription_events WHERE effective_at < $1::timestamptz "
                       "ORDER BY subscription_id, effective_at DESC, id DESC) s",
                       {instant});
    return r[0].int64(0);
}

std::int64_t n(const nlohmann::json& row, const char* key) { return row.at(key).get<std::int64_t>(); }

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_SUITE("cli analytics") {
    TEST_CASE("on seeded data the movement identity holds to the cent for every month, with and without the rollup") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        REQUIRE(run_ctl({"db", "seed", "--users", "2000", "-q"}, tdb.conninfo).exit_code == 0);
        std::vector<std::string> args = {"analytics", "mrr", "--interval", "month", "--from", "600d", "--to", "today", "-o", "json"};
        auto live = run_ctl(args, tdb.conninfo);
        REQUIRE(live.exit_code == 0);
        auto rows = live.json();
        REQUIRE(rows.size() >= 19);
        std::int64_t moved = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            CAPTURE(r.dump());
            CHECK(n(r, "mrr_cents") - n(r, "mrr_start_cents") ==
                  n(r, "new_cents") + n(r, "expansion_cents") + n(r, "reactivation_cents") - n(r, "contraction_cents") -
                      n(r, "churn_cents"));
            CHECK(n(r, "mrr_start_cents") == mrr_at(conn, r.at("period_start").get<std::string>()));
            CHECK(n(r, "mrr_cents") == mrr_at(conn, r.at("period_end").get<std::string>()));
            CHECK(n(r, "arr_cents") == 12 * n(r, "mrr_cents"));
            if (i + 1 < rows.size()) CHECK(n(r, "mrr_cents") == n(rows[i + 1], "mrr_start_cents"));
            moved += n(r, "new_cents") + n(r, "churn_cents") + n(r, "expansion_cents");
        }
        CHECK(moved > 0);  // the seed has real movements, not an empty history

        // Everything the rollups serve, live first, then from them: the same output.
        const std::vector<std::vector<std::string>> served = {
            {"analytics", "mrr", "--interval", "week", "--from", "200d", "--to", "today", "-o", "json"},
            {"analytics", "mrr", "--interval", "day", "--from", "60d", "--to", "today", "-o", "json"},
            {"analytics", "churn", "--from", "600d", "--to", "today", "-o", "json"},
            {"analytics", "retention", "--revenue", "--from", "600d", "--to", "today", "-o", "json"}};
        std::vector<std::string> live_out;
        for (const auto& a : served) {
            auto r = run_ctl(a, tdb.conninfo);
            REQUIRE(r.exit_code == 0);
            live_out.push_back(r.out);
        }

        auto refresh = run_ctl({"analytics", "refresh"}, tdb.conninfo);
        REQUIRE(refresh.exit_code == 0);
        CHECK(refresh.err.find("MRR rollups rebuilt up to") != std::string::npos);
        CHECK(conn.exec("SELECT 1 FROM analytics_mrr_periods WHERE unit = 'month'").rows() >= 18);
        auto rolled = run_ctl(args, tdb.conninfo);
        REQUIRE(rolled.exit_code == 0);
        CHECK(rolled.json() == rows);
        for (std::size_t i = 0; i < served.size(); ++i) {
            CAPTURE(served[i][1]);
            auto r = run_ctl(served[i], tdb.conninfo);
            REQUIRE(r.exit_code == 0);
            CHECK(r.json() == nlohmann::json::parse(live_out[i]));
        }
        auto again = run_ctl({"analytics", "refresh"}, tdb.conninfo);
        REQUIRE(again.exit_code == 0);
        CHECK(again.err.find("MRR rollups refreshed up to") != std::string::npos);
    }

    TEST_CASE("analytics read from replica_url when configured, else from the primary; -v says which") {
        auto primary = testing::fresh_database();
        auto replica = testing::fresh_database();
        {
            auto conn = replica.connect();
            testing::insert_analytics_fixture(conn);
        }
        std::vector<std::string> args = {"analytics", "mrr", "--from", "2026-06-01", "--to", "2026-07-01", "-o", "json", "-v"};
        auto via_replica = run_ctl(args, primary.conninfo, {{"CTL_REPLICA_URL", replica.conninfo}});
        REQUIRE(via_replica.exit_code == 0);
        CHECK(via_replica.json()[0]["mrr_cents"] == 24303);
        CHECK(via_replica.err.find("reading from the replica") != std::string::npos);
        auto via_primary = run_ctl(args, primary.conninfo);
        REQUIRE(via_primary.exit_code == 0);
        CHECK(via_primary.json()[0]["mrr_cents"] == 0);
        CHECK(via_primary.err.find("reading from the primary") != std::string::npos);
    }

    TEST_CASE("every analytics command answers in json on the fixture; bad input exits 2") {
        auto tdb = testing::fresh_database();
        {
            auto conn = tdb.connect();
            testing::insert_analytics_fixture(conn);
        }
        for (std::string cmd : {"overview", "revenue", "churn", "users", "retention", "agents", "usage", "funnel"}) {
            CAPTURE(cmd);
            auto r = run_ctl({"analytics", cmd, "-o", "json"}, tdb.conninfo);
            CHECK(r.exit_code == 0);
            CHECK_NOTHROW((void)r.json());
        }
        auto overview = run_ctl({"analytics", "overview", "-o", "json"}, tdb.conninfo).json();
        std::map<std::string, nlohmann::json> metric;
        for (const auto& row : overview) metric[row["metric"].get<std::string>()] = row;
        CHECK(metric["mrr_cents"]["value"] == 24303);
        CHECK(metric["arr_cents"]["value"] == 12 * 24303);
        CHECK(metric["total_users"]["value"] == 13);
        CHECK(metric["agents_active"]["value"] == 13);
        CHECK(metric["pending_payments"]["value"] == 1);
        CHECK(metric["pending_payments_cents"]["value"] == 4900);
        auto funnel = run_ctl({"analytics", "funnel", "--from", "2025-09-01", "--to", "2025-10-01", "-o", "json"},
                              tdb.conninfo).json();
        REQUIRE(funnel.size() == 4);
        CHECK(funnel[0]["users"] == 13);
        CHECK(funnel[1]["users"] == 13);  // every fixture user has an agent
        CHECK(funnel[2]["users"] == 0);   // and no deployment

        auto bad = run_ctl({"analytics", "mrr", "--from", "2026-02-30"}, tdb.conninfo);
        CHECK(bad.exit_code == 2);
        CHECK(bad.out.empty());
        CHECK(run_ctl({"analytics", "mrr", "--from", "2026-03-01", "--to", "2026-02-01"}, tdb.conninfo).exit_code == 2);
        CHECK(run_ctl({"analytics", "mrr", "--interval", "year"}, tdb.conninfo).exit_code == 2);
        auto table = run_ctl({"analytics", "mrr", "--from", "2026-01-01", "--to", "2026-07-01"}, tdb.conninfo);
        CHECK(table.out.find("243.03 USD") != std::string::npos);
        CHECK(table.out.find("▁") == std::string::npos);  // no charts off a terminal
    }

    TEST_CASE("report monthly: json, csv, md and a self-contained html file; by e-mail through Resend") {
        auto tdb = testing::fresh_database();
        {
            auto conn = tdb.connect();
            testing::insert_analytics_fixture(conn);
        }
        std::vector<std::string> base = {"analytics", "report", "monthly", "--from", "2026-06-01", "--to", "2026-07-01"};
        auto with = [&](std::vector<std::string> more) {
            auto a = base;
            a.insert(a.end(), more.begin(), more.end());
            return a;
        };
        auto json = run_ctl(with({"-o", "json"}), tdb.conninfo);
        REQUIRE(json.exit_code == 0);
        auto doc = json.json();
        CHECK(doc.contains("overview"));
        CHECK(doc["mrr"].back()["mrr_cents"] == 24303);
        CHECK(doc["mrr"].back()["expansion_cents"] == 1900);
        CHECK(doc["revenue"].size() == 30);  // by day

        auto csv = run_ctl(with({"-o", "csv"}), tdb.conninfo);
        CHECK(csv.out.find("# mrr: MRR and movements\nperiod_start,") != std::string::npos);
        auto md = run_ctl(with({"-o", "md"}), tdb.conninfo);
        CHECK(md.out.rfind("# Monthly report, 2026-06-01 to 2026-07-01", 0) == 0);
        CHECK(md.out.find("## MRR and movements") != std::string::npos);

        auto dir = std::filesystem::temp_directory_path() / ("ctl-report-" + tdb.name());
        std::filesystem::create_directories(dir);
        auto file = dir / "june.html";
        auto html = run_ctl(with({"-o", "html", "--out", file.string()}), tdb.conninfo);
        REQUIRE(html.exit_code == 0);
        CHECK(html.out.empty());
        std::string page = read_file(file);
        CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
        CHECK(page.find("<svg") != std::string::npos);
        CHECK(page.find("243.03 USD") != std::string::npos);
        CHECK(page.find("src=") == std::string::npos);   // no external assets
        CHECK(page.find("<link") == std::string::npos);
        std::filesystem::remove_all(dir);

        auto no_sender = run_ctl(with({"--email", "boss@example.com"}), tdb.conninfo);
        CHECK(no_sender.exit_code == 2);

        testing::FakeResend resend(0);
        std::map<std::string, std::string> env = {{"CTL_EMAIL_API_URL", resend.url()},
                                                  {"CTL_EMAIL_API_KEY", "re_test_key"},
                                                  {"CTL_EMAIL_FROM", "Reports <reports@example.com>"}};
        auto sent = run_ctl(with({"--email", "boss@example.com"}), tdb.conninfo, env);
        REQUIRE(sent.exit_code == 0);
        CHECK(sent.out.empty());
        REQUIRE(resend.delivered.size() == 1);
        const auto& body = resend.delivered[0].body;
        CHECK(body["to"].dump().find("boss@example.com") != std::string::npos);
        CHECK(body["subject"] == "Monthly report, 2026-06-01 to 2026-07-01");
        CHECK(body["html"].get<std::string>().find("<svg") != std::string::npos);
        CHECK(resend.delivered[0].idempotency_key.find("ctl-report-monthly-") == 0);
    }
}
