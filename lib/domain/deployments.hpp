#pragma once
// Deployments: one Devin session per attempt of deploying an agent (issue 6). The allowed
// status transitions are defined once, in the database (ctl_deployment_transition_allowed,
// migration 0006), and enforced there by a trigger: queued → running | failed | cancelled,
// running → succeeded | failed | cancelled | expired; a finished deployment never changes, and
// at most one attempt of an agent is in flight. Every change is one audited transaction.
// Errors: ctl::NotFound (3), ctl::Conflict (4) when the state forbids the change, DatabaseError
// (5) when the operator's role may not make it; provider errors as providers/devin.hpp says.

#include "db/connection.hpp"
#include "domain/change.hpp"
#include "domain/users.hpp"
#include "providers/devin.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctl::deployments {

inline constexpr const char* k_statuses[] = {"queued", "running", "succeeded", "failed", "cancelled", "expired"};

// Asks the database's definition. Throws ctl::UsageError for an unknown status.
bool transition_allowed(db::Connection& conn, const std::string& from, const std::string& to);

struct Deployment {
    std::int64_t id = 0, agent_id = 0, user_id = 0;
    int attempt = 0;
    std::string status;
    std::optional<std::string> session_id;
};

// Throws ctl::NotFound.
Deployment load(db::Connection& conn, std::int64_t id);
// The agent's newest attempt, if it has any. Throws ctl::NotFound for an unknown agent.
std::optional<Deployment> latest_of_agent(db::Connection& conn, std::int64_t agent_id);
// "42" → deployment 42's session; anything else is taken as a session id. Throws NotFound
// when the deployment has no session yet.
std::string session_of(db::Connection& conn, const std::string& session_or_deployment);
// The deployment that ran `session_id`, if ctl knows it.
std::optional<Deployment> by_session(db::Connection& conn, const std::string& session_id);

struct QueueFilter {
    long long limit = 20;                // rows per part
    long long recent_seconds = 86400;    // failed and completed within this window
};
// The deployment queue, one row per deployment with its part: pending (queued, oldest first),
// running (with elapsed seconds), failed and completed (newest first, within the window).
users::Page queue(db::Connection& conn, const QueueFilter& filter);

// Starts a new attempt for `agent_id`: a queued row (attempt n+1) in one transaction, then
// POST /sessions (idempotent, the agent's deployment prompt), then running with the session id
// in a second. When Devin refuses or cannot be reached the attempt is marked failed with the
// error, and the error is rethrown. Conflict while an attempt is in flight or the agent is
// deleted. With dry_run nothing is sent and nothing kept.
domain::Change start_attempt(db::Connection& conn, providers::DevinClient* devin, std::int64_t agent_id,
                             const std::string& command, const std::string& reason, bool dry_run);

// DELETE /sessions/{id} (when it has one) then cancelled. Idempotent for a cancelled one;
// Conflict for another finished one.
domain::Change cancel(db::Connection& conn, providers::DevinClient* devin, std::int64_t id,
                      const std::string& reason, bool dry_run);

// Sets a finished status by hand: "succeeded" (bot_username recorded on the agent too) or
// "failed" (error = reason). Idempotent when already so.
domain::Change set_status(db::Connection& conn, std::int64_t id, const std::string& status,
                          const std::optional<std::string>& bot_username, const std::string& reason, bool dry_run);

// Applies what Devin says of the session to its deployment: finished with a bot username →
// succeeded; finished without one → failed; expired → expired; anything else (working, blocked,
// values Devin adds later) leaves it running. Idempotent.
domain::Change apply_session(db::Connection& conn, std::int64_t id, const providers::DevinSession& session,
                             const std::string& command, const std::string& reason);

// Ids of the deployments running with a session, oldest first.
std::vector<std::int64_t> running_ids(db::Connection& conn);

// Devin's sessions (paged with limit/offset), newest first, joined with the deployments that
// ran them. status: keep only this status_enum; since: RFC 3339, stop at older ones.
users::Page sessions(db::Connection& conn, providers::DevinClient& devin, const std::optional<std::string>& status,
                     const std::optional<std::string>& since, long long limit);

// Appends a table-only column `name` holding the seconds of column `seconds_column` for people
// ("12m 05s"; empty when NULL).
void append_duration(std::vector<output::Column>& columns, std::vector<output::Row>& rows,
                     const std::string& seconds_column, const std::string& name);

// A session as one record (parsed result included) and its messages as a table.
std::vector<output::Section> session_document(db::Connection& conn, const providers::DevinSession& session);
users::Page session_messages(const providers::DevinSession& session);

}  // namespace ctl::deployments
