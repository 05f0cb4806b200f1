#include "util/time.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace ctl::util {

namespace {

constexpr long long k_day = 86400;

class Cursor {
public:
    explicit Cursor(std::string_view text) : m_text(text) {}

    bool done() const { return m_pos >= m_text.size(); }
    char peek() const { return done() ? '\0' : m_text[m_pos]; }
    void skip() { ++m_pos; }

    bool eat(char c) {
        if (done() || m_text[m_pos] != c) return false;
        ++m_pos;
        return true;
    }

    // Reads exactly n decimal digits.
    bool digits(std::size_t n, int& value) {
        if (m_text.size() - m_pos < n) return false;
        int result = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const char c = m_text[m_pos + k];
            if (c < '0' || c > '9') return false;
            result = result * 10 + (c - '0');
        }
        m_pos += n;
        value = result;
        return true;
    }

    // Reads one or more decimal digits and returns them as text.
    std::string_view digit_run() {
        const std::size_t start = m_pos;
        while (!done() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') ++m_pos;
        return m_text.substr(start, m_pos - start);
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

long long floor_div(long long a, long long b) {
    long long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

struct Civil {
    long long year;
    int month;
    int day;
};

// Inverse of days_from_civil (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
Civil civil_from_days(long long days) {
    days += 719468;
    const long long era = floor_div(days, 146097);
    const long long doe = days - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const long long day = doy - (153 * mp + 2) / 5 + 1;
    const long long month = mp < 10 ? mp + 3 : mp - 9;
    const long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return {year, static_cast<int>(month), static_cast<int>(day)};
}

// Appends a non-negative value as exactly width decimal digits (zero-padded).
void append_digits(std::string& out, long long value, int width) {
    char digits[20];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(digits, static_cast<std::size_t>(width));
}

// Parses "+HH", "+HHMM", "+HH:MM", "+HH:MM:SS" (sign already consumed) into seconds.
bool parse_offset(Cursor& in, long long& seconds) {
    int hours = 0;
    int minutes = 0;
    int secs = 0;
    if (!in.digits(2, hours)) return false;
    if (in.eat(':')) {
        if (!in.digits(2, minutes)) return false;
        if (in.eat(':') && !in.digits(2, secs)) return false;
    } else if (!in.done()) {
        if (!in.digits(2, minutes)) return false;
    }
    if (hours > 23 || minutes > 59 || secs > 59) return false;
    seconds = hours * 3600LL + minutes * 60LL + secs;
    return true;
}

}  // namespace

bool is_valid_date(long long year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int last = (month == 2 && leap) ? 29 : k_days[month - 1];
    return day <= last;
}

long long days_from_civil(long long year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const long long era = floor_div(year, 400);
    const long long yoe = year - era * 400;
    const long long mp = month > 2 ? month - 3 : month + 9;
    const long long doy = (153 * mp + 2) / 5 + day - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::optional<Timestamp> parse_timestamp_any_year(std::string_view text) {
    Cursor in(text);
    int year = 0;
    int month = 0;
    int day = 0;
    if (!in.digits(4, year) || !in.eat('-') || !in.digits(2, month) || !in.eat('-') ||
        !in.digits(2, day)) {
        return std::nullopt;
    }
    if (!is_valid_date(year, month, day)) return std::nullopt;
    Timestamp result;
    const long long days = days_from_civil(year, month, day);
    if (in.done()) {
        result.epoch = days * k_day;
        return result;
    }
    const char sep = in.peek();
    if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
    in.skip();
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!in.digits(2, hour) || !in.eat(':') || !in.digits(2, minute)) return std::nullopt;
    if (in.eat(':')) {
        if (!in.digits(2, second)) return std::nullopt;
        if (in.eat('.')) {
            const std::string_view fraction = in.digit_run();
            if (fraction.empty()) return std::nullopt;
            result.fraction = std::string(fraction);
        }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    long long offset = 0;
    if (in.eat('Z') || in.eat('z')) {
        offset = 0;
    } else if (in.eat('+')) {
        if (!parse_offset(in, offset)) return std::nullopt;
    } else if (in.eat('-')) {
        if (!parse_offset(in, offset)) return std::nullopt;
        offset = -offset;
    }
    if (!in.done()) return std::nullopt;
    result.epoch = days * k_day + hour * 3600LL + minute * 60LL + second - offset;
    return result;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
    auto t = parse_timestamp_any_year(text);
    // In UTC it must still be a year from 1 to 9999 (an offset can push it over either end).
    if (t && (t->epoch < days_from_civil(1, 1, 1) * k_day || t->epoch >= days_from_civil(10000, 1, 1) * k_day))
        return std::nullopt;
    return t;
}

std::string format_rfc3339_utc(long long epoch, std::string_view fraction) {
    const long long days = floor_div(epoch, k_day);
    const long long secs = epoch - days * k_day;
    const Civil date = civil_from_days(days);
    std::string result;
    result.reserve(21 + (fraction.empty() ? 0 : fraction.size() + 1));
    if (date.year < 0 || date.year > 9999) {
        result += std::to_string(date.year);
    } else {
        append_digits(result, date.year, 4);
    }
    result += '-';
    append_digits(result, date.month, 2);
    result += '-';
    append_digits(result, date.day, 2);
    result += 'T';
    append_digits(result, secs / 3600, 2);
    result += ':';
    append_digits(result, secs / 60 % 60, 2);
    result += ':';
    append_digits(result, secs % 60, 2);
    if (!fraction.empty()) {
        result += '.';
        result += fraction;
    }
    result += 'Z';
    return result;
}

std::string format_local_minutes(long long epoch) {
    const auto t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    if (localtime_r(&t, &tm) == nullptr) {
        return format_rfc3339_utc(epoch).substr(0, 16);
    }
    char buffer[64];
    const int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d",
                                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                                tm.tm_min);
    return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string format_relative(long long epoch, long long now_epoch) {
    const bool future = epoch > now_epoch;
    // Unsigned arithmetic: the difference of two arbitrary long longs may not fit a long long.
    const unsigned long long age = future ? static_cast<unsigned long long>(epoch) -
                                                static_cast<unsigned long long>(now_epoch)
                                          : static_cast<unsigned long long>(now_epoch) -
                                                static_cast<unsigned long long>(epoch);
    constexpr unsigned long long minute = 60;
    constexpr unsigned long long hour = 3600;
    constexpr unsigned long long day = 86400;
    if (age < minute) return "just now";
    unsigned long long count = 0;
    const char* unit = "";
    if (age < hour) {
        count = age / minute;
        unit = "m";
    } else if (age < day) {
        count = age / hour;
        unit = "h";
    } else if (age < 30 * day) {
        count = age / day;
        unit = "d";
    } else if (age < 365 * day) {
        count = age / (30 * day);
        unit = "mo";
    } else {
        count = age / (365 * day);
        unit = "y";
    }
    std::string amount = std::to_string(count) + unit;
    return future ? "in " + amount : amount + " ago";
}

long long current_epoch() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace ctl::util
