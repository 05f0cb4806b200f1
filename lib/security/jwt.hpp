#pragma once
// Compact JWTs signed with HS256 (RFC 7519 / RFC 7515): HMAC-SHA256 over
// base64url(header) "." base64url(claims), base64url without padding. Used for impersonation
// tokens, whose secret is shared with the main application.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ctl::security {

// base64url without padding (RFC 4648 §5).
std::string base64url_encode(std::string_view data);
// nullopt when `text` is not base64url without padding.
std::optional<std::string> base64url_decode(std::string_view text);

// A random (version 4) UUID in canonical lower-case text form.
std::string uuid_v4();
// True for the canonical 8-4-4-4-12 hexadecimal form (any letter case).
bool is_uuid(std::string_view text);

// Signs `claims` (a JSON object) with header {"alg":"HS256","typ":"JWT"}. The secret may have any
// length; callers enforce a minimum.
std::string jwt_sign_hs256(const nlohmann::json& claims, std::string_view secret);

struct JwtCheck {
    bool valid = false;
    std::string problem;    // why not valid: "malformed", "bad signature", "expired", ...
    nlohmann::json claims;  // set when the signature verified (even if expired)
};

// Verifies the signature (constant time), the header's alg and, when the claims hold "exp",
// that now_epoch < exp. Never throws.
JwtCheck jwt_verify_hs256(std::string_view token, std::string_view secret, long long now_epoch);

}  // namespace ctl::security
