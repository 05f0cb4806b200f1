// users, retention and funnel: growth and engagement from users, agents and activity.

#include "analytics/metrics.hpp"
#include "analytics/table.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <map>

namespace ctl::analytics {

output::Section users(db::Connection& conn, const Range& range, const std::string& by) {
    const char* activated = "EXISTS (SELECT 1 FROM agents a WHERE a.user_id = u.id "
                            "AND a.created_at < u.created_at + interval '7 days')";
    if (!by.empty()) {
        if (by != "plan" && by != "auth_provider")
            throw UsageError("cannot segment users by '" + by + "'", "one of plan, auth_provider");
        std::string sql = std::string("WITH ") + k_periods_sql + fmt::format(R"sql(
SELECT p.period_start, p.period_end, u.{0} AS {0}, count(*) AS signups,
       count(*) FILTER (WHERE {1}) AS activated,
       round(count(*) FILTER (WHERE {1})::numeric / count(*), 4) AS activation_rate
FROM periods p JOIN users u ON {2}
GROUP BY p.n, p.period_start, p.period_end, u.{0}
ORDER BY p.n, u.{0}
)sql", by, activated, in_period("u.created_at"));
        return metric_section("users", "Users by " + by, conn.exec(sql, period_params(range)), {"activation_rate"},
                               {"signups", "activated"});
    }
    std::string sql = std::string("WITH ") + k_periods_sql + fmt::format(R"sql(,
signups AS (
    SELECT p.n, count(*) AS signups, count(*) FILTER (WHERE {0}) AS activated
    FROM periods p JOIN users u ON {1}
    GROUP BY p.n
),
trials AS (
    SELECT p.n, count(*) AS trials,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM subscription_events e2
                                          WHERE e2.subscription_id = e.subscription_id
                                            AND e2.status IN ('active', 'past_due')
                                            AND e2.effective_at >= e.effective_at)) AS converted
    FROM periods p
    JOIN subscription_events e ON e.kind = 'trial_started' AND {2}
    GROUP BY p.n
),
active AS MATERIALIZED (  -- once: the ratio below reads dau and mau again
    SELECT p.n,
           (SELECT count(DISTINCT a.user_id) FROM activity a
             WHERE a.created_at >= p.period_end - interval '1 day' AND a.created_at < p.period_end) AS dau,
           (SELECT count(DISTINCT a.user_id) FROM activity a
             WHERE a.created_at >= p.period_end - interval '7 days' AND a.created_at < p.period_end) AS wau,
           (SELECT count(DISTINCT a.user_id) FROM activity a
             WHERE a.created_at >= p.period_end - interval '30 days' AND a.created_at < p.period_end) AS mau
    FROM periods p
)
SELECT p.period_start, p.period_end,
       coalesce(s.signups, 0) AS signups, coalesce(s.activated, 0) AS activated,
       round(s.activated::numeric / nullif(s.signups, 0), 4) AS activation_rate,
       a.dau, a.wau, a.mau, round(a.dau::numeric / nullif(a.mau, 0), 4) AS dau_mau,
       coalesce(t.trials, 0) AS trials, coalesce(t.converted, 0) AS trials_converted,
       round(t.converted::numeric / nullif(t.trials, 0), 4) AS trial_to_paid
FROM periods p
LEFT JOIN signups s ON s.n = p.n
LEFT JOIN trials t ON t.n = p.n
JOIN active a ON a.n = p.n
ORDER BY p.n
)sql", activated, in_period("u.created_at"), in_period("e.effective_at"));
    return metric_section("users", "Users and engagement", conn.exec(sql, period_params(range)),
                          {"activation_rate", "dau_mau", "trial_to_paid"},
                          {"signups", "activated", "dau", "wau", "mau", "trials", "trials_converted"});
}

