// Unleash evaluation: strategies, constraint operators, segments, variants, dependencies.
// Expected answers are those the official SDKs give (client specification vectors where noted).

#include "flags/evaluate.hpp"
#include "flags/murmur3.hpp"
#include "flags/semver.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace ctl::flags;
using nlohmann::json;

namespace {

State one(json feature, json segments = json::array()) {
    return parse_state({{"version", 2}, {"features", json::array({feature})}, {"segments", segments}});
}

json with_constraint(json constraint) {
    return {{"name", "f"},
            {"enabled", true},
            {"strategies", json::array({{{"name", "default"}, {"constraints", json::array({constraint})}}})}};
}

bool check(json constraint, const Context& ctx) { return is_enabled(one(with_constraint(constraint)), "f", ctx); }

Context user(const std::string& id) {
    Context c;
    c.user_id = id;
    return c;
}

json variant(const std::string& name, int weight) {
    return {{"name", name}, {"weight", weight}, {"payload", {{"type", "string"}, {"value", "val-" + name}}}};
}

}  // namespace

TEST_SUITE("flags evaluate") {
    TEST_CASE("feature switches: disabled, unknown, no strategies, unknown strategy") {
        Context c = user("1");
        CHECK_FALSE(is_enabled(one({{"name", "f"}, {"enabled", false}, {"strategies", json::array()}}), "f", c));
        CHECK_FALSE(is_enabled(one({{"name", "f"}, {"enabled", true}}), "other", c));
        CHECK(is_enabled(one({{"name", "f"}, {"enabled", true}, {"strategies", json::array()}}), "f", c));
        CHECK_FALSE(is_enabled(one({{"name", "f"}, {"enabled", true}, {"strategies", {{{"name", "nope"}}}}}), "f", c));
        // Strategies are OR'ed: an unknown one does not stop a later match.
        CHECK(is_enabled(one({{"name", "f"}, {"enabled", true}, {"strategies", {{{"name", "nope"}}, {{"name", "default"}}}}}),
                         "f", c));
        auto e = evaluate(one({{"name", "f"}, {"enabled", true}}), "missing", c);
        CHECK(to_json(e) == json::parse(R"({"enabled":false,"variant":{"name":"disabled","enabled":false,
                                              "feature_enabled":false,"payload":null}})"));
    }

    TEST_CASE("userWithId and remoteAddress") {
        auto s = one({{"name", "f"}, {"enabled", true},
                      {"strategies", {{{"name", "userWithId"}, {"parameters", {{"userIds", "a, b ,c"}}}}}}});
        CHECK(is_enabled(s, "f", user("a")));
        CHECK(is_enabled(s, "f", user("b")));
        CHECK(is_enabled(s, "f", user("c")));
        CHECK_FALSE(is_enabled(s, "f", user("d")));
        CHECK_FALSE(is_enabled(s, "f", Context{}));
        auto ip = one({{"name", "f"}, {"enabled", true},
                       {"strategies", {{{"name", "remoteAddress"}, {"parameters", {{"IPs", "10.0.0.0/8, 192.168.1.7"}}}}}}});
        Context c;
        c.remote_address = "10.2.3.4";
        CHECK(is_enabled(ip, "f", c));
        c.remote_address = "192.168.1.7";
        CHECK(is_enabled(ip, "f", c));
        c.remote_address = "192.168.1.8";
        CHECK_FALSE(is_enabled(ip, "f", c));
    }

    TEST_CASE("flexibleRollout: murmur3 of groupId:userId % 100 + 1 against the percentage") {
        auto at = [](int pct, const std::string& stickiness = "default") {
            return one({{"name", "f"}, {"enabled", true},
                        {"strategies", {{{"name", "flexibleRollout"},
                                         {"parameters", {{"rollout", std::to_string(pct)}, {"stickiness", stickiness},
                                                         {"groupId", "gr1"}}}}}}});
        };
        // normalized("123", "gr1") is 73.
        CHECK(is_enabled(at(73), "f", user("123")));
        CHECK_FALSE(is_enabled(at(72), "f", user("123")));
        CHECK_FALSE(is_enabled(at(0), "f", user("123")));
        CHECK(is_enabled(at(100), "f", user("123")));
        // userId stickiness without a userId is off; sessionId stickiness reads the session.
        CHECK_FALSE(is_enabled(at(100, "userId"), "f", Context{}));
        Context s;
        s.session_id = "123";
        CHECK(is_enabled(at(73, "sessionId"), "f", s));
        CHECK_FALSE(is_enabled(at(72, "sessionId"), "f", s));
        // Custom stickiness reads a property.
        Context p;
        p.set("tenant", "123");
        CHECK(is_enabled(at(73, "tenant"), "f", p));
        CHECK_FALSE(is_enabled(at(100, "tenant"), "f", Context{}));
    }

    TEST_CASE("rollout stickiness: the users at 25% are a subset of those at 50%") {
        auto at = [](int pct) {
            return one({{"name", "f"}, {"enabled", true},
                        {"strategies", {{{"name", "flexibleRollout"},
                                         {"parameters", {{"rollout", std::to_string(pct)}, {"stickiness", "default"}}}}}}});
        };
        auto s25 = at(25), s50 = at(50);
        std::set<int> in25, in50;
        for (int i = 0; i < 10000; ++i) {
            if (is_enabled(s25, "f", user(std::to_string(i)))) in25.insert(i);
            if (is_enabled(s50, "f", user(std::to_string(i)))) in50.insert(i);
        }
        for (int i : in25) CHECK(in50.count(i) == 1);
        CHECK(in25.size() > 2200);
        CHECK(in25.size() < 2800);
        CHECK(in50.size() > 4700);
        CHECK(in50.size() < 5300);
    }

    TEST_CASE("IN and NOT_IN, with case-insensitivity and inversion") {
        Context c;
        c.set("tier", "Pro");
        json in = {{"contextName", "tier"}, {"operator", "IN"}, {"values", {"pro", "enterprise"}}};
        CHECK_FALSE(check(in, c));
        in["caseInsensitive"] = true;
        CHECK(check(in, c));
        in["inverted"] = true;
        CHECK_FALSE(check(in, c));
        json not_in = {{"contextName", "tier"}, {"operator", "NOT_IN"}, {"values", {"free"}}};
        CHECK(check(not_in, c));
        CHECK(check(not_in, Context{}));  // a missing value is not in the list
        json in_missing = {{"contextName", "tier"}, {"operator", "IN"}, {"values", {"free"}}};
        CHECK_FALSE(check(in_missing, Context{}));
        json user_in = {{"contextName", "userId"}, {"operator", "IN"}, {"values", {" 7 ", ""}}};
        CHECK(check(user_in, user("7")));  // values are trimmed
    }

    TEST_CASE("string operators") {
        Context c;
        c.set("email", "Alice@Acme.io");
        auto op = [&](const char* name, json values, bool ci = false, bool inverted = false) {
            return check({{"contextName", "email"}, {"operator", name}, {"values", values}, {"caseInsensitive", ci},
                          {"inverted", inverted}},
                         c);
        };
        CHECK(op("STR_ENDS_WITH", {"@acme.io"}) == false);
        CHECK(op("STR_ENDS_WITH", {"@acme.io"}, true));
        CHECK(op("STR_STARTS_WITH", {"Alice", "bob"}));
        CHECK(op("STR_CONTAINS", {"@Acme"}));
        CHECK(op("STR_CONTAINS", {"@Acme"}, false, true) == false);
        CHECK(op("STR_CONTAINS", {"zzz"}, false, true));
        CHECK_FALSE(check({{"contextName", "missing"}, {"operator", "STR_CONTAINS"}, {"values", {"a"}}}, c));
        // An operator the SDK does not know is false, inverted or not.
        CHECK_FALSE(check({{"contextName", "email"}, {"operator", "STR_MATCHES"}, {"values", {"a"}}}, c));
        CHECK_FALSE(check({{"contextName", "email"}, {"operator", "STR_MATCHES"}, {"values", {"a"}}, {"inverted", true}}, c));
    }

    TEST_CASE("number operators follow JavaScript's Number()") {
        Context c;
        c.set("age", "42");
        auto op = [&](const char* name, json value) {
            return check({{"contextName", "age"}, {"operator", name}, {"value", value}}, c);
        };
        CHECK(op("NUM_EQ", "42"));
        CHECK(op("NUM_EQ", 42));
        CHECK(op("NUM_EQ", "42.0"));
        CHECK(op("NUM_GT", "41.5"));
        CHECK_FALSE(op("NUM_GT", "42"));
        CHECK(op("NUM_GTE", "42"));
        CHECK(op("NUM_LT", "1e3"));
        CHECK(op("NUM_LTE", "42"));
        CHECK_FALSE(op("NUM_EQ", "abc"));
        c.set("age", "forty");
        CHECK_FALSE(op("NUM_LT", "100"));
        CHECK_FALSE(check({{"contextName", "none"}, {"operator", "NUM_LT"}, {"value", "1"}}, c));
    }

    TEST_CASE("date operators compare currentTime (or now)") {
        Context c;
        c.set("currentTime", "2026-11-22T10:00:00.000Z");
        auto op = [&](const char* name, const char* value) {
            return check({{"contextName", "currentTime"}, {"operator", name}, {"value", value}}, c);
        };
        CHECK(op("DATE_AFTER", "2026-11-22T09:59:59.999Z"));
        CHECK_FALSE(op("DATE_AFTER", "2026-11-22T10:00:00Z"));
        CHECK(op("DATE_BEFORE", "2026-11-22T10:00:00.001Z"));
        CHECK_FALSE(op("DATE_BEFORE", "not a date"));
        CHECK(check({{"contextName", "currentTime"}, {"operator", "DATE_AFTER"}, {"value", "2000-01-01T00:00:00Z"}},
                    Context{}));
    }

    TEST_CASE("semver operators") {
        Context c;
        c.set("version", "1.2.3-beta.2");
        auto op = [&](const char* name, const char* value) {
            return check({{"contextName", "version"}, {"operator", name}, {"value", value}}, c);
        };
        CHECK(op("SEMVER_LT", "1.2.3"));
        CHECK(op("SEMVER_GT", "1.2.3-beta.1"));
        CHECK(op("SEMVER_GT", "1.2.3-alpha"));
        CHECK(op("SEMVER_LT", "1.2.3-beta.11"));
        CHECK(op("SEMVER_EQ", "1.2.3-beta.2"));
        CHECK_FALSE(op("SEMVER_EQ", "1.2"));
        c.set("version", "1.02.3");
        CHECK_FALSE(op("SEMVER_GT", "0.0.1"));
        auto a = parse_semver("1.0.0-alpha"), b = parse_semver("1.0.0-alpha.1"), d = parse_semver("1.0.0-1");
        REQUIRE((a && b && d));
        CHECK(compare(*a, *b) < 0);
        CHECK(compare(*d, *a) < 0);
        CHECK(parse_semver("v2.0.0+build.7"));
    }

    TEST_CASE("REGEX with RE2's inline flags; invalid patterns are false") {
        Context c = user("User123");
        auto op = [&](const char* pattern, bool ci = false) {
            return check({{"contextName", "userId"}, {"operator", "REGEX"}, {"value", pattern}, {"caseInsensitive", ci}}, c);
        };
        CHECK(op("^User\\d{3}$"));
        CHECK_FALSE(op("^user\\d{3}$"));
        CHECK(op("^user\\d{3}$", true));
        CHECK(op("(?i)^user\\d+$"));
        CHECK(op("\\d"));
        CHECK_FALSE(op("(regex"));
        CHECK_FALSE(op("^(?=U)User"));  // look-ahead: RE2 refuses it
        // A NUL after "(?" is not an inline flag: the group stays, and RE2 refuses the pattern.
        CHECK_FALSE(check({{"contextName", "userId"}, {"operator", "REGEX"}, {"value", std::string("(?\0)User", 8)}}, c));
    }

    TEST_CASE("constraints are AND'ed, segments add theirs, a missing segment fails") {
        json feature = {{"name", "f"},
                        {"enabled", true},
                        {"strategies",
                         {{{"name", "default"},
                           {"constraints", {{{"contextName", "tier"}, {"operator", "IN"}, {"values", {"pro"}}}}},
                           {"segments", {1}}}}}};
        json segments = {{{"id", 1}, {"name", "za"}, {"constraints", {{{"contextName", "country"}, {"operator", "IN"},
                                                                         {"values", {"ZA"}}}}}}};
        auto s = one(feature, segments);
        Context c;
        c.set("tier", "pro");
        CHECK_FALSE(is_enabled(s, "f", c));
        c.set("country", "ZA");
        CHECK(is_enabled(s, "f", c));
        auto without = one(feature);
        CHECK_FALSE(is_enabled(without, "f", c));
    }

    TEST_CASE("variants: murmur3(name:user, seed 86028157) % total weight + 1 walks the weights") {
        auto three = one({{"name", "checkout"}, {"enabled", true}, {"strategies", json::array()},
                          {"variants", {variant("a", 1), variant("b", 49), variant("zero", 0), variant("c", 50)}}});
        std::set<std::string> seen;
        for (int i = 0; i < 1000; ++i) {
            std::string id = std::to_string(i);
            auto target = murmur3_32("checkout:" + id, 86028157u) % 100 + 1;
            std::string expected = target <= 1 ? "a" : target <= 50 ? "b" : "c";
            auto e = evaluate(three, "checkout", user(id));
            CHECK(e.variant.name == expected);
            CHECK(e.variant.payload == json({{"type", "string"}, {"value", "val-" + expected}}));
            CHECK(e.variant.enabled);
            CHECK(e.variant.feature_enabled);
            seen.insert(e.variant.name);
        }
        CHECK(seen == std::set<std::string>{"a", "b", "c"});
        // The bucket walk reproduces the client specification's published variant vectors
        // (08-variants, computed there with seed 0): user 2 → 1 of 2, user 0 → 2 of 2, ...
        CHECK(normalized_value("2", "Feature.Variants.B", 2) == 1u);
        CHECK(normalized_value("0", "Feature.Variants.B", 2) == 2u);
        CHECK(normalized_value("315", "Feature.Variants.C", 99) <= 33u);
        CHECK(normalized_value("320", "Feature.Variants.C", 99) > 33u);
        CHECK(normalized_value("320", "Feature.Variants.C", 99) <= 66u);
        CHECK(normalized_value("729", "Feature.Variants.C", 99) > 66u);
        CHECK(normalized_value("367", "Feature.Variants.D", 100) == 1u);
        CHECK(normalized_value("31", "Feature.Variants.D", 100) <= 50u);
        CHECK(normalized_value("19", "Feature.Variants.D", 100) > 50u);
    }

    TEST_CASE("variant overrides win; a disabled feature gives the disabled variant") {
        auto v1 = variant("variant1", 33);
        v1["overrides"] = {{{"contextName", "userId"}, {"values", {"132", "61"}}}};
        auto s = one({{"name", "o"}, {"enabled", true}, {"strategies", json::array()},
                      {"variants", {v1, variant("variant2", 33), variant("variant3", 34)}}});
        CHECK(evaluate(s, "o", user("132")).variant.name == "variant1");
        CHECK(evaluate(s, "o", user("61")).variant.name == "variant1");
        auto off = one({{"name", "o"}, {"enabled", false}, {"variants", {variant("a", 1)}}});
        auto e = evaluate(off, "o", user("1"));
        CHECK_FALSE(e.enabled);
        CHECK(e.variant.name == "disabled");
        CHECK_FALSE(e.variant.feature_enabled);
        auto on_no_variants = evaluate(one({{"name", "o"}, {"enabled", true}}), "o", user("1"));
        CHECK(on_no_variants.variant.name == "disabled");
        CHECK(on_no_variants.variant.feature_enabled);
    }

    TEST_CASE("strategy variants come before the feature's") {
        auto s = one({{"name", "f"},
                      {"enabled", true},
                      {"strategies", {{{"name", "default"}, {"variants", {variant("strat", 1)}}}}},
                      {"variants", {variant("feat", 1)}}});
        CHECK(evaluate(s, "f", user("1")).variant.name == "strat");
    }

    TEST_CASE("dependencies: parent must be on (or off), variants must match, no transitive parents") {
        json parent = {{"name", "parent"}, {"enabled", true}, {"strategies", json::array()},
                       {"variants", {variant("blue", 1)}}};
        json child = {{"name", "child"}, {"enabled", true}, {"dependencies", {{{"feature", "parent"}}}}};
        json off_child = {{"name", "off_child"}, {"enabled", true},
                          {"dependencies", {{{"feature", "parent"}, {"enabled", false}}}}};
        json blue_child = {{"name", "blue_child"}, {"enabled", true},
                           {"dependencies", {{{"feature", "parent"}, {"variants", {"blue"}}}}}};
        json red_child = {{"name", "red_child"}, {"enabled", true},
                          {"dependencies", {{{"feature", "parent"}, {"variants", {"red"}}}}}};
        json grandchild = {{"name", "grandchild"}, {"enabled", true}, {"dependencies", {{{"feature", "child"}}}}};
        json orphan = {{"name", "orphan"}, {"enabled", true}, {"dependencies", {{{"feature", "nobody"}}}}};
        auto s = parse_state({{"features", {parent, child, off_child, blue_child, red_child, grandchild, orphan}}});
        Context c = user("1");
        CHECK(is_enabled(s, "child", c));
        CHECK_FALSE(is_enabled(s, "off_child", c));
        CHECK(is_enabled(s, "blue_child", c));
        CHECK_FALSE(is_enabled(s, "red_child", c));
        CHECK_FALSE(is_enabled(s, "grandchild", c));
        CHECK_FALSE(is_enabled(s, "orphan", c));
        parent["enabled"] = false;
        auto s2 = parse_state({{"features", {parent, child, off_child}}});
        CHECK_FALSE(is_enabled(s2, "child", c));
        CHECK(is_enabled(s2, "off_child", c));
    }

    TEST_CASE("a document that is not a client-API state is refused") {
        CHECK_THROWS_AS(parse_state(json::array()), ctl::UsageError);
        CHECK_THROWS_AS(parse_state({{"features", {{{"enabled", true}}}}}), ctl::UsageError);
        // A weight no integer holds (or whose sum could overflow) is refused, not converted.
        for (json weight : {json(1e64), json(-1e64), json(9223372036854775807LL), json(1000000001)}) {
            json feature = {{"name", "f"}, {"enabled", true}, {"variants", {variant("a", 1)}}};
            feature["variants"][0]["weight"] = weight;
            CHECK_THROWS_AS(one(feature), ctl::UsageError);
        }
        json fractional = {{"name", "f"}, {"enabled", true}, {"variants", {variant("a", 1)}}};
        fractional["variants"][0]["weight"] = 2.5;
        CHECK(one(fractional).find("f")->variants.front().weight == 2);
        // A segment id that is no whole number names no segment.
        json segmented = with_constraint({{"contextName", "tier"}, {"operator", "IN"}, {"values", {"pro"}}});
        segmented["strategies"][0]["segments"] = {1e64};
        CHECK(one(segmented).find("f")->strategies.front().segments == std::vector<long long>{-1});
    }
}
