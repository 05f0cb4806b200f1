#pragma once
// Bulk actions on many users: the same change applied in batches, one audited transaction per
// batch (the triggers record each user's change). A failing batch rolls back alone; the batches
// before it stay committed, and the error says what was done and what was not. Every action is
// idempotent, so re-running after a failure is safe.

#include "db/connection.hpp"
#include "domain/user_actions.hpp"
#include "security/notes.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ctl::users {

inline constexpr const char* k_bulk_actions[] = {"suspend", "ban", "unban", "activate", "note"};

struct BulkRequest {
    std::string action;               // one of k_bulk_actions
    std::vector<std::int64_t> ids;    // in the order to apply
    std::string reason;
    std::optional<security::NotesKey> notes_key;  // note only
    std::string note;                              // note only
    std::size_t batch_size = 500;
};

struct BulkProgress {
    std::size_t total = 0;
    std::size_t done = 0;       // committed, changed or not
    std::size_t changed = 0;
    std::size_t unchanged = 0;  // already in the asked state, or deleted (skipped)
};

// Checks the request (UsageError: unknown action, note without key or text, batch size 0).
void check_bulk(const BulkRequest& request);

// Applies the action; `on_batch` is called after each committed batch. Throws ctl::Error with
// the failing batch's exit code and a message naming what was done and what was not.
BulkProgress run_bulk(db::Connection& conn, const BulkRequest& request,
                      const std::function<void(const BulkProgress&)>& on_batch);

// Ids that exist among `ids` are kept in order (duplicates dropped); the missing ones are
// returned in `missing`.
std::vector<std::int64_t> existing_ids(db::Connection& conn, const std::vector<std::int64_t>& ids,
                                       std::vector<std::int64_t>& missing);

// id, email, status of the given users (dry-run listing), in the order given.
Table describe_users(db::Connection& conn, const std::vector<std::int64_t>& ids);

}  // namespace ctl::users
