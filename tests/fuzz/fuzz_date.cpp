// Dates and times: --from/--to/--since ("2026-10-01", RFC 3339, "30d"), timestamps as the
// database and providers send them, and HTTP Retry-After values.
#include "fuzz/fuzz_target.hpp"
#include "http/client.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace {
constexpr long long k_now = 1790000000;  // 2026-09-21, a fixed clock keeps runs reproducible
}

CTL_FUZZ_TARGET(date) {
    using namespace ctl::util;
    try {
        const std::string rfc3339 = parse_date_or_time(input, k_now);
        // The answer is a timestamp parse_timestamp reads back unchanged.
        auto again = parse_timestamp(rfc3339);
        CTL_FUZZ_CHECK(again.has_value());
        CTL_FUZZ_CHECK(format_rfc3339_utc(again->epoch, again->fraction) == rfc3339);
    } catch (const ctl::UsageError&) {
    }
    if (auto t = parse_timestamp(input)) {
        const std::string text = format_rfc3339_utc(t->epoch, t->fraction);
        auto again = parse_timestamp(text);
        CTL_FUZZ_CHECK(again.has_value() && again->epoch == t->epoch && again->fraction == t->fraction);
        CTL_FUZZ_CHECK(!format_relative(t->epoch, k_now).empty());
        CTL_FUZZ_CHECK(!format_local_minutes(t->epoch).empty());
    }
    if (auto seconds = ctl::http::parse_retry_after(std::string(input), k_now)) CTL_FUZZ_CHECK(*seconds >= 0);
}
