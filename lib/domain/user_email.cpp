#include "domain/user_email.hpp"

#include "domain/audit.hpp"
#include "domain/impersonation.hpp"
#include "security/jwt.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

#include <fmt/format.h>

namespace ctl::users {

namespace {

std::string html_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

void record(db::Connection& conn, std::int64_t user_id, const std::string& to, const std::string& subject,
            const char* provider, const std::optional<std::string>& provider_id, const char* status,
            const std::optional<std::string>& error, std::string_view reason) {
    db::Transaction tx(conn);
    audit::tag_change(tx, "users reset-password", reason);
    tx.exec("INSERT INTO email_log (user_id, to_address, template, subject, provider, provider_id, status, error) "
            "VALUES ($1, $2, 'password_reset', $3, $4, $5, $6, $7)",
            {user_id, to, subject, provider, provider_id, status, error});
    tx.commit();
}

}  // namespace

ActionResult send_password_reset(db::Connection& conn, std::int64_t user_id, providers::EmailSender& sender,
                                 const PasswordResetSettings& s, std::string_view reason, bool dry_run) {
    if (s.from.empty())
        throw UsageError("no sender address is configured", "set CTL_EMAIL_FROM (or email.from), e.g. \"Support <support@example.com>\"");
    if (s.secret.size() < k_min_secret_length)
        throw UsageError("no secret shared with the app is configured for reset links",
                         "set CTL_IMPERSONATION_SECRET (or impersonation.secret), at least 32 bytes");
    auto u = conn.exec("SELECT email, coalesce(name, ''), status, extract(epoch FROM now())::bigint FROM users "
                       "WHERE id = $1",
                       {user_id});
    if (u.empty()) throw NotFound(fmt::format("user {} not found", user_id));
    std::string to(u[0].text(0)), name(u[0].text(1)), status(u[0].text(2));
    if (status == "banned" || status == "deleted")
        throw Conflict(fmt::format("{} is {}; no reset e-mail is sent", to, status));
    long long now = u[0].int64(3);
    std::string jti = security::uuid_v4();
    nlohmann::json claims = {{"sub", std::to_string(user_id)}, {"scope", "password_reset"}, {"iat", now},
                             {"exp", now + s.link_ttl_s}, {"jti", jti}};
    std::string base = s.app_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    std::string link = base + "/reset-password?token=" + security::jwt_sign_hs256(claims, s.secret);
    providers::EmailMessage m;
    m.from = s.from;
    m.to = to;
    m.subject = "Reset your password";
    std::string greeting = name.empty() ? "Hello," : "Hello " + name + ",";
    m.text = fmt::format("{}\n\nOur support team sent you a link to choose a new password:\n\n{}\n\nThe link works "
                         "for one hour. If you did not ask for this, you can ignore this e-mail.\n",
                         greeting, link);
    m.html = fmt::format("<p>{}</p><p>Our support team sent you a link to choose a new password:</p>"
                         "<p><a href=\"{}\">Reset your password</a></p><p>The link works for one hour. If you did not "
                         "ask for this, you can ignore this e-mail.</p>",
                         html_escape(greeting), html_escape(link));
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
    std::string provider_id;
    try {
        provider_id = sender.send(m);
    } catch (const Error& e) {
        record(conn, user_id, to, m.subject, sender.provider(), std::nullopt, "failed", std::string(e.what()), reason);
        throw;
    }
    record(conn, user_id, to, m.subject, sender.provider(), provider_id, "sent", std::nullopt, reason);
    r.changed = true;
    r.summary = "sent a password reset e-mail to " + to + " (" + provider_id + ")";
    r.row = {std::to_string(user_id), to, "true", sender.provider(), provider_id, "sent"};
    return r;
}

}  // namespace ctl::users
