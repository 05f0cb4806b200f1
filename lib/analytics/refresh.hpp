#pragma once
// The daily rollups (migration 0011): brought up to date by `ctl analytics refresh`, read by
// mrr_movements, churn, retention --revenue and the overview for the days before
// rolled_up_until; the days from then on (always including today) are read live.

#include "db/connection.hpp"

#include <cstdint>
#include <string>

namespace ctl::analytics {

struct RefreshResult {
    bool full_rebuild = false;     // the rollups were missing or dropped, and were built whole
    std::int64_t customers = 0;    // customers whose days were recomputed
    std::int64_t changed_days = 0; // days whose rows changed, or that were rolled up for the first time
    std::int64_t periods = 0;      // day, week and month periods (re)aggregated
    std::string rolled_up_until;   // YYYY-MM-DD: days before it are rolled up
    std::int64_t user_days = 0;    // days of signups counted (analytics_user_days)
};

// Brings the rollups up to the start of today (UTC), incrementally, or whole when they were
// never built or were dropped: the signups per day (ctl_analytics_refresh_users(), a short
// transaction during which writers of users wait), then the MRR rollups (ctl_analytics_refresh(),
// one transaction during which writers of subscription events wait). Must run on the primary.
RefreshResult refresh_rollup(db::Connection& conn);

}  // namespace ctl::analytics
