#include "domain/completion_values.hpp"

#include <algorithm>

namespace ctl::completion {

namespace {

struct Kind {
    const char* name;
    const char* sql;  // $1: the prefix
};

constexpr Kind k_kinds[] = {
    {"plans", "SELECT code FROM plans WHERE starts_with(code, $1) ORDER BY code LIMIT 500"},
    {"flags", "SELECT name FROM feature_flags WHERE starts_with(name, $1) ORDER BY name LIMIT 500"},
    {"settings", "SELECT key FROM settings WHERE starts_with(key, $1) ORDER BY key LIMIT 500"},
};

}  // namespace

const std::vector<std::string>& dynamic_kinds() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& k : k_kinds) out.emplace_back(k.name);
        return out;
    }();
    return names;
}

bool is_dynamic_kind(std::string_view kind) {
    const auto& kinds = dynamic_kinds();
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::vector<std::string> values(db::Connection& conn, std::string_view kind, std::string_view prefix) {
    for (const auto& k : k_kinds) {
        if (kind != k.name) continue;
        auto result = conn.exec(k.sql, {prefix});
        std::vector<std::string> out;
        for (int i = 0; i < result.rows(); ++i) out.emplace_back(result[i].text(0));
        return out;
    }
    return {};
}

}  // namespace ctl::completion
