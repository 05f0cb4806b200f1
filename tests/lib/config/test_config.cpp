#include "config/config.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <map>

using ctl::config::Config;

namespace {

ctl::config::Environment env_of(std::map<std::string, std::string> vars) {
    return [vars](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

constexpr const char* k_file = R"toml(
default_profile = "staging"
database_url = "postgresql://top/db"
[devin]
api_url = "https://api.devin.ai/v1"
api_key = "top-key"
[profiles.staging]
database_url = "postgresql://staging/db"
[profiles.prod]
database_url = "postgresql://prod/db"
production = true
[profiles.prod.devin]
api_key = "prod-key"
)toml";

}  // namespace

TEST_SUITE("config") {
    TEST_CASE("flag beats environment beats profile beats top level") {
        auto none = env_of({});
        auto staging = Config::from_text(k_file, std::nullopt, none);
        CHECK(staging.profile() == "staging");
        CHECK(staging.database_url(std::nullopt) == "postgresql://staging/db");
        CHECK(staging.get("devin.api_key") == "top-key");
        CHECK_FALSE(staging.production());

        auto prod = Config::from_text(k_file, std::string("prod"), none);
        CHECK(prod.get("devin.api_key") == "prod-key");
        CHECK(prod.get("devin.api_url") == "https://api.devin.ai/v1");
        CHECK(prod.production());

        auto with_env = Config::from_text(k_file, std::string("prod"),
                                          env_of({{"CTL_DEVIN_API_KEY", "env-key"},
                                                  {"DATABASE_URL", "postgresql://generic/db"}}));
        CHECK(with_env.get("devin.api_key") == "env-key");
        CHECK(with_env.database_url(std::nullopt) == "postgresql://generic/db");
        auto ctl_env = Config::from_text(k_file, std::nullopt,
                                         env_of({{"CTL_DATABASE_URL", "postgresql://ctl/db"},
                                                 {"DATABASE_URL", "postgresql://generic/db"}}));
        CHECK(ctl_env.database_url(std::nullopt) == "postgresql://ctl/db");
        CHECK(ctl_env.database_url(std::string("postgresql://flag/db")) == "postgresql://flag/db");
    }

    TEST_CASE("CTL_PROFILE selects a profile; the flag wins over it") {
        auto env = env_of({{"CTL_PROFILE", "prod"}});
        CHECK(Config::from_text(k_file, std::nullopt, env).profile() == "prod");
        CHECK(Config::from_text(k_file, std::string("staging"), env).profile() == "staging");
    }

    TEST_CASE("no file and nothing set means the local instance") {
        auto c = Config::from_text("", std::nullopt, env_of({}));
        CHECK_FALSE(c.database_url(std::nullopt).has_value());
        CHECK(c.profile().empty());
        CHECK(c.get_or("devin.api_url", "default") == "default");
    }

    TEST_CASE("bad files and unknown profiles are usage errors") {
        CHECK_THROWS_AS(Config::from_text("this is = = not toml", std::nullopt, env_of({})), ctl::UsageError);
        CHECK_THROWS_AS(Config::from_text(k_file, std::string("nope"), env_of({})), ctl::UsageError);
    }

    TEST_CASE("a config key maps to one environment variable") {
        CHECK(Config::env_name("nowpayments.api_url") == "CTL_NOWPAYMENTS_API_URL");
        CHECK(Config::env_name("devin.api_key") == "CTL_DEVIN_API_KEY");
        CHECK(Config::env_name("database_url") == "CTL_DATABASE_URL");
    }
}
