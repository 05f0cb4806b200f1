#include "util/time.hpp"

#include "support/tz_guard.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <string>

namespace {

using ctl::util::format_local_minutes;
using ctl::util::format_relative;
using ctl::util::format_rfc3339_utc;
using ctl::util::parse_timestamp;

constexpr long long k_noon = 1790856000;  // 2026-10-01T12:00:00Z

using ctl::testing::TzGuard;

long long epoch_of(const char* text) {
    const auto ts = parse_timestamp(text);
    REQUIRE(ts.has_value());
    return ts->epoch;
}

}  // namespace

TEST_SUITE("util/time") {
    TEST_CASE("parse_timestamp reads PostgreSQL timestamptz text") {
        CHECK(epoch_of("2026-10-01 12:00:00+00") == k_noon);
        const auto ts = parse_timestamp("2026-10-01 12:00:00.123456+00");
        REQUIRE(ts);
        CHECK(ts->epoch == k_noon);
        CHECK(ts->fraction == "123456");
        CHECK(parse_timestamp("2026-10-01 12:00:00+00")->fraction.empty());
    }

    TEST_CASE("parse_timestamp converts offsets to UTC") {
        CHECK(epoch_of("2026-10-01 14:00:00+02") == k_noon);
        CHECK(epoch_of("2026-10-01 17:30:00+05:30") == k_noon);
        CHECK(epoch_of("2026-10-01 17:30:00+0530") == k_noon);
        CHECK(epoch_of("2026-10-01 04:00:00-08") == k_noon);
        CHECK(epoch_of("2026-10-01 04:00:00-08:00") == k_noon);
        CHECK(epoch_of("2026-10-01 12:00:10+00:00:10") == k_noon);
        CHECK(epoch_of("2026-10-02 01:00:00+13") == k_noon);
    }

    TEST_CASE("parse_timestamp reads RFC 3339") {
        CHECK(epoch_of("2026-10-01T12:00:00Z") == k_noon);
        CHECK(epoch_of("2026-10-01t12:00:00z") == k_noon);
        CHECK(epoch_of("2026-10-01T14:00:00+02:00") == k_noon);
        CHECK(parse_timestamp("2026-10-01T12:00:00.5Z")->fraction == "5");
    }

    TEST_CASE("parse_timestamp accepts missing seconds, offset or time") {
        CHECK(epoch_of("2026-10-01 12:00") == k_noon);
        CHECK(epoch_of("2026-10-01T12:00:00") == k_noon);
        CHECK(epoch_of("2026-10-01") == k_noon - 12 * 3600);
        CHECK(epoch_of("1970-01-01") == 0);
        CHECK(epoch_of("1969-12-31 23:59:59+00") == -1);
    }

    TEST_CASE("parse_timestamp validates the calendar") {
        CHECK(epoch_of("2024-02-29") == 1709164800);
        CHECK(parse_timestamp("2000-02-29"));
        CHECK_FALSE(parse_timestamp("2026-02-29"));
        CHECK_FALSE(parse_timestamp("2100-02-29"));
        CHECK_FALSE(parse_timestamp("2026-02-30"));
        CHECK_FALSE(parse_timestamp("2026-04-31"));
        CHECK_FALSE(parse_timestamp("2026-13-01"));
        CHECK_FALSE(parse_timestamp("2026-00-10"));
        CHECK_FALSE(parse_timestamp("2026-10-00"));
        CHECK_FALSE(parse_timestamp("2026-10-01 24:00:00+00"));
        CHECK_FALSE(parse_timestamp("2026-10-01 12:60:00+00"));
        CHECK_FALSE(parse_timestamp("2026-10-01 12:00:60+00"));
    }

    TEST_CASE("parse_timestamp rejects other text") {
        CHECK_FALSE(parse_timestamp(""));
        CHECK_FALSE(parse_timestamp("infinity"));
        CHECK_FALSE(parse_timestamp("-infinity"));
        CHECK_FALSE(parse_timestamp("0044-03-15 12:00:00+00 BC"));
        CHECK_FALSE(parse_timestamp("2026-1-01"));
        CHECK_FALSE(parse_timestamp("2026-10-01X12:00"));
        CHECK_FALSE(parse_timestamp("2026-10-01 12"));
        CHECK_FALSE(parse_timestamp("2026-10-01 12:00:00.+00"));
        CHECK_FALSE(parse_timestamp("2026-10-01 12:00:00+"));
        CHECK_FALSE(parse_timestamp("2026-10-01 12:00:00+2"));
        CHECK_FALSE(parse_timestamp("2026-10-01 12:00:00+00 "));
        CHECK_FALSE(parse_timestamp("2026-10-01 12:00:00+24"));
    }

    TEST_CASE("format_rfc3339_utc writes UTC with optional fraction") {
        CHECK(format_rfc3339_utc(0) == "1970-01-01T00:00:00Z");
        CHECK(format_rfc3339_utc(-1) == "1969-12-31T23:59:59Z");
        CHECK(format_rfc3339_utc(k_noon) == "2026-10-01T12:00:00Z");
        CHECK(format_rfc3339_utc(k_noon, "123456") == "2026-10-01T12:00:00.123456Z");
        CHECK(format_rfc3339_utc(1709164800 + 86399) == "2024-02-29T23:59:59Z");
        CHECK(format_rfc3339_utc(253402300799) == "9999-12-31T23:59:59Z");
    }

    TEST_CASE("format and parse round-trip across centuries") {
        int mismatches = 0;
        for (long long epoch = -62135596800; epoch < 253402300800; epoch += 7777777) {
            const auto ts = parse_timestamp(format_rfc3339_utc(epoch));
            if (!ts || ts->epoch != epoch) ++mismatches;
        }
        CHECK(mismatches == 0);
    }

    TEST_CASE("is_valid_date knows leap years") {
        CHECK(ctl::util::is_valid_date(2024, 2, 29));
        CHECK(ctl::util::is_valid_date(2000, 2, 29));
        CHECK_FALSE(ctl::util::is_valid_date(1900, 2, 29));
        CHECK_FALSE(ctl::util::is_valid_date(2026, 2, 29));
        CHECK(ctl::util::is_valid_date(2026, 12, 31));
        CHECK_FALSE(ctl::util::is_valid_date(2026, 11, 31));
        CHECK(ctl::util::days_from_civil(1970, 1, 1) == 0);
        CHECK(ctl::util::days_from_civil(2026, 10, 1) == 20727);
    }

    TEST_CASE("format_local_minutes follows TZ") {
        {
            TzGuard tz("UTC");
            CHECK(format_local_minutes(k_noon) == "2026-10-01 12:00");
        }
        {
            TzGuard tz("SAST-2");
            CHECK(format_local_minutes(k_noon) == "2026-10-01 14:00");
        }
        {
            TzGuard tz("PST8");
            CHECK(format_local_minutes(k_noon + 59) == "2026-10-01 04:00");
        }
    }

    TEST_CASE("format_relative picks one unit") {
        CHECK(format_relative(k_noon, k_noon) == "just now");
        CHECK(format_relative(k_noon - 59, k_noon) == "just now");
        CHECK(format_relative(k_noon + 30, k_noon) == "just now");
        CHECK(format_relative(k_noon - 60, k_noon) == "1m ago");
        CHECK(format_relative(k_noon - 5 * 60 - 59, k_noon) == "5m ago");
        CHECK(format_relative(k_noon - 3 * 3600, k_noon) == "3h ago");
        CHECK(format_relative(k_noon - 2 * 86400, k_noon) == "2d ago");
        CHECK(format_relative(k_noon - 29 * 86400, k_noon) == "29d ago");
        CHECK(format_relative(k_noon - 95 * 86400, k_noon) == "3mo ago");
        CHECK(format_relative(k_noon - 800 * 86400, k_noon) == "2y ago");
        CHECK(format_relative(k_noon + 4 * 86400, k_noon) == "in 4d");
        CHECK(format_relative(k_noon + 2 * 3600, k_noon) == "in 2h");
    }

    TEST_CASE("current_epoch is the real clock") {
        const long long now = ctl::util::current_epoch();
        CHECK(now > 1700000000);
        CHECK(now - static_cast<long long>(std::time(nullptr)) <= 1);
    }
}
