#pragma once
// The error type every layer throws. cli/main.cpp is the one place that turns it into
// "ctl: <message> (<hint>)" on stderr and an exit code (DESIGN §5).

#include <stdexcept>
#include <string>

namespace ctl {

enum class ExitCode : int {
    ok = 0,
    failure = 1,
    usage = 2,
    not_found = 3,
    conflict = 4,
    permission_denied = 5,
    unavailable = 6,
    check_failed = 10,
    interrupted = 130,
};

class Error : public std::runtime_error {
public:
    Error(ExitCode code, std::string message, std::string hint = {})
        : std::runtime_error(std::move(message)), m_code(code), m_hint(std::move(hint)) {}

    ExitCode code() const noexcept { return m_code; }
    const std::string& hint() const noexcept { return m_hint; }

private:
    ExitCode m_code;
    std::string m_hint;
};

// Shorthands for the common kinds; they read better at the throw site.
struct UsageError : Error {
    explicit UsageError(std::string message, std::string hint = {})
        : Error(ExitCode::usage, std::move(message), std::move(hint)) {}
};
struct NotFound : Error {
    explicit NotFound(std::string message, std::string hint = {})
        : Error(ExitCode::not_found, std::move(message), std::move(hint)) {}
};
struct Conflict : Error {
    explicit Conflict(std::string message, std::string hint = {})
        : Error(ExitCode::conflict, std::move(message), std::move(hint)) {}
};
struct Unavailable : Error {
    explicit Unavailable(std::string message, std::string hint = {})
        : Error(ExitCode::unavailable, std::move(message), std::move(hint)) {}
};

}  // namespace ctl
