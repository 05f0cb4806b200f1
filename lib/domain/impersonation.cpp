#include "domain/impersonation.hpp"

#include "domain/audit.hpp"
#include "domain/rows.hpp"
#include "security/jwt.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

#include <fmt/format.h>

namespace ctl::users {

Impersonation impersonate(db::Connection& conn, std::int64_t user_id, std::string_view secret, long long ttl_s,
                          std::string_view reason, bool dry_run) {
    if (ttl_s <= 0 || ttl_s > k_max_impersonation_ttl_s)
        throw UsageError("--ttl must be between 1s and 1h", "e.g. --ttl 15m");
    if (secret.size() < k_min_secret_length)
        throw UsageError(secret.empty() ? "no impersonation secret is configured"
                                        : "the impersonation secret is shorter than 32 bytes",
                         "set CTL_IMPERSONATION_SECRET (or impersonation.secret) to the secret shared with the app");
    db::Transaction tx(conn);
    audit::tag_change(tx, "users impersonate", reason);
    auto u = tx.exec("SELECT email, status FROM users WHERE id = $1 FOR SHARE", {user_id});
    if (u.empty()) throw NotFound(fmt::format("user {} not found", user_id));
    std::string status(u[0].text(1));
    if (status == "banned" || status == "deleted")
        throw Conflict(fmt::format("{} is {} and cannot be impersonated", u[0].text(0), status));
    Impersonation imp;
    imp.user_id = user_id;
    imp.email = std::string(u[0].text(0));
    imp.jti = security::uuid_v4();
    auto r = tx.exec("INSERT INTO impersonations (user_id, jti, reason, issued_at, expires_at) "
                     "VALUES ($1, $2::uuid, $3, date_trunc('second', now()), "
                     "date_trunc('second', now()) + make_interval(secs => $4::bigint)) "
                     "RETURNING operator, extract(epoch FROM issued_at)::bigint, extract(epoch FROM expires_at)::bigint",
                     {user_id, imp.jti, reason, ttl_s});
    imp.operator_name = std::string(r[0].text(0));
    imp.issued_at = r[0].int64(1);
    imp.expires_at = r[0].int64(2);
    if (dry_run) {
        tx.rollback();
        return imp;
    }
    nlohmann::json claims = {{"sub", std::to_string(user_id)},
                             {"act", {{"sub", imp.operator_name}}},
                             {"scope", "impersonation"},
                             {"iat", imp.issued_at},
                             {"exp", imp.expires_at},
                             {"jti", imp.jti}};
    imp.token = security::jwt_sign_hs256(claims, secret);
    tx.commit();
    return imp;
}

ActionResult revoke_impersonation(db::Connection& conn, std::string_view jti, std::string_view reason, bool dry_run) {
    if (!security::is_uuid(jti)) throw UsageError(fmt::format("'{}' is not a token id (jti)", jti), "a UUID");
    db::Transaction tx(conn);
    audit::tag_change(tx, "users impersonate --revoke", reason);
    auto r = tx.exec("SELECT i.user_id, u.email, i.revoked_at IS NOT NULL, i.expires_at <= now() "
                     "FROM impersonations i JOIN users u ON u.id = i.user_id WHERE i.jti = $1::uuid FOR UPDATE OF i",
                     {jti});
    if (r.empty()) throw NotFound(fmt::format("no impersonation token {}", jti), "see ctl users impersonations");
    ActionResult res;
    res.user_id = r[0].int64(0);
    res.email = std::string(r[0].text(1));
    bool revoked = r[0].boolean(2), expired = r[0].boolean(3);
    if (revoked || expired) {
        res.summary = fmt::format("token {} is already {}", jti, revoked ? "revoked" : "expired");
    } else {
        tx.exec("UPDATE impersonations SET revoked_at = now() WHERE jti = $1::uuid", {jti});
        res.changed = true;
        res.summary = fmt::format("revoked token {} of {}", jti, res.email);
    }
    res.columns = {{"user_id", output::Kind::integer}, {"email"}, {"changed", output::Kind::boolean}, {"jti"}};
    res.row = {std::to_string(res.user_id), res.email, res.changed ? "true" : "false", std::string(jti)};
    if (dry_run) {
        res.summary = "dry run: " + res.summary + " (rolled back)";
        tx.rollback();
    } else {
        tx.commit();
    }
    return res;
}

Table impersonations(db::Connection& conn, std::optional<std::int64_t> user_id, long long limit) {
    if (limit < 0) throw UsageError("--limit must be 0 or more");
    auto r = conn.exec("SELECT i.id, i.jti, i.user_id, u.email, i.operator, i.reason, i.issued_at, i.expires_at, "
                       "i.revoked_at, CASE WHEN i.revoked_at IS NOT NULL THEN 'revoked' "
                       "WHEN i.expires_at <= now() THEN 'expired' ELSE 'active' END AS state "
                       "FROM impersonations i JOIN users u ON u.id = i.user_id "
                       "WHERE ($1::bigint IS NULL OR i.user_id = $1) ORDER BY i.issued_at DESC, i.id DESC "
                       "LIMIT CASE WHEN $2::bigint = 0 THEN NULL ELSE $2::bigint END",
                       {user_id, limit});
    using output::Kind;
    return {domain::columns_of(r, {{"id", Kind::integer},
                                   {"user_id", Kind::integer},
                                   {"issued_at", Kind::time},
                                   {"expires_at", Kind::time},
                                   {"revoked_at", Kind::time}}),
            domain::rows_of(r)};
}

}  // namespace ctl::users
