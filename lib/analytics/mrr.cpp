#include "analytics/mrr.hpp"

#include "analytics/table.hpp"

#include <cmath>

namespace ctl::analytics {

namespace {

// Each change of a customer's MRR is a subscription event whose mrr_cents differs from the
// subscription's previous event (renewals change nothing and drop out early).
//
// `rollup (r_at)`: the instant up to which the daily rollups of migration 0011 are read — their
// rolled_up_until, but never past the start of the day of the range's end (a rolled-up day is
// all or nothing) — and -infinity when they are not built or a rolled-up day's events changed
// since the last refresh (analytics_dirty_customers): then everything is derived live.
const char* const k_rollup_bound_sql = R"sql(,
rollup AS (
    SELECT CASE WHEN s.rolled_up_until IS NULL OR EXISTS (SELECT 1 FROM analytics_dirty_customers) THEN '-infinity'::timestamptz
                ELSE least(s.rolled_up_until::timestamp AT TIME ZONE 'UTC',
                           date_trunc('day', (SELECT to_at FROM params) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') END AS r_at
    FROM (SELECT 1) one LEFT JOIN analytics_rollup_state s ON s.name = 'mrr'
)
)sql";

// Without the rollups: every change from the whole history.
const char* const k_live_tail_sql = R"sql(,
tail AS (
    SELECT user_id, currency::text AS currency, effective_at, id, delta,
           sum(delta) OVER w AS mrr_after, lag(effective_at) OVER w AS prev_at,
           min(effective_at) OVER (PARTITION BY user_id, currency) AS first_at
    FROM (SELECT user_id, currency, effective_at, id,
                 mrr_cents - coalesce(lag(mrr_cents) OVER (PARTITION BY subscription_id ORDER BY effective_at, id), 0) AS delta
          FROM subscription_events
          WHERE effective_at < (SELECT to_at FROM params)) deltas
    WHERE delta <> 0
    WINDOW w AS (PARTITION BY user_id, currency ORDER BY effective_at, id)
)
)sql";

// With them: the events from r_at on, each compared with its subscription's previous event and
// carried on from the customer's last rolled-up day.
const char* const k_rollup_tail_sql = R"sql(,
tail_deltas AS (
    SELECT e.user_id, e.currency, e.effective_at, e.id,
           e.mrr_cents - coalesce((SELECT p.mrr_cents FROM subscription_events p
                                   WHERE p.subscription_id = e.subscription_id
                                     AND (p.effective_at, p.id) < (e.effective_at, e.id)
                                   ORDER BY p.effective_at DESC, p.id DESC LIMIT 1), 0) AS delta
    FROM subscription_events e
    WHERE e.effective_at >= (SELECT r_at FROM rollup) AND e.effective_at < (SELECT to_at FROM params)
),
tail AS (
    SELECT t.user_id, t.currency::text AS currency, t.effective_at, t.id, t.delta,
           coalesce(b.mrr_end_cents, 0) + sum(t.delta) OVER w AS mrr_after,
           coalesce(lag(t.effective_at) OVER w, b.day::timestamp AT TIME ZONE 'UTC') AS prev_at,
           coalesce(b.first_day::timestamp AT TIME ZONE 'UTC', min(t.effective_at) OVER (PARTITION BY t.user_id, t.currency)) AS first_at
    FROM tail_deltas t
    LEFT JOIN LATERAL (SELECT d.mrr_end_cents, d.first_day, d.day FROM analytics_mrr_days d
                       WHERE d.user_id = t.user_id AND d.currency = t.currency
                         AND d.day < ((SELECT r_at FROM rollup) AT TIME ZONE 'UTC')::date
                       ORDER BY d.day DESC LIMIT 1) b ON true
    WHERE t.delta <> 0
    WINDOW w AS (PARTITION BY t.user_id, t.currency ORDER BY t.effective_at, t.id)
)
)sql";

// Rolled-up days (one row per customer and day: the day's net change, at the day's start) from
// `lower` on, then the live tail.
const char* const k_changes_sql = R"sql(,
changes AS (
    SELECT d.user_id, d.currency::text AS currency, d.day::timestamp AT TIME ZONE 'UTC' AS effective_at, 0::bigint AS id,
           d.mrr_end_cents - d.mrr_start_cents AS delta, d.mrr_end_cents AS mrr_after,
           d.prev_day::timestamp AT TIME ZONE 'UTC' AS prev_at, d.first_day::timestamp AT TIME ZONE 'UTC' AS first_at
    FROM analytics_mrr_days d
    WHERE d.day >= ((@LOWER@) AT TIME ZONE 'UTC')::date AND d.day < ((SELECT r_at FROM rollup) AT TIME ZONE 'UTC')::date
    UNION ALL
    SELECT user_id, currency, effective_at, id, delta, mrr_after, prev_at, first_at FROM tail
)
)sql";

