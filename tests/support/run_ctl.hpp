#pragma once
// Runs the built ctl binary as a user would, capturing stdout, stderr and the exit code.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ctl::testing {

struct CtlRun {
    int exit_code = -1;  // 128 + signal when killed
    std::string out;
    std::string err;
    nlohmann::json json() const { return nlohmann::json::parse(out); }
};

// Runs `ctl args...` with a clean environment: CTL_DATABASE_URL from `conninfo` (omitted when
// empty), a private CTL_HOME and XDG_CONFIG_HOME, NO_COLOR, plus `env` overrides.
CtlRun run_ctl(const std::vector<std::string>& args, const std::string& conninfo = {},
               const std::map<std::string, std::string>& env = {}, const std::string& stdin_data = {});

}  // namespace ctl::testing
