#include "domain/alerts.hpp"

#include "domain/audit.hpp"
#include "domain/settings_value.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ctl::alerts {

namespace {

// One query for every data rule. $1 pending minutes, $2 spike factor, $3 spike minimum,
// $4 quota levels (int[]), $5 the lowest of them. Each branch is bounded by an index (0001, 0009);
// the quota rule reads the counts kept in quota_usage (0019) at or above the lowest level, a
// constant so that the planner sees how few they are and looks their users up one by one.
constexpr const char* k_rules_sql = R"sql(
WITH today AS (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS start)
SELECT 'deploy_failed/' || d.id, 'deploy_failed', 'warning',
       format('deployment %s of agent %s failed%s', d.id, d.agent_id, coalesce(': ' || left(d.error, 80), '')),
       coalesce(d.finished_at, d.created_at)
  FROM deployments d
 WHERE d.status = 'failed' AND d.created_at >= now() - interval '7 days'
   AND coalesce(d.finished_at, d.created_at) >= now() - interval '24 hours'
UNION ALL
SELECT 'subscription_expiring/' || s.id, 'subscription_expiring', 'info',
       format('subscription %s (%s) of user %s ends today', s.id, s.status, s.user_id),
       coalesce(s.cancel_at, s.current_period_end)
  FROM subscriptions s, today
 WHERE s.status <> 'canceled'
   AND ((s.cancel_at >= today.start AND s.cancel_at < today.start + interval '1 day')
        OR (s.status IN ('trialing', 'past_due') AND s.current_period_end >= today.start
            AND s.current_period_end < today.start + interval '1 day'))
UNION ALL
SELECT 'payment_pending/' || p.id, 'payment_pending', 'warning',
       format('payment %s of user %s (%s %s, %s) pending since %s', p.id, p.user_id,
              to_char(p.amount_cents / 100.0, 'FM999999990.00'), p.currency, p.provider,
              to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')),
       p.created_at
  FROM payments p
 WHERE p.status = 'pending' AND p.created_at < now() - make_interval(mins => $1::int)
UNION ALL
SELECT 'payment_failed/' || p.id, 'payment_failed', 'warning',
       format('payment %s of user %s (%s %s, %s) failed', p.id, p.user_id,
              to_char(p.amount_cents / 100.0, 'FM999999990.00'), p.currency, p.provider),
       p.created_at
  FROM payments p
 WHERE p.status = 'failed' AND p.created_at >= now() - interval '24 hours'
UNION ALL
SELECT 'error_spike/' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'error_spike', 'critical',
       format('%s errors in the last 24 h (daily average of the 7 days before: %s)', e.recent, round(e.average, 1)),
       now()
  FROM (SELECT count(*) FILTER (WHERE created_at >= now() - interval '24 hours') AS recent,
               count(*) FILTER (WHERE created_at < now() - interval '24 hours') / 7.0 AS average
          FROM errors WHERE created_at >= now() - interval '8 days') e
 WHERE e.recent >= $3::float8 AND e.recent > $2::float8 * e.average
UNION ALL
SELECT format('quota/%s/%s/%s/%s', q.user_id, q.resource, lv.level, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')),
       'quota', CASE WHEN lv.level >= 100 THEN 'critical' WHEN lv.level >= 90 THEN 'warning' ELSE 'info' END,
       format('user %s at %s%% of the %s quota (%s of %s)', q.user_id, floor(q.level), q.resource, q.used, q.quota),
       now()
  FROM quota_usage q
  JOIN users x ON x.id = q.user_id AND x.status = 'active'
 CROSS JOIN LATERAL (SELECT max(l) AS level FROM unnest($4::int[]) l WHERE q.level >= l) lv
 WHERE q.month IN (ctl_quota_month(), 'infinity') AND q.level >= $5::int
   AND lv.level IS NOT NULL
UNION ALL
SELECT 'popia_overdue/' || r.id, 'popia_overdue', 'critical',
       format('POPIA %s request %s overdue since %s', r.kind, r.id, to_char(r.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')),
       r.due_at
  FROM popia_requests r
 WHERE r.status IN ('open', 'in_progress') AND r.due_at < now()
)sql";

int rank(const std::string& severity) { return severity == "critical" ? 0 : severity == "warning" ? 1 : 2; }

// The levels as an int[] literal, and the lowest (none without levels).
std::pair<std::string, std::optional<long long>> quota_levels(db::Connection& conn) {
    auto v = settings::value(conn, "alerts.quota_levels").value_or(nlohmann::json::array({80, 90, 100}));
    if (!v.is_array()) throw UsageError("setting alerts.quota_levels is not a list", "e.g. [80, 90, 100]");
    std::string s = "{";
    std::optional<long long> lowest;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_number_integer()) throw UsageError("setting alerts.quota_levels holds a non-integer");
        long long level = v[i].get<long long>();
        s += (i ? "," : "") + std::to_string(level);
        lowest = std::min(lowest.value_or(level), level);
    }
    return {s + "}", lowest};
}

}  // namespace

std::vector<Alert> evaluate(db::Connection& conn, const ReplicaState& replica) {
    double pending = settings::number(conn, "alerts.payment_pending_minutes", 60);
    double factor = settings::number(conn, "alerts.error_spike_factor", 3);
    double minimum = settings::number(conn, "alerts.error_spike_min", 20);
    double max_lag = settings::number(conn, "alerts.replica_lag_seconds", 60);
    auto [levels, lowest] = quota_levels(conn);
    std::vector<Alert> out;
    auto r = conn.exec(k_rules_sql, {static_cast<long long>(pending), factor, minimum, levels, lowest});
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({std::string(r[i].text(0)), std::string(r[i].text(1)), std::string(r[i].text(2)),
                       std::string(r[i].text(3)), std::string(r[i].text(4)), false, {}, {}});
    if (replica.configured) {
        auto now = conn.exec("SELECT now(), to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')");
        std::string day(now[0].text(1));
        if (!replica.lag_s)
            out.push_back({"replica_lag/" + day, "replica_lag", "critical", "replica not usable: " + replica.error,
                           std::string(now[0].text(0)), false, {}, {}});
        else if (*replica.lag_s > max_lag)
            out.push_back({"replica_lag/" + day, "replica_lag", "critical",
                           fmt::format("replica replay lag {:.0f} s (limit {:.0f} s)", *replica.lag_s, max_lag),
                           std::string(now[0].text(0)), false, {}, {}});
    }
    if (!out.empty()) {
        std::string ids = "{";
        for (std::size_t i = 0; i < out.size(); ++i) ids += (i ? "," : "") + nlohmann::json(out[i].id).dump();
        ids += "}";
        auto acks = conn.exec("SELECT alert_id, reason, acked_by FROM alert_acks WHERE alert_id = ANY($1::text[])", {ids});
        for (int i = 0; i < acks.rows(); ++i)
            for (auto& a : out)
                if (a.id == acks[i].text(0)) {
                    a.acked = true;
                    a.ack_reason = std::string(acks[i].text(1));
                    a.acked_by = std::string(acks[i].text(2));
                }
    }
    std::stable_sort(out.begin(), out.end(), [](const Alert& a, const Alert& b) {
        return std::make_pair(rank(a.severity), a.since) < std::make_pair(rank(b.severity), b.since);
    });
    return out;
}

email::TableRows table(const std::vector<Alert>& alerts) {
    email::TableRows t;
    t.columns = {{"id"}, {"severity"}, {"rule"}, {"title"}, {"since", output::Kind::time}, {"acked", output::Kind::boolean},
                 {"ack_reason"}};
    for (const auto& a : alerts)
        t.rows.push_back({a.id, a.severity, a.rule, a.title, a.since, a.acked ? "true" : "false",
                          a.acked ? output::Cell(a.ack_reason) : output::Cell::null()});
    return t;
}

bool acknowledge(db::Connection& conn, const std::vector<Alert>& open, const std::string& id, std::string_view reason) {
    auto it = std::find_if(open.begin(), open.end(), [&](const Alert& a) { return a.id == id; });
    if (it == open.end()) throw NotFound(fmt::format("no open alert {}", id), "ctl alerts lists the open ones");
    if (it->acked) return false;
    db::Transaction tx(conn);
    audit::tag_change(tx, "alerts ack", reason);
    tx.exec("INSERT INTO alert_acks (alert_id, reason) VALUES ($1, $2) ON CONFLICT (alert_id) DO NOTHING", {id, reason});
    tx.commit();
    return true;
}

}  // namespace ctl::alerts
