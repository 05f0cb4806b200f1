#pragma once
// The command-line forms of Unleash constraints and variants (`flags target --constraint`,
// `flags variants --add`), parsed into the JSON the client API stores.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace ctl::flags {

// "CONTEXT [NOT] OPERATOR[/i] v1,v2" → an Unleash constraint. Throws UsageError.
nlohmann::json parse_constraint_spec(std::string_view spec);

// "name:weight[:payload]" → an Unleash variant (payload JSON when it parses as an object or
// array, else a string). Throws UsageError.
nlohmann::json parse_variant_spec(std::string_view spec, const std::string& stickiness);

}  // namespace ctl::flags
