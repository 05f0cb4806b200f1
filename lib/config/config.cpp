#include "config/config.hpp"

#include "util/error.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace ctl::config {

namespace {

// Flattens scalars of a TOML table into dotted keys; nested tables recurse except "profiles".
void flatten(const toml::table& table, const std::string& prefix, std::map<std::string, std::string>& out,
             bool skip_profiles) {
    for (const auto& [k, node] : table) {
        std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (skip_profiles && prefix.empty() && k.str() == "profiles") continue;
        if (auto sub = node.as_table()) {
            flatten(*sub, key, out, false);
        } else if (auto s = node.as_string()) {
            out[key] = s->get();
        } else if (auto i = node.as_integer()) {
            out[key] = std::to_string(i->get());
        } else if (auto b = node.as_boolean()) {
            out[key] = b->get() ? "true" : "false";
        } else if (auto f = node.as_floating_point()) {
            std::ostringstream os;
            os << f->get();
            out[key] = os.str();
        }
    }
}

std::string fmt_config_error(const std::string& source, unsigned line, unsigned column,
                             std::string_view what) {
    return "config file " + source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
           std::string(what);
}

}  // namespace

Environment process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        if (!v || !*v) return std::nullopt;
        return std::string(v);
    };
}

std::string Config::env_name(std::string_view key) {
    std::string out = "CTL_";
    for (char c : key) out += (c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string Config::default_path(const Environment& env) {
    if (auto p = env("CTL_CONFIG")) return *p;
    if (auto x = env("XDG_CONFIG_HOME")) return *x + "/ctl/config.toml";
    if (auto h = env("HOME")) return *h + "/.config/ctl/config.toml";
    return "";
}

Config Config::load(const std::optional<std::string>& profile_flag, const Environment& env) {
    std::string path = default_path(env);
    std::ifstream in(path);
    if (path.empty() || !in) {
        if (env("CTL_CONFIG")) throw UsageError("cannot read config file " + path, "check CTL_CONFIG");
        return from_text("", profile_flag, env, path);
    }
    std::stringstream buf;
    buf << in.rdbuf();
    return from_text(buf.str(), profile_flag, env, path);
}

Config Config::from_text(std::string_view text, const std::optional<std::string>& profile_flag,
                         const Environment& env, std::string source) {
    Config c;
    c.m_env = env;
    c.m_source = std::move(source);
    toml::table table;
    try {
        table = toml::parse(text, c.m_source);
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        throw UsageError(fmt_config_error(c.m_source, where.line, where.column, e.description()));
    }
    flatten(table, "", c.m_top_values, true);
    std::optional<std::string> profile = profile_flag;
    if (!profile) profile = env("CTL_PROFILE");
    if (!profile) {
        if (auto d = table["default_profile"].value<std::string>()) profile = *d;
    }
    if (profile) {
        auto* p = table["profiles"][*profile].as_table();
        if (!p) throw UsageError("unknown profile '" + *profile + "'", "profiles are [profiles.NAME] in " + c.m_source);
        flatten(*p, "", c.m_profile_values, false);
        c.m_profile = *profile;
    }
    return c;
}

std::optional<std::string> Config::get(std::string_view key) const {
    if (auto v = m_env(env_name(key))) return v;
    std::string k(key);
    if (auto it = m_profile_values.find(k); it != m_profile_values.end()) return it->second;
    if (auto it = m_top_values.find(k); it != m_top_values.end()) return it->second;
    return std::nullopt;
}

std::string Config::get_or(std::string_view key, std::string fallback) const {
    auto v = get(key);
    return v ? *v : std::move(fallback);
}

std::optional<std::string> Config::database_url(const std::optional<std::string>& flag) const {
    if (flag && !flag->empty()) return flag;
    if (auto v = m_env("CTL_DATABASE_URL")) return v;
    if (auto v = m_env("DATABASE_URL")) return v;
    if (auto it = m_profile_values.find("database_url"); it != m_profile_values.end()) return it->second;
    if (auto it = m_top_values.find("database_url"); it != m_top_values.end()) return it->second;
    return std::nullopt;
}

bool Config::production() const {
    auto v = get("production");
    return v && (*v == "true" || *v == "1" || *v == "yes");
}

}  // namespace ctl::config
