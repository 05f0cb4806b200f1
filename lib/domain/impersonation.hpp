#pragma once
// Impersonation (DESIGN §8): a short-lived HS256 JWT the main application accepts as the user,
// with the operator named in "act". Each token is recorded in `impersonations` (jti, operator,
// reason, expiry) in the same audited transaction, and can be revoked there.

#include "db/connection.hpp"
#include "domain/user_actions.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ctl::users {

inline constexpr long long k_max_impersonation_ttl_s = 3600;
inline constexpr std::size_t k_min_secret_length = 32;

struct Impersonation {
    std::string token;  // empty on a dry run: nothing was recorded, so nothing is issued
    std::string jti;
    std::int64_t user_id = 0;
    std::string email;
    std::string operator_name;
    long long issued_at = 0;   // epoch seconds (the database's clock)
    long long expires_at = 0;
};

// Issues a token for `ttl_s` seconds (1 … 3600, else UsageError), signed with `secret` (at least
// 32 bytes, else UsageError). Banned or deleted users cannot be impersonated (Conflict).
Impersonation impersonate(db::Connection& conn, std::int64_t user_id, std::string_view secret, long long ttl_s,
                          std::string_view reason, bool dry_run);

// Revokes the token with this jti (UsageError when not a UUID, NotFound when unknown). Already
// revoked or expired: unchanged, exit 0.
ActionResult revoke_impersonation(db::Connection& conn, std::string_view jti, std::string_view reason, bool dry_run);

// Newest first, optionally of one user; state is active, expired or revoked.
Table impersonations(db::Connection& conn, std::optional<std::int64_t> user_id, long long limit);

}  // namespace ctl::users
