#pragma once
// Runs external programs (initdb, pg_ctl) without a shell. When the caller is root and
// `as_user` is set, the child drops to that user first: PostgreSQL refuses to run as root.

#include <optional>
#include <string>
#include <vector>

namespace ctl::util {

struct ProcessResult {
    int exit_code = -1;  // -1 when killed by a signal
    std::string output;  // stdout and stderr together
};

// Runs argv[0] (an absolute path) with the given arguments and waits. Never throws for a
// non-zero exit; throws ctl::Error when the program cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::optional<std::string>& as_user = std::nullopt);

// Absolute path of `name` on PATH, or empty.
std::string find_on_path(const std::string& name);

bool running_as_root();

// The login name of the effective user ("root", "alice").
std::string current_user_name();

}  // namespace ctl::util
