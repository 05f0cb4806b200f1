// Constraint operators, as the SDKs evaluate them: values are trimmed and empty ones dropped, a
// missing context value fails every operator except NOT_IN, an unknown operator is false even
// when inverted, numbers follow JavaScript's Number(), dates compare to the millisecond, and
// versions are strict semver. REGEX is RE2 syntax, matched in linear time (flags/regex.hpp).

#include "flags/evaluate.hpp"
#include "flags/regex.hpp"
#include "flags/semver.hpp"
#include "util/time.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <limits>
#include <unordered_map>

namespace ctl::flags {

namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// JavaScript's Number(text): trimmed, "" is 0, decimal/exponent, 0x/0o/0b, Infinity; else NaN.
double js_number(std::string_view text) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    std::string s = trim(text);
    if (s.empty()) return 0;
    if (s == "Infinity" || s == "+Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (s.size() > 2 && s[0] == '0' && std::strchr("xXoObB", s[1])) {
        int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
        char* end = nullptr;
        double v = static_cast<double>(std::strtoull(s.c_str() + 2, &end, base));
        return *end == '\0' ? v : nan;
    }
    for (char c : s)
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            return nan;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    return (end && *end == '\0') ? v : nan;
}

// Milliseconds since the epoch of an ISO 8601 / RFC 3339 time; nullopt when JavaScript's Date
// would be invalid.
std::optional<long double> epoch_ms(std::string_view text) {
    auto t = util::parse_timestamp(trim(text));
    if (!t) return std::nullopt;
    long double ms = static_cast<long double>(t->epoch) * 1000;
    std::string frac = (t->fraction + "000").substr(0, 3);
    return ms + std::stoi(frac);
}

long double now_ms() {
    return static_cast<long double>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
}

// Compiled patterns, per thread, so a state's evaluation compiles each pattern once. Bounded: a
// long-running process fed ever new patterns drops them all and starts over.
const Regex& compiled(const std::string& pattern, bool icase) {
    constexpr std::size_t max_cached = 1024;
    thread_local std::unordered_map<std::string, Regex> cache;
    std::string key = (icase ? "i:" : "s:") + pattern;
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    if (cache.size() >= max_cached) cache.clear();
    return cache.emplace(std::move(key), Regex(pattern, icase)).first->second;
}

bool evaluate_operator(const Constraint& c, const Context& ctx) {
    auto value = ctx.value_of(c.context_name);
    switch (c.op) {
        case Operator::in:
        case Operator::not_in: {
            bool is_in = false;
            if (value) {
                std::string_view v = *value;
                std::string folded;
                if (c.case_insensitive) v = folded = lower(std::string(*value));
                is_in = std::find(c.clean_values.begin(), c.clean_values.end(), v) != c.clean_values.end();
            }
            return c.op == Operator::in ? is_in : !is_in;
        }
        case Operator::str_starts_with:
        case Operator::str_ends_with:
        case Operator::str_contains: {
            if (!value) return false;
            std::string v = c.case_insensitive ? lower(std::string(*value)) : std::string(*value);
            for (const auto& x : c.clean_values) {
                if (c.op == Operator::str_starts_with && v.rfind(x, 0) == 0) return true;
                if (c.op == Operator::str_ends_with && v.size() >= x.size() &&
                    v.compare(v.size() - x.size(), x.size(), x) == 0)
                    return true;
                if (c.op == Operator::str_contains && v.find(x) != std::string::npos) return true;
            }
            return false;
        }
        case Operator::num_eq:
        case Operator::num_gt:
        case Operator::num_gte:
        case Operator::num_lt:
        case Operator::num_lte: {
            if (!value || !c.value) return false;
            double a = js_number(*value), b = js_number(*c.value);
            if (std::isnan(a) || std::isnan(b)) return false;
            switch (c.op) {
                case Operator::num_eq: return a == b;
                case Operator::num_gt: return a > b;
                case Operator::num_gte: return a >= b;
                case Operator::num_lt: return a < b;
                default: return a <= b;
            }
        }
        case Operator::date_after:
        case Operator::date_before: {
            auto limit = c.value ? epoch_ms(*c.value) : std::nullopt;
            if (!limit) return false;
            auto given = ctx.value_of("currentTime");
            std::optional<long double> now = given ? epoch_ms(*given) : std::optional<long double>(now_ms());
            if (!now) return false;
            return c.op == Operator::date_after ? *now > *limit : *now < *limit;
        }
        case Operator::semver_eq:
        case Operator::semver_gt:
        case Operator::semver_lt: {
            if (!value || !c.value) return false;
            auto a = parse_semver(*value), b = parse_semver(*c.value);
            if (!a || !b) return false;
            int cmp = compare(*a, *b);
            return c.op == Operator::semver_eq ? cmp == 0 : c.op == Operator::semver_gt ? cmp > 0 : cmp < 0;
        }
        case Operator::regex: {
            if (!value || !c.value) return false;
            // An invalid pattern matches nothing (RE2 refuses to compile it).
            return compiled(*c.value, c.case_insensitive).search(*value);
        }
        case Operator::unknown: return false;
    }
    return false;
}

}  // namespace

bool check_constraint(const Constraint& constraint, const Context& context) {
    if (constraint.op == Operator::unknown) return false;
    bool result = evaluate_operator(constraint, context);
    return constraint.inverted ? !result : result;
}

}  // namespace ctl::flags
