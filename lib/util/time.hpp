#pragma once
// Timestamps as PostgreSQL prints them and as people read them. Epoch values are seconds since
// 1970-01-01T00:00:00Z (UTC); calendar arithmetic is proleptic Gregorian.

#include <optional>
#include <string>
#include <string_view>

namespace ctl::util {

struct Timestamp {
    long long epoch = 0;   // whole seconds since the epoch, UTC
    std::string fraction;  // fractional-second digits without the dot ("123456"); empty if none
};

// Parses PostgreSQL timestamptz text ("2026-10-01 12:00:00+00", "2026-10-01 12:00:00.5-08",
// "... +05:30"), RFC 3339 ("2026-10-01T12:00:00Z", "2026-10-01T14:00:00+02:00"), either without
// seconds ("2026-10-01 12:00") or without an offset (taken as UTC), and a bare date "2026-10-01"
// (midnight UTC). Rejects impossible dates and times. Returns nullopt for anything else,
// including "infinity" and BC dates, and instants outside years 1 to 9999 in UTC. Never throws.
std::optional<Timestamp> parse_timestamp(std::string_view text);
// parse_timestamp without its range check: an offset may carry the instant before year 1 or past
// year 9999 in UTC (for callers that name that in their own message).
std::optional<Timestamp> parse_timestamp_any_year(std::string_view text);

// "2026-10-01T12:00:00Z", or "2026-10-01T12:00:00.123456Z" when fraction (digits) is given.
std::string format_rfc3339_utc(long long epoch, std::string_view fraction = {});

// Local time (per TZ) to the minute: "2026-10-01 14:00".
std::string format_local_minutes(long long epoch);

// Age of epoch relative to now_epoch: "just now" (under a minute either way), "5m ago", "3h ago",
// "2d ago", "3mo ago" (30-day months), "2y ago" (365-day years); the future reads "in 4d".
std::string format_relative(long long epoch, long long now_epoch);

// The real clock, seconds since the epoch.
long long current_epoch();

// True when year-month-day names a real calendar day (leap years included).
bool is_valid_date(long long year, int month, int day);

// Days since 1970-01-01 of a valid proleptic Gregorian date (negative before 1970).
long long days_from_civil(long long year, int month, int day);

}  // namespace ctl::util
