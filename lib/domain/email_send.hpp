#pragma once
// Sending a template to users: rendered per user, delivered through the configured provider,
// every attempt recorded in email_log. Each message carries an idempotency key
// "<campaign>:<user id>": the provider delivers a retried message once, and a re-run skips the
// users whose message under that key was already sent, so a run that stopped can be repeated.

#include "db/connection.hpp"
#include "domain/email_templates.hpp"
#include "providers/email.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ctl::email {

struct SendSettings {
    std::string from;                          // email.from
    std::map<std::string, std::string> values;  // app.* and the extras (--var), for every user
    std::string campaign;                       // idempotency prefix, e.g. "welcome-2026-11-22"
    std::string command = "email send";         // for the audit tag
    std::size_t batch_size = 100;               // users loaded (and progress reported) at a time
};

struct SendProgress {
    std::size_t total = 0, done = 0, sent = 0;
    std::size_t skipped = 0;  // already sent under this campaign, or banned/deleted
};

// The variables of one user: user.id, user.name (the e-mail when no name), user.first_name,
// user.email, user.company, user.plan, user.trial_ends_at (YYYY-MM-DD), merged over `values`.
std::map<std::string, std::string> user_values(db::Connection& conn, std::int64_t user_id,
                                               const std::map<std::string, std::string>& values);

// The message for one recipient (subject and text plain, html escaped). UsageError for a
// variable the values lack.
providers::EmailMessage compose(const Template& tpl, const std::map<std::string, std::string>& values,
                                const std::string& from, const std::string& to);

// What a run would send: id, email, status, subject, would_send (false: skipped and why). Renders
// every message, so a missing variable fails here before anything is sent.
TableRows preview(db::Connection& conn, const Template& tpl, const std::vector<std::int64_t>& ids,
                  const SendSettings& settings);

// Sends to each user in order. Stops at the first failed send (it is logged as failed) with a
// ctl::Error of its kind saying what was sent and what was not. `on_batch` after each batch.
SendProgress send_template(db::Connection& conn, providers::EmailSender& sender, const Template& tpl,
                           const std::vector<std::int64_t>& ids, const SendSettings& settings, std::string_view reason,
                           const std::function<void(const SendProgress&)>& on_batch);

// One message to one user, recorded: a "queued" row in email_log (one audited transaction), the
// send, then "sent" with the provider's id or "failed" with the error (rethrown). Returns the
// provider's id.
std::string deliver(db::Connection& conn, providers::EmailSender& sender, const providers::EmailMessage& message,
                    std::optional<std::int64_t> user_id, std::string_view template_name, std::string_view command,
                    std::string_view reason);

// A claim on a message that must go out at most once per key (alerts --notify). `take` runs in
// the transaction that records the "queued" row and returns false when someone already holds
// the claim (a concurrent run waits on it until that transaction ends); `release` runs in the
// transaction that records a failed send, so a later run may try again. A process that dies
// between the two keeps the claim, with its row left "queued".
struct DeliveryClaim {
    std::function<bool(db::Transaction&)> take;
    std::function<void(db::Transaction&)> release;
};

// deliver under a claim: nullopt, with nothing recorded or sent, when the claim is taken.
std::optional<std::string> deliver_claimed(db::Connection& conn, providers::EmailSender& sender,
                                           const providers::EmailMessage& message, std::optional<std::int64_t> user_id,
                                           std::string_view template_name, std::string_view command,
                                           std::string_view reason, const DeliveryClaim& claim);

}  // namespace ctl::email
