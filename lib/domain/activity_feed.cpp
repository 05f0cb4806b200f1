#include "domain/activity_feed.hpp"

#include "domain/rows.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ctl::activity {

namespace {

// One branch per source: $N after, $N+1 upto (NULL: none), then the shared $1 since, $2 user.
// Kinds are derived in SQL so --type filters them.
constexpr const char* k_activity = R"sql(
SELECT 'activity:' || a.id AS event, a.created_at AS at,
       CASE WHEN a.type = 'signup' THEN 'signup' WHEN a.type LIKE 'login%' THEN 'login'
            WHEN a.type LIKE 'payment%' THEN 'payment' WHEN a.type LIKE 'deploy%' THEN 'deploy'
            WHEN a.type LIKE 'agent%' THEN 'agent' ELSE 'other' END AS type,
       a.user_id, a.type || CASE WHEN a.data = '{}' THEN '' ELSE ' ' || a.data::text END AS summary,
       'activity' AS source, a.id AS source_id
  FROM activity a
 WHERE a.id > $3 AND ($4::bigint IS NULL OR a.id <= $4) AND ($1::timestamptz IS NULL OR a.created_at >= $1)
   AND ($2::bigint IS NULL OR a.user_id = $2))sql";

constexpr const char* k_payment = R"sql(
SELECT 'payment:' || p.id, p.created_at, 'payment', p.user_id,
       format('payment %s %s %s via %s: %s', p.id, to_char(p.amount_cents / 100.0, 'FM999999990.00'), p.currency,
              p.provider, p.status),
       'payment', p.id
  FROM payments p
 WHERE p.id > $5 AND ($6::bigint IS NULL OR p.id <= $6) AND ($1::timestamptz IS NULL OR p.created_at >= $1)
   AND ($2::bigint IS NULL OR p.user_id = $2))sql";

constexpr const char* k_deployment = R"sql(
SELECT 'deployment:' || d.id, d.created_at, 'deploy', d.user_id,
       format('deployment %s of agent %s (attempt %s): %s', d.id, d.agent_id, d.attempt, d.status),
       'deployment', d.id
  FROM deployments d
 WHERE d.id > $7 AND ($8::bigint IS NULL OR d.id <= $8) AND ($1::timestamptz IS NULL OR d.created_at >= $1)
   AND ($2::bigint IS NULL OR d.user_id = $2))sql";

constexpr const char* k_audit = R"sql(
SELECT 'audit:' || l.id, l.at, 'admin', CASE WHEN l.entity_type = 'users' THEN l.entity_id::bigint END,
       format('%s: %s %s %s%s', l.actor, coalesce(l.command, l.action), l.entity_type, coalesce(l.entity_id, ''),
              coalesce(' (' || l.reason || ')', '')),
       'audit', l.id
  FROM audit_log l
 WHERE l.id > $9 AND ($10::bigint IS NULL OR l.id <= $10) AND ($1::timestamptz IS NULL OR l.at >= $1)
   AND ($2::bigint IS NULL OR (l.entity_type = 'users' AND l.entity_id = $2::text)))sql";

bool wants(const Filter& f, std::initializer_list<const char*> kinds) {
    if (f.types.empty()) return true;
    return std::any_of(kinds.begin(), kinds.end(),
                       [&](const char* k) { return std::find(f.types.begin(), f.types.end(), k) != f.types.end(); });
}

}  // namespace

void check_filter(const Filter& f) {
    for (const auto& t : f.types)
        if (std::none_of(std::begin(k_types), std::end(k_types), [&](const char* k) { return t == k; }))
            throw UsageError(fmt::format("unknown event type '{}'", t),
                             "signup, login, payment, deploy, agent, admin or other");
}

bool may_read_audit(db::Connection& conn) {
    return conn.exec("SELECT has_table_privilege('audit_log', 'SELECT')")[0].boolean(0);
}

Cursor current_cursor(db::Connection& conn) {
    bool audit = may_read_audit(conn);
    auto r = conn.exec(std::string("SELECT (SELECT coalesce(max(id), 0) FROM activity), "
                                   "(SELECT coalesce(max(id), 0) FROM payments), "
                                   "(SELECT coalesce(max(id), 0) FROM deployments), ") +
                       (audit ? "(SELECT coalesce(max(id), 0) FROM audit_log)" : "0"));
    return {r[0].int64(0), r[0].int64(1), r[0].int64(2), r[0].int64(3)};
}

Events events(db::Connection& conn, const Filter& f, const Cursor& after, const std::optional<Cursor>& upto,
              bool newest_only) {
    check_filter(f);
    std::vector<std::string> branches;
    if (wants(f, {"signup", "login", "payment", "deploy", "agent", "other"})) branches.push_back(k_activity);
    if (wants(f, {"payment"})) branches.push_back(k_payment);
    if (wants(f, {"deploy"})) branches.push_back(k_deployment);
    if (f.include_admin && wants(f, {"admin"})) branches.push_back(k_audit);
    std::string types = "{" + fmt::format("{}", fmt::join(f.types, ",")) + "}";
    // The unreferenced CTE gives every parameter a type even when its branch is left out.
    std::string sql = "WITH params AS (SELECT $1::timestamptz, $2::bigint, $3::bigint, $4::bigint, $5::bigint, "
                      "$6::bigint, $7::bigint, $8::bigint, $9::bigint, $10::bigint, $11::text[], $12::bigint) "
                      "SELECT * FROM (" +
                      fmt::format("{}", fmt::join(branches, "\nUNION ALL\n")) +
                      ") e (event, at, type, user_id, summary, source, source_id) WHERE (cardinality($11::text[]) = 0 OR e.type = ANY($11::text[]))";
    bool limited = newest_only && f.limit > 0;
    sql += limited ? " ORDER BY at DESC, event DESC LIMIT $12" : " ORDER BY at, event";
    auto opt_upto = [&](std::size_t i) { return upto ? std::optional<std::int64_t>((*upto)[i]) : std::nullopt; };
    auto r = conn.exec(sql, {f.since, f.user_id, after[0], opt_upto(0), after[1], opt_upto(1), after[2], opt_upto(2),
                             after[3], opt_upto(3), types, f.limit});
    Events out;
    out.columns = domain::columns_of(r, {{"at", output::Kind::time},
                                         {"user_id", output::Kind::integer},
                                         {"source_id", output::Kind::integer, output::Visibility::machine_only},
                                         {"source", output::Kind::text, output::Visibility::machine_only}});
    out.rows = domain::rows_of(r);
    if (limited) std::reverse(out.rows.begin(), out.rows.end());
    return out;
}

void advance(Cursor& cursor, const Events& ev) {
    for (const auto& row : ev.rows) {
        const auto& source = *row[5].value;
        std::int64_t id = std::stoll(*row[6].value);
        std::size_t i = source == "activity" ? 0 : source == "payment" ? 1 : source == "deployment" ? 2 : 3;
        cursor[i] = std::max(cursor[i], id);
    }
}

}  // namespace ctl::activity
