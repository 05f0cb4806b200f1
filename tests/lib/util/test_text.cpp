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
}
