#include "domain/popia_retention.hpp"

#include "domain/audit.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ctl::popia {

namespace {

using output::Column;
using output::Kind;

// One data class: how to find its oldest record, count and purge what is older than $1.
struct DataClass {
    const char* name;
    long long default_days;
    const char* policy;
    const char* oldest_sql;  // one row: oldest timestamp, count older than $1 (each by an index)
    const char* purge_sql;   // one row: rows changed
};

const DataClass k_classes[] = {
    {"logins", 90, "login records deleted",
     "SELECT (SELECT min(logged_in_at) FROM logins), (SELECT count(*) FROM logins WHERE logged_in_at < $1)",
     "WITH d AS (DELETE FROM logins WHERE logged_in_at < $1 RETURNING 1) SELECT count(*) FROM d"},
    {"ip_addresses", 90, "IP addresses of consent records cleared",
     "SELECT (SELECT min(created_at) FROM consents WHERE ip IS NOT NULL), "
     "(SELECT count(*) FROM consents WHERE ip IS NOT NULL AND created_at < $1)",
     "WITH d AS (UPDATE consents SET ip = NULL WHERE ip IS NOT NULL AND created_at < $1 RETURNING 1) "
     "SELECT count(*) FROM d"},
    {"activity", 365, "activity records deleted",
     "SELECT (SELECT min(created_at) FROM activity), (SELECT count(*) FROM activity WHERE created_at < $1)",
     "WITH d AS (DELETE FROM activity WHERE created_at < $1 RETURNING 1) SELECT count(*) FROM d"},
    {"email_log", 365, "e-mail log records deleted",
     "SELECT (SELECT min(created_at) FROM email_log), (SELECT count(*) FROM email_log WHERE created_at < $1)",
     "WITH d AS (DELETE FROM email_log WHERE created_at < $1 RETURNING 1) SELECT count(*) FROM d"},
    {"erased_financial", 1825, "erased people's refunds, invoices and payments deleted",
     "SELECT min(at), count(*) FILTER (WHERE at < $1) FROM ("
     "SELECT p.created_at AS at FROM payments p JOIN users u ON u.id = p.user_id WHERE u.status = 'erased' "
     "UNION ALL SELECT r.created_at FROM refunds r JOIN users u ON u.id = r.user_id WHERE u.status = 'erased' "
     "UNION ALL SELECT i.issued_at FROM invoices i JOIN users u ON u.id = i.user_id WHERE u.status = 'erased') f",
     "SELECT refunds + invoices + payments FROM ctl_popia_purge_financial($1)"},
};

struct Period {
    long long days;
    std::string cutoff;  // RFC 3339 UTC
};

std::vector<Period> periods(db::Transaction& tx) {
    auto r = tx.exec("SELECT value FROM settings_visible WHERE key = 'popia.retention_days'");
    nlohmann::json setting = r.empty() ? nlohmann::json::object() : r[0].json(0);
    std::vector<Period> out;
    for (const auto& c : k_classes) {
        long long days = c.default_days;
        if (setting.is_object() && setting.contains(c.name) && setting[c.name].is_number_integer())
            days = setting[c.name].get<long long>();
        auto cut = tx.exec("SELECT to_char((now() - make_interval(days => $1::int)) AT TIME ZONE 'UTC', "
                           "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
                           {days});
        out.push_back({days, std::string(cut[0].text(0))});
    }
    return out;
}

}  // namespace

RetentionTable retention_status(db::Connection& conn) {
    db::Transaction tx(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    auto ps = periods(tx);
    RetentionTable t;
    t.columns = {{"data_class"},           {"policy"},
                 {"retention_days", Kind::integer}, {"cutoff", Kind::time},
                 {"oldest", Kind::time},           {"past_retention", Kind::integer}};
    for (std::size_t i = 0; i < std::size(k_classes); ++i) {
        auto r = tx.exec(k_classes[i].oldest_sql, {ps[i].cutoff});
        t.total += r[0].int64(1);
        t.rows.push_back({k_classes[i].name, fmt::format("{} after {} days", k_classes[i].policy, ps[i].days),
                          std::to_string(ps[i].days), ps[i].cutoff, r[0].opt_text(0), std::string(r[0].text(1))});
    }
    tx.commit();
    return t;
}

RetentionTable retention_run(db::Connection& conn, std::string_view reason, bool dry_run) {
    db::Transaction tx(conn);
    audit::tag_change(tx, "popia retention run", reason.empty() ? std::string_view("retention policy") : reason);
    auto ps = periods(tx);
    RetentionTable t;
    t.columns = {{"data_class"}, {"action"}, {"retention_days", Kind::integer}, {"cutoff", Kind::time},
                 {"rows", Kind::integer}};
    nlohmann::json summary = nlohmann::json::object();
    for (std::size_t i = 0; i < std::size(k_classes); ++i) {
        auto n = tx.exec(k_classes[i].purge_sql, {ps[i].cutoff})[0].int64(0);
        t.total += n;
        summary[k_classes[i].name] = {{"retention_days", ps[i].days}, {"cutoff", ps[i].cutoff}, {"rows", n}};
        t.rows.push_back({k_classes[i].name, k_classes[i].policy, std::to_string(ps[i].days), ps[i].cutoff,
                          std::to_string(n)});
    }
    tx.exec("SELECT ctl_popia_record('popia.retention', 'retention', NULL, $1::jsonb)", {summary.dump()});
    if (dry_run)
        tx.rollback();
    else
        tx.commit();
    return t;
}

}  // namespace ctl::popia
