#include "analytics/refresh.hpp"

namespace ctl::analytics {

RefreshResult refresh_rollup(db::Connection& conn) {
    // The signup rollup first, in a short transaction of its own: it locks users against writes.
    std::int64_t user_days = 0;
    {
        db::Transaction tx(conn);
        user_days = tx.exec("SELECT ctl_analytics_refresh_users()")[0].int64(0);
        tx.commit();
    }
    db::Transaction tx(conn);
    auto res = tx.exec("SELECT full_rebuild, customers, changed_days, periods, rolled_up_until::text FROM ctl_analytics_refresh()");
    tx.commit();
    RefreshResult r;
    r.full_rebuild = res[0].boolean(0);
    r.customers = res[0].int64(1);
    r.changed_days = res[0].int64(2);
    r.periods = res[0].int64(3);
    r.rolled_up_until = std::string(res[0].text(4));
    r.user_days = user_days;
    return r;
}

}  // namespace ctl::analytics
