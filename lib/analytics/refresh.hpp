#pragma once
// The MRR rollup (migration 0007): rebuilt by `ctl analytics refresh`, read by mrr_movements.

#include "db/connection.hpp"

#include <cstdint>

namespace ctl::analytics {

struct RefreshResult {
    std::int64_t changes = 0;        // rows in the rollup
    std::int64_t last_event_id = 0;  // events up to this id are rolled up
};

// Rebuilds the rollup in one transaction (ctl_analytics_refresh()). Must run on the primary.
RefreshResult refresh_rollup(db::Connection& conn);

}  // namespace ctl::analytics
