// `flags eval --context KEY=VALUE`: one assignment per input line, then every feature of a
// document that uses each strategy and constraint operator is evaluated against that context,
// so the values reach the number, date, semver, regex and IP parsers of the evaluation.
#include "flags/evaluate.hpp"
#include "flags/model.hpp"
#include "fuzz/fuzz_target.hpp"

namespace {

const char* const k_state = R"({"version": 1, "features": [
 {"name": "ops", "enabled": true, "strategies": [{"name": "default", "constraints": [
   {"contextName": "tier", "operator": "IN", "values": ["pro", "enterprise"]},
   {"contextName": "email", "operator": "STR_ENDS_WITH", "values": ["@x.io"], "caseInsensitive": true},
   {"contextName": "email", "operator": "STR_STARTS_WITH", "values": ["ops"]},
   {"contextName": "email", "operator": "STR_CONTAINS", "values": ["@"], "inverted": true}]}]},
 {"name": "numbers", "enabled": true, "strategies": [{"name": "default", "constraints": [
   {"contextName": "seats", "operator": "NUM_GT", "value": "10"},
   {"contextName": "seats", "operator": "NUM_LTE", "value": "1e3"},
   {"contextName": "seats", "operator": "NUM_EQ", "value": "0x10"}]}]},
 {"name": "dates", "enabled": true, "strategies": [{"name": "default", "constraints": [
   {"contextName": "currentTime", "operator": "DATE_AFTER", "value": "2026-01-01T00:00:00Z"},
   {"contextName": "signup", "operator": "DATE_BEFORE", "value": "2026-06-01T00:00:00.123Z"}]}]},
 {"name": "versions", "enabled": true, "strategies": [{"name": "default", "constraints": [
   {"contextName": "appVersion", "operator": "SEMVER_GT", "value": "1.2.3-beta.1"},
   {"contextName": "appVersion", "operator": "SEMVER_LT", "value": "10.0.0"},
   {"contextName": "appVersion", "operator": "SEMVER_EQ", "value": "2.0.0+build"}]}]},
 {"name": "patterns", "enabled": true, "strategies": [{"name": "default", "constraints": [
   {"contextName": "email", "operator": "REGEX", "value": "(?i)^[a-z0-9._%+-]+@(x|y)\\.io$"},
   {"contextName": "region", "operator": "REGEX", "value": "^(eu|us)-(west|east)-[0-9]+$"}]}]},
 {"name": "rollout", "enabled": true, "strategies": [
   {"name": "flexibleRollout", "parameters": {"rollout": "50", "stickiness": "tenant", "groupId": "rollout"}},
   {"name": "remoteAddress", "parameters": {"IPs": "10.0.0.0/8, 192.168.1.1, ::1"}},
   {"name": "applicationHostname", "parameters": {"hostNames": "web-1,web-2"}},
   {"name": "userWithId", "parameters": {"userIds": "1,2,3"}},
   {"name": "gradualRolloutSessionId", "parameters": {"percentage": "30", "groupId": "g"}}],
  "variants": [
   {"name": "blue", "weight": 500, "stickiness": "tenant",
    "overrides": [{"contextName": "userId", "values": ["7"]}], "payload": {"type": "json", "value": "{}"}},
   {"name": "green", "weight": 500, "stickiness": "default"}]},
 {"name": "child", "enabled": true, "dependencies": [{"feature": "rollout", "variants": ["blue"]}],
  "strategies": [{"name": "default", "segments": [1]}]}],
 "segments": [{"id": 1, "name": "big", "constraints": [
   {"contextName": "seats", "operator": "NUM_GTE", "value": "100"}]}]})";

const ctl::flags::State& state() {
    static const ctl::flags::State s = ctl::flags::parse_state(nlohmann::json::parse(k_state));
    return s;
}

}  // namespace

CTL_FUZZ_TARGET(context) {
    ctl::flags::Context context;
    context.hostname = "web-1";
    std::size_t start = 0;
    while (start <= input.size()) {
        auto end = input.find('\n', start);
        if (end == std::string_view::npos) end = input.size();
        try {
            ctl::flags::assign_context(context, input.substr(start, end - start));
        } catch (const ctl::UsageError&) {
        }
        start = end + 1;
    }
    for (const auto& [name, feature] : state().features) {
        auto e = ctl::flags::evaluate(state(), name, context);
        CTL_FUZZ_CHECK(e.enabled || e.variant.name == "disabled");
        (void)ctl::flags::to_json(e).dump();
    }
}
