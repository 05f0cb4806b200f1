#include "analytics/report.hpp"

#include "analytics/metrics.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace ctl::analytics {

namespace {
const char* unit_of(const std::string& kind) {
    if (kind == "daily") return "day";
    if (kind == "weekly") return "week";
    if (kind == "monthly") return "month";
    throw UsageError("unknown report '" + kind + "'", "one of daily, weekly, monthly");
}
}  // namespace

Report build_report(db::Connection& conn, const std::string& kind, const std::optional<std::string>& from,
                    const std::optional<std::string>& to) {
    const std::string unit = unit_of(kind);
    // The last complete period, unless given.
    auto bounds = conn.exec(R"sql(
SELECT to_char(coalesce($2::timestamptz, (date_trunc($1, now() AT TIME ZONE 'UTC') - ('1 ' || $1)::interval) AT TIME ZONE 'UTC')
               AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(coalesce($3::timestamptz, date_trunc($1, now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')
               AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
)sql",
                            {unit, from, to});
    Report r;
    r.from = std::string(bounds[0].text(0));
    r.to = std::string(bounds[0].text(1));
    if (r.from >= r.to) throw UsageError("the report's --from is not before its --to");
    std::string label = kind;
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
    r.title = fmt::format("{} report, {} to {}", label, r.from.substr(0, 10), r.to.substr(0, 10));
    r.subtitle = fmt::format("Period {} to {} (UTC, end excluded). Overview figures are as of now; MRR and churn "
                             "show the 12 {}s up to the period's end; revenue is by day.",
                             r.from, r.to, unit);

    Range period;
    period.from = r.from;
    period.to = r.to;
    period.interval = unit;
    Range daily = period;
    daily.interval = "day";
    Range trend;  // twelve periods ending with the report's
    trend.to = r.to;
    trend.interval = unit;
    trend.default_periods = 12;

    r.sections.push_back(overview(conn));
    auto cash = revenue(conn, daily);
    cash.title = "Revenue by day";
    r.sections.push_back(std::move(cash));
    auto by_plan = revenue(conn, period, "plan");
    by_plan.key = "revenue_by_plan";
    by_plan.title = "Revenue by plan";
    r.sections.push_back(std::move(by_plan));
    auto by_provider = revenue(conn, period, "provider");
    by_provider.key = "revenue_by_provider";
    by_provider.title = "Revenue by provider";
    r.sections.push_back(std::move(by_provider));
    auto movements = mrr_movements(conn, trend);
    r.sections.push_back(mrr_section(movements));
    r.sections.push_back(churn(movements));
    auto growth = users(conn, period);
    growth.key = "growth";
    growth.title = "Growth";
    r.sections.push_back(std::move(growth));
    auto deploys = agents(conn, period, 5);
    r.sections.push_back(deploys[0]);
    r.sections.push_back(deploys[1]);

    r.charts = {{"revenue", "Net revenue per day", true, {"net_cents"}, "period_start"},
                {"mrr", "MRR", false, {"mrr_cents"}, "period_start"},
                {"mrr", "New, expansion and churned MRR", false, {"new_cents", "expansion_cents", "churn_cents"},
                 "period_start"}};
    return r;
}

}  // namespace ctl::analytics
