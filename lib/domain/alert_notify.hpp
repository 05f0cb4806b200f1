#pragma once
// alerts --notify: each open, unacknowledged alert goes to the webhook (alerts.webhook_url) and/or
// the address (alerts.notify_email) in settings, at most once per alert per day and channel: the
// idempotency key "<alert id>@<UTC day>" is claimed in alert_notifications in the same
// transaction as the send (for an e-mail: with its "queued" row in email_log, where the e-mail is
// recorded like every other), so a cron job that runs every few minutes (or twice at once) sends
// once.

#include "db/connection.hpp"
#include "domain/alerts.hpp"
#include "http/client.hpp"
#include "providers/email.hpp"

#include <functional>
#include <string>
#include <vector>

namespace ctl::alerts {

// The template name alert e-mails carry in email_log (they are not rendered from a template).
inline constexpr const char* k_email_template = "alert";

struct NotifyChannels {
    std::string webhook_url;   // empty: no webhook
    std::string email_to;      // empty: no e-mail
    std::string email_from;
    http::Client* http = nullptr;                  // required with a webhook
    providers::EmailSender* email = nullptr;       // required with an e-mail address
    std::string command = "alerts --notify";       // email_log and audit tags
    std::string reason;
};

struct NotifyResult {
    int sent = 0;
    int already = 0;  // sent earlier today
    std::vector<std::string> failures;  // "<alert id> <channel>: <error>"; those stay unclaimed
};

// The channels the settings name (alerts.webhook_url, alerts.notify_email).
NotifyChannels channels_from_settings(db::Connection& conn);

NotifyResult notify(db::Connection& conn, const std::vector<Alert>& alerts, const NotifyChannels& channels);

}  // namespace ctl::alerts
