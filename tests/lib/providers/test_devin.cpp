// The Devin client against the local fake of the Devin v1 API: parsing, errors and retries.

#include "providers/devin.hpp"
#include "support/fakes/devin_server.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace ctl;
using nlohmann::json;

namespace {

http::ClientOptions quick() {
    http::ClientOptions o;
    o.timeout_s = 5;
    o.sleep = [](double) {};
    return o;
}

}  // namespace

TEST_SUITE("providers devin") {
    TEST_CASE("error_detail reads detail as a string or a list") {
        CHECK(providers::error_detail(404, R"({"detail":"Session not found"})") == "Session not found");
        CHECK(providers::error_detail(422, R"({"detail":[{"loc":["body","prompt"],"msg":"field required"},"also bad"]})") ==
              "body.prompt: field required; also bad");
        CHECK(providers::error_detail(502, "<html>bad gateway</html>") == "HTTP 502");
    }

    TEST_CASE("parse_session keeps unknown status values and reads the structured result") {
        auto s = providers::parse_session(json{{"session_id", "devin-1"},
                                               {"status_enum", "hibernating_v9"},
                                               {"structured_output", {{"bot_username", "@acme_bot"}, {"auth_code", 123456}}},
                                               {"messages", json::array({{{"type", "devin_message"}, {"message", "hi"}}})}});
        CHECK(s.status_enum == "hibernating_v9");
        CHECK_FALSE(providers::is_terminal_status(s.status_enum));
        auto r = providers::parse_deployment_result(s.structured_output);
        CHECK(r.bot_username == "acme_bot");
        CHECK(r.auth_code == "123456");
        REQUIRE(s.messages.size() == 1);
        CHECK(s.messages[0].message == "hi");
        CHECK_THROWS_AS(providers::parse_session(json{{"status", "x"}}), Error);
    }

    TEST_CASE("a session moves through its statuses poll by poll, and 500 then 200 is retried") {
        testing::FakeDevin fake;
        http::Client http(quick());
        providers::DevinClient devin({fake.url(), fake.api_key()}, http);
        testing::FakeSessionScript script;
        script.statuses = {"working", "blocked", "finished"};
        script.structured_output = {{"bot_username", "sales_bot"}, {"auth_code", "482913"}};
        fake.set_next_script(script);
        providers::NewSession ns;
        ns.prompt = "deploy agent 1";
        ns.tags = {"ctl"};
        auto created = devin.create_session(ns);
        CHECK(created.is_new_session);
        auto again = devin.create_session(ns);  // idempotent: the same prompt gives the same session
        CHECK(again.session_id == created.session_id);
        CHECK_FALSE(again.is_new_session);
        CHECK(devin.get_session(created.session_id).status_enum == "working");
        fake.fail_next(1, 500);
        CHECK(devin.get_session(created.session_id).status_enum == "blocked");
        auto done = devin.get_session(created.session_id);
        CHECK(done.status_enum == "finished");
        CHECK(providers::parse_deployment_result(done.structured_output).bot_username == "sales_bot");
        auto reqs = fake.requests();
        CHECK(reqs.front().authorization == "Bearer " + fake.api_key());
        CHECK(reqs.front().body["idempotent"] == true);
        auto list = devin.list_sessions(10, 0);
        REQUIRE(list.size() == 1);
        CHECK(list[0].session_id == created.session_id);
    }

    TEST_CASE("refused key → exit 5, unknown session → 3, persistent 500 → 6, missing prompt → 1 with detail") {
        testing::FakeDevin fake;
        http::Client http(quick());
        providers::DevinClient wrong({fake.url(), "nope"}, http);
        try {
            wrong.list_sessions(1, 0);
            FAIL("expected a refusal");
        } catch (const Error& e) {
            CHECK(e.code() == ExitCode::permission_denied);
            CHECK(std::string(e.what()).find("Invalid API key") != std::string::npos);
        }
        providers::DevinClient devin({fake.url(), fake.api_key()}, http);
        CHECK_THROWS_AS(devin.get_session("devin-missing"), NotFound);
        CHECK_THROWS_AS(devin.get_session("../etc"), UsageError);
        fake.fail_next(10, 503);
        CHECK_THROWS_AS(devin.list_sessions(1, 0), Unavailable);
        fake.fail_next(0);
        devin.terminate_session("devin-missing");  // already gone is fine
        providers::NewSession empty;
        empty.prompt = "";
        CHECK_NOTHROW(devin.create_session(empty));
    }
}