// Whether the rollups may be used at all (the SQL of k_rollup_bound_sql decides again, in the
// query's snapshot; this only picks the cheaper way to derive the live tail).
bool rollup_built(db::Connection& conn) {
    return !conn.exec("SELECT 1 FROM analytics_rollup_state WHERE name = 'mrr' "
                      "AND NOT EXISTS (SELECT 1 FROM analytics_dirty_customers)").empty();
}

}  // namespace

std::string customer_changes_sql(db::Connection& conn, const std::string& lower) {
    std::string changes = k_changes_sql;
    changes.replace(changes.find("@LOWER@"), 7, lower);
    return std::string(k_rollup_bound_sql) + (rollup_built(conn) ? k_rollup_tail_sql : k_live_tail_sql) + changes;
}

namespace {

// Per customer and period, m0 is the MRR before the period's first change and m1 = m0 + the
// period's changes. Complete periods that end by r_at come from analytics_mrr_periods; the
// MRR and customers at the range's start from the rolled-up days before it plus the live tail.
const char* const k_movements_sql = R"sql(,
closed AS (
    SELECT p.n FROM periods p, params x
    WHERE p.period_end <= (SELECT r_at FROM rollup)
      AND (p.period_end AT TIME ZONE 'UTC') = (p.period_start AT TIME ZONE 'UTC') + x.step
),
opening AS (
    SELECT currency, sum(mrr) AS mrr, sum(customers) AS customers
    FROM (SELECT m.currency::text AS currency,
                 sum(m.new_cents + m.expansion_cents + m.reactivation_cents - m.contraction_cents - m.churn_cents) AS mrr,
                 sum(m.new_customers + m.reactivated_customers - m.churned_customers) AS customers
          FROM analytics_mrr_periods m
          WHERE m.unit = 'day'
            AND m.period_start::timestamp AT TIME ZONE 'UTC' < least((SELECT min(period_start) FROM periods), (SELECT r_at FROM rollup))
          GROUP BY 1
          UNION ALL
          SELECT currency, sum(m1 - m0), sum((m1 > 0)::int - (m0 > 0)::int)
          FROM (SELECT user_id, currency,
                       (array_agg(mrr_after - delta ORDER BY effective_at, id))[1] AS m0,
                       (array_agg(mrr_after ORDER BY effective_at DESC, id DESC))[1] AS m1
                FROM changes WHERE effective_at < (SELECT min(period_start) FROM periods)
                GROUP BY user_id, currency) c
          GROUP BY 1) o
    GROUP BY currency
),
per_customer AS (
    SELECT p.n, p.period_start, c.currency, min(c.first_at) AS first_at,
           sum(CASE WHEN c.prev_at IS NULL OR c.prev_at < p.period_start THEN c.mrr_after - c.delta ELSE 0 END) AS m0,
           sum(c.delta) AS change
    FROM changes c
    JOIN periods p
      ON p.period_start = date_trunc((SELECT unit FROM params), c.effective_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
    WHERE c.effective_at >= (SELECT min(period_start) FROM periods) AND p.n NOT IN (SELECT n FROM closed)
    GROUP BY p.n, p.period_start, c.user_id, c.currency
),
movements AS (
    SELECT n, currency,
           sum(m0 + change) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_at >= period_start) AS new_mrr,
           count(*) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_at >= period_start) AS new_customers,
           sum(m0 + change) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_at < period_start) AS reactivation,
           count(*) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_at < period_start) AS reactivated_customers,
           sum(change) FILTER (WHERE m0 > 0 AND change > 0) AS expansion,
           count(*) FILTER (WHERE m0 > 0 AND change > 0) AS expanded_customers,
           sum(-change) FILTER (WHERE m0 > 0 AND change < 0 AND m0 + change > 0) AS contraction,
           count(*) FILTER (WHERE m0 > 0 AND change < 0 AND m0 + change > 0) AS contracted_customers,
           sum(m0) FILTER (WHERE m0 > 0 AND m0 + change = 0) AS churn,
           count(*) FILTER (WHERE m0 > 0 AND m0 + change = 0) AS churned_customers
    FROM per_customer
    GROUP BY n, currency
    UNION ALL
    SELECT p.n, m.currency::text, m.new_cents, m.new_customers, m.reactivation_cents, m.reactivated_customers,
           m.expansion_cents, m.expanded_customers, m.contraction_cents, m.contracted_customers,
           m.churn_cents, m.churned_customers
    FROM periods p
    JOIN analytics_mrr_periods m ON m.unit = (SELECT unit FROM params) AND m.period_start = (p.period_start AT TIME ZONE 'UTC')::date
    WHERE p.n IN (SELECT n FROM closed)
),
currencies AS (
    SELECT currency FROM opening UNION SELECT currency FROM movements
    UNION SELECT 'USD' WHERE NOT EXISTS (SELECT 1 FROM opening) AND NOT EXISTS (SELECT 1 FROM movements)
),
grid AS (
    SELECT p.n, p.period_start, p.period_end, c.currency,
           coalesce(o.mrr, 0) AS open_mrr, coalesce(o.customers, 0) AS open_customers,
           coalesce(m.new_mrr, 0) AS new_mrr, coalesce(m.expansion, 0) AS expansion,
           coalesce(m.reactivation, 0) AS reactivation, coalesce(m.contraction, 0) AS contraction,
           coalesce(m.churn, 0) AS churn,
           coalesce(m.new_customers, 0) AS new_customers, coalesce(m.reactivated_customers, 0) AS reactivated_customers,
           coalesce(m.expanded_customers, 0) AS expanded_customers,
           coalesce(m.contracted_customers, 0) AS contracted_customers,
           coalesce(m.churned_customers, 0) AS churned_customers
    FROM periods p CROSS JOIN currencies c
    LEFT JOIN opening o ON o.currency = c.currency
    LEFT JOIN movements m ON m.n = p.n AND m.currency = c.currency
),
totals AS (
    SELECT *,
           open_mrr + sum(new_mrr + expansion + reactivation - contraction - churn)
               OVER (PARTITION BY currency ORDER BY n) AS mrr_end,
           open_customers + sum(new_customers + reactivated_customers - churned_customers)
               OVER (PARTITION BY currency ORDER BY n) AS customers_end
    FROM grid
)
SELECT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), currency,
       mrr_end - (new_mrr + expansion + reactivation - contraction - churn) AS mrr_start,
       new_mrr, expansion, reactivation, contraction, churn, mrr_end,
       customers_end - (new_customers + reactivated_customers - churned_customers) AS customers_start,
       customers_end, new_customers, reactivated_customers, expanded_customers, contracted_customers,
       churned_customers
