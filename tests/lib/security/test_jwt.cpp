#include "security/jwt.hpp"

#include <doctest/doctest.h>

using namespace ctl::security;

TEST_SUITE("security jwt") {
    TEST_CASE("base64url round-trips without padding") {
        CHECK(base64url_encode("\xfb\xff") == "-_8");
        CHECK(base64url_decode("-_8") == std::optional<std::string>("\xfb\xff"));
        CHECK_FALSE(base64url_decode("ab=").has_value());
        CHECK_FALSE(base64url_decode("a+b/").has_value());
    }

    TEST_CASE("an HS256 token matches RFC 7515's construction and verifies only with its secret") {
        // jwt.io's example: {"sub":"1234567890","name":"John Doe","iat":1516239022} with "your-256-bit-secret".
        nlohmann::json claims = {{"sub", "1234567890"}, {"name", "John Doe"}, {"iat", 1516239022}};
        std::string token = jwt_sign_hs256(claims, "your-256-bit-secret");
        CHECK(token.rfind("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", 0) == 0);
        auto ok = jwt_verify_hs256(token, "your-256-bit-secret", 0);
        CHECK(ok.valid);
        CHECK(ok.claims["name"] == "John Doe");
        auto wrong = jwt_verify_hs256(token, "another-secret-of-some-length!!", 0);
        CHECK_FALSE(wrong.valid);
        CHECK(wrong.problem == "bad signature");
        std::string tampered = token;
        tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
        CHECK_FALSE(jwt_verify_hs256(tampered, "your-256-bit-secret", 0).valid);
        CHECK(jwt_verify_hs256("not.a-token", "x", 0).problem == "malformed");
        CHECK(jwt_verify_hs256("a.b.c.d", "x", 0).problem == "malformed");
    }

    TEST_CASE("a token is valid until exp and not after") {
        nlohmann::json claims = {{"sub", "42"}, {"iat", 1000}, {"exp", 1900}, {"scope", "impersonation"}};
        auto token = jwt_sign_hs256(claims, "s3cret-s3cret-s3cret-s3cret-1234");
        CHECK(jwt_verify_hs256(token, "s3cret-s3cret-s3cret-s3cret-1234", 1899).valid);
        auto late = jwt_verify_hs256(token, "s3cret-s3cret-s3cret-s3cret-1234", 1900);
        CHECK_FALSE(late.valid);
        CHECK(late.problem == "expired");
        CHECK(late.claims["sub"] == "42");
    }

    TEST_CASE("uuid v4 has the version and variant bits and is unique") {
        auto a = uuid_v4(), b = uuid_v4();
        CHECK(is_uuid(a));
        CHECK(a != b);
        CHECK(a[14] == '4');
        CHECK(std::string("89ab").find(a[19]) != std::string::npos);
        CHECK_FALSE(is_uuid("not-a-uuid"));
        CHECK_FALSE(is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
    }
}
