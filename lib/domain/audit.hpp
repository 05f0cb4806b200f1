#pragma once
// The audit trail: written by database triggers (migration 0002), read and verified here.

#include "db/connection.hpp"
#include "output/document.hpp"
#include "output/render.hpp"
#include "domain/users.hpp"

#include <optional>
#include <string>

namespace ctl::audit {

// Tags the transaction's changes for the audit triggers: the ctl command ("users ban") and the
// operator's --reason. Both last until the transaction ends.
void tag_change(db::Transaction& tx, std::string_view command, std::string_view reason);

struct Filter {
    std::optional<std::string> actor;
    std::optional<std::string> action;           // insert, update, delete, role.add, ...
    std::optional<std::string> entity_type;      // "users"
    std::optional<std::string> entity_id;        // "42"
    std::optional<std::string> since, until;     // RFC 3339
    std::optional<std::string> reason_contains;
    long long limit = 50;                        // 0: no limit
    std::optional<std::string> after;            // cursor
};

// "users:42" or "users" → type and optional id.
void parse_entity(std::string_view spec, Filter& filter);

// Newest first. Throws ctl::UsageError for a bad cursor.
users::Page list(db::Connection& conn, const Filter& filter);

// One row with its full before/after payloads and hashes. Throws ctl::NotFound.
std::vector<output::Section> show(db::Connection& conn, std::int64_t id);

// Streams the matching rows, oldest first, into `out` (memory stays flat). Owners only: the
// database refuses anyone else (exit 5).
void export_rows(db::Connection& conn, const Filter& filter, output::Renderer& out);

struct Verification {
    long long rows = 0;                 // rows checked
    std::optional<std::int64_t> first_broken_id;
    std::string problem;                // what is wrong with that row
    std::optional<std::int64_t> last_id;
    std::string last_hash;              // hex; record it elsewhere to detect a cut-off tail later
};

// Walks the whole chain: each row's hash must match its content and predecessor, ids must be
// gap-free. Reports the first broken row.
Verification verify(db::Connection& conn);

}  // namespace ctl::audit