FROM totals
ORDER BY n, currency
)sql";

}  // namespace

std::int64_t MrrPeriod::arpa() const {
    if (customers_end <= 0) return 0;
    return static_cast<std::int64_t>(std::llround(static_cast<double>(mrr_end) / static_cast<double>(customers_end)));
}

std::vector<MrrPeriod> mrr_movements(db::Connection& conn, const Range& range) {
    // Only the days of the periods not taken whole from the rollup are read.
    const std::string lower =
        "SELECT coalesce(min(p.period_start), 'infinity') FROM periods p, params x "
        "WHERE NOT (p.period_end <= (SELECT r_at FROM rollup) "
        "AND (p.period_end AT TIME ZONE 'UTC') = (p.period_start AT TIME ZONE 'UTC') + x.step)";
    auto res = conn.exec(std::string("WITH ") + k_periods_sql + customer_changes_sql(conn, lower) + k_movements_sql,
                         period_params(range));
    std::vector<MrrPeriod> out;
    out.reserve(static_cast<std::size_t>(res.rows()));
    for (int i = 0; i < res.rows(); ++i) {
        auto r = res[i];
        MrrPeriod p;
        p.period_start = std::string(r.text(0));
        p.period_end = std::string(r.text(1));
        p.currency = std::string(r.text(2));
        std::int64_t* fields[] = {&p.mrr_start, &p.new_mrr, &p.expansion, &p.reactivation, &p.contraction,
                                  &p.churn, &p.mrr_end, &p.customers_start, &p.customers_end, &p.new_customers,
                                  &p.reactivated_customers, &p.expanded_customers, &p.contracted_customers,
                                  &p.churned_customers};
        int c = 3;
        for (auto* f : fields) *f = r.int64(c++);
        out.push_back(std::move(p));
    }
    return out;
}

