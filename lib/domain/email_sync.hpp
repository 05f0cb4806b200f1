#pragma once
// What became of the e-mails sent through Resend: each "sent" row of email_log with a provider id
// is checked against the provider's last event for it; a bounce or a complaint turns the row to
// "bounced", a failure (Resend could not send it) to "failed". SMTP relays cannot be asked, so their rows are left alone. Safe to run again (a cron
// job does): a row changes only when its event did, and a bounced or failed row is never checked
// again.

#include "db/connection.hpp"
#include "domain/email_templates.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace ctl::email {

// The provider's last event for a message id (nullopt: the provider does not know it). Throws
// ctl::Error of its kind.
using LastEvent = std::function<std::optional<std::string>(const std::string& provider_id)>;

// Whether a provider event means the message did not reach its reader (bounced, complained).
bool is_bounce(std::string_view event);
// The email_log status a provider event leads to (bounced, failed), or none: the row stays sent.
std::optional<std::string> status_after(std::string_view event);

struct SyncResult {
    // The rows whose event changed, oldest first: id, created_at, user_id, to_address,
    // provider_id, event, previous_event, status, previous_status.
    TableRows changes;
    std::size_t checked = 0;  // rows asked about
    std::size_t bounced = 0;  // of the changes, rows that became "bounced"
    std::size_t failed = 0;   // of the changes, rows that became "failed"
    std::size_t unknown = 0;  // ids the provider does not know
    std::size_t smtp = 0;     // "sent" rows in the window that went through SMTP (not checked)
};

// The Resend rows with status "sent" created at or after `since` (RFC 3339). The provider is
// asked about every row first; then all changes are written in one transaction, each with its
// audit row (tagged `command` and `reason`), or, with `dry_run`, rolled back. A provider failure
// stops the run before anything is written. `last_event` is only called when there are rows.
SyncResult sync(db::Connection& conn, const std::string& since, const std::function<LastEvent()>& provider,
                std::string_view command, std::string_view reason, bool dry_run);

}  // namespace ctl::email
