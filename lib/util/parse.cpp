#include "util/parse.hpp"

#include "util/error.hpp"
#include "util/time.hpp"

#include <fmt/core.h>

#include <limits>
#include <utility>

namespace ctl::util {

namespace {

constexpr std::string_view k_duration_hint = "use e.g. 90s, 15m, 2h, 14d, 3w or 1h30m";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// Accumulates decimal digits into value; false on overflow.
bool accumulate_digits(std::string_view digits, long long& value) {
    long long result = 0;
    for (const char c : digits) {
        if (__builtin_mul_overflow(result, 10LL, &result) ||
            __builtin_add_overflow(result, static_cast<long long>(c - '0'), &result)) {
            return false;
        }
    }
    value = result;
    return true;
}

long long unit_seconds(char unit) {
    switch (unit) {
        case 's': return 1;
        case 'm': return 60;
        case 'h': return 3600;
        case 'd': return 86400;
        case 'w': return 7 * 86400;
        default: return 0;
    }
}

[[noreturn]] void bad_duration(std::string_view text, std::string_view why = {}) {
    throw UsageError(why.empty() ? fmt::format("invalid duration '{}'", text)
                                 : fmt::format("invalid duration '{}': {}", text, why),
                     std::string(k_duration_hint));
}

// True when text starts with a well-formed "YYYY-MM-DD" that is not a calendar day.
bool names_impossible_day(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
    for (const std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
        if (!is_digit(text[i])) return false;
    }
    const auto number = [&](std::size_t pos, std::size_t len) {
        int value = 0;
        for (std::size_t i = pos; i < pos + len; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    return !is_valid_date(number(0, 4), number(5, 2), number(8, 2));
}

}  // namespace

long long parse_duration_seconds(std::string_view text) {
    const std::string_view s = trim(text);
    if (s.empty()) bad_duration(text, "empty");
    if (s.front() == '-') bad_duration(text, "must not be negative");
    long long total = 0;
    long long previous_unit = std::numeric_limits<long long>::max();
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t start = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == start) bad_duration(text);
        if (i == s.size()) bad_duration(text, "missing unit (s, m, h, d or w)");
        const long long unit = unit_seconds(s[i]);
        if (unit == 0) bad_duration(text, fmt::format("unknown unit '{}'", s[i]));
        if (unit >= previous_unit) bad_duration(text, "give each unit once, largest first");
        previous_unit = unit;
        long long count = 0;
        long long seconds = 0;
        if (!accumulate_digits(s.substr(start, i - start), count) ||
            __builtin_mul_overflow(count, unit, &seconds) ||
            __builtin_add_overflow(total, seconds, &total)) {
            bad_duration(text, "too large");
        }
        ++i;
    }
    return total;
}

long long parse_money_cents(std::string_view text) {
    const std::string_view s = trim(text);
    const std::string hint = "use a plain amount such as 10, 10.5 or 0.99";
    if (s.empty()) throw UsageError("invalid amount: empty", hint);
    if (s.front() == '-') {
        throw UsageError(fmt::format("invalid amount '{}': must not be negative", text), hint);
    }
    const auto dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view decimals =
        dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    const auto all_digits = [](std::string_view part) {
        for (const char c : part) {
            if (!is_digit(c)) return false;
        }
        return true;
    };
    if (whole.empty() || !all_digits(whole) || !all_digits(decimals) ||
        (dot != std::string_view::npos && decimals.empty())) {
        throw UsageError(fmt::format("invalid amount '{}'", text), hint);
    }
    if (decimals.size() > 2) {
        throw UsageError(fmt::format("invalid amount '{}': at most two decimals", text), hint);
    }
    long long units = 0;
    long long fraction = 0;
    long long cents = 0;
    if (!accumulate_digits(whole, units) || !accumulate_digits(decimals, fraction) ||
        __builtin_mul_overflow(units, 100LL, &cents) ||
        __builtin_add_overflow(cents, decimals.size() == 1 ? fraction * 10 : fraction, &cents)) {
        throw UsageError(fmt::format("invalid amount '{}': too large", text), hint);
    }
    return cents;
}

std::string format_money(long long cents, std::string_view currency) {
    const unsigned long long magnitude =
        cents < 0 ? 0ULL - static_cast<unsigned long long>(cents)
                  : static_cast<unsigned long long>(cents);
    std::string result = fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", magnitude / 100,
                                     magnitude % 100);
    if (!currency.empty()) {
        result += ' ';
        result += currency;
    }
    return result;
}

