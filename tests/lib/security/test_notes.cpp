#include "security/notes.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace ctl::security;

namespace {
// 32 bytes 0x01..0x20, base64.
const char* k_key = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
const char* k_other = "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICA=";
}  // namespace

TEST_SUITE("security notes") {
    TEST_CASE("a sealed note differs from its plaintext and opens only with its key") {
        auto key = parse_notes_key(k_key);
        std::string text = "Customer called about a double charge; refunded";
        auto sealed = seal_note(key, text);
        CHECK(sealed.nonce.size() == 24);
        CHECK(sealed.ciphertext.find("double charge") == std::string::npos);
        CHECK(sealed.ciphertext != text);
        CHECK(sealed.key_id == key.id);
        CHECK(open_note(key, sealed.nonce, sealed.ciphertext) == std::optional<std::string>(text));
        auto other = parse_notes_key(k_other);
        CHECK(other.id != key.id);
        CHECK_FALSE(open_note(other, sealed.nonce, sealed.ciphertext).has_value());
        auto again = seal_note(key, text);
        CHECK(again.nonce != sealed.nonce);
        CHECK(again.ciphertext != sealed.ciphertext);
        std::string altered = sealed.ciphertext;
        altered[0] = static_cast<char>(altered[0] ^ 1);
        CHECK_FALSE(open_note(key, sealed.nonce, altered).has_value());
    }

    TEST_CASE("the key must be 32 bytes of base64") {
        CHECK_THROWS_AS(parse_notes_key("c2hvcnQ="), ctl::UsageError);
        CHECK_THROWS_AS(parse_notes_key("not base64 at all!"), ctl::UsageError);
        CHECK_NOTHROW(parse_notes_key("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA"));
    }

    TEST_CASE("hex round-trips") {
        CHECK(to_hex("\x01\xff") == "01ff");
        CHECK(from_hex("01FF") == std::optional<std::string>("\x01\xff"));
        CHECK_FALSE(from_hex("0").has_value());
        CHECK_FALSE(from_hex("zz").has_value());
    }
}
