#include "security/jwt.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace ctl::security {

namespace {

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::array<unsigned char, crypto_auth_hmacsha256_BYTES> hmac_sha256(std::string_view key, std::string_view data) {
    init_sodium();
    crypto_auth_hmacsha256_state state;
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    crypto_auth_hmacsha256_final(&state, mac.data());
    return mac;
}

std::string_view as_chars(const std::array<unsigned char, crypto_auth_hmacsha256_BYTES>& mac) {
    return {reinterpret_cast<const char*>(mac.data()), mac.size()};
}

}  // namespace

std::string base64url_encode(std::string_view data) {
    init_sodium();
    std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    init_sodium();
    std::string out(text.size(), '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string uuid_v4() {
    init_sodium();
    std::array<unsigned char, 16> b{};
    randombytes_buf(b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[b[i] >> 4];
        out += hex[b[i] & 0x0f];
    }
    return out;
}

bool is_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

std::string jwt_sign_hs256(const nlohmann::json& claims, std::string_view secret) {
    std::string signing_input = base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url_encode(claims.dump());
    return signing_input + "." + base64url_encode(as_chars(hmac_sha256(secret, signing_input)));
}

JwtCheck jwt_verify_hs256(std::string_view token, std::string_view secret, long long now_epoch) {
    JwtCheck check;
    auto dot1 = token.find('.');
    auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
        check.problem = "malformed";
        return check;
    }
    auto header = base64url_decode(token.substr(0, dot1));
    auto payload = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
    auto signature = base64url_decode(token.substr(dot2 + 1));
    if (!header || !payload || !signature) {
        check.problem = "malformed";
        return check;
    }
    auto h = nlohmann::json::parse(*header, nullptr, false);
    if (!h.is_object() || h.value("alg", "") != "HS256") {
        check.problem = "unsupported algorithm";
        return check;
    }
    auto expected = hmac_sha256(secret, token.substr(0, dot2));
    if (signature->size() != expected.size() ||
        sodium_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
        check.problem = "bad signature";
        return check;
    }
    auto claims = nlohmann::json::parse(*payload, nullptr, false);
    if (!claims.is_object()) {
        check.problem = "malformed";
        return check;
    }
    check.claims = claims;
    if (claims.contains("exp") && (!claims["exp"].is_number() || now_epoch >= claims["exp"].get<long long>())) {
        check.problem = "expired";
        return check;
    }
    check.valid = true;
    return check;
}

}  // namespace ctl::security
