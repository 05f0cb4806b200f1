#include "domain/email_sync.hpp"

#include "domain/audit.hpp"
#include "domain/rows.hpp"

#include <vector>

namespace ctl::email {

namespace {

struct Checked {
    std::int64_t id = 0;
    std::string event;
};

}  // namespace

bool is_bounce(std::string_view event) { return event == "bounced" || event == "complained"; }

std::optional<std::string> status_after(std::string_view event) {
    if (is_bounce(event)) return "bounced";
    if (event == "failed") return "failed";
    return std::nullopt;
}

SyncResult sync(db::Connection& conn, const std::string& since, const std::function<LastEvent()>& provider,
                std::string_view command, std::string_view reason, bool dry_run) {
    SyncResult out;
    auto rows = conn.exec("SELECT id, provider_id, provider, provider_event FROM email_log "
                          "WHERE status = 'sent' AND created_at >= $1::timestamptz ORDER BY id",
                          {since});
    std::vector<Checked> found;
    LastEvent last_event;
    for (int i = 0; i < rows.rows(); ++i) {
        if (rows[i].text(2) != "resend" || rows[i].is_null(1)) {
            if (rows[i].text(2) == "smtp") ++out.smtp;
            continue;
        }
        if (!last_event) last_event = provider();
        ++out.checked;
        auto event = last_event(std::string(rows[i].text(1)));
        if (!event) {
            ++out.unknown;
            continue;
        }
        if (rows[i].opt_text(3) != *event) found.push_back({rows[i].int64(0), *event});
    }

    out.changes.columns = {{"id", output::Kind::integer}, {"created_at", output::Kind::time},
                           {"user_id", output::Kind::integer}, {"to_address"}, {"provider_id"}, {"event"},
                           {"previous_event"}, {"status"}, {"previous_status"}};
    db::Transaction tx(conn);
    audit::tag_change(tx, command, reason);
    for (const auto& c : found) {
        // The guard makes a concurrent run (or one that raced a manual change) a no-op here.
        auto r = tx.exec(
            "WITH old AS (SELECT id, status, provider_event FROM email_log WHERE id = $1 FOR UPDATE) "
            "UPDATE email_log l SET provider_event = $2, provider_event_at = now(), "
            "status = coalesce($3, l.status) "
            "FROM old WHERE l.id = old.id AND l.status = 'sent' AND l.provider_event IS DISTINCT FROM $2 "
            "RETURNING l.id, l.created_at, l.user_id, l.to_address, l.provider_id, l.provider_event, "
            "old.provider_event AS previous_event, l.status, old.status AS previous_status",
            {c.id, c.event, status_after(c.event)});
        if (r.empty()) continue;
        for (auto& row : domain::rows_of(r)) out.changes.rows.push_back(std::move(row));
        if (is_bounce(c.event)) ++out.bounced;
        if (c.event == "failed") ++out.failed;
    }
    if (dry_run)
        tx.rollback();
    else
        tx.commit();
    return out;
}

}  // namespace ctl::email
