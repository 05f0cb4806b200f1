#include "analytics/refresh.hpp"

namespace ctl::analytics {

RefreshResult refresh_rollup(db::Connection& conn) {
    db::Transaction tx(conn);
    auto n = tx.exec("SELECT ctl_analytics_refresh()");
    auto state = tx.exec("SELECT last_event_id FROM analytics_rollup_state WHERE name = 'mrr'");
    tx.commit();
    RefreshResult r;
    r.changes = n[0].int64(0);
    r.last_event_id = state.empty() ? 0 : state[0].int64(0);
    return r;
}

}  // namespace ctl::analytics
