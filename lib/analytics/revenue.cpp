#include "analytics/metrics.hpp"
#include "analytics/table.hpp"
#include "util/error.hpp"

namespace ctl::analytics {

namespace {
const char* dimension_sql(const std::string& by) {
    if (by.empty() || by == "currency") return "NULL::text";
    if (by == "plan") return "coalesce(pl.code, 'none')";
    if (by == "provider") return "pay.provider";
    throw UsageError("cannot break revenue down by '" + by + "'", "one of plan, provider, currency");
}
}  // namespace

output::Section revenue(db::Connection& conn, const Range& range, const std::string& by) {
    std::string key = dimension_sql(by);
    std::string sql = std::string("WITH ") + k_periods_sql + R"sql(,
bounds AS (SELECT min(period_start) AS lo, max(period_end) AS hi FROM periods),
received AS (
    SELECT p.n, pay.currency, )sql" + key + R"sql( AS key, sum(pay.amount_cents) AS cents, count(*) AS payments
    FROM payments pay
    LEFT JOIN subscriptions s ON s.id = pay.subscription_id
    LEFT JOIN plans pl ON pl.id = s.plan_id
    JOIN periods p ON )sql" + in_period("pay.paid_at") + R"sql(
    WHERE pay.paid_at >= (SELECT lo FROM bounds) AND pay.paid_at < (SELECT hi FROM bounds)
      AND pay.status IN ('succeeded', 'refunded', 'partially_refunded')
    GROUP BY 1, 2, 3
),
refunded AS (
    SELECT p.n, r.currency, )sql" + key + R"sql( AS key, sum(r.amount_cents) AS cents, count(*) AS refunds
    FROM refunds r
    JOIN payments pay ON pay.id = r.payment_id
    LEFT JOIN subscriptions s ON s.id = pay.subscription_id
    LEFT JOIN plans pl ON pl.id = s.plan_id
    JOIN periods p ON )sql" + in_period("r.created_at") + R"sql(
    WHERE r.created_at >= (SELECT lo FROM bounds) AND r.created_at < (SELECT hi FROM bounds)
      AND r.status IN ('succeeded', 'manual')
    GROUP BY 1, 2, 3
),
keys AS (
    SELECT currency, key FROM received UNION SELECT currency, key FROM refunded
    UNION SELECT 'USD', NULL WHERE NOT EXISTS (SELECT 1 FROM received) AND NOT EXISTS (SELECT 1 FROM refunded)
)
SELECT p.period_start, p.period_end, k.key, k.currency,
       coalesce(rc.cents, 0) AS received_cents, coalesce(rf.cents, 0) AS refunded_cents,
       coalesce(rc.cents, 0) - coalesce(rf.cents, 0) AS net_cents,
       coalesce(rc.payments, 0) AS payments, coalesce(rf.refunds, 0) AS refunds
FROM periods p CROSS JOIN keys k
LEFT JOIN received rc ON rc.n = p.n AND rc.currency = k.currency AND rc.key IS NOT DISTINCT FROM k.key
LEFT JOIN refunded rf ON rf.n = p.n AND rf.currency = k.currency AND rf.key IS NOT DISTINCT FROM k.key
ORDER BY p.n, k.currency, k.key
)sql";
    auto res = conn.exec(sql, period_params(range));
    auto s = metric_section("revenue", "Revenue (cash)", res, {}, {"payments", "refunds"});
    std::size_t k = column_index(s, "key");
    if (by.empty() || by == "currency") {
        s.columns.erase(s.columns.begin() + static_cast<std::ptrdiff_t>(k));
        for (auto& r : s.rows) r.erase(r.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
        s.columns[k].name = by;
    }
    return s;
}

}  // namespace ctl::analytics
