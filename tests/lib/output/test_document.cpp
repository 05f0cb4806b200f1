#include "output/document.hpp"

#include "util/error.hpp"

#include "support/tz_guard.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <ctime>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace ctl::output;
using nlohmann::json;

constexpr long long k_now = 1790856000;  // 2026-10-01T12:00:00Z

using ctl::testing::TzGuard;

RenderOptions options(Format format) {
    RenderOptions o;
    o.format = format;
    o.now_epoch = k_now;
    return o;
}

std::string run(const RenderOptions& o, const std::vector<Section>& sections) {
    std::ostringstream out;
    render_document(out, o, sections);
    return out.str();
}

std::vector<Section> user_document() {
    Section user{"user",
                 "User",
                 {{"id", Kind::integer},
                  {"email"},
                  {"status"},
                  {"created_at", Kind::time},
                  {"balance", Kind::money, Visibility::table_only},
                  {"balance_cents", Kind::integer, Visibility::machine_only}},
                 {{"42", "alice@x.io", "active", "2026-10-01 09:00:00+00", "4900 USD", "4900"}},
                 true};
    Section agents{"agents",
                   "Agents",
                   {{"id", Kind::integer}, {"name"}, {"status"}},
                   {{"7", "helper", "deployed"}, {"8", "scout", "failed"}},
                   false};
    Section notes{"notes", "Notes", {{"id", Kind::integer}, {"body"}}, {}, false};
    return {user, agents, notes};
}

}  // namespace

