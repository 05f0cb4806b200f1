#include "domain/user_email.hpp"

#include "domain/email_send.hpp"
#include "domain/impersonation.hpp"
#include "security/jwt.hpp"
#include "util/error.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

#include <fmt/format.h>

namespace ctl::users {

ActionResult send_password_reset(db::Connection& conn, std::int64_t user_id, providers::EmailSender& sender,
                                 const PasswordResetSettings& s, std::string_view reason, bool dry_run) {
    if (s.from.empty())
        throw UsageError("no sender address is configured", "set CTL_EMAIL_FROM (or email.from), e.g. \"Support <support@example.com>\"");
    if (s.secret.size() < k_min_secret_length)
        throw UsageError("no secret shared with the app is configured for reset links",
                         "set CTL_IMPERSONATION_SECRET (or impersonation.secret), at least 32 bytes");
    auto u = conn.exec("SELECT email, status, extract(epoch FROM now())::bigint FROM users "
                       "WHERE id = $1",
                       {user_id});
    if (u.empty()) throw NotFound(fmt::format("user {} not found", user_id));
    std::string to(u[0].text(0)), status(u[0].text(1));
    if (status == "banned" || status == "deleted")
        throw Conflict(fmt::format("{} is {}; no reset e-mail is sent", to, status));
    long long now = u[0].int64(2);
    std::string jti = security::uuid_v4();
    nlohmann::json claims = {{"sub", std::to_string(user_id)}, {"scope", "password_reset"}, {"iat", now},
                             {"exp", now + s.link_ttl_s}, {"jti", jti}};
    std::string base = s.app_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    std::string link = base + "/reset-password?token=" + security::jwt_sign_hs256(claims, s.secret);
    auto values = email::user_values(conn, user_id, s.values);
    values["reset.link"] = link;
    auto m = email::compose(email::load_template(conn, "password_reset"), values, s.from, to);
    m.idempotency_key = "ctl-password-reset-" + jti;

    ActionResult r;
    r.user_id = user_id;
    r.email = to;
    r.columns = {{"user_id", output::Kind::integer}, {"email"}, {"changed", output::Kind::boolean}, {"provider"},
                 {"provider_id"}, {"status"}};
    if (dry_run) {
        r.summary = "dry run: would send a password reset e-mail to " + to + " (nothing sent)";
        r.row = {std::to_string(user_id), to, "false", sender.provider(), output::Cell::null(), "not sent"};
        return r;
    }
    auto provider_id = email::deliver(conn, sender, m, user_id, "password_reset", "users reset-password", reason);
    r.changed = true;
    r.summary = "sent a password reset e-mail to " + to + " (" + provider_id + ")";
    r.row = {std::to_string(user_id), to, "true", sender.provider(), provider_id, "sent"};
    return r;
}

}  // namespace ctl::users
