// ctl health: database rows, providers answering local fakes, a provider down (exit 10).

#include "support/fake_smtp.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

using namespace ctl;
using testing::run_ctl;

namespace {

// Devin, NOWPayments and Stripe on one port: each path answers 200 for its key, 401 otherwise.
class FakeProviders {
public:
    FakeProviders() {
        auto guard = [](const char* header, std::string expected) {
            return [header, expected](const httplib::Request& req, httplib::Response& res) {
                bool ok = req.get_header_value(header) == expected;
                res.status = ok ? 200 : 401;
                res.set_content(ok ? "{}" : R"({"detail":"bad key"})", "application/json");
            };
        };
        m_server.Get("/devin/sessions", guard("Authorization", "Bearer devin-key"));
        m_server.Get("/np/merchant/coins", guard("x-api-key", "np-key"));
        m_server.Get("/stripe/v1/balance", guard("Authorization", "Bearer sk_test_key"));
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeProviders() {
        m_server.stop();
        m_thread.join();
    }
    std::string url(const std::string& prefix) const { return "http://127.0.0.1:" + std::to_string(m_port) + prefix; }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
};

const nlohmann::json* row(const nlohmann::json& rows, const std::string& check) {
    for (const auto& r : rows)
        if (r["check"] == check) return &r;
    return nullptr;
}

}  // namespace

TEST_SUITE("cli health") {
    TEST_CASE("health checks every configured provider and exits 10 when one is down") {
        auto tdb = testing::fresh_database();
        FakeProviders fake;
        testing::FakeSmtp smtp("relay", "relay-pw");
        std::map<std::string, std::string> env = {
            {"CTL_DEVIN_API_URL", fake.url("/devin")},     {"CTL_DEVIN_API_KEY", "devin-key"},
            {"CTL_NOWPAYMENTS_API_URL", fake.url("/np")},  {"CTL_NOWPAYMENTS_API_KEY", "np-key"},
            {"CTL_STRIPE_API_URL", fake.url("/stripe")},   {"CTL_STRIPE_API_KEY", "sk_test_key"},
            {"CTL_EMAIL_PROVIDER", "smtp"},                {"CTL_EMAIL_SMTP_URL", smtp.url()},
            {"CTL_EMAIL_SMTP_USER", "relay"},              {"CTL_EMAIL_SMTP_PASSWORD", "relay-pw"}};
        auto ok = run_ctl({"health", "-o", "json"}, tdb.conninfo, env);
        REQUIRE_MESSAGE(ok.exit_code == 0, (ok.out + ok.err));
        auto rows = ok.json();
        for (const char* name : {"database", "schema", "disk", "devin", "nowpayments", "stripe", "email"}) {
            REQUIRE_MESSAGE(row(rows, name), name);
            CHECK_MESSAGE((*row(rows, name))["ok"] == true, name);
        }
        CHECK((*row(rows, "replica"))["ok"].is_null());
        CHECK((*row(rows, "replica"))["status"] == "skipped");
        for (const char* secret : {"devin-key", "np-key", "sk_test_key", "relay-pw"})
            CHECK(ok.out.find(secret) == std::string::npos);

        auto down = env;
        down["CTL_DEVIN_API_URL"] = "http://127.0.0.1:1";
        auto r = run_ctl({"health", "-o", "json"}, tdb.conninfo, down);
        CHECK(r.exit_code == 10);
        CHECK((*row(r.json(), "devin"))["ok"] == false);
        CHECK((*row(r.json(), "stripe"))["ok"] == true);

        auto refused = env;
        refused["CTL_STRIPE_API_KEY"] = "sk_wrong";
        auto k = run_ctl({"health", "-o", "json"}, tdb.conninfo, refused);
        CHECK(k.exit_code == 10);
        CHECK((*row(k.json(), "stripe"))["detail"].get<std::string>().find("key refused") != std::string::npos);
        CHECK(k.out.find("sk_wrong") == std::string::npos);

        auto smtp_bad = env;
        smtp_bad["CTL_EMAIL_SMTP_PASSWORD"] = "nope";
        CHECK(run_ctl({"health"}, tdb.conninfo, smtp_bad).exit_code == 10);
    }

    TEST_CASE("health reports a replica_url that is not a replica as degraded") {
        auto tdb = testing::fresh_database();
        auto r = run_ctl({"health", "-o", "json"}, tdb.conninfo, {{"CTL_REPLICA_URL", tdb.conninfo}});
        CHECK(r.exit_code == 10);
        auto rows = r.json();
        auto rep = row(rows, "replica");
        REQUIRE(rep);
        CHECK((*rep)["ok"] == false);
        CHECK((*rep)["detail"].get<std::string>().find("not a replica") != std::string::npos);
    }
}
