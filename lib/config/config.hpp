#pragma once
// Configuration with DESIGN §6 precedence: flag > environment > profile > top level of the
// config file > built-in default. A config key "section.key" is always the environment variable
// CTL_SECTION_KEY. The file is ${CTL_CONFIG:-${XDG_CONFIG_HOME:-~/.config}/ctl/config.toml}:
//
//   default_profile = "prod"
//   [devin]                      # applies to every profile
//   api_url = "https://api.devin.ai/v1"
//   [profiles.prod]
//   database_url = "postgresql://ops@db.internal/platform"
//   replica_url  = "postgresql://ops@replica.internal/platform"
//   production   = true
//   [profiles.prod.devin]
//   api_key = "..."

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ctl::config {

using Environment = std::function<std::optional<std::string>(const std::string&)>;

// Reads the process environment (empty values count as unset).
Environment process_environment();

class Config {
public:
    // Loads the config file (missing file: empty config) and selects the profile: the flag,
    // else CTL_PROFILE, else default_profile. Throws ctl::UsageError for a malformed file or an
    // unknown profile.
    static Config load(const std::optional<std::string>& profile_flag, const Environment& env);
    // The same from TOML text (tests).
    static Config from_text(std::string_view toml, const std::optional<std::string>& profile_flag,
                            const Environment& env, std::string source = "<text>");

    // A setting by dotted key, with environment > profile > top level precedence.
    std::optional<std::string> get(std::string_view key) const;
    std::string get_or(std::string_view key, std::string fallback) const;

    // The database to use: flag, CTL_DATABASE_URL, DATABASE_URL, profile's database_url;
    // nullopt means "the local instance".
    std::optional<std::string> database_url(const std::optional<std::string>& flag) const;

    const std::string& profile() const { return m_profile; }
    const std::string& source() const { return m_source; }
    bool production() const;

    static std::string env_name(std::string_view key);  // "devin.api_key" → "CTL_DEVIN_API_KEY"
    static std::string default_path(const Environment& env);

private:
    std::map<std::string, std::string> m_profile_values;  // flattened dotted keys
    std::map<std::string, std::string> m_top_values;
    Environment m_env;
    std::string m_profile;
    std::string m_source;
};

}  // namespace ctl::config
