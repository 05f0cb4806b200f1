#pragma once
// The Unleash client-API model: features with strategies, constraints, segments, variants and
// dependencies, parsed once from a state document ({"version":..,"features":[..],"segments":[..]})
// so that evaluation does no JSON lookups. Parsing is lenient where the SDKs are (missing fields
// take their defaults) and strict where a typo would silently change answers (ctl::UsageError).

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ctl::flags {

enum class Operator {
    in, not_in, str_starts_with, str_ends_with, str_contains, num_eq, num_gt, num_gte, num_lt, num_lte,
    date_after, date_before, semver_eq, semver_gt, semver_lt, regex, unknown
};
Operator parse_operator(std::string_view name);  // unknown for names the SDKs do not know
const char* operator_name(Operator op);

struct Constraint {
    std::string context_name;
    Operator op = Operator::unknown;
    std::string op_name;  // as given (kept for export)
    std::vector<std::string> values;
    std::vector<std::string> clean_values;  // trimmed, empty ones dropped, lower-cased if case_insensitive
    std::optional<std::string> value;  // single-value operators
    bool inverted = false;
    bool case_insensitive = false;
};

struct Override {
    std::string context_name;
    std::vector<std::string> values;
};

struct Variant {
    std::string name;
    long long weight = 0;
    nlohmann::json payload;  // null or {"type":..,"value":..}
    std::string stickiness;  // "" means default
    std::vector<Override> overrides;
};

struct Strategy {
    std::string name;
    std::map<std::string, std::string> parameters;  // values as strings, like the SDKs read them
    std::vector<Constraint> constraints;
    std::vector<long long> segments;
    std::vector<Variant> variants;
};

struct Dependency {
    std::string feature;
    bool enabled = true;
    std::vector<std::string> variants;
};

struct Feature {
    std::string name, type = "release", description;
    bool enabled = false;
    bool impression_data = false;
    std::vector<Strategy> strategies;
    std::vector<Variant> variants;
    std::vector<Dependency> dependencies;
};

struct Segment {
    long long id = 0;
    std::string name;
    std::vector<Constraint> constraints;
};

struct State {
    std::map<std::string, Feature, std::less<>> features;
    std::map<long long, Segment> segments;
    const Feature* find(std::string_view name) const;
};

Constraint parse_constraint(const nlohmann::json& j);
std::vector<Constraint> parse_constraints(const nlohmann::json& j);
Variant parse_variant(const nlohmann::json& j);
std::vector<Variant> parse_variants(const nlohmann::json& j);
Strategy parse_strategy(const nlohmann::json& j);
std::vector<Strategy> parse_strategies(const nlohmann::json& j);
std::vector<Dependency> parse_dependencies(const nlohmann::json& j);
Feature parse_feature(const nlohmann::json& j);
Segment parse_segment(const nlohmann::json& j);
// A whole client-API document. Throws ctl::UsageError when it is not one.
State parse_state(const nlohmann::json& document);

}  // namespace ctl::flags
