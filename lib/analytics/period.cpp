#include "analytics/period.hpp"

#include "util/error.hpp"
#include "util/parse.hpp"

namespace ctl::analytics {

Range parse_range(const std::string& from, const std::string& to, const std::string& interval,
                  long long now_epoch, int default_periods) {
    Range r;
    if (interval != "day" && interval != "week" && interval != "month")
        throw UsageError("unknown interval '" + interval + "'", "one of day, week, month");
    r.interval = interval;
    r.default_periods = default_periods > 0 ? default_periods : interval == "day" ? 30 : 12;
    if (!from.empty()) r.from = util::parse_date_or_time(from, now_epoch);
    if (!to.empty()) r.to = util::parse_date_or_time(to, now_epoch);
    // Both are "YYYY-MM-DDTHH:MM:SS[.f]Z" in UTC: text order is time order.
    if (r.from && r.to && *r.from >= *r.to)
        throw UsageError("--from " + from + " is not before --to " + to, "the range includes --from and excludes --to");
    return r;
}

void tune_session(db::Connection& conn) {
    conn.exec("SELECT set_config('work_mem', '64MB', false), set_config('jit', 'off', false)");
}

db::Params period_params(const Range& r) {
    return {r.from ? db::Param(*r.from) : db::Param(), r.to ? db::Param(*r.to) : db::Param(), r.interval,
            r.default_periods};
}

std::string in_period(const std::string& expr) {
    return "p.period_start = date_trunc((SELECT unit FROM params), (" + expr + ") AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AND (" +
           expr + ") < p.period_end AND (" + expr + ") >= (SELECT min(period_start) FROM periods) AND (" + expr +
           ") < (SELECT max(period_end) FROM periods)";
}

const char* const k_periods_sql = R"sql(
params AS (
    SELECT unit, step, to_at,
           coalesce($1::timestamptz,
                    (date_trunc(unit, to_at AT TIME ZONE 'UTC') - (k - 1) * step) AT TIME ZONE 'UTC') AS from_at
    FROM (SELECT $3::text AS unit, ('1 ' || $3::text)::interval AS step,
                 coalesce($2::timestamptz, now()) AS to_at, $4::int AS k) x
),
periods AS (
    SELECT row_number() OVER (ORDER BY g) AS n,
           g AT TIME ZONE 'UTC' AS period_start,
           least((g + p.step) AT TIME ZONE 'UTC', p.to_at) AS period_end
    FROM params p,
         generate_series(date_trunc(p.unit, p.from_at AT TIME ZONE 'UTC'),
                         (p.to_at AT TIME ZONE 'UTC') - interval '1 microsecond', p.step) g
)
)sql";

}  // namespace ctl::analytics
