#pragma once
// Agents (issue 6): listing, one agent's whole story, and the changes support and admins make.
// Each change is one audited transaction (domain::audited_change); with dry_run it runs,
// reports and rolls back. Errors: ctl::NotFound (3), ctl::UsageError (2), ctl::Conflict (4),
// DatabaseError (5) when the operator's role may not make the change.

#include "db/connection.hpp"
#include "domain/change.hpp"
#include "domain/users.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctl::agents {

inline constexpr const char* k_statuses[] = {"pending", "deploying", "active", "failed", "cancelled", "deleted"};
inline constexpr const char* k_tiers[] = {"matt", "pro", "enterprise"};
// active: a live subscription (trialing, active, past_due) whose period ends in more than 7 days
// and that is not set to cancel; expiring: live, but ending within 7 days or set to cancel;
// expired: no live subscription.
inline constexpr const char* k_subscription_states[] = {"active", "expiring", "expired"};

struct ListFilter {
    std::optional<std::string> status, tier, subscription;
    std::optional<std::int64_t> owner;   // user id
    std::optional<std::string> search;   // fragment of the agent's name or the owner's e-mail
    long long limit = 50;                // 0: no limit
    std::optional<std::string> after;    // cursor
};

// Newest first. Throws ctl::UsageError for unknown values or a bad cursor.
users::Page list(db::Connection& conn, const ListFilter& filter);

// Throws ctl::NotFound unless `ref` is the id of an agent.
std::int64_t resolve(db::Connection& conn, const std::string& ref);

// The agent, its owner, its subscription (next billing), bot and Telegram link, verification,
// and its deployment history with durations and errors.
std::vector<output::Section> show(db::Connection& conn, std::int64_t id);

struct Edit {
    std::optional<std::string> name, purpose, tier;  // purpose "" clears it
};
domain::Change edit(db::Connection& conn, std::int64_t id, const Edit& edit, const std::string& reason, bool dry_run);

// Manual verification (bypasses the Telegram check). Idempotent.
domain::Change verify(db::Connection& conn, std::int64_t id, const std::string& reason, bool dry_run);

// Cancels the agent's live subscriptions now (status canceled, a 'canceled' subscription event
// with no MRR). Idempotent when none is live.
domain::Change cancel(db::Connection& conn, std::int64_t id, const std::string& reason, bool dry_run);

// Soft delete: status deleted, deleted_at set, live subscriptions cancelled as by cancel().
// Conflict while a deployment is in flight (cancel it first). Idempotent.
domain::Change remove(db::Connection& conn, std::int64_t id, const std::string& reason, bool dry_run);

// The agent's newest payment that can still be refunded (succeeded or partially refunded, through
// one of its subscriptions); nullopt when there is none.
std::optional<std::int64_t> refundable_payment(db::Connection& conn, std::int64_t id);

}  // namespace ctl::agents
