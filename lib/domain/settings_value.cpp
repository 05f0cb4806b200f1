#include "domain/settings_value.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

namespace ctl::settings {

std::optional<nlohmann::json> value(db::Connection& conn, std::string_view key) {
    auto r = conn.exec("SELECT value FROM settings_visible WHERE key = $1", {key});
    if (r.empty()) return std::nullopt;
    return r[0].json(0);
}

double number(db::Connection& conn, std::string_view key, double fallback) {
    auto v = value(conn, key);
    if (!v) return fallback;
    if (v->is_number()) return v->get<double>();
    throw UsageError(fmt::format("setting {} is not a number: {}", key, v->dump()),
                     fmt::format("ctl flags settings set {} NUMBER", key));
}

std::string text(db::Connection& conn, std::string_view key) {
    auto v = value(conn, key);
    if (!v || v->is_null()) return {};
    return v->is_string() ? v->get<std::string>() : v->dump();
}

}  // namespace ctl::settings
