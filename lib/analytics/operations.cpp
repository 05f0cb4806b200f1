// agents and usage: deployments and what users consume.

#include "analytics/metrics.hpp"
#include "analytics/table.hpp"

namespace ctl::analytics {

std::vector<output::Section> agents(db::Connection& conn, const Range& range, int top) {
    auto params = period_params(range);
    std::string per_period = std::string("WITH ") + k_periods_sql + R"sql(,
created AS (
    SELECT p.n, count(*) AS agents_created
    FROM periods p JOIN agents a ON )sql" + in_period("a.created_at") + R"sql(
    GROUP BY p.n
),
deps AS (
    SELECT p.n, count(*) AS deployments,
           count(*) FILTER (WHERE d.status = 'succeeded') AS succeeded,
           count(*) FILTER (WHERE d.status = 'failed') AS failed,
           round((avg(extract(epoch FROM d.finished_at - d.started_at)) FILTER (WHERE d.status = 'succeeded') / 60)::numeric, 2) AS mean_minutes,
           round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.finished_at - d.started_at))
                  FILTER (WHERE d.status = 'succeeded') / 60)::numeric, 2) AS median_minutes,
           round((percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM d.finished_at - d.started_at))
                  FILTER (WHERE d.status = 'succeeded') / 60)::numeric, 2) AS p95_minutes
    FROM periods p JOIN deployments d ON )sql" + in_period("d.created_at") + R"sql(
    GROUP BY p.n
)
SELECT p.period_start, p.period_end, coalesce(c.agents_created, 0) AS agents_created,
       coalesce(d.deployments, 0) AS deployments, coalesce(d.succeeded, 0) AS succeeded, coalesce(d.failed, 0) AS failed,
       round(d.succeeded::numeric / nullif(d.succeeded + d.failed, 0), 4) AS success_rate,
       d.mean_minutes, d.median_minutes, d.p95_minutes
FROM periods p LEFT JOIN created c ON c.n = p.n LEFT JOIN deps d ON d.n = p.n
ORDER BY p.n
)sql";
    std::vector<output::Section> out;
    out.push_back(metric_section("deployments", "Agents and deployments", conn.exec(per_period, params),
                                 {"success_rate", "mean_minutes", "median_minutes", "p95_minutes"},
                                 {"agents_created", "deployments", "succeeded", "failed"}));
    params.push_back(top);
    std::string failures = std::string("WITH ") + k_periods_sql + R"sql(
SELECT coalesce(d.error, '(no error recorded)') AS reason, count(*) AS failures
FROM deployments d
WHERE d.status = 'failed' AND d.created_at >= (SELECT min(period_start) FROM periods)
  AND d.created_at < (SELECT to_at FROM params)
GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $5
)sql";
    out.push_back(metric_section("failure_reasons", "Most common failure reasons", conn.exec(failures, params), {},
                                 {"failures"}));
    std::string purposes = std::string("WITH ") + k_periods_sql + R"sql(
SELECT coalesce(a.purpose, '(none)') AS purpose, count(*) AS agents
FROM agents a
WHERE a.created_at >= (SELECT min(period_start) FROM periods) AND a.created_at < (SELECT to_at FROM params)
GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $5
)sql";
    out.push_back(metric_section("purposes", "Popular purposes", conn.exec(purposes, params), {}, {"agents"}));
    return out;
}

std::vector<output::Section> usage(db::Connection& conn, const Range& range, int top) {
    auto params = period_params(range);
    std::string per_period = std::string("WITH ") + k_periods_sql + R"sql(
SELECT p.period_start, p.period_end, u.currency, count(DISTINCT u.user_id) AS users,
       sum(u.minutes) AS minutes, sum(u.api_calls) AS api_calls, sum(u.cost_cents) AS cost_cents
FROM periods p
JOIN usage u ON u.day >= (p.period_start AT TIME ZONE 'UTC')::date AND u.day < (p.period_end AT TIME ZONE 'UTC')::date
GROUP BY p.n, p.period_start, p.period_end, u.currency
ORDER BY p.n, u.currency
)sql";
    std::vector<output::Section> out;
    out.push_back(metric_section("usage", "Usage", conn.exec(per_period, params), {}, {"users", "minutes", "api_calls"}));
    params.push_back(top);
    // Gross margin per user: (net payments received in the range − usage cost) ÷ net payments.
    std::string per_user = std::string("WITH ") + k_periods_sql + R"sql(,
bounds AS (SELECT min(period_start) AS lo, (SELECT to_at FROM params) AS hi FROM periods),
per_user AS (
    SELECT user_id, currency, sum(minutes) AS minutes, sum(api_calls) AS api_calls,
           max(storage_bytes) AS storage_bytes, sum(cost_cents) AS cost_cents
    FROM usage
    WHERE day >= ((SELECT lo FROM bounds) AT TIME ZONE 'UTC')::date AND day < ((SELECT hi FROM bounds) AT TIME ZONE 'UTC')::date
    GROUP BY user_id, currency
),
ranked AS (
    SELECT *, row_number() OVER (ORDER BY cost_cents DESC, user_id) AS top_rank,
              row_number() OVER (ORDER BY cost_cents, user_id) AS bottom_rank
    FROM per_user
)
SELECT CASE WHEN r.top_rank <= $5 THEN 'top' ELSE 'bottom' END AS rank, r.user_id, us.email, r.currency,
       r.minutes, r.api_calls, r.storage_bytes, r.cost_cents, rev.cents AS revenue_cents,
       round((rev.cents - r.cost_cents)::numeric / nullif(rev.cents, 0), 4) AS gross_margin
FROM ranked r
JOIN users us ON us.id = r.user_id
CROSS JOIN LATERAL (
    SELECT coalesce(sum(p.amount_cents - p.refunded_cents), 0) AS cents FROM payments p
    WHERE p.user_id = r.user_id AND p.currency = r.currency AND p.paid_at >= (SELECT lo FROM bounds)
      AND p.paid_at < (SELECT hi FROM bounds) AND p.status IN ('succeeded', 'refunded', 'partially_refunded')) rev
WHERE r.top_rank <= $5 OR r.bottom_rank <= $5
ORDER BY r.top_rank
)sql";
    out.push_back(metric_section("users", "Top and bottom users by cost", conn.exec(per_user, params), {"gross_margin"},
                                 {"user_id", "minutes", "api_calls", "storage_bytes"}));
    std::string near = R"sql(
WITH month AS (
    SELECT user_id, sum(minutes) AS minutes, sum(api_calls) AS api_calls FROM usage
    WHERE day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date GROUP BY user_id
),
shares AS (
    SELECT u.id AS user_id, u.email, m.minutes, u.minute_quota, m.api_calls, u.api_call_quota,
           greatest(m.minutes::numeric / nullif(u.minute_quota, 0), m.api_calls::numeric / nullif(u.api_call_quota, 0)) AS share
    FROM month m JOIN users u ON u.id = m.user_id
)
SELECT user_id, email, minutes, minute_quota, api_calls, api_call_quota, round(share, 4) AS quota_used,
       CASE WHEN share >= 1 THEN '100%' WHEN share >= 0.9 THEN '90%' ELSE '80%' END AS level
FROM shares WHERE share >= 0.8
ORDER BY share DESC, user_id LIMIT $1
)sql";
    out.push_back(metric_section("near_quota", "Users near quota (this month)", conn.exec(near, {top * 10}),
                                 {"quota_used"}, {"user_id", "minutes", "minute_quota", "api_calls", "api_call_quota"}));
    return out;
}

}  // namespace ctl::analytics
