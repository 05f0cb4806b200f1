#include "http/client.hpp"

#include <doctest/doctest.h>

using namespace ctl::http;

TEST_SUITE("http client") {
    TEST_CASE("backoff doubles with jitter, honours Retry-After and is capped") {
        RetryPolicy p;
        p.base_delay_s = 1;
        p.max_delay_s = 10;
        CHECK(backoff_delay(1, p, std::nullopt, 1.0) == doctest::Approx(1));
        CHECK(backoff_delay(2, p, std::nullopt, 1.0) == doctest::Approx(2));
        CHECK(backoff_delay(3, p, std::nullopt, 0.5) == doctest::Approx(2));
        CHECK(backoff_delay(9, p, std::nullopt, 1.0) == doctest::Approx(10));
        CHECK(backoff_delay(1, p, 7.0, 0.5) == doctest::Approx(7));
        CHECK(backoff_delay(1, p, 120.0, 1.0) == doctest::Approx(10));
        CHECK(backoff_delay(1, p, 0.0, 1.0) == doctest::Approx(0));
    }

    TEST_CASE("Retry-After in delta seconds") {
        CHECK(parse_retry_after("3") == std::optional<double>(3));
        CHECK(parse_retry_after("0") == std::optional<double>(0));
        CHECK_FALSE(parse_retry_after("-1").has_value());
        CHECK_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
    }
}
