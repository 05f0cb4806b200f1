// The TOML config file: profiles, sections, and the settings read from them.
#include "config/config.hpp"
#include "fuzz/fuzz_target.hpp"

namespace {

std::optional<std::string> no_environment(const std::string&) { return std::nullopt; }

void read_settings(const ctl::config::Config& c) {
    for (const char* key : {"database_url", "replica_url", "devin.api_key", "devin.api_url", "email.provider",
                            "flags.environment", "nowpayments.api_url", "stripe.api_key"})
        (void)c.get_or(key, "");
    (void)c.production();
    (void)c.database_url(std::nullopt);
}

}  // namespace

CTL_FUZZ_TARGET(config) {
    for (const std::optional<std::string>& profile : {std::optional<std::string>(), std::optional<std::string>("prod")}) {
        try {
            read_settings(ctl::config::Config::from_text(input, profile, no_environment, "config.toml"));
        } catch (const ctl::UsageError&) {
        }
    }
}