TEST_SUITE("output/document") {
    TEST_CASE("json document is one pretty-printed object") {
        const std::string out = run(options(Format::json), user_document());
        CHECK(out ==
              "{\n"
              "  \"user\": {\n"
              "    \"id\": 42,\n"
              "    \"email\": \"alice@x.io\",\n"
              "    \"status\": \"active\",\n"
              "    \"created_at\": \"2026-10-01T09:00:00Z\",\n"
              "    \"balance_cents\": 4900\n"
              "  },\n"
              "  \"agents\": [\n"
              "    {\n"
              "      \"id\": 7,\n"
              "      \"name\": \"helper\",\n"
              "      \"status\": \"deployed\"\n"
              "    },\n"
              "    {\n"
              "      \"id\": 8,\n"
              "      \"name\": \"scout\",\n"
              "      \"status\": \"failed\"\n"
              "    }\n"
              "  ],\n"
              "  \"notes\": []\n"
              "}\n");
        const json doc = json::parse(out);
        CHECK(doc["user"]["id"] == 42);
        CHECK(doc["agents"].size() == 2);
        CHECK(doc["notes"] == json::array());
    }

    TEST_CASE("json document matches nlohmann's own pretty printing") {
        std::vector<Section> sections = user_document();
        sections[0].columns.push_back({"price", Kind::money});
        sections[0].columns.push_back({"meta", Kind::json});
        sections[0].rows[0].emplace_back("-150 EUR");
        sections[0].rows[0].emplace_back("{\"a\": [1, {\"b\": null}], \"c\": {}}");
        const std::string out = run(options(Format::json), sections);
        const json doc = json::parse(out);
        CHECK(out == nlohmann::ordered_json::parse(out).dump(2) + "\n");
        CHECK(doc["user"]["price"] == json{{"amount_cents", -150}, {"currency", "EUR"}});
        CHECK(doc["user"]["meta"]["a"][1]["b"].is_null());
    }

    TEST_CASE("ndjson document is the same object on one line") {
        const std::string out = run(options(Format::ndjson), user_document());
        CHECK(out.find('\n') == out.size() - 1);
        CHECK(json::parse(out) == json::parse(run(options(Format::json), user_document())));
    }

    TEST_CASE("json document: a single section without a row is null") {
        std::vector<Section> sections = user_document();
        sections[0].rows.clear();
        CHECK(json::parse(run(options(Format::json), sections))["user"].is_null());
        CHECK(run(options(Format::json), {}) == "{}\n");
    }

    TEST_CASE("table document shows records as label lines and lists as sub-tables") {
        TzGuard tz("UTC");
        const std::string out = run(options(Format::table), user_document());
        CHECK(out ==
              "User\n"
              "  Id          42\n"
              "  Email       alice@x.io\n"
              "  Status      active\n"
              "  Created at  2026-10-01 09:00 (3h ago)\n"
              "  Balance     49.00 USD\n"
              "\n"
              "Agents\n"
              "  ID  NAME    STATUS\n"
              "   7  helper  deployed\n"
              "   8  scout   failed\n"
              "\n"
              "Notes\n"
              "  (none)\n");
    }

    TEST_CASE("table document uses the key when a section has no title") {
        Section s{"usage", "", {{"n", Kind::integer}}, {{"1"}}, true};
        CHECK(run(options(Format::table), {s}) == "usage\n  N  1\n");
    }

    TEST_CASE("table document: a record without a row reads (none)") {
        Section s{"user", "User", {{"id"}}, {}, true};
        CHECK(run(options(Format::table), {s}) == "User\n  (none)\n");
    }

    TEST_CASE("table document colours titles, statuses and NULLs") {
        RenderOptions o = options(Format::table);
        o.color = true;
        Section user{"user", "User", {{"status"}, {"plan"}}, {{"banned", Cell::null()}}, true};
        Section agents{"agents", "Agents", {{"status"}}, {{"deployed"}}, false};
        const std::string out = run(o, {user, agents});
        CHECK(out ==
              "\x1b[1mUser\x1b[0m\n"
              "  Status  \x1b[31mbanned\x1b[0m\n"
              "  Plan    \x1b[2m-\x1b[0m\n"
              "\n"
              "\x1b[1mAgents\x1b[0m\n"
              "  \x1b[1mSTATUS\x1b[0m\n"
              "  \x1b[32mdeployed\x1b[0m\n");
    }

    TEST_CASE("table document fits long values to the width") {
        RenderOptions o = options(Format::table);
        o.width = 24;
        Section s{"user", "User", {{"bio"}}, {{std::string(100, 'x')}}, true};
        Section l{"notes", "Notes", {{"body"}}, {{std::string(100, 'y')}}, false};
        const std::string out = run(o, {s, l});
        CHECK(out ==
              "User\n"
              "  Bio  " + std::string(16, 'x') + "\xE2\x80\xA6\n"
              "\n"
              "Notes\n"
              "  BODY\n"
              "  " + std::string(21, 'y') + "\xE2\x80\xA6\n");
    }

    TEST_CASE("csv document renders the first section only") {
        const std::string out = run(options(Format::csv), user_document());
        CHECK(out ==
              "id,email,status,created_at,balance_cents\n"
              "42,alice@x.io,active,2026-10-01T09:00:00Z,4900\n");
    }

    TEST_CASE("tsv document renders the first section only") {
        std::vector<Section> sections = user_document();
        sections.erase(sections.begin());
        CHECK(run(options(Format::tsv), sections) == "id\tname\tstatus\n7\thelper\tdeployed\n"
                                                     "8\tscout\tfailed\n");
        CHECK(run(options(Format::tsv), {}).empty());
    }

    TEST_CASE("fields apply to the first section only") {
        RenderOptions o = options(Format::json);
        o.fields = {"email", "id"};
        const json doc = json::parse(run(o, user_document()));
        CHECK(doc["user"] == json{{"email", "alice@x.io"}, {"id", 42}});
        CHECK(doc["agents"][0].size() == 3);
        o.format = Format::csv;
        CHECK(run(o, user_document()) == "email,id\nalice@x.io,42\n");
        o.format = Format::table;
        const std::string table = run(o, user_document());
        CHECK(table.find("  Email  alice@x.io\n  Id     42\n") != std::string::npos);
        CHECK(table.find("helper") != std::string::npos);
    }

    TEST_CASE("unknown field in a document is a usage error before any output") {
        for (const Format format : {Format::table, Format::json, Format::ndjson, Format::csv,
                                    Format::tsv}) {
            RenderOptions o = options(format);
            o.fields = {"name"};  // a column of the second section only
            std::ostringstream out;
            CHECK_THROWS_AS(render_document(out, o, user_document()), ctl::UsageError);
            CHECK(out.str().empty());
        }
    }
}
