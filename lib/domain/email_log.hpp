#pragma once
// Reading email_log: what ctl sent, to whom, and how it went.

#include "db/connection.hpp"
#include "domain/email_templates.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ctl::email {

inline constexpr const char* k_log_statuses[] = {"queued", "sent", "failed", "bounced"};

struct LogFilter {
    std::optional<std::int64_t> user_id;
    std::optional<std::string> status;    // one of k_log_statuses
    std::optional<std::string> template_name;
    std::optional<std::string> since;     // RFC 3339
    long long limit = 50;                 // 0: all
    std::optional<std::string> after;     // cursor
};

struct LogPage {
    TableRows table;
    std::optional<std::string> next_cursor;
};

// Newest first. UsageError for an unknown status or a bad cursor.
LogPage log(db::Connection& conn, const LogFilter& filter);

}  // namespace ctl::email