output::Section retention(db::Connection& conn, const Range& range, bool revenue) {
    Range months = range;
    months.interval = "month";
    // Long form (cohort, months since, cohort size, value at month start, value now) pivoted below.
    std::string sql = std::string("WITH ") + k_periods_sql;
    if (!revenue) {
        sql += R"sql(,
cohort AS (
    SELECT u.id, date_trunc('month', u.created_at AT TIME ZONE 'UTC') AS cohort
    FROM users u
    WHERE u.created_at >= (SELECT min(period_start) FROM periods) AND u.created_at < (SELECT to_at FROM params)
),
sizes AS (SELECT cohort, count(*) AS size FROM cohort GROUP BY cohort),
act AS (
    SELECT DISTINCT a.user_id, date_trunc('month', a.created_at AT TIME ZONE 'UTC') AS month
    FROM activity a JOIN cohort c ON c.id = a.user_id
    WHERE a.created_at >= (SELECT min(period_start) FROM periods) AND a.created_at < (SELECT to_at FROM params)
)
SELECT to_char(c.cohort, 'YYYY-MM'), s.size,
       (extract(year FROM act.month) * 12 + extract(month FROM act.month)
        - extract(year FROM c.cohort) * 12 - extract(month FROM c.cohort))::int AS k,
       count(*)::numeric / s.size AS share
FROM cohort c JOIN sizes s USING (cohort) JOIN act ON act.user_id = c.id AND act.month >= c.cohort
GROUP BY c.cohort, s.size, k
ORDER BY 1, 3
)sql";
    } else {
        // A cohort's changes all come after its first MRR, inside the range.
        sql += customer_changes_sql(conn, "SELECT min(period_start) FROM periods");
        sql += R"sql(,
cohort AS (
    SELECT DISTINCT user_id, currency, date_trunc('month', first_at AT TIME ZONE 'UTC') AS cohort
    FROM changes
    WHERE first_at >= (SELECT min(period_start) FROM periods) AND first_at < (SELECT to_at FROM params)
),
sizes AS (SELECT cohort, count(*) AS size FROM cohort GROUP BY cohort),
-- A cohort's MRR at a month's end is the sum of its customers' changes before it (each starts
-- from zero): the changes summed per month, then accumulated.
monthly AS (
    SELECT c.cohort, date_trunc('month', ch.effective_at AT TIME ZONE 'UTC') AS month, sum(ch.delta) AS delta
    FROM cohort c JOIN changes ch ON ch.user_id = c.user_id AND ch.currency = c.currency
    GROUP BY 1, 2
),
per_month AS (
    SELECT s.cohort, s.size,
           (extract(year FROM p.period_start AT TIME ZONE 'UTC') * 12 + extract(month FROM p.period_start AT TIME ZONE 'UTC')
            - extract(year FROM s.cohort) * 12 - extract(month FROM s.cohort))::int AS k,
           sum(coalesce(m.delta, 0)) OVER (PARTITION BY s.cohort ORDER BY p.period_start) AS mrr
    FROM sizes s
    JOIN periods p ON p.period_start >= s.cohort AT TIME ZONE 'UTC'
    LEFT JOIN monthly m ON m.cohort = s.cohort AND m.month = p.period_start AT TIME ZONE 'UTC'
)
SELECT to_char(cohort, 'YYYY-MM'), size, k,
       round(mrr::numeric / nullif(first_value(mrr) OVER (PARTITION BY cohort ORDER BY k), 0), 4) AS share
FROM per_month
ORDER BY 1, 3
)sql";
    }
    auto res = conn.exec(sql, period_params(months));
    int max_k = 0;
    for (int i = 0; i < res.rows(); ++i) max_k = std::max(max_k, static_cast<int>(res[i].int64(2)));
    output::Section s;
    s.key = "retention";
    s.title = revenue ? "Net MRR retention by first-paid month" : "Retention by signup month";
    s.columns = {{"cohort"}, {revenue ? "customers" : "users", output::Kind::integer}};
    for (int k = 0; k <= max_k; ++k) s.columns.push_back({fmt::format("m{}", k), output::Kind::number});
    std::map<std::string, std::size_t> row_of;
    for (int i = 0; i < res.rows(); ++i) {
        std::string cohort(res[i].text(0));
        auto [it, added] = row_of.emplace(cohort, s.rows.size());
        if (added) {
            output::Row r(s.columns.size());
            r[0] = cohort;
            r[1] = std::string(res[i].text(1));
            s.rows.push_back(std::move(r));
        }
        if (!res[i].is_null(3))
            s.rows[it->second][2 + static_cast<std::size_t>(res[i].int64(2))] =
                fmt::format("{:.4f}", res[i].float64(3));
    }
    return s;
}

output::Section funnel(db::Connection& conn, const Range& range) {
    std::string sql = std::string("WITH ") + k_periods_sql + R"sql(,
cohort AS (
    SELECT u.id,
           EXISTS (SELECT 1 FROM agents a WHERE a.user_id = u.id) AS agent,
           EXISTS (SELECT 1 FROM deployments d WHERE d.user_id = u.id AND d.status = 'succeeded') AS deployed,
           EXISTS (SELECT 1 FROM payments p WHERE p.user_id = u.id AND p.paid_at IS NOT NULL
                     AND p.status IN ('succeeded', 'refunded', 'partially_refunded')) AS paid
    FROM users u
    WHERE u.created_at >= (SELECT min(period_start) FROM periods) AND u.created_at < (SELECT to_at FROM params)
),
steps AS (
    SELECT 1 AS n, 'signed_up' AS step, count(*) AS users FROM cohort
    UNION ALL SELECT 2, 'agent_created', count(*) FILTER (WHERE agent) FROM cohort
    UNION ALL SELECT 3, 'deployment_succeeded', count(*) FILTER (WHERE agent AND deployed) FROM cohort
    UNION ALL SELECT 4, 'paid', count(*) FILTER (WHERE agent AND deployed AND paid) FROM cohort
)
SELECT step, users,
       round(users::numeric / nullif(lag(users) OVER (ORDER BY n), 0), 4) AS conversion,
       round(users::numeric / nullif(first_value(users) OVER (ORDER BY n), 0), 4) AS of_signups
FROM steps ORDER BY n
)sql";
    return metric_section("funnel", "Funnel", conn.exec(sql, period_params(range)), {"conversion", "of_signups"},
                          {"users"});
}

}  // namespace ctl::analytics
