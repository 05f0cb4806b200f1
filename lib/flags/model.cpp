#include "flags/model.hpp"

#include "util/error.hpp"

#include <cctype>
#include <optional>

namespace ctl::flags {

namespace {

struct OpName {
    Operator op;
    const char* name;
};
constexpr OpName k_ops[] = {
    {Operator::in, "IN"}, {Operator::not_in, "NOT_IN"}, {Operator::str_starts_with, "STR_STARTS_WITH"},
    {Operator::str_ends_with, "STR_ENDS_WITH"}, {Operator::str_contains, "STR_CONTAINS"},
    {Operator::num_eq, "NUM_EQ"}, {Operator::num_gt, "NUM_GT"}, {Operator::num_gte, "NUM_GTE"},
    {Operator::num_lt, "NUM_LT"}, {Operator::num_lte, "NUM_LTE"}, {Operator::date_after, "DATE_AFTER"},
    {Operator::date_before, "DATE_BEFORE"}, {Operator::semver_eq, "SEMVER_EQ"}, {Operator::semver_gt, "SEMVER_GT"},
    {Operator::semver_lt, "SEMVER_LT"}, {Operator::regex, "REGEX"}};

// A JSON scalar as the SDKs see it in a string context.
std::string as_text(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
}

const nlohmann::json& member(const nlohmann::json& j, const char* key) {
    static const nlohmann::json null;
    if (!j.is_object()) return null;
    auto it = j.find(key);
    return it == j.end() ? null : *it;
}

std::string text_of(const nlohmann::json& j, const char* key) { return as_text(member(j, key)); }

std::vector<std::string> strings_of(const nlohmann::json& j) {
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& v : j) out.push_back(as_text(v));
    return out;
}

// A JSON number as a whole number, truncated like the SDKs' integer reads; nullopt when it is
// no number or beyond ±10^15 (converting 1e64 to an integer would be undefined).
std::optional<long long> whole_number(const nlohmann::json& v) {
    constexpr double limit = 1e15;
    if (!v.is_number()) return std::nullopt;
    const double d = v.get<double>();
    if (!(d >= -limit && d <= limit)) return std::nullopt;
    return v.is_number_float() ? static_cast<long long>(d) : v.get<long long>();
}

}  // namespace

Operator parse_operator(std::string_view name) {
    for (const auto& o : k_ops)
        if (name == o.name) return o.op;
    return Operator::unknown;
}

const char* operator_name(Operator op) {
    for (const auto& o : k_ops)
        if (o.op == op) return o.name;
    return "UNKNOWN";
}

const Feature* State::find(std::string_view name) const {
    auto it = features.find(name);
    return it == features.end() ? nullptr : &it->second;
}

