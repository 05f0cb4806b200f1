#pragma once
// The analytics commands' data (DESIGN §10; definitions in ctl-analytics(1)). Each function
// runs read-only queries and returns sections for output/; none prints. Money is in cents per
// currency; ratios are fractions (0.25 = 25 %), NULL when their denominator is 0.

#include "analytics/mrr.hpp"
#include "analytics/period.hpp"
#include "db/connection.hpp"
#include "output/document.hpp"

#include <string>
#include <vector>

namespace ctl::analytics {

// Cash: payments received (paid_at in the period; succeeded, refunded or partially refunded)
// less refunds made (created_at in the period; succeeded or manual). `by`: "" (per currency),
// "plan", "provider" or "currency". Throws ctl::UsageError for another `by`.
output::Section revenue(db::Connection& conn, const Range& range, const std::string& by = {});

// Churn figures per period from the MRR movements: customer churn, gross and net MRR churn,
// NRR and LTV.
output::Section churn(const std::vector<MrrPeriod>& periods);
// Churn by plan: per plan and period, subscriptions live (active/past_due) at the start, those
// that ended (canceled) in the period, and their share.
output::Section churn_by_plan(db::Connection& conn, const Range& range);

// Signups, DAU/WAU/MAU (distinct users with activity on the period's last day / 7 days / 30
// days), DAU/MAU, activation and trial → paid per period. `by` "plan" or "auth_provider":
// signups and activation per segment instead.
output::Section users(db::Connection& conn, const Range& range, const std::string& by = {});

// Cohorts by signup month in the range: share of each cohort active in month 0..N.
// `revenue`: net MRR retention per cohort of first-paying month instead.
output::Section retention(db::Connection& conn, const Range& range, bool revenue);

// Agents created, deployments finished, success rate and durations per period; then the most
// common failure reasons and purposes over the whole range.
std::vector<output::Section> agents(db::Connection& conn, const Range& range, int top);

// Usage per period; the top and bottom users by cost with gross margin; users near quota
// (this calendar month's minutes and API calls against their quotas, at 80/90/100 %).
std::vector<output::Section> usage(db::Connection& conn, const Range& range, int top);

// Signup → agent created → first deployment succeeded → paid, for users who signed up in the
// range (whole range, not per period).
output::Section funnel(db::Connection& conn, const Range& range);

// The dashboard: one row per metric with its value now, the value a window earlier and the change.
output::Section overview(db::Connection& conn, int window_days = 30);
// Daily series for the overview's sparklines over `days` days: signups and net revenue (cents).
output::Section overview_trends(db::Connection& conn, int days = 30);

}  // namespace ctl::analytics
