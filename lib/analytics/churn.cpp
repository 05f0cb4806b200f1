#include "analytics/metrics.hpp"
#include "analytics/table.hpp"

#include <fmt/format.h>

namespace ctl::analytics {

namespace {
output::Cell ratio(double num, double den) {
    if (den == 0) return output::Cell::null();
    return output::Cell(fmt::format("{:.4f}", num / den));
}
}  // namespace

output::Section churn(const std::vector<MrrPeriod>& periods) {
    using output::Kind;
    output::Section s;
    s.key = "churn";
    s.title = "Churn";
    s.columns = {{"period_start", Kind::time},
                 {"period_end", Kind::time, output::Visibility::machine_only},
                 {"currency"},
                 {"customers_start", Kind::integer},
                 {"churned_customers", Kind::integer},
                 {"customer_churn", Kind::number},
                 {"mrr_start_cents", Kind::integer},
                 {"gross_mrr_churn", Kind::number},
                 {"net_mrr_churn", Kind::number},
                 {"nrr", Kind::number},
                 {"arpa_cents", Kind::integer},
                 {"ltv_cents", Kind::integer}};
    for (const auto& p : periods) {
        auto n = [](std::int64_t v) { return output::Cell(std::to_string(v)); };
        double start = static_cast<double>(p.mrr_start);
        double lost = static_cast<double>(p.churn + p.contraction);
        double net = lost - static_cast<double>(p.expansion + p.reactivation);
        output::Cell nrr = p.mrr_start == 0 ? output::Cell::null() : output::Cell(fmt::format("{:.4f}", 1.0 - net / start));
        // LTV = ARPA ÷ customer churn; 0 when nobody churned.
        std::int64_t ltv = 0;
        if (p.churned_customers > 0 && p.customers_start > 0)
            ltv = static_cast<std::int64_t>(static_cast<double>(p.arpa()) * static_cast<double>(p.customers_start) /
                                                static_cast<double>(p.churned_customers) + 0.5);
        s.rows.push_back({p.period_start, p.period_end, p.currency, n(p.customers_start), n(p.churned_customers),
                          ratio(static_cast<double>(p.churned_customers), static_cast<double>(p.customers_start)),
                          n(p.mrr_start), ratio(lost, start), ratio(net, start), nrr, n(p.arpa()), n(ltv)});
    }
    add_money_columns(s);
    return s;
}

output::Section churn_by_plan(db::Connection& conn, const Range& range) {
    // A subscription's state at an instant is its latest event before it.
    std::string sql = std::string("WITH ") + k_periods_sql + R"sql(,
at_start AS (
    SELECT DISTINCT ON (p.n, e.subscription_id) p.n, e.subscription_id, e.plan_id, e.status
    FROM periods p JOIN subscription_events e ON e.effective_at < p.period_start
    ORDER BY p.n, e.subscription_id, e.effective_at DESC, e.id DESC
),
at_end AS (
    SELECT DISTINCT ON (p.n, e.subscription_id) p.n, e.subscription_id, e.status
    FROM periods p JOIN subscription_events e ON e.effective_at < p.period_end
    ORDER BY p.n, e.subscription_id, e.effective_at DESC, e.id DESC
)
SELECT p.period_start, p.period_end, pl.code AS plan,
       count(*) AS live_at_start,
       count(*) FILTER (WHERE en.status = 'canceled') AS canceled,
       round(count(*) FILTER (WHERE en.status = 'canceled')::numeric / count(*), 4) AS churn_rate
FROM at_start s
JOIN at_end en ON en.n = s.n AND en.subscription_id = s.subscription_id
JOIN periods p ON p.n = s.n
JOIN plans pl ON pl.id = s.plan_id
WHERE s.status IN ('active', 'past_due')
GROUP BY p.n, p.period_start, p.period_end, pl.code
ORDER BY p.n, pl.code
)sql";
    auto res = conn.exec(sql, period_params(range));
    return metric_section("churn_by_plan", "Churn by plan", res, {"churn_rate"}, {"live_at_start", "canceled"});
}

}  // namespace ctl::analytics
