#pragma once
// Changes to one user (issue 4). Each call is one transaction tagged for the audit triggers with
// the ctl command and --reason (audit::tag_change); with dry_run it runs, reports and rolls back.
// Errors: ctl::NotFound (3) for an unknown user, ctl::UsageError (2) for bad values,
// ctl::Conflict (4) when the user's state forbids the change, DatabaseError with exit 5 when the
// operator's role may not make it. Nothing is printed here.

#include "db/connection.hpp"
#include "output/document.hpp"
#include "security/notes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::users {

// What a change did: a one-line summary for stderr and a record for stdout.
struct ActionResult {
    std::int64_t user_id = 0;
    std::string email;
    bool changed = false;  // false: already in the asked state (exit 0)
    std::string summary;   // "banned alice@acme.io" / "alice@acme.io is already banned"
    std::vector<output::Column> columns;
    output::Row row;
};

enum class StatusAction { ban, unban, suspend, activate };
// "ban" → StatusAction::ban; throws ctl::UsageError for anything else.
StatusAction parse_status_action(std::string_view name);
const char* status_action_name(StatusAction action);

// Ban, unban, suspend or activate. Banning or suspending also revokes the user's active
// impersonation tokens. A deleted user cannot change status (Conflict).
ActionResult change_status(db::Connection& conn, std::int64_t user_id, StatusAction action, std::string_view reason,
                           bool dry_run);
// The same inside the caller's transaction (bulk runs many in one transaction).
ActionResult change_status_in(db::Transaction& tx, std::int64_t user_id, StatusAction action,
                              std::string_view reason);

struct ProfileEdit {
    std::optional<std::string> name, email, company, phone;  // "" clears name, company, phone
};
// Throws UsageError for a malformed e-mail or when nothing is given; Conflict (from the
// database's unique constraint) when the e-mail belongs to another user.
ActionResult edit_profile(db::Connection& conn, std::int64_t user_id, const ProfileEdit& edit,
                          std::string_view reason, bool dry_run);
// Syntax only: local@domain.tld, no spaces, at most 320 characters.
bool is_valid_email(std::string_view email);

// Soft delete: status deleted, deleted_at set, active impersonations revoked (idempotent).
// hard: removes the row and everything that cascades; Conflict when the user has payments.
ActionResult delete_user(db::Connection& conn, std::int64_t user_id, bool hard, std::string_view reason,
                         bool dry_run);

// Encrypts `text` with `key` and stores it; the database never sees the plaintext.
ActionResult add_note(db::Connection& conn, std::int64_t user_id, const security::NotesKey& key,
                      std::string_view text, std::string_view reason, bool dry_run);

struct Table {
    std::vector<output::Column> columns;
    std::vector<output::Row> rows;
};
// Notes, oldest first: id, created_at, author, key_id, readable, note. Without a key (or with
// another key) `note` is NULL and readable false: the notes are shown to exist.
Table notes(db::Connection& conn, std::int64_t user_id, const std::optional<security::NotesKey>& key);

// Adds (delta > 0) or removes (delta < 0) credits. Removing more than the user has is a
// Conflict; the database refuses a support operator's grant above support.credit_limit (5).
ActionResult change_credits(db::Connection& conn, std::int64_t user_id, long long delta, std::string_view reason,
                            bool dry_run);

// Moves trial_ends_at `seconds` later, counted from now when the trial already ended (or none).
ActionResult extend_trial(db::Connection& conn, std::int64_t user_id, long long seconds, std::string_view reason,
                          bool dry_run);

// Sets users.plan. Active (or past-due, trialing) subscriptions move to the unarchived plan of
// the new tier with the same interval and currency, with a 'plan_changed' subscription event
// carrying the new MRR. Conflict when no such plan exists, or for "free" while a subscription
// is live (cancel it first).
ActionResult set_plan(db::Connection& conn, std::int64_t user_id, const std::string& plan, std::string_view reason,
                      bool dry_run);

struct QuotaChange {
    std::optional<long long> minutes, agents, api_calls;
};
// "minutes=1000" "agents=5" "api_calls=20000" → QuotaChange; UsageError otherwise.
QuotaChange parse_quota(const std::vector<std::string>& assignments);
ActionResult set_quota(db::Connection& conn, std::int64_t user_id, const QuotaChange& quota, std::string_view reason,
                       bool dry_run);

// Newest first. since: RFC 3339. limit >= 1.
Table activity(db::Connection& conn, std::int64_t user_id, const std::optional<std::string>& type,
               const std::optional<std::string>& since, long long limit);
Table logins(db::Connection& conn, std::int64_t user_id, long long limit);

}  // namespace ctl::users
