#include "flags/evaluate.hpp"

#include "flags/murmur3.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <random>

namespace ctl::flags {

namespace {

struct StrategyResult {
    bool enabled = false;
    std::optional<VariantResult> variant;
};

// What an SDK uses when it has no stickiness value: Math.round(Math.random() * 10000) + 1.
std::string random_id() {
    thread_local std::mt19937 rng{std::random_device{}()};
    return std::to_string(std::uniform_int_distribution<int>(1, 10001)(rng));
}

// JavaScript's s.split(/\s*,\s*/): whitespace around each comma goes, the ends stay.
std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == ',') {
            auto part = s.substr(start, i - start);
            if (i < s.size())
                while (!part.empty() && std::isspace(static_cast<unsigned char>(part.back()))) part.remove_suffix(1);
            if (start > 0)
                while (!part.empty() && std::isspace(static_cast<unsigned char>(part.front()))) part.remove_prefix(1);
            out.emplace_back(part);
            start = i + 1;
        }
    return out;
}

std::string param(const Strategy& s, const char* key) {
    auto it = s.parameters.find(key);
    return it == s.parameters.end() ? std::string() : it->second;
}

double percentage_of(const std::string& text) {
    try {
        std::size_t used = 0;
        double v = std::stod(text, &used);
        return used == text.size() ? v : 0;
    } catch (...) {
        return 0;
    }
}

std::optional<std::uint32_t> ipv4(std::string_view text) {
    in_addr a{};
    if (inet_pton(AF_INET, std::string(text).c_str(), &a) != 1) return std::nullopt;
    return ntohl(a.s_addr);
}

// Exact match, or an IPv4 CIDR range containing the address (as the SDKs' ip library).
bool address_matches(const std::string& range, std::string_view address) {
    if (range == address) return true;
    auto slash = range.find('/');
    if (slash == std::string::npos) return false;
    auto net = ipv4(std::string_view(range).substr(0, slash));
    auto ip = ipv4(address);
    int bits = -1;
    try {
        bits = std::stoi(range.substr(slash + 1));
    } catch (...) {
    }
    if (!net || !ip || bits < 0 || bits > 32) return false;
    std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
    return (*net & mask) == (*ip & mask);
}

std::optional<std::string> stickiness_value(const Context& ctx, const std::string& stickiness) {
    if (stickiness.empty() || stickiness == "default") {
        for (const auto* v : {&ctx.user_id, &ctx.session_id})
            if (!v->empty()) return *v;
        return random_id();
    }
    if (stickiness == "random") return random_id();
    if (stickiness == "userId") return ctx.user_id.empty() ? std::nullopt : std::optional(ctx.user_id);
    if (stickiness == "sessionId") return ctx.session_id.empty() ? std::nullopt : std::optional(ctx.session_id);
    auto v = ctx.value_of(stickiness);
    return v ? std::optional(std::string(*v)) : std::nullopt;
}

bool strategy_matches(const Strategy& s, const Feature& feature, const Context& ctx) {
    const auto& name = s.name;
    if (name == "default") return true;
    if (name == "userWithId") {
        if (ctx.user_id.empty()) return false;
        auto ids = split_list(param(s, "userIds"));
        return std::find(ids.begin(), ids.end(), ctx.user_id) != ids.end();
    }
    if (name == "flexibleRollout") {
        auto group = param(s, "groupId");
        if (group.empty()) group = feature.name;
        auto stickiness = param(s, "stickiness");
        auto id = stickiness_value(ctx, stickiness.empty() ? "default" : stickiness);
        if (!id) return false;
        double pct = percentage_of(param(s, "rollout"));
        return pct > 0 && normalized_value(*id, group, 100) <= pct;
    }
    if (name == "gradualRolloutUserId" || name == "gradualRolloutSessionId") {
        const auto& id = name == "gradualRolloutUserId" ? ctx.user_id : ctx.session_id;
        if (id.empty()) return false;
        double pct = percentage_of(param(s, "percentage"));
        return pct > 0 && normalized_value(id, param(s, "groupId"), 100) <= pct;
    }
    if (name == "gradualRolloutRandom") {
        double pct = percentage_of(param(s, "percentage"));
        thread_local std::mt19937 rng{std::random_device{}()};
        return pct > 0 && std::uniform_int_distribution<int>(1, 100)(rng) <= pct;
    }
    if (name == "remoteAddress") {
        auto ips = param(s, "IPs");
        if (ips.empty() || ctx.remote_address.empty()) return false;
        for (const auto& range : split_list(ips))
            if (address_matches(range, ctx.remote_address)) return true;
        return false;
    }
    if (name == "applicationHostname") {
        std::string hosts = param(s, "hostNames");
        for (auto& c : hosts) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto list = split_list(hosts);
        return std::find(list.begin(), list.end(), ctx.hostname) != list.end();
    }
    return false;  // a strategy this SDK does not know
}

bool constraints_hold(const Strategy& s, const State& state, const Context& ctx) {
    for (const auto& c : s.constraints)
        if (!check_constraint(c, ctx)) return false;
    for (long long id : s.segments) {
        auto it = state.segments.find(id);
        if (it == state.segments.end()) return false;
        for (const auto& c : it->second.constraints)
            if (!check_constraint(c, ctx)) return false;
    }
    return true;
}

