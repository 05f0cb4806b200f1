#pragma once
// Unleash evaluation, rule for rule as the official SDKs do it: a disabled feature or an unmet
// parent dependency is off; no strategies means on; strategies are OR'ed, each strategy's
// constraints (its own and its segments') AND'ed; rollouts place murmur3("<groupId>:<id>") % 100 + 1
// against the percentage; variants use seed 86028157 modulo the total weight, overrides first.
// Where an SDK would draw a random number (no stickiness value), a random one is drawn here too.

#include "flags/model.hpp"

#include <map>
#include <optional>
#include <string>

namespace ctl::flags {

struct Context {
    std::string user_id, session_id, remote_address, environment = "default", app_name, current_time;
    std::map<std::string, std::string, std::less<>> properties;
    std::string hostname;  // applicationHostname strategy: this machine's name unless set

    // Sets a top-level field (userId, sessionId, remoteAddress, environment, appName, currentTime)
    // or else a property.
    void set(const std::string& key, std::string value);
    // Unleash's resolveContextValue: the top-level field, else the property; nullopt when empty.
    std::optional<std::string_view> value_of(std::string_view field) const;
};

struct VariantResult {
    std::string name = "disabled";
    bool enabled = false;
    bool feature_enabled = false;
    nlohmann::json payload;  // null when none
};

struct Evaluation {
    bool enabled = false;
    VariantResult variant;
};

// One --context argument, "KEY=VALUE", applied with Context::set. Throws ctl::UsageError when
// there is no '=' or the key is empty.
void assign_context(Context& context, std::string_view assignment);

// The feature's answer for the context. An unknown feature is off with the "disabled" variant.
Evaluation evaluate(const State& state, std::string_view feature, const Context& context);
bool is_enabled(const State& state, std::string_view feature, const Context& context);

// One constraint against the context (exposed for tests).
bool check_constraint(const Constraint& constraint, const Context& context);

// JSON as printed by `ctl flags eval -o json`.
nlohmann::json to_json(const Evaluation& e);

}  // namespace ctl::flags
