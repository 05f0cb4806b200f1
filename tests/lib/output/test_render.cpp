#include "output/detail.hpp"
#include "output/render.hpp"

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

std::string run(const RenderOptions& o, const std::vector<Column>& columns,
                const std::vector<Row>& rows) {
    std::ostringstream out;
    render(out, o, columns, rows);
    return out.str();
}

std::string run(Format format, const std::vector<Column>& columns, const std::vector<Row>& rows) {
    return run(options(format), columns, rows);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t len = detail::decode_utf8(text, i, cp);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

const std::vector<Column> k_user_columns = {
    {"id", Kind::integer},
    {"email", Kind::text},
    {"status", Kind::text},
};

const std::vector<Column> k_typed_columns = {
    {"id", Kind::integer},       {"score", Kind::number},   {"verified", Kind::boolean},
    {"created_at", Kind::time},  {"meta", Kind::json},      {"price", Kind::money},
    {"api_key", Kind::secret},   {"note", Kind::text},
};

const Row k_typed_row = {"42",
                         "12.50",
                         "t",
                         "2026-10-01 09:00:00.25+00",
                         R"({"plan": "pro", "seats": [1, 2]})",
                         "4900 USD",
                         "sk_live_abcdefghijklmnop",
                         "say \"hi\"\n\ttab"};

}  // namespace

