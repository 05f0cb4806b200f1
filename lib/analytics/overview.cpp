// The dashboard: headline figures now against the same figures a window earlier.

#include "analytics/metrics.hpp"
#include "analytics/table.hpp"

#include <fmt/format.h>

namespace ctl::analytics {

output::Section overview(db::Connection& conn, int window_days) {
    // One row per metric: value now, value one window earlier (NULL when the past value is not
    // kept, e.g. agent states), currency for money. MRR at an instant comes from
    // ctl_analytics_mrr_at() (migration 0011): the rolled-up days before it and the events since, live.
    std::string sql = R"sql(
WITH t AS (
    SELECT now() AS now_at, now() - make_interval(days => $1) AS prev_at,
           date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS today
),
-- Separate counts, each answered from an index (status, created_at), not one scan of the table.
-- All users: the daily rollup of signups plus today's, live (ctl_analytics_users_before(), migration
-- 0011), not a count of the whole table. A window ago: all users less those who signed up since
-- (a short index range), less those deleted by then.
u0 AS (
    SELECT ctl_analytics_users_before('infinity') AS everyone,
           (SELECT count(*) FROM users WHERE status = 'deleted') AS deleted,
           (SELECT count(*) FROM users WHERE created_at >= (SELECT prev_at FROM t)) AS since_prev,
           (SELECT count(*) FROM users WHERE status = 'deleted' AND deleted_at < (SELECT prev_at FROM t)
              AND created_at < (SELECT prev_at FROM t)) AS deleted_prev
),
u AS (
    SELECT (SELECT everyone - deleted FROM u0) AS total,
           (SELECT everyone - since_prev - deleted_prev FROM u0) AS total_prev,
           (SELECT count(*) FROM users WHERE created_at >= (SELECT today FROM t)) AS today,
           (SELECT count(*) FROM users WHERE created_at >= (SELECT today FROM t) - interval '1 day'
              AND created_at < (SELECT now_at FROM t) - interval '1 day') AS yesterday_same_time
),
a AS (
    SELECT (SELECT count(*) FROM agents WHERE status = 'active') AS active,
           (SELECT count(*) FROM agents WHERE status IN ('pending', 'deploying')) AS pending,
           (SELECT count(*) FROM agents WHERE status = 'failed') AS failed
),
mrr AS (
    SELECT currency, coalesce(n.mrr_cents, 0) AS now_cents, coalesce(p.mrr_cents, 0) AS prev_cents
    FROM ctl_analytics_mrr_at((SELECT now_at FROM t)) n
    FULL JOIN ctl_analytics_mrr_at((SELECT prev_at FROM t)) p USING (currency)
),
pending AS (
    SELECT currency, count(*) AS n, sum(amount_cents)::bigint AS cents
    FROM payments WHERE status = 'pending' GROUP BY currency
),
deploys AS (
    SELECT count(*) FILTER (WHERE created_at >= (SELECT prev_at FROM t)) AS failed,
           count(*) FILTER (WHERE created_at < (SELECT prev_at FROM t)
                              AND created_at >= (SELECT prev_at FROM t) - make_interval(days => $1)) AS failed_prev
    FROM deployments
    WHERE status = 'failed' AND created_at >= (SELECT prev_at FROM t) - make_interval(days => $1)
)
SELECT 1 AS o, 'total_users' AS metric, total::bigint AS value, total_prev::bigint AS previous, NULL::text AS currency FROM u
UNION ALL SELECT 2, 'signups_today', today, yesterday_same_time, NULL FROM u
UNION ALL SELECT 3, 'agents_active', active, NULL, NULL FROM a
UNION ALL SELECT 4, 'agents_pending', pending, NULL, NULL FROM a
UNION ALL SELECT 5, 'agents_failed', failed, NULL, NULL FROM a
UNION ALL SELECT 6, 'mrr_cents', now_cents, prev_cents, currency FROM mrr
UNION ALL SELECT 7, 'arr_cents', 12 * now_cents, 12 * prev_cents, currency FROM mrr
UNION ALL SELECT 8, 'pending_payments', n, NULL, currency FROM pending
UNION ALL SELECT 9, 'pending_payments_cents', cents, NULL, currency FROM pending
UNION ALL SELECT 10, 'failed_deployments', failed, failed_prev, NULL FROM deploys
ORDER BY 1, 5
)sql";
    auto res = conn.exec(sql, {window_days});
    using output::Kind;
    output::Section s;
    s.key = "overview";
    s.title = fmt::format("Overview (change over {} days; signups: since midnight UTC vs yesterday)", window_days);
    s.columns = {{"metric"},
                 {"shown", Kind::text, output::Visibility::table_only},
                 {"value", Kind::integer, output::Visibility::machine_only},
                 {"previous", Kind::integer, output::Visibility::machine_only},
                 {"change", Kind::integer, output::Visibility::machine_only},
                 {"change_shown", Kind::text, output::Visibility::table_only},
                 {"currency"}};
    for (int i = 0; i < res.rows(); ++i) {
        auto r = res[i];
        std::string metric(r.text(1));
        std::int64_t value = r.int64(2);
        auto previous = r.opt_int64(3);
        std::string currency(r.text(4));
        bool money = metric.ends_with("_cents");
        auto shown = [&](std::int64_t v, bool sign) {
            std::string sg = sign && v > 0 ? "+" : "";
            return money ? sg + fmt::format("{:.2f} {}", static_cast<double>(v) / 100.0, currency)
                         : sg + std::to_string(v);
        };
        output::Cell change = previous ? output::Cell(std::to_string(value - *previous)) : output::Cell::null();
        std::string change_shown = "-";
        if (previous) {
            change_shown = shown(value - *previous, true);
            if (*previous != 0)
                change_shown += fmt::format(" ({:+.1f}%)", 100.0 * static_cast<double>(value - *previous) /
                                                             static_cast<double>(*previous));
        }
        s.rows.push_back({metric, shown(value, false), std::to_string(value),
                          previous ? output::Cell(std::to_string(*previous)) : output::Cell::null(), change,
                          change_shown, currency.empty() ? output::Cell::null() : output::Cell(currency)});
    }
    return s;
}

output::Section overview_trends(db::Connection& conn, int days) {
    std::string sql = R"sql(
WITH days AS (
    SELECT g AT TIME ZONE 'UTC' AS day_start, (g + interval '1 day') AT TIME ZONE 'UTC' AS day_end
    FROM generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - make_interval(days => $1 - 1),
                         date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day') g
)
SELECT d.day_start AS period_start,
       (SELECT count(*) FROM users u WHERE u.created_at >= d.day_start AND u.created_at < d.day_end) AS signups,
       (SELECT coalesce(sum(p.amount_cents), 0) FROM payments p
         WHERE p.paid_at >= d.day_start AND p.paid_at < d.day_end
           AND p.status IN ('succeeded', 'refunded', 'partially_refunded')) AS received_cents,
       (SELECT count(*) FROM deployments x WHERE x.status = 'failed' AND x.created_at >= d.day_start
           AND x.created_at < d.day_end) AS failed_deployments
FROM days d ORDER BY d.day_start
)sql";
    auto s = metric_section("trends", "Last days", conn.exec(sql, {days}), {}, {"signups", "failed_deployments"});
    return s;
}

}  // namespace ctl::analytics
