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
    }

    TEST_CASE("Retry-After as an HTTP-date counts from now; malformed dates are ignored") {
        const long long now = 1445412470;  // 2015-10-21T07:27:50Z
        CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now) == std::optional<double>(10));
        CHECK(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now) == std::optional<double>(0));
        CHECK_FALSE(parse_retry_after("Wed, 32 Oct 2015 07:28:00 GMT", now).has_value());
        CHECK_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 PST", now).has_value());
        CHECK_FALSE(parse_retry_after("soon", now).has_value());
    }

    TEST_CASE("-v descriptions mask credentials but keep the idempotency key") {
        CHECK(describe_header("Authorization", "Bearer sk_live_0123456789abcdef") == "Authorization: Bearer sk_l****");
        CHECK(describe_header("x-api-key", "ABCDEFGH") == "x-api-key: AB****");
        CHECK(describe_header("Idempotency-Key", "ctl-refund-1-1") == "Idempotency-Key: ctl-refund-1-1");
        Request r;
        r.method = "GET";
        r.url = "https://api.example.com/v1/x?api_key=supersecret&limit=5";
        r.headers = {{"Authorization", "Bearer abcdefghijklmnop"}};
        auto line = describe_request(r);
        CHECK(line.find("supersecret") == std::string::npos);
        CHECK(line.find("abcdefghijklmnop") == std::string::npos);
        CHECK(line.find("limit=5") != std::string::npos);
    }

    TEST_CASE("the total wait between retries is bounded") {
        ClientOptions o;
        o.retry.max_attempts = 10;
        o.retry.base_delay_s = 1;
        o.retry.max_total_wait_s = 2.5;
        o.connect_timeout_s = 1;
        double slept = 0;
        int sleeps = 0;
        o.sleep = [&](double s) {
            slept += s;
            ++sleeps;
        };
        Client client(o);
        Request r;
        r.url = "http://127.0.0.1:1/";  // nothing listens: a transport error every time
        CHECK_THROWS(client.send(r));
        CHECK(slept <= 2.5);
        CHECK(sleeps < 9);
    }
}