std::string parse_currency(std::string_view text) {
    const std::string_view s = trim(text);
    std::string result;
    for (const char c : s) {
        if (c >= 'a' && c <= 'z') {
            result += static_cast<char>(c - 'a' + 'A');
        } else if (c >= 'A' && c <= 'Z') {
            result += c;
        } else {
            result.clear();
            break;
        }
    }
    if (result.size() != 3) {
        throw UsageError(fmt::format("invalid currency '{}'", text),
                         "use a 3-letter ISO 4217 code such as USD");
    }
    return result;
}

std::string parse_date_or_time(std::string_view text, long long now_epoch) {
    const std::string_view s = trim(text);
    const std::string hint =
        "use YYYY-MM-DD, YYYY-MM-DD HH:MM, an RFC 3339 time, or an age such as 30d or 2h";
    if (s.empty()) throw UsageError("invalid date: empty", hint);
    Timestamp point;
    if (s == "now") {
        point.epoch = now_epoch;
    } else if (s == "today") {
        point.epoch = now_epoch - (((now_epoch % 86400) + 86400) % 86400);
    } else if (is_digit(s.front()) && s.size() >= 5 && s[4] == '-') {
        auto parsed = parse_timestamp_any_year(s);
        if (!parsed) {
            if (names_impossible_day(s)) {
                throw UsageError(fmt::format("invalid date '{}': no such day", text), hint);
            }
            throw UsageError(fmt::format("invalid date '{}'", text), hint);
        }
        point = std::move(*parsed);
    } else {
        long long age = 0;
        try {
            age = parse_duration_seconds(s);
        } catch (const UsageError&) {
            throw UsageError(fmt::format("invalid date '{}'", text), hint);
        }
        if (__builtin_sub_overflow(now_epoch, age, &point.epoch)) {
            point.epoch = std::numeric_limits<long long>::min();
        }
    }
    // PostgreSQL has no year 0; refuse anything before 0001-01-01 rather than fail in SQL.
    if (point.epoch < days_from_civil(1, 1, 1) * 86400) {
        throw UsageError(fmt::format("invalid date '{}': too far in the past", text), hint);
    }
    // Nor past 9999-12-31 in UTC (a late time with a western offset can get there).
    if (point.epoch >= days_from_civil(10000, 1, 1) * 86400) {
        throw UsageError(fmt::format("invalid date '{}': too far in the future", text), hint);
    }
    return format_rfc3339_utc(point.epoch, point.fraction);
}

std::vector<std::string> split_list(std::string_view text, char sep) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(sep, start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view item = trim(text.substr(start, end - start));
        if (!item.empty()) items.emplace_back(item);
        start = end + 1;
    }
    return items;
}

long long parse_int(std::string_view text, std::string_view what, long long min, long long max) {
    const std::string_view s = trim(text);
    const bool negative = !s.empty() && s.front() == '-';
    const std::string_view digits = negative ? s.substr(1) : s;
    bool ok = !digits.empty();
    for (const char c : digits) ok = ok && is_digit(c);
    long long value = 0;
    bool in_range = ok;
    if (ok) {
        // Accumulate as a negative number so the full range of long long is reachable.
        for (const char c : digits) {
            if (__builtin_mul_overflow(value, 10LL, &value) ||
                __builtin_sub_overflow(value, static_cast<long long>(c - '0'), &value)) {
                in_range = false;
                break;
            }
        }
        if (in_range && !negative && __builtin_mul_overflow(value, -1LL, &value)) in_range = false;
    }
    if (!ok) {
        throw UsageError(fmt::format("invalid {} '{}': expected an integer", what, text));
    }
    if (!in_range) {  // more digits than any integer holds: not "below the minimum"
        throw UsageError(fmt::format("invalid {} '{}': too large", what, text));
    }
    if (value < min || value > max) {
        if (max == std::numeric_limits<long long>::max()) {
            throw UsageError(fmt::format("invalid {} '{}': must be at least {}", what, text, min));
        }
        throw UsageError(
            fmt::format("invalid {} '{}': must be between {} and {}", what, text, min, max));
    }
    return value;
}

long long parse_positive_int(std::string_view text, std::string_view what) {
    const std::string_view s = trim(text);
    bool ok = !s.empty();
    for (const char c : s) ok = ok && is_digit(c);
    if (!ok) {
        throw UsageError(fmt::format("invalid {} '{}': expected a positive integer", what, text));
    }
    return parse_int(s, what, 1, std::numeric_limits<long long>::max());
}

}  // namespace ctl::util
