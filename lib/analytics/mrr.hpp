#pragma once
// MRR and its movements (DESIGN §10), in cents, per period and currency.
//
// A customer is a user; their MRR is the sum over their subscriptions of the `mrr_cents` of
// each subscription's latest event (subscription_events: the recurring price normalised to a
// month, less "forever" discounts; 0 unless active or past_due). MRR "at" an instant counts the
// events effective before it, so the MRR at the end of a period is the MRR at the start of the
// next. Movements compare each customer's MRR at the start (m0) and at the end (m1) of the period:
//   new           m0 = 0, m1 > 0, no MRR ever before the period      +m1
//   reactivation  m0 = 0, m1 > 0, MRR at some time before the period  +m1
//   expansion     0 < m0 < m1                                         +(m1 - m0)
//   contraction   0 < m1 < m0                                         -(m0 - m1)
//   churn         m0 > 0, m1 = 0                                      -m0
// so MRR_end - MRR_start = new + expansion + reactivation - contraction - churn, exactly.

#include "db/connection.hpp"
#include "analytics/period.hpp"
#include "output/document.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ctl::analytics {

struct MrrPeriod {
    std::string period_start, period_end, currency;
    std::int64_t mrr_start = 0, new_mrr = 0, expansion = 0, reactivation = 0, contraction = 0, churn = 0,
                 mrr_end = 0;
    std::int64_t customers_start = 0, customers_end = 0, new_customers = 0, reactivated_customers = 0,
                 expanded_customers = 0, contracted_customers = 0, churned_customers = 0;
    // ARPA at the end of the period, rounded to the cent; 0 without paying customers.
    std::int64_t arpa() const;
};

// One row per period and currency, oldest first. With no subscription history at all, the
// periods are reported in USD with zeros.
std::vector<MrrPeriod> mrr_movements(db::Connection& conn, const Range& range);

// The `ctl analytics mrr` table: movements, ARR (12 × MRR) and ARPA.
output::Section mrr_section(const std::vector<MrrPeriod>& periods);

// MRR at an instant (RFC 3339), per currency, straight from the definition: each subscription's
// latest event effective before the instant. Independent of mrr_movements (tests compare them).
std::map<std::string, std::int64_t> mrr_at(db::Connection& conn, const std::string& instant);

// SQL CTEs (appended after k_periods_sql) ending in `changes (user_id, currency, effective_at,
// id, delta, mrr_after, prev_at, first_at)`: every change of a customer's MRR up to the range's
// end, with the customer's MRR after it, the time of their previous change and of their first
// MRR; also `rollup (r_at)`, the instant before which the daily rollups are used. With the
// rollups (migration 0011, see refresh.hpp), changes before r_at are whole UTC days (the day's
// net change at its start) and start at `lower` (an SQL timestamptz expression), those from
// r_at on are derived live; without them, everything is derived live from the whole history.
std::string customer_changes_sql(db::Connection& conn, const std::string& lower);

}  // namespace ctl::analytics
