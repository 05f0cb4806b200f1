#pragma once
// E-mails ctl sends to a user on an operator's request, recorded in email_log.

#include "db/connection.hpp"
#include "domain/user_actions.hpp"
#include "providers/email.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace ctl::users {

struct PasswordResetSettings {
    std::string from;                     // email.from
    std::string app_url;                  // app.url: the reset page is {app_url}/reset-password?token=...
    std::string secret;                   // impersonation.secret, shared with the app (>= 32 bytes)
    long long link_ttl_s = 3600;
    std::map<std::string, std::string> values;  // app.name, app.url, ... for the template
};

// Sends the platform's password-reset e-mail (template password_reset, reset.link): a link with an HS256 token (sub = user id,
// scope "password_reset", exp in an hour, jti) the app verifies with the shared secret. The
// send carries an idempotency key derived from the jti, so the provider's retries deliver once;
// the outcome (sent with the provider's id, or failed with the error) goes to email_log. Banned
// and deleted users get no e-mail (Conflict); dry_run sends and records nothing.
ActionResult send_password_reset(db::Connection& conn, std::int64_t user_id, providers::EmailSender& sender,
                                 const PasswordResetSettings& settings, std::string_view reason, bool dry_run);

}  // namespace ctl::users
