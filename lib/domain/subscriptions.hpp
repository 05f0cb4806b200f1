#pragma once
// Subscriptions (issue 5) and their state machine:
//
//   trialing ─┬─> active ─┬─> past_due ─┐
//             │           │             │
//   pause: trialing, active, past_due → paused;   resume: paused → active (trialing while the
//   trial lasts);   cancel: any but canceled → canceled (now), or --at-period-end sets cancel_at
//   and keeps the status;   extend and change-plan: any but canceled.
//
// A canceled subscription is final: every change but a repeated cancel exits 4 (Conflict). A
// change already in effect (pausing a paused subscription) exits 0 with changed = false. Each
// status or plan change appends a subscription_events row with the MRR it contributes from then
// on (DESIGN §10: monthly price less the recurring discount, yearly ÷ 12; 0 unless active or
// past_due), in the same audited transaction.

#include "db/connection.hpp"
#include "domain/billing.hpp"
#include "domain/users.hpp"
#include "output/document.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ctl::billing {

struct SubscriptionFilter {
    std::optional<std::int64_t> user_id;
    std::optional<std::string> status;
    std::optional<std::string> plan;  // plan code
    long long limit = 50;
    std::optional<std::string> after;
};

// Newest first. UsageError for an unknown status or a bad cursor.
users::Page list_subscriptions(db::Connection& conn, const SubscriptionFilter& filter);

// The subscription with its user, plan, agent, events and payments. NotFound.
std::vector<output::Section> show_subscription(db::Connection& conn, std::int64_t id);

enum class SubscriptionAction { pause, resume, cancel, cancel_at_period_end };

ActionResult change_subscription(db::Connection& conn, std::int64_t id, SubscriptionAction action,
                                 std::string_view reason, bool dry_run);

// Moves current_period_end (and trial_ends_at while trialing) `seconds` later (> 0).
ActionResult extend_subscription(db::Connection& conn, std::int64_t id, long long seconds, std::string_view reason,
                                 bool dry_run);

// Moves the subscription to another unarchived plan (by code or id) in the same currency: its
// price and interval follow the plan; the recurring discount is kept up to the new price.
ActionResult change_plan(db::Connection& conn, std::int64_t id, std::string_view plan, std::string_view reason,
                         bool dry_run);

}  // namespace ctl::billing