TEST_SUITE("output/render") {
    TEST_CASE("parse_format accepts the five formats") {
        CHECK(parse_format("table") == Format::table);
        CHECK(parse_format("json") == Format::json);
        CHECK(parse_format("ndjson") == Format::ndjson);
        CHECK(parse_format("csv") == Format::csv);
        CHECK(parse_format("tsv") == Format::tsv);
        CHECK_THROWS_AS(parse_format("yaml"), ctl::UsageError);
        CHECK_THROWS_AS(parse_format(""), ctl::UsageError);
        CHECK_THROWS_AS(parse_format("JSON"), ctl::UsageError);
        try {
            parse_format("xml");
        } catch (const ctl::UsageError& e) {
            CHECK(std::string(e.what()) == "unknown output format 'xml'");
            CHECK(e.hint() == "formats: table, json, ndjson, csv, tsv");
        }
    }

    // csv ------------------------------------------------------------------------------------

    TEST_CASE("csv writes a header row and plain fields") {
        CHECK(run(Format::csv, k_user_columns, {{"1", "a@x.io", "active"}}) ==
              "id,email,status\n1,a@x.io,active\n");
    }

    TEST_CASE("csv quotes fields with commas") {
        CHECK(run(Format::csv, {{"name"}, {"n"}}, {{"Doe, Jane", "1"}}) ==
              "name,n\n\"Doe, Jane\",1\n");
    }

    TEST_CASE("csv doubles quotes inside quoted fields") {
        CHECK(run(Format::csv, {{"q"}}, {{"say \"hi\""}, {"\""}}) ==
              "q\n\"say \"\"hi\"\"\"\n\"\"\"\"\n");
    }

    TEST_CASE("csv quotes fields with line breaks") {
        CHECK(run(Format::csv, {{"a"}, {"b"}}, {{"line1\nline2", "cr\rhere"}}) ==
              "a,b\n\"line1\nline2\",\"cr\rhere\"\n");
    }

    TEST_CASE("csv leaves other punctuation unquoted") {
        CHECK(run(Format::csv, {{"a"}}, {{"semi;colon 'single' tab\there"}}) ==
              "a\nsemi;colon 'single' tab\there\n");
    }

    TEST_CASE("csv writes NULL as an empty field and an empty string as quotes") {
        CHECK(run(Format::csv, {{"a"}, {"b"}, {"c"}}, {{Cell::null(), "", "x"}}) ==
              "a,b,c\n,\"\",x\n");
    }

    TEST_CASE("csv empty result has only the header") {
        CHECK(run(Format::csv, k_user_columns, {}) == "id,email,status\n");
    }

    TEST_CASE("csv converts typed values") {
        const std::string out = run(Format::csv, k_typed_columns, {k_typed_row});
        CHECK(out ==
              "id,score,verified,created_at,meta,price,api_key,note\n"
              "42,12.50,true,2026-10-01T09:00:00.25Z,"
              "\"{\"\"plan\"\":\"\"pro\"\",\"\"seats\"\":[1,2]}\","
              "49.00 USD,sk_live_abcdefghijklmnop,\"say \"\"hi\"\"\n\ttab\"\n");
    }

    TEST_CASE("csv round-trips through a simple RFC 4180 reader") {
        const std::vector<std::string> values = {"plain", "a,b", "\"q\"", "x\ny", "", " sp "};
        std::vector<Column> columns;
        Row row;
        for (std::size_t i = 0; i < values.size(); ++i) {
            columns.push_back({"c" + std::to_string(i)});
            row.emplace_back(values[i]);
        }
        const std::string out = run(Format::csv, columns, {row});
        const std::string body = out.substr(out.find('\n') + 1);
        std::vector<std::string> fields(1);
        bool quoted = false;
        for (std::size_t i = 0; i < body.size(); ++i) {
            const char c = body[i];
            if (quoted) {
                if (c == '"' && i + 1 < body.size() && body[i + 1] == '"') {
                    fields.back() += '"';
                    ++i;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    fields.back() += c;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.emplace_back();
            } else if (c != '\n') {
                fields.back() += c;
            }
        }
        CHECK(fields == values);
    }

    // tsv ------------------------------------------------------------------------------------

    TEST_CASE("tsv escapes tabs, newlines and backslashes") {
        CHECK(run(Format::tsv, {{"a"}, {"b"}}, {{"x\ty\nz", "back\\slash\r"}}) ==
              "a\tb\nx\\ty\\nz\tback\\\\slash\\r\n");
    }

    TEST_CASE("tsv writes NULL as empty and keeps commas and quotes") {
        CHECK(run(Format::tsv, {{"a"}, {"b"}, {"c"}}, {{Cell::null(), "a,\"b\"", "1"}}) ==
              "a\tb\tc\n\ta,\"b\"\t1\n");
    }

    TEST_CASE("tsv empty result has only the header") {
        CHECK(run(Format::tsv, k_user_columns, {}) == "id\temail\tstatus\n");
    }

    TEST_CASE("tsv converts typed values like csv") {
        const auto lines = lines_of(run(Format::tsv, k_typed_columns, {k_typed_row}));
        REQUIRE(lines.size() == 2);
        CHECK(lines[1] ==
              "42\t12.50\ttrue\t2026-10-01T09:00:00.25Z\t{\"plan\":\"pro\",\"seats\":[1,2]}\t"
              "49.00 USD\tsk_live_abcdefghijklmnop\tsay \"hi\"\\n\\ttab");
    }

    // json / ndjson --------------------------------------------------------------------------

    TEST_CASE("json output is a valid array of objects") {
        const std::string out =
            run(Format::json, k_user_columns,
                {{"1", "a@x.io", "active"}, {"2", "b@x.io", "banned"}});
        const json doc = json::parse(out);
        REQUIRE(doc.is_array());
        REQUIRE(doc.size() == 2);
        CHECK(doc[0]["id"] == 1);
        CHECK(doc[0]["email"] == "a@x.io");
        CHECK(doc[1]["status"] == "banned");
        CHECK(out == "[\n{\"id\":1,\"email\":\"a@x.io\",\"status\":\"active\"},\n"
                     "{\"id\":2,\"email\":\"b@x.io\",\"status\":\"banned\"}\n]\n");
    }

    TEST_CASE("json empty result is an empty array") {
        const std::string out = run(Format::json, k_user_columns, {});
        CHECK(out == "[]\n");
        CHECK(json::parse(out) == json::array());
    }

    TEST_CASE("json keeps column order in keys") {
        const std::string out = run(Format::json, {{"z"}, {"a"}, {"m"}}, {{"1", "2", "3"}});
        CHECK(out.find("\"z\"") < out.find("\"a\""));
        CHECK(out.find("\"a\"") < out.find("\"m\""));
    }

    TEST_CASE("json converts every kind") {
        const json doc = json::parse(run(Format::json, k_typed_columns, {k_typed_row}));
        const json& o = doc.at(0);
        CHECK(o["id"] == 42);
        CHECK(o["score"].is_number());
        CHECK(o["score"].get<double>() == doctest::Approx(12.5));
        CHECK(o["verified"] == true);
        CHECK(o["created_at"] == "2026-10-01T09:00:00.25Z");
        CHECK(o["meta"] == json::parse(R"({"plan":"pro","seats":[1,2]})"));
        CHECK(o["price"] == json{{"amount_cents", 4900}, {"currency", "USD"}});
        CHECK(o["api_key"] == "sk_live_abcdefghijklmnop");
        CHECK(o["note"] == "say \"hi\"\n\ttab");
    }

    TEST_CASE("json writes numbers verbatim") {
        const std::string out =
            run(Format::json, {{"n", Kind::number}}, {{"123456789012345678901234.500"}});
        CHECK(out.find("123456789012345678901234.500") != std::string::npos);
        CHECK(json::parse(out)[0]["n"].is_number());
    }

    TEST_CASE("json writes SQL NULL as null for every kind") {
        std::vector<Column> columns = k_typed_columns;
        Row row(columns.size(), Cell::null());
        const json o = json::parse(run(Format::json, columns, {row}))[0];
        for (const Column& c : columns) {
            CAPTURE(c.name);
            CHECK(o.at(c.name).is_null());
        }
    }

    TEST_CASE("json treats a short row as NULLs") {
        const json o = json::parse(run(Format::json, k_user_columns, {{"1"}}))[0];
        CHECK(o["id"] == 1);
        CHECK(o["email"].is_null());
        CHECK(o["status"].is_null());
    }

    TEST_CASE("json booleans accept PostgreSQL and spelled-out forms") {
        const json doc = json::parse(
            run(Format::json, {{"b", Kind::boolean}},
                {{"t"}, {"f"}, {"true"}, {"false"}, {"maybe"}}));
        CHECK(doc[0]["b"] == true);
        CHECK(doc[1]["b"] == false);
        CHECK(doc[2]["b"] == true);
        CHECK(doc[3]["b"] == false);
        CHECK(doc[4]["b"] == "maybe");
    }

    TEST_CASE("json falls back to strings for values that do not fit their kind") {
        const json doc = json::parse(run(
            Format::json,
            {{"n", Kind::number}, {"i", Kind::integer}, {"t", Kind::time}, {"j", Kind::json},
             {"m", Kind::money}},
            {{"NaN", "012", "infinity", "{not json", "12.5 USD"}, {"Infinity", "+1", "", "", ""}}));
        CHECK(doc[0]["n"] == "NaN");
        CHECK(doc[0]["i"] == "012");
        CHECK(doc[0]["t"] == "infinity");
        CHECK(doc[0]["j"] == "{not json");
        CHECK(doc[0]["m"] == "12.5 USD");
        CHECK(doc[1]["n"] == "Infinity");
        CHECK(doc[1]["i"] == "+1");
        CHECK(doc[1]["j"] == "");
    }

    TEST_CASE("json times become RFC 3339 UTC") {
        const json doc = json::parse(run(Format::json, {{"t", Kind::time}},
                                         {{"2026-10-01 12:00:00+00"},
                                          {"2026-10-01 12:00:00.123456+00"},
                                          {"2026-10-01 14:00:00+02"},
                                          {"2026-10-01 17:30:00.5+05:30"},
                                          {"2026-10-01T12:00:00Z"},
                                          {"2026-09-30T20:00:00-04:00"}}));
        CHECK(doc[0]["t"] == "2026-10-01T12:00:00Z");
        CHECK(doc[1]["t"] == "2026-10-01T12:00:00.123456Z");
        CHECK(doc[2]["t"] == "2026-10-01T12:00:00Z");
        CHECK(doc[3]["t"] == "2026-10-01T12:00:00.5Z");
        CHECK(doc[4]["t"] == "2026-10-01T12:00:00Z");
        CHECK(doc[5]["t"] == "2026-10-01T00:00:00Z");
    }

    TEST_CASE("json money is an object of cents and currency") {
        const json doc = json::parse(run(Format::json, {{"amount", Kind::money}},
                                         {{"4900 USD"}, {"-150 EUR"}, {"0 ZAR"}, {"7"},
                                          {"-0 USD"}}));
        CHECK(doc[0]["amount"] == json{{"amount_cents", 4900}, {"currency", "USD"}});
        CHECK(doc[1]["amount"] == json{{"amount_cents", -150}, {"currency", "EUR"}});
        CHECK(doc[2]["amount"] == json{{"amount_cents", 0}, {"currency", "ZAR"}});
        CHECK(doc[3]["amount"] == json{{"amount_cents", 7}, {"currency", nullptr}});
        CHECK(doc[4]["amount"] == json{{"amount_cents", 0}, {"currency", "USD"}});
    }

    TEST_CASE("json escapes strings and repairs invalid UTF-8") {
        const std::string nasty = std::string("ctl\x01\x1f\x7f \\ \" \xC3\xA9 \xF0\x9F\x98\x80 ") +
                                  "\xFF\xC3" + "\xE2\x80\xA8 end";
        const std::string out = run(Format::json, {{"s"}}, {{nasty}});
        CHECK(out.find("\\u0001") != std::string::npos);
        CHECK(out.find("\\u001f") != std::string::npos);
        CHECK(valid_utf8(out));
        const json doc = json::parse(out);
        CHECK(doc[0]["s"] == "ctl\x01\x1f\x7f \\ \" \xC3\xA9 \xF0\x9F\x98\x80 "
                             "\xEF\xBF\xBD\xEF\xBF\xBD\xE2\x80\xA8 end");
    }

    TEST_CASE("json embeds raw JSON compacted and validated") {
        const std::string raw = "{\n  \"a\" : [1, 2.5e3, -0, true, false, null],\n  \"b\": "
                                "{\"c\": \"x\\ny \\u00e9\"}, \"\": {}\n}";
        const std::string out = run(Format::ndjson, {{"j", Kind::json}}, {{raw}});
        CHECK(out == "{\"j\":{\"a\":[1,2.5e3,-0,true,false,null],\"b\":{\"c\":\"x\\ny "
                     "\\u00e9\"},\"\":{}}}\n");
        CHECK(json::parse(out)["j"] == json::parse(raw));
        for (const char* bad : {"[1,]", "{\"a\" 1}", "01", "\"tab\there\"", "[1] [2]", "tru",
                                "\"\\x\"", "{\"a\":1,}", "["}) {
            CAPTURE(bad);
            const std::string o = run(Format::ndjson, {{"j", Kind::json}}, {{bad}});
            CHECK(json::parse(o)["j"] == bad);
        }
        const std::string invalid_utf8 = run(Format::ndjson, {{"j", Kind::json}}, {{"\"\xFF\""}});
        CHECK(json::parse(invalid_utf8)["j"] == "\"\xEF\xBF\xBD\"");
    }

    TEST_CASE("json rejects raw JSON nested too deeply") {
        const std::string deep = std::string(300, '[') + std::string(300, ']');
        const std::string out = run(Format::ndjson, {{"j", Kind::json}}, {{deep}});
        CHECK(json::parse(out)["j"].is_string());
    }

    TEST_CASE("json streams rows as they come") {
        std::ostringstream out;
        const auto renderer = make_renderer(out, options(Format::json));
        renderer->begin(k_user_columns);
        CHECK(out.str() == "[");
        renderer->row({"1", "a@x.io", "active"});
        CHECK(out.str() == "[\n{\"id\":1,\"email\":\"a@x.io\",\"status\":\"active\"}");
        renderer->end();
        CHECK(json::parse(out.str()).size() == 1);
    }

    TEST_CASE("ndjson writes one compact object per line") {
        const std::string out = run(Format::ndjson, k_typed_columns, {k_typed_row, k_typed_row});
        const auto lines = lines_of(out);
        REQUIRE(lines.size() == 2);
        CHECK(out.back() == '\n');
        for (const std::string& line : lines) {
            const json o = json::parse(line);
            CHECK(o["note"] == "say \"hi\"\n\ttab");
            CHECK(o["price"]["amount_cents"] == 4900);
        }
    }

    TEST_CASE("ndjson empty result writes nothing") {
        CHECK(run(Format::ndjson, k_user_columns, {}).empty());
    }

    TEST_CASE("ndjson keeps multi-line raw JSON on one line") {
        const std::string out = run(Format::ndjson, {{"j", Kind::json}}, {{"[\n1,\n2\n]"}});
        CHECK(out == "{\"j\":[1,2]}\n");
    }

    // column selection ----------------------------------------------------------------------

    TEST_CASE("fields select and order columns in every format") {
        for (const Format format : {Format::table, Format::json, Format::ndjson, Format::csv,
                                    Format::tsv}) {
            RenderOptions o = options(format);
            o.fields = {"status", "id"};
            const std::string out = run(o, k_user_columns, {{"1", "a@x.io", "active"}});
            CAPTURE(out);
            CHECK(out.find("a@x.io") == std::string::npos);
            CHECK(out.find("active") < out.find('1', out.find("active")));
        }
        RenderOptions o = options(Format::csv);
        o.fields = {"status", "id"};
        CHECK(run(o, k_user_columns, {{"1", "a@x.io", "active"}}) == "status,id\nactive,1\n");
    }

    TEST_CASE("fields match case-insensitively and drop duplicates") {
        RenderOptions o = options(Format::csv);
        o.fields = {"EMAIL", "id", "email"};
        CHECK(run(o, k_user_columns, {{"1", "a@x.io", "active"}}) == "email,id\na@x.io,1\n");
    }

    TEST_CASE("unknown field is a usage error listing the fields") {
        for (const Format format : {Format::table, Format::json, Format::ndjson, Format::csv,
                                    Format::tsv}) {
            RenderOptions o = options(format);
            o.fields = {"id", "x"};
            std::ostringstream out;
            const auto renderer = make_renderer(out, o);
            try {
                renderer->begin(k_user_columns);
                FAIL("begin() did not throw");
            } catch (const ctl::UsageError& e) {
                CHECK(std::string(e.what()) == "unknown field 'x'");
                CHECK(e.hint() == "fields: id, email, status");
                CHECK(e.code() == ctl::ExitCode::usage);
            }
            CHECK(out.str().empty());
        }
    }

    TEST_CASE("default columns depend on visibility and format") {
        const std::vector<Column> columns = {
            {"id", Kind::integer, Visibility::always},
            {"amount", Kind::money, Visibility::table_only},
            {"amount_cents", Kind::integer, Visibility::machine_only},
            {"raw", Kind::json, Visibility::on_request},
        };
        const Row row = {"1", "4900 USD", "4900", "{}"};
        CHECK(run(Format::csv, columns, {row}) == "id,amount_cents\n1,4900\n");
        CHECK(run(Format::tsv, columns, {row}) == "id\tamount_cents\n1\t4900\n");
        CHECK(json::parse(run(Format::json, columns, {row}))[0] ==
              json{{"id", 1}, {"amount_cents", 4900}});
        CHECK(json::parse(run(Format::ndjson, columns, {row})) ==
              json{{"id", 1}, {"amount_cents", 4900}});
        CHECK(lines_of(run(Format::table, columns, {row}))[0] == "ID     AMOUNT");
    }

    TEST_CASE("fields may name a column of any visibility") {
        const std::vector<Column> columns = {
            {"id", Kind::integer, Visibility::always},
            {"amount", Kind::money, Visibility::table_only},
            {"raw", Kind::json, Visibility::on_request},
        };
        RenderOptions o = options(Format::csv);
        o.fields = {"raw", "amount"};
        CHECK(run(o, columns, {{"1", "4900 USD", "{\"a\": 1}"}}) ==
              "raw,amount\n\"{\"\"a\"\":1}\",49.00 USD\n");
        o.format = Format::table;
        CHECK(lines_of(run(o, columns, {{"1", "4900 USD", "{}"}}))[0] == "RAW     AMOUNT");
    }

    TEST_CASE("select_columns returns indices") {
        const std::vector<Column> columns = {{"a", Kind::text, Visibility::on_request},
                                             {"b"},
                                             {"c", Kind::text, Visibility::machine_only}};
        CHECK(select_columns(columns, options(Format::table)) == std::vector<std::size_t>{1});
        CHECK(select_columns(columns, options(Format::json)) == std::vector<std::size_t>{1, 2});
        RenderOptions o = options(Format::table);
        o.fields = {"c", "a"};
        CHECK(select_columns(columns, o) == std::vector<std::size_t>{2, 0});
    }

    // table ----------------------------------------------------------------------------------

    TEST_CASE("table pads columns under upper-cased headers") {
        const std::string out =
            run(Format::table, k_user_columns,
                {{"1", "a@x.io", "active"}, {"22", "bob@example.com", Cell::null()}});
        CHECK(out ==
              "ID  EMAIL            STATUS\n"
              " 1  a@x.io           active\n"
              "22  bob@example.com  -\n");
    }

    TEST_CASE("table empty result prints the header only") {
        CHECK(run(Format::table, k_user_columns, {}) == "ID  EMAIL  STATUS\n");
    }

    TEST_CASE("table formats typed values for people") {
        TzGuard tz("UTC");
        const std::string out = run(Format::table, k_typed_columns, {k_typed_row});
        const auto lines = lines_of(out);
        REQUIRE(lines.size() == 2);
        CHECK(lines[1].find("2026-10-01 09:00 (3h ago)") != std::string::npos);
        CHECK(lines[1].find("49.00 USD") != std::string::npos);
        CHECK(lines[1].find("sk_liv\xE2\x80\xA6mnop") != std::string::npos);
        CHECK(lines[1].find("abcdefgh") == std::string::npos);
        CHECK(lines[1].find("yes") != std::string::npos);
        CHECK(lines[1].find("{\"plan\":\"pro\",\"seats\":[1,2]}") != std::string::npos);
        CHECK(lines[1].find("say \"hi\"  tab") != std::string::npos);
        CHECK(lines[1].find('\t') == std::string::npos);
    }

    TEST_CASE("table shows local time in the TZ") {
        TzGuard tz("SAST-2");
        CHECK(run(Format::table, {{"at", Kind::time}}, {{"2026-10-01 12:00:00+00"}}) ==
              "AT\n2026-10-01 14:00 (just now)\n");
    }

    TEST_CASE("table money is a decimal amount, negative too") {
        CHECK(run(Format::table, {{"amount", Kind::money}},
                  {{"4900 USD"}, {"-150 EUR"}, {"5 USD"}, {"-5 USD"}, {"123456789 ZAR"},
                   {"odd"}}) ==
              "        AMOUNT\n"
              "     49.00 USD\n"
              "     -1.50 EUR\n"
              "      0.05 USD\n"
              "     -0.05 USD\n"
              "1234567.89 ZAR\n"
              "           odd\n");
    }

    TEST_CASE("table masks secrets") {
        const std::string out = run(Format::table, {{"k", Kind::secret}},
                                    {{"sk_live_1234567890"}, {"short"}, {"exactly12chr"}, {""},
                                     {"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9xyz1234"}});
        CHECK(out == "K\nsk_liv\xE2\x80\xA6" "7890\n****\n****\n****\n"
                     "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xE2\x80\xA6" "1234\n");
    }

    TEST_CASE("table booleans read yes and no") {
        CHECK(run(Format::table, {{"ok", Kind::boolean}}, {{"t"}, {"false"}, {Cell::null()}}) ==
              "OK\nyes\nno\n-\n");
    }

    TEST_CASE("table replaces control characters") {
        const std::string out =
            run(Format::table, {{"name"}}, {{"evil\x1b[31mred\x07\r\nx\xC2\x9B" "2J"}});
        CHECK(out.find('\x1b') == std::string::npos);
        CHECK(out == "NAME\nevil [31mred   x 2J\n");
    }

    TEST_CASE("table without width does not truncate") {
        const std::string long_text(500, 'x');
        CHECK(run(Format::table, {{"t"}}, {{long_text}}) == "T\n" + long_text + "\n");
    }

    TEST_CASE("table fits the widest text column to the width") {
        RenderOptions o = options(Format::table);
        o.width = 30;
        const std::string out = run(o, {{"id", Kind::integer}, {"note"}},
                                    {{"1", "a fairly long note that will not fit"},
                                     {"2", "short"}});
        CHECK(out ==
              "ID  NOTE\n"
              " 1  a fairly long note that w\xE2\x80\xA6\n"
              " 2  short\n");
        for (const std::string& line : lines_of(out)) {
            CHECK(detail::display_width(line) <= 30);
        }
    }

    TEST_CASE("table fitting shrinks the widest columns first") {
        RenderOptions o = options(Format::table);
        o.width = 40;
        const std::string out = run(o, {{"a"}, {"b"}, {"c"}},
                                    {{std::string(30, 'a'), std::string(20, 'b'), "ccc"}});
        const auto lines = lines_of(out);
        CHECK(lines[1] == std::string(16, 'a') + "\xE2\x80\xA6  " + std::string(15, 'b') +
                              "\xE2\x80\xA6  ccc");
        CHECK(detail::display_width(lines[1]) == 40);
    }

    TEST_CASE("table fitting never cuts inside a UTF-8 sequence") {
        RenderOptions o = options(Format::table);
        o.format = Format::table;
        const std::string text = "\xC3\xA9t\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E "
                                 "\xF0\x9F\x98\x80\xF0\x9F\x98\x80 na\xC3\xAFve caf\xC3\xA9";
        for (int width = 4; width <= 40; ++width) {
            o.width = width;
            const std::string out = run(o, {{"t"}}, {{text}});
            CAPTURE(width);
            CHECK(valid_utf8(out));
            for (const std::string& line : lines_of(out)) {
                CHECK(detail::display_width(line) <= static_cast<std::size_t>(std::max(width, 6)));
            }
        }
        o.width = 8;
        CHECK(lines_of(run(o, {{"t"}}, {{text}}))[1] ==
              "\xC3\xA9t\xC3\xA9 \xE6\x97\xA5\xE2\x80\xA6");
    }

    TEST_CASE("table fitting keeps non-text columns whole") {
        TzGuard tz("UTC");
        RenderOptions o = options(Format::table);
        o.width = 20;
        const std::string out = run(o, {{"at", Kind::time}, {"note"}},
                                    {{"2026-10-01 09:00:00+00", "some note text"}});
        CHECK(lines_of(out)[1] == "2026-10-01 09:00 (3h ago)  some\xE2\x80\xA6");
    }

    TEST_CASE("table colour is off unless asked") {
        const std::string plain = run(Format::table, k_user_columns, {{"1", "a", "banned"}});
        CHECK(plain.find('\x1b') == std::string::npos);
    }

    TEST_CASE("table colour: bold header and status colours") {
        RenderOptions o = options(Format::table);
        o.color = true;
        const std::string out = run(o, {{"id", Kind::integer}, {"status"}, {"payment_status"}},
                                    {{"1", "banned", "succeeded"},
                                     {"2", "trialing", "refunded"},
                                     {"3", "weird", Cell::null()}});
        const auto lines = lines_of(out);
        REQUIRE(lines.size() == 4);
        CHECK(lines[0] == "\x1b[1mID  STATUS    PAYMENT_STATUS\x1b[0m");
        CHECK(lines[1] == " 1  \x1b[31mbanned\x1b[0m    \x1b[32msucceeded\x1b[0m");
        CHECK(lines[2] == " 2  \x1b[33mtrialing\x1b[0m  \x1b[31mrefunded\x1b[0m");
        CHECK(lines[3] == " 3  weird     \x1b[2m-\x1b[0m");
    }

    TEST_CASE("table colours statuses only in status columns") {
        RenderOptions o = options(Format::table);
        o.color = true;
        const auto lines = lines_of(run(o, {{"name"}}, {{"active"}}));
        CHECK(lines[1] == "active");
    }

    // helpers --------------------------------------------------------------------------------

    TEST_CASE("display_width counts columns, not bytes") {
        CHECK(detail::display_width("abc") == 3);
        CHECK(detail::display_width("caf\xC3\xA9") == 4);
        CHECK(detail::display_width("\xE6\x97\xA5\xE6\x9C\xAC") == 4);
        CHECK(detail::display_width("\xF0\x9F\x98\x80") == 2);
        CHECK(detail::display_width("e\xCC\x81") == 1);
        CHECK(detail::display_width("\xE2\x80\xA6") == 1);
        CHECK(detail::display_width("") == 0);
    }

    TEST_CASE("truncate_to_width ends with an ellipsis") {
        CHECK(detail::truncate_to_width("abcdef", 6) == "abcdef");
        CHECK(detail::truncate_to_width("abcdef", 5) == "abcd\xE2\x80\xA6");
        CHECK(detail::truncate_to_width("abcdef", 1) == "\xE2\x80\xA6");
        CHECK(detail::truncate_to_width("abcdef", 0).empty());
        CHECK(detail::truncate_to_width("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3) ==
              "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
        CHECK(detail::truncate_to_width("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4) ==
              "\xE6\x97\xA5\xE2\x80\xA6");
    }

    TEST_CASE("decode_utf8 rejects malformed sequences") {
        char32_t cp = 0;
        CHECK(detail::decode_utf8("\xE2\x82\xAC", 0, cp) == 3);
        CHECK(cp == 0x20AC);
        CHECK(detail::decode_utf8("\xC0\xAF", 0, cp) == 0);          // overlong
        CHECK(detail::decode_utf8("\xED\xA0\x80", 0, cp) == 0);      // surrogate
        CHECK(detail::decode_utf8("\xF4\x90\x80\x80", 0, cp) == 0);  // above U+10FFFF
        CHECK(detail::decode_utf8("\xE2\x82", 0, cp) == 0);          // truncated
        CHECK(detail::decode_utf8("\x80", 0, cp) == 0);              // lone continuation
    }

    TEST_CASE("fit_widths caps shrinkable columns to the total") {
        using V = std::vector<std::size_t>;
        CHECK(detail::fit_widths(V{10, 20}, V{6, 6}, {true, true}, 2, 40) == V{10, 20});
        CHECK(detail::fit_widths(V{10, 20}, V{6, 6}, {true, true}, 2, 22) == V{10, 10});
        CHECK(detail::fit_widths(V{10, 20}, V{6, 6}, {false, true}, 2, 22) == V{10, 10});
        CHECK(detail::fit_widths(V{10, 20}, V{6, 6}, {true, true}, 2, 5) == V{6, 6});
        CHECK(detail::fit_widths(V{30, 30}, V{6, 6}, {true, true}, 2, 33) == V{16, 15});
    }
}