output::Section mrr_section(const std::vector<MrrPeriod>& periods) {
    using output::Kind;
    output::Section s;
    s.key = "mrr";
    s.title = "MRR and movements";
    s.columns = {{"period_start", Kind::time},
                 {"period_end", Kind::time, output::Visibility::machine_only},
                 {"currency"},
                 {"mrr_start_cents", Kind::integer},
                 {"new_cents", Kind::integer},
                 {"expansion_cents", Kind::integer},
                 {"reactivation_cents", Kind::integer},
                 {"contraction_cents", Kind::integer},
                 {"churn_cents", Kind::integer},
                 {"net_new_cents", Kind::integer},
                 {"mrr_cents", Kind::integer},
                 {"arr_cents", Kind::integer},
                 {"customers", Kind::integer},
                 {"arpa_cents", Kind::integer},
                 {"new_customers", Kind::integer, output::Visibility::machine_only},
                 {"reactivated_customers", Kind::integer, output::Visibility::machine_only},
                 {"churned_customers", Kind::integer, output::Visibility::machine_only}};
    for (const auto& p : periods) {
        auto n = [](std::int64_t v) { return output::Cell(std::to_string(v)); };
        s.rows.push_back({p.period_start, p.period_end, p.currency, n(p.mrr_start), n(p.new_mrr), n(p.expansion),
                          n(p.reactivation), n(p.contraction), n(p.churn), n(p.mrr_end - p.mrr_start), n(p.mrr_end),
                          n(12 * p.mrr_end), n(p.customers_end), n(p.arpa()), n(p.new_customers),
                          n(p.reactivated_customers), n(p.churned_customers)});
    }
    add_money_columns(s);
    return s;
}

std::map<std::string, std::int64_t> mrr_at(db::Connection& conn, const std::string& instant) {
    auto res = conn.exec("SELECT currency, sum(mrr_cents)::bigint FROM ("
                         "  SELECT DISTINCT ON (subscription_id) currency, mrr_cents FROM subscription_events"
                         "  WHERE effective_at < $1::timestamptz ORDER BY subscription_id, effective_at DESC, id DESC) s "
                         "GROUP BY currency",
                         {instant});
    std::map<std::string, std::int64_t> out;
    for (int i = 0; i < res.rows(); ++i) out[std::string(res[i].text(0))] = res[i].int64(1);
    return out;
}

}  // namespace ctl::analytics
