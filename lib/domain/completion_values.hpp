#pragma once
// Values for shell completion that live in the database (`ctl __complete KIND PREFIX`).

#include "db/connection.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ctl::completion {

// The kinds: "plans" (plan codes), "flags" (feature flag names), "settings" (setting keys).
const std::vector<std::string>& dynamic_kinds();
bool is_dynamic_kind(std::string_view kind);

// The values of `kind` that start with `prefix`, sorted, at most 500. An unknown kind gives
// none. Throws db::DatabaseError like any query.
std::vector<std::string> values(db::Connection& conn, std::string_view kind, std::string_view prefix);

}  // namespace ctl::completion
