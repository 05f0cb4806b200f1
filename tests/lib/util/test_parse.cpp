#include "util/parse.hpp"

#include "util/error.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

namespace {

using namespace ctl::util;

constexpr long long k_now = 1790856000;  // 2026-10-01T12:00:00Z

// The message of the UsageError fn throws ("" when it throws nothing).
template <typename Fn>
std::string usage_message(Fn fn) {
    try {
        fn();
    } catch (const ctl::UsageError& e) {
        CHECK(e.code() == ctl::ExitCode::usage);
        return e.what();
    }
    return {};
}

}  // namespace

TEST_SUITE("util/parse") {
    TEST_CASE("parse_duration_seconds accepts every unit") {
        CHECK(parse_duration_seconds("90s") == 90);
        CHECK(parse_duration_seconds("15m") == 900);
        CHECK(parse_duration_seconds("2h") == 7200);
        CHECK(parse_duration_seconds("14d") == 14 * 86400);
        CHECK(parse_duration_seconds("3w") == 21 * 86400);
        CHECK(parse_duration_seconds("0s") == 0);
        CHECK(parse_duration_seconds(" 2h ") == 7200);
    }

    TEST_CASE("parse_duration_seconds accepts combined units largest first") {
        CHECK(parse_duration_seconds("1h30m") == 5400);
        CHECK(parse_duration_seconds("1w2d3h4m5s") == 7 * 86400 + 2 * 86400 + 3 * 3600 + 245);
        CHECK(parse_duration_seconds("1h90m") == 9000);
    }

    TEST_CASE("parse_duration_seconds rejects bad input") {
        for (const char* bad : {"", "  ", "-5m", "5", "m", "5x", "5M", "1.5h", "h1", "1h 30m",
                                "30m1h", "1h1h", "5m-", "+5m"}) {
            CAPTURE(bad);
            CHECK_THROWS_AS(parse_duration_seconds(bad), ctl::UsageError);
        }
        CHECK(usage_message([] { parse_duration_seconds("5x"); }) ==
              "invalid duration '5x': unknown unit 'x'");
        CHECK(usage_message([] { parse_duration_seconds("-5m"); }) ==
              "invalid duration '-5m': must not be negative");
    }

    TEST_CASE("parse_duration_seconds rejects overflow") {
        CHECK_THROWS_AS(parse_duration_seconds("99999999999999999999s"), ctl::UsageError);
        CHECK_THROWS_AS(parse_duration_seconds("9223372036854775807w"), ctl::UsageError);
        CHECK_THROWS_AS(parse_duration_seconds("9223372036854775s9223372036854775s"),
                        ctl::UsageError);
        CHECK(parse_duration_seconds("9223372036854775807s") ==
              std::numeric_limits<long long>::max());
        CHECK_THROWS_AS(parse_duration_seconds("1w9223372036854775807s"), ctl::UsageError);
    }

    TEST_CASE("parse_money_cents reads decimal amounts") {
        CHECK(parse_money_cents("10") == 1000);
        CHECK(parse_money_cents("10.5") == 1050);
        CHECK(parse_money_cents("10.50") == 1050);
        CHECK(parse_money_cents("0.99") == 99);
        CHECK(parse_money_cents("0.05") == 5);
        CHECK(parse_money_cents("0") == 0);
        CHECK(parse_money_cents("007.10") == 710);
        CHECK(parse_money_cents(" 49 ") == 4900);
        CHECK(parse_money_cents("92233720368547758.07") == std::numeric_limits<long long>::max());
    }

    TEST_CASE("parse_money_cents rejects bad amounts") {
        for (const char* bad : {"", "-1", "-0.5", "10.555", "1,000", "abc", "10.", ".5", "1e3",
                                "+5", "10 USD", "1.2.3", "92233720368547758.08",
                                "99999999999999999999"}) {
            CAPTURE(bad);
            CHECK_THROWS_AS(parse_money_cents(bad), ctl::UsageError);
        }
        CHECK(usage_message([] { parse_money_cents("-1"); }) ==
              "invalid amount '-1': must not be negative");
        CHECK(usage_message([] { parse_money_cents("1.234"); }) ==
              "invalid amount '1.234': at most two decimals");
    }

    TEST_CASE("format_money prints cents as a decimal amount") {
        CHECK(format_money(4900, "USD") == "49.00 USD");
        CHECK(format_money(-150, "EUR") == "-1.50 EUR");
        CHECK(format_money(5, "USD") == "0.05 USD");
        CHECK(format_money(-5, "USD") == "-0.05 USD");
        CHECK(format_money(0, "ZAR") == "0.00 ZAR");
        CHECK(format_money(123456789, "") == "1234567.89");
        CHECK(format_money(std::numeric_limits<long long>::min(), "USD") ==
              "-92233720368547758.08 USD");
    }

    TEST_CASE("parse_currency wants three letters") {
        CHECK(parse_currency("usd") == "USD");
        CHECK(parse_currency("EuR") == "EUR");
        CHECK(parse_currency(" zar ") == "ZAR");
        for (const char* bad : {"", "US", "USDT", "U$D", "12 3", "us d", "\xC3\xA9ur"}) {
            CAPTURE(bad);
            CHECK_THROWS_AS(parse_currency(bad), ctl::UsageError);
        }
        CHECK(usage_message([] { parse_currency("US"); }) == "invalid currency 'US'");
    }

    TEST_CASE("parse_date_or_time accepts dates, times and ages") {
        CHECK(parse_date_or_time("2026-10-01", k_now) == "2026-10-01T00:00:00Z");
        CHECK(parse_date_or_time("2026-10-01T12:00:00Z", k_now) == "2026-10-01T12:00:00Z");
        CHECK(parse_date_or_time("2026-10-01T14:00:00+02:00", k_now) == "2026-10-01T12:00:00Z");
        CHECK(parse_date_or_time("2026-10-01 12:00", k_now) == "2026-10-01T12:00:00Z");
        CHECK(parse_date_or_time("2026-10-01 12:00:30.25", k_now) == "2026-10-01T12:00:30.25Z");
        CHECK(parse_date_or_time("2024-02-29", k_now) == "2024-02-29T00:00:00Z");
        CHECK(parse_date_or_time("30d", k_now) == "2026-09-01T12:00:00Z");
        CHECK(parse_date_or_time("2h", k_now) == "2026-10-01T10:00:00Z");
        CHECK(parse_date_or_time("1h30m", k_now) == "2026-10-01T10:30:00Z");
        CHECK(parse_date_or_time("now", k_now) == "2026-10-01T12:00:00Z");
        CHECK(parse_date_or_time("today", k_now) == "2026-10-01T00:00:00Z");
        CHECK(parse_date_or_time(" 2026-10-01 ", k_now) == "2026-10-01T00:00:00Z");
    }

    TEST_CASE("parse_date_or_time rejects impossible and malformed dates") {
        for (const char* bad :
             {"", "2026-02-30", "2026-13-01", "2025-02-29", "2026-10-01T25:00:00Z", "yesterday",
              "10/01/2026", "2026-10", "-30d", "30", "2026-10-01 12", "99999999999999999999d"}) {
            CAPTURE(bad);
            CHECK_THROWS_AS(parse_date_or_time(bad, k_now), ctl::UsageError);
        }
        CHECK(usage_message([] { parse_date_or_time("2026-02-30", k_now); }) ==
              "invalid date '2026-02-30': no such day");
        CHECK(usage_message([] { parse_date_or_time("2026-13-01", k_now); }) ==
              "invalid date '2026-13-01': no such day");
        CHECK(usage_message([] { parse_date_or_time("soon", k_now); }) == "invalid date 'soon'");
        CHECK(usage_message([] { parse_date_or_time("1000000w", k_now); }) ==
              "invalid date '1000000w': too far in the past");
        CHECK(usage_message([] { parse_date_or_time("0000-06-01", k_now); }) ==
              "invalid date '0000-06-01': too far in the past");
        CHECK(usage_message([] { parse_date_or_time("0001-01-01T00:30:00+01:00", k_now); }) ==
              "invalid date '0001-01-01T00:30:00+01:00': too far in the past");
        CHECK(parse_date_or_time("0001-01-01", k_now) == "0001-01-01T00:00:00Z");
    }

    TEST_CASE("split_list trims and drops empty items") {
        CHECK(split_list("a,b,c") == std::vector<std::string>{"a", "b", "c"});
        CHECK(split_list(" a , b ,, c ,") == std::vector<std::string>{"a", "b", "c"});
        CHECK(split_list("").empty());
        CHECK(split_list(" , ,").empty());
        CHECK(split_list("x") == std::vector<std::string>{"x"});
        CHECK(split_list("a;b c", ';') == std::vector<std::string>{"a", "b c"});
    }

    TEST_CASE("parse_positive_int accepts integers from 1") {
        CHECK(parse_positive_int("1", "limit") == 1);
        CHECK(parse_positive_int(" 50 ", "limit") == 50);
        CHECK(parse_positive_int("9223372036854775807", "limit") ==
              std::numeric_limits<long long>::max());
        for (const char* bad : {"", "0", "-1", "+1", "1.5", "abc", "12a", "9223372036854775808"}) {
            CAPTURE(bad);
            CHECK_THROWS_AS(parse_positive_int(bad, "limit"), ctl::UsageError);
        }
        CHECK(usage_message([] { parse_positive_int("abc", "limit"); }) ==
              "invalid limit 'abc': expected a positive integer");
        CHECK(usage_message([] { parse_positive_int("0", "limit"); }) ==
              "invalid limit '0': must be at least 1");
    }

    TEST_CASE("parse_int checks the range") {
        CHECK(parse_int("-5", "offset", -10, 10) == -5);
        CHECK(parse_int("10", "offset", -10, 10) == 10);
        CHECK(parse_int("-9223372036854775808", "n", std::numeric_limits<long long>::min(),
                        std::numeric_limits<long long>::max()) ==
              std::numeric_limits<long long>::min());
        CHECK_THROWS_AS(parse_int("11", "offset", -10, 10), ctl::UsageError);
        CHECK_THROWS_AS(parse_int("-11", "offset", -10, 10), ctl::UsageError);
        CHECK_THROWS_AS(parse_int("-", "offset", -10, 10), ctl::UsageError);
        CHECK_THROWS_AS(parse_int("", "offset", -10, 10), ctl::UsageError);
        CHECK_THROWS_AS(parse_int("99999999999999999999", "offset", -10, 10), ctl::UsageError);
        CHECK(usage_message([] { parse_int("11", "percent", 0, 10); }) ==
              "invalid percent '11': must be between 0 and 10");
        CHECK(usage_message([] { parse_int("x", "percent", 0, 10); }) ==
              "invalid percent 'x': expected an integer");
    }
}
