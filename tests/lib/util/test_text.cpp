#include "util/text.hpp"

#include <doctest/doctest.h>

using namespace ctl::util;

TEST_SUITE("util::text") {
    TEST_CASE("edit_distance counts insertions, deletions and substitutions") {
        CHECK(edit_distance("", "") == 0);
        CHECK(edit_distance("users", "users") == 0);
        CHECK(edit_distance("usres", "users") == 2);
        CHECK(edit_distance("user", "users") == 1);
        CHECK(edit_distance("", "abc") == 3);
        CHECK(edit_distance("kitten", "sitting") == 3);
    }

    TEST_CASE("closest_match prefers a prefix, then the nearest, below the limit") {
        std::vector<std::string> names = {"list", "show", "search", "status"};
        CHECK(closest_match("lst", names) == "list");
        CHECK(closest_match("sh", names) == "show");
        CHECK(closest_match("stats", names) == "status");
        CHECK(closest_match("frobnicate", names).empty());
        CHECK(closest_match("lst", {}).empty());
        CHECK(closest_match("abcd", {"abxy"}, 3) == "abxy");
        CHECK(closest_match("abcd", {"abxy"}, 2).empty());
    }

    TEST_CASE("is_valid_utf8 accepts UTF-8 and refuses what JSON and PostgreSQL refuse") {
        CHECK(is_valid_utf8(""));
        CHECK(is_valid_utf8("plain ascii"));
        CHECK(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
        CHECK_FALSE(is_valid_utf8("\xFF"));
        CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
        CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
        CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
        CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
        CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
        CHECK_FALSE(is_valid_utf8("ok\x80"));            // a stray continuation byte
    }
}