Constraint parse_constraint(const nlohmann::json& j) {
    if (!j.is_object()) throw UsageError("a constraint must be an object", j.dump());
    Constraint c;
    c.context_name = text_of(j, "contextName");
    c.op_name = text_of(j, "operator");
    c.op = parse_operator(c.op_name);
    c.values = strings_of(member(j, "values"));
    const auto& single = member(j, "value");
    if (!single.is_null()) c.value = as_text(single);
    c.inverted = member(j, "inverted").is_boolean() && member(j, "inverted").get<bool>();
    c.case_insensitive = member(j, "caseInsensitive").is_boolean() && member(j, "caseInsensitive").get<bool>();
    // The SDKs' cleanValues(): drop empty values, trim the rest (and fold case when asked).
    for (const auto& v : c.values) {
        if (v.empty()) continue;
        auto first = v.find_first_not_of(" \t\n\r\f\v");
        auto last = v.find_last_not_of(" \t\n\r\f\v");
        std::string t = first == std::string::npos ? std::string() : v.substr(first, last - first + 1);
        if (c.case_insensitive)
            for (auto& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        c.clean_values.push_back(std::move(t));
    }
    return c;
}

std::vector<Constraint> parse_constraints(const nlohmann::json& j) {
    std::vector<Constraint> out;
    if (j.is_array())
        for (const auto& c : j) out.push_back(parse_constraint(c));
    return out;
}

Variant parse_variant(const nlohmann::json& j) {
    if (!j.is_object()) throw UsageError("a variant must be an object", j.dump());
    Variant v;
    v.name = text_of(j, "name");
    // Bounded so that no sum of weights overflows; the SDKs' weights are out of 1000.
    const auto& w = member(j, "weight");
    auto weight = w.is_number() ? whole_number(w) : 0LL;
    if (!weight || *weight < -1000000000 || *weight > 1000000000)
        throw UsageError("a variant weight must be a whole number within ±1000000000", j.dump().substr(0, 80));
    v.weight = *weight;
    v.payload = member(j, "payload");
    v.stickiness = text_of(j, "stickiness");
    const auto& overrides = member(j, "overrides");
    if (overrides.is_array())
        for (const auto& o : overrides) v.overrides.push_back({text_of(o, "contextName"), strings_of(member(o, "values"))});
    return v;
}

std::vector<Variant> parse_variants(const nlohmann::json& j) {
    std::vector<Variant> out;
    if (j.is_array())
        for (const auto& v : j) out.push_back(parse_variant(v));
    return out;
}

Strategy parse_strategy(const nlohmann::json& j) {
    if (!j.is_object()) throw UsageError("a strategy must be an object", j.dump());
    Strategy s;
    s.name = text_of(j, "name");
    const auto& params = member(j, "parameters");
    if (params.is_object())
        for (const auto& [k, v] : params.items()) s.parameters[k] = as_text(v);
    s.constraints = parse_constraints(member(j, "constraints"));
    const auto& segments = member(j, "segments");
    if (segments.is_array())
        for (const auto& id : segments) s.segments.push_back(whole_number(id).value_or(-1));
    s.variants = parse_variants(member(j, "variants"));
    return s;
}

std::vector<Strategy> parse_strategies(const nlohmann::json& j) {
    std::vector<Strategy> out;
    if (j.is_array())
        for (const auto& s : j) out.push_back(parse_strategy(s));
    return out;
}

std::vector<Dependency> parse_dependencies(const nlohmann::json& j) {
    std::vector<Dependency> out;
    if (!j.is_array()) return out;
    for (const auto& d : j) {
        Dependency dep;
        dep.feature = text_of(d, "feature");
        dep.enabled = !(member(d, "enabled").is_boolean() && !member(d, "enabled").get<bool>());
        dep.variants = strings_of(member(d, "variants"));
        out.push_back(std::move(dep));
    }
    return out;
}

Feature parse_feature(const nlohmann::json& j) {
    if (!j.is_object() || !member(j, "name").is_string())
        throw UsageError("a feature must be an object with a name", j.dump().substr(0, 80));
    Feature f;
    f.name = j["name"].get<std::string>();
    if (member(j, "type").is_string()) f.type = j["type"].get<std::string>();
    f.description = text_of(j, "description");
    f.enabled = member(j, "enabled").is_boolean() && j["enabled"].get<bool>();
    f.impression_data = member(j, "impressionData").is_boolean() && j["impressionData"].get<bool>();
    f.strategies = parse_strategies(member(j, "strategies"));
    f.variants = parse_variants(member(j, "variants"));
    f.dependencies = parse_dependencies(member(j, "dependencies"));
    return f;
}

Segment parse_segment(const nlohmann::json& j) {
    Segment s;
    const auto& id = member(j, "id");
    if (!id.is_number_integer()) throw UsageError("a segment needs an integer id", j.dump().substr(0, 80));
    s.id = id.get<long long>();
    s.name = text_of(j, "name");
    s.constraints = parse_constraints(member(j, "constraints"));
    return s;
}

State parse_state(const nlohmann::json& document) {
    if (!document.is_object() || !member(document, "features").is_array())
        throw UsageError("not an Unleash client-API state document", "expected {\"version\":..,\"features\":[..]}");
    State state;
    for (const auto& f : document["features"]) {
        auto feature = parse_feature(f);
        std::string name = feature.name;
        state.features.insert_or_assign(std::move(name), std::move(feature));
    }
    const auto& segments = member(document, "segments");
    if (segments.is_array())
        for (const auto& s : segments) {
            auto seg = parse_segment(s);
            state.segments[seg.id] = std::move(seg);
        }
    return state;
}

}  // namespace ctl::flags
