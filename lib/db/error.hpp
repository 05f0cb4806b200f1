#pragma once
// Database errors keep their SQLSTATE. map_database_error() is the one mapping from a failed
// libpq call to ctl's error kinds (DESIGN §5): connection failures and timeouts are
// "unavailable" (6), insufficient privilege is "permission denied" (5), unique/foreign-key/check
// violations are "conflict" (4) or "bad input" (2) with a readable message.

#include "util/error.hpp"

#include <string>

namespace ctl::db {

class DatabaseError : public ctl::Error {
public:
    DatabaseError(ExitCode code, std::string message, std::string hint, std::string sqlstate,
                  std::string detail)
        : Error(code, std::move(message), std::move(hint)),
          m_sqlstate(std::move(sqlstate)),
          m_detail(std::move(detail)) {}

    // Five-character SQLSTATE ("23505"), or empty for client-side failures (connection lost).
    const std::string& sqlstate() const noexcept { return m_sqlstate; }
    // The server's DETAIL and the failing statement, shown only with -v.
    const std::string& detail() const noexcept { return m_detail; }

private:
    std::string m_sqlstate;
    std::string m_detail;
};

}  // namespace ctl::db
