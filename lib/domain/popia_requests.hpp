#pragma once
// POPIA / GDPR data-subject requests (DESIGN §12): access, erasure, correction, objection, each
// with a legal due date 30 days after it was received. Mutations are one audited transaction
// (dry_run rolls back). Errors: ctl::NotFound (3) for an unknown request or user, UsageError (2)
// for a bad kind, status or date, Conflict (4) when a request is already closed. Nothing is
// printed here.

#include "db/connection.hpp"
#include "domain/users.hpp"
#include "output/document.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctl::popia {

inline constexpr int k_due_days = 30;

struct RequestFilter {
    std::optional<std::string> status;  // open, in_progress, completed, rejected
    std::optional<std::string> kind;    // access, erasure, correction, objection
    std::optional<std::int64_t> user_id;
    bool overdue = false;  // still open past the due date
    long long limit = 50;  // 0: all
    std::optional<std::string> after;
};

// Most urgent first (due date, then id). `completed` also matches requests closed before the
// statuses of issue 9 (`closed`).
users::Page list_requests(db::Connection& conn, const RequestFilter& filter);

struct NewRequest {
    std::int64_t user_id = 0;
    std::string kind;
    std::optional<std::string> received;  // date or time (RFC 3339); default now
    std::optional<std::string> note;
};

// The recorded request as a one-row table (the same columns as list_requests).
struct RequestRecord {
    std::int64_t id = 0;
    std::string summary;
    std::vector<output::Column> columns;
    output::Row row;
};

RequestRecord open_request(db::Connection& conn, const NewRequest& request, std::string_view reason, bool dry_run);

// The request and its person. Throws NotFound.
std::vector<output::Section> show_request(db::Connection& conn, std::int64_t id);

// status: completed or rejected; resolution is recorded on the request (the --reason).
RequestRecord close_request(db::Connection& conn, std::int64_t id, const std::string& status,
                            std::string_view resolution, bool dry_run);

// Inside the caller's transaction: marks the linked request completed (export, erase). Throws
// NotFound, or Conflict when it is not an open request of `kind` about `user_id`.
void check_linked_request(db::Transaction& tx, std::int64_t request_id, std::int64_t user_id, std::string_view kind);
// Ends a change: rolls back and marks the summary as a dry run, or commits.
void finish(db::Transaction& tx, std::string& summary, bool dry_run);
void complete_linked_request(db::Transaction& tx, std::int64_t request_id, std::string_view resolution);

}  // namespace ctl::popia