bool override_matches(const Variant& v, const Context& ctx) {
    for (const auto& o : v.overrides) {
        auto value = ctx.value_of(o.context_name);
        if (value && std::find(o.values.begin(), o.values.end(), *value) != o.values.end()) return true;
    }
    return false;
}

const Variant* select_variant(std::string_view group_id, const std::vector<Variant>& variants, const Context& ctx) {
    long long total = 0;
    for (const auto& v : variants) total += v.weight;
    if (total <= 0) return nullptr;
    for (const auto& v : variants)
        if (override_matches(v, ctx)) return &v;
    auto seed = stickiness_value(ctx, variants.front().stickiness);
    std::string id = seed ? *seed : random_id();
    auto target = normalized_value(id, group_id, static_cast<std::uint32_t>(total), k_variant_seed);
    long long counter = 0;
    for (const auto& v : variants) {
        if (v.weight == 0) continue;
        counter += v.weight;
        if (counter >= static_cast<long long>(target)) return &v;
    }
    return nullptr;
}

VariantResult variant_of(const Variant& v) { return {v.name, true, true, v.payload}; }

bool feature_enabled(const State& state, const Feature& feature, const Context& ctx);

StrategyResult feature_result(const State& state, const Feature& feature, const Context& ctx);

bool dependencies_satisfied(const State& state, const Feature& feature, const Context& ctx) {
    for (const auto& dep : feature.dependencies) {
        const Feature* parent = state.find(dep.feature);
        if (!parent || !parent->dependencies.empty()) return false;
        if (dep.enabled) {
            if (!dep.variants.empty()) {
                auto e = evaluate(state, dep.feature, ctx);
                if (!(e.variant.feature_enabled &&
                      std::find(dep.variants.begin(), dep.variants.end(), e.variant.name) != dep.variants.end()))
                    return false;
            } else if (!feature_enabled(state, *parent, ctx)) {
                return false;
            }
        } else if (feature_enabled(state, *parent, ctx)) {
            return false;
        }
    }
    return true;
}

StrategyResult feature_result(const State& state, const Feature& feature, const Context& ctx) {
    if (!dependencies_satisfied(state, feature, ctx)) return {};
    if (!feature.enabled) return {};
    if (feature.strategies.empty()) return {true, std::nullopt};
    for (const auto& s : feature.strategies) {
        if (!constraints_hold(s, state, ctx) || !strategy_matches(s, feature, ctx)) continue;
        StrategyResult r{true, std::nullopt};
        if (!s.variants.empty()) {
            auto group = param(s, "groupId");
            if (group.empty()) group = feature.name;
            if (const Variant* v = select_variant(group, s.variants, ctx)) r.variant = variant_of(*v);
        }
        return r;
    }
    return {};
}

bool feature_enabled(const State& state, const Feature& feature, const Context& ctx) {
    return feature_result(state, feature, ctx).enabled;
}

}  // namespace

void assign_context(Context& context, std::string_view assignment) {
    auto eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0)
        throw UsageError(fmt::format("bad --context '{}'", assignment), "KEY=VALUE, e.g. tier=pro");
    context.set(std::string(assignment.substr(0, eq)), std::string(assignment.substr(eq + 1)));
}

void Context::set(const std::string& key, std::string value) {
    if (key == "userId") user_id = std::move(value);
    else if (key == "sessionId") session_id = std::move(value);
    else if (key == "remoteAddress") remote_address = std::move(value);
    else if (key == "environment") environment = std::move(value);
    else if (key == "appName") app_name = std::move(value);
    else if (key == "currentTime") current_time = std::move(value);
    else properties[key] = std::move(value);
}

std::optional<std::string_view> Context::value_of(std::string_view field) const {
    const std::string* top = field == "userId"          ? &user_id
                             : field == "sessionId"     ? &session_id
                             : field == "remoteAddress" ? &remote_address
                             : field == "environment"   ? &environment
                             : field == "appName"       ? &app_name
                             : field == "currentTime"   ? &current_time
                                                        : nullptr;
    if (top && !top->empty()) return std::string_view(*top);
    auto it = properties.find(field);
    if (it != properties.end() && !it->second.empty()) return std::string_view(it->second);
    return std::nullopt;
}

Evaluation evaluate(const State& state, std::string_view name, const Context& ctx) {
    Evaluation e;
    const Feature* feature = state.find(name);
    if (!feature) return e;
    auto r = feature_result(state, *feature, ctx);
    e.enabled = r.enabled;
    e.variant.feature_enabled = r.enabled;
    if (!r.enabled) return e;
    if (r.variant) {
        e.variant = *r.variant;
        return e;
    }
    if (feature->variants.empty()) return e;
    if (const Variant* v = select_variant(feature->name, feature->variants, ctx)) e.variant = variant_of(*v);
    return e;
}

bool is_enabled(const State& state, std::string_view name, const Context& ctx) {
    const Feature* feature = state.find(name);
    return feature && feature_enabled(state, *feature, ctx);
}

nlohmann::json to_json(const Evaluation& e) {
    return {{"enabled", e.enabled},
            {"variant",
             {{"name", e.variant.name},
              {"enabled", e.variant.enabled},
              {"feature_enabled", e.variant.feature_enabled},
              {"payload", e.variant.payload}}}};
}

}  // namespace ctl::flags
