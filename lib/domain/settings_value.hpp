#pragma once
// Reading one back-office setting (settings_visible: secrets masked for non-admins).

#include "db/connection.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace ctl::settings {

// The setting's JSON value, or nullopt when it is not set.
std::optional<nlohmann::json> value(db::Connection& conn, std::string_view key);

// A numeric setting, `fallback` when unset; UsageError when set to something else.
double number(db::Connection& conn, std::string_view key, double fallback);

// A string setting, empty when unset or empty.
std::string text(db::Connection& conn, std::string_view key);

}  // namespace ctl::settings
