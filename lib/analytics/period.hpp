#pragma once
// The time axis of every analytics command: --from, --to and --interval day|week|month.
// Periods are calendar intervals in UTC (weeks start on Monday): the first is the one that
// contains --from, the last ends at --to (default now), so a current period is partial.

#include "db/connection.hpp"

#include <optional>
#include <string>

namespace ctl::analytics {

struct Range {
    std::optional<std::string> from;  // RFC 3339; default: `default_periods` periods back from `to`
    std::optional<std::string> to;    // RFC 3339; default: now
    std::string interval = "month";   // day, week or month
    int default_periods = 12;
};

// Builds a Range from command-line text (dates, times, "30d", "today"; see util::parse_date_or_time).
// Throws ctl::UsageError for a bad interval, a bad date, or --from not before --to.
Range parse_range(const std::string& from, const std::string& to, const std::string& interval,
                  long long now_epoch, int default_periods = 0);

// Session settings for analytics queries, which aggregate hundreds of thousands of rows:
// enough work_mem for hash aggregates and in-memory sorts, and no JIT compilation: the long
// CTE queries look expensive to the planner, which then spends seconds compiling expressions
// (more on a busy machine) for queries that run in tens of milliseconds. Call once per connection.
void tune_session(db::Connection& conn);

// Parameters $1..$4 for k_periods_sql.
db::Params period_params(const Range& r);

// SQL common table expressions `params (unit, step, from_at, to_at)` and
// `periods (n, period_start, period_end)` reading $1 from, $2 to, $3 interval, $4 default count.
// Appended after "WITH " by every periodic query.
extern const char* const k_periods_sql;

// The join condition "the time `expr` falls in period p": an equality on the period's start
// (the time truncated to the interval), so PostgreSQL hash-joins rows to periods instead of
// comparing every row with every period. It also bounds `expr` by the first period's start and
// the last one's end (computed once), so an index on `expr` reads only the range's rows rather
// than the whole table to be joined.
std::string in_period(const std::string& expr);

}  // namespace ctl::analytics
