#pragma once
// Parsers for command-line values. Each accepts surrounding spaces and throws ctl::UsageError
// with a one-line message (and a hint showing the accepted forms) on bad input.

#include <string>
#include <string_view>
#include <vector>

namespace ctl::util {

// "90s", "15m", "2h", "14d", "3w", or units combined largest first ("1h30m", "1w2d"); units are
// lower-case. "0s" is allowed; a bare number, negative values and overflow are not.
long long parse_duration_seconds(std::string_view text);

// A non-negative decimal amount in major units with at most two decimals ("10", "10.5", "0.99")
// as integer minor units (cents).
long long parse_money_cents(std::string_view text);

// cents as "49.00 USD" ("-1.50 EUR" when negative); without a currency just "49.00".
std::string format_money(long long cents, std::string_view currency);

// Three ASCII letters, returned upper-case ("usd" -> "USD").
std::string parse_currency(std::string_view text);

// A point in time for --from/--to/--since style options, returned as RFC 3339 UTC text
// ("2026-10-01T00:00:00Z") for a timestamptz parameter. Accepts "2026-10-01" (midnight UTC),
// "2026-10-01T12:00:00Z" or with an offset, "2026-10-01 12:00[:SS]" (UTC when no offset is given),
// "now", "today" (midnight UTC), and a duration ("30d", "2h", "1h30m") meaning now_epoch minus it.
// Rejects impossible dates such as "2026-02-30".
std::string parse_date_or_time(std::string_view text, long long now_epoch);

// Splits on sep, trims spaces and tabs from each item, drops empty items.
std::vector<std::string> split_list(std::string_view text, char sep = ',');

// A decimal integer >= 1; what names the value in the error ("limit").
long long parse_positive_int(std::string_view text, std::string_view what);

// A decimal integer (optional leading '-') within [min, max].
long long parse_int(std::string_view text, std::string_view what, long long min, long long max);

}  // namespace ctl::util
