#include "domain/alert_notify.hpp"

#include "domain/email_send.hpp"
#include "domain/settings_value.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ctl::alerts {

namespace {

void post_webhook(http::Client& client, const std::string& url, const Alert& a, const std::string& key) {
    http::Request req;
    req.method = "POST";
    req.url = url;
    req.headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", key}};
    req.body = nlohmann::json{{"id", a.id}, {"rule", a.rule}, {"severity", a.severity}, {"title", a.title},
                              {"since", a.since}, {"idempotency_key", key}}
                   .dump();
    auto res = client.send(req);
    if (res.status < 200 || res.status >= 300)
        throw Unavailable(fmt::format("the webhook answered HTTP {}", res.status));
}

providers::EmailMessage alert_email(const NotifyChannels& c, const Alert& a, const std::string& key) {
    providers::EmailMessage m;
    m.from = c.email_from;
    m.to = c.email_to;
    m.subject = fmt::format("[{}] {}", a.severity, a.title);
    m.text = fmt::format("Alert {}\nRule: {}\nSeverity: {}\nSince: {}\n\n{}\n\nAcknowledge with: ctl alerts ack {} --reason ...\n",
                         a.id, a.rule, a.severity, a.since, a.title, a.id);
    m.html = "<pre>" + m.text + "</pre>";
    m.idempotency_key = key;
    return m;
}

// Claims `key` in alert_notifications; false when it was claimed before.
bool claim(db::Transaction& tx, const Alert& a, const std::string& key, const std::string& day, const char* channel) {
    return !tx.exec("INSERT INTO alert_notifications (idempotency_key, alert_id, day, channel) "
                    "VALUES ($1, $2, $3::date, $4) ON CONFLICT DO NOTHING RETURNING 1",
                    {key, a.id, day, channel})
                .empty();
}

// A claim whose e-mail is still queued after k_stale_claim was left by a process that died
// between claiming and hearing from the provider: its row is closed as failed and the e-mail
// sent again under the same idempotency key, so Resend sends it at most once (an SMTP relay
// cannot be asked, and may then deliver it twice). Only one of two racing runs takes it over:
// the second finds the row no longer queued.
constexpr const char* k_stale_claim = "10 minutes";
bool take_over_stale_email(db::Transaction& tx, const std::string& key) {
    return !tx.exec("UPDATE email_log SET status = 'failed', error = 'interrupted before the provider answered; "
                    "sent again' WHERE idempotency_key = $1 AND template = $2 AND status = 'queued' "
                    "AND created_at < now() - $3::interval RETURNING id",
                    {key, k_email_template, k_stale_claim})
                .empty();
}

}  // namespace

NotifyChannels channels_from_settings(db::Connection& conn) {
    NotifyChannels c;
    c.webhook_url = settings::text(conn, "alerts.webhook_url");
    c.email_to = settings::text(conn, "alerts.notify_email");
    return c;
}

NotifyResult notify(db::Connection& conn, const std::vector<Alert>& alerts, const NotifyChannels& c) {
    NotifyResult out;
    auto day = std::string(conn.exec("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')")[0].text(0));
    std::vector<const char*> channels;
    if (!c.webhook_url.empty()) channels.push_back("webhook");
    if (!c.email_to.empty()) channels.push_back("email");
    if (channels.empty())
        throw UsageError("no alert channel is configured",
                         "set the setting alerts.webhook_url or alerts.notify_email (ctl flags settings set)");
    for (const auto& a : alerts) {
        if (a.acked) continue;
        for (const char* channel : channels) {
            std::string key = fmt::format("{}@{}:{}", a.id, day, channel);
            try {
                if (std::string_view(channel) == "email") {
                    // Recorded in email_log like every e-mail; the claim is taken with the queued
                    // row and given back when the send fails.
                    email::DeliveryClaim once{
                        [&](db::Transaction& tx) {
                            return claim(tx, a, key, day, channel) || take_over_stale_email(tx, key);
                        },
                        [&](db::Transaction& tx) {
                            tx.exec("DELETE FROM alert_notifications WHERE idempotency_key = $1", {key});
                        }};
                    auto sent = email::deliver_claimed(conn, *c.email, alert_email(c, a, key), std::nullopt,
                                                       k_email_template, c.command, c.reason, once);
                    if (sent)
                        ++out.sent;
                    else
                        ++out.already;
                    continue;
                }
                // The webhook is posted inside the claiming transaction: a failed post leaves
                // nothing claimed.
                db::Transaction tx(conn);
                if (!claim(tx, a, key, day, channel)) {
                    ++out.already;
                    continue;
                }
                post_webhook(*c.http, c.webhook_url, a, key);
                tx.commit();
                ++out.sent;
            } catch (const Error& e) {
                if (e.code() == ExitCode::permission_denied) throw;
                out.failures.push_back(fmt::format("{} {}: {}", a.id, channel, e.what()));
            }
        }
    }
    return out;
}

}  // namespace ctl::alerts
