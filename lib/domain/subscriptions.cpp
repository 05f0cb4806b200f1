#include "domain/subscriptions.hpp"

#include "domain/billing_query.hpp"
#include "domain/rows.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ctl::billing {

namespace {

using output::Column;
using output::Kind;
using output::Visibility;

constexpr const char* k_statuses[] = {"trialing", "active", "past_due", "paused", "canceled"};

const std::vector<Column>& subscription_kinds() {
    static const std::vector<Column> kinds = {
        {"id", Kind::integer},
        {"user_id", Kind::integer},
        {"agent_id", Kind::integer},
        {"price", Kind::money, Visibility::table_only},
        {"price_cents", Kind::integer, Visibility::machine_only},
        {"discount_cents", Kind::integer, Visibility::machine_only},
        {"currency", Kind::text, Visibility::machine_only},
        {"trial_ends_at", Kind::time},
        {"current_period_start", Kind::time, Visibility::on_request},
        {"current_period_end", Kind::time},
        {"cancel_at", Kind::time},
        {"canceled_at", Kind::time, Visibility::on_request},
        {"paused_at", Kind::time, Visibility::on_request},
        {"created_at", Kind::time, Visibility::on_request},
    };
    return kinds;
}

constexpr const char* k_columns =
    "s.id, s.user_id, u.email, pl.code AS plan, s.status, s.interval, s.agent_id, "
    "s.price_cents::text || ' ' || s.currency AS price, s.price_cents, s.discount_cents, s.currency, s.trial_ends_at, "
    "s.current_period_start, s.current_period_end, s.cancel_at, s.canceled_at, s.paused_at, s.created_at";

struct Locked {
    std::string status;
    bool trial_running = false;
    std::optional<std::string> cancel_at;
};

Locked lock_subscription(db::Transaction& tx, std::int64_t id) {
    auto r = tx.exec("SELECT status, coalesce(trial_ends_at > now(), false), cancel_at FROM subscriptions "
                     "WHERE id = $1 FOR UPDATE",
                     {id});
    if (r.empty()) throw NotFound(fmt::format("subscription {} not found", id), "see: ctl payments subscriptions list");
    return {std::string(r[0].text(0)), r[0].boolean(1), r[0].opt_text(2)};
}

// The MRR event of DESIGN §10 for the subscription's state after the change.
void record_event(db::Transaction& tx, std::int64_t id, const char* kind) {
    tx.exec("INSERT INTO subscription_events (subscription_id, user_id, plan_id, kind, status, mrr_cents, currency, "
            "effective_at) SELECT id, user_id, plan_id, $2, status, CASE WHEN status IN ('active', 'past_due') THEN "
            "CASE WHEN interval = 'year' THEN (price_cents - discount_cents) / 12 ELSE price_cents - discount_cents END "
            "ELSE 0 END, currency, now() FROM subscriptions WHERE id = $1",
            {id, kind});
}

void refuse_canceled(std::int64_t id, const Locked& s, std::string_view what) {
    if (s.status == "canceled")
        throw Conflict(fmt::format("subscription {} is canceled; it cannot be {}", id, what),
                       "a canceled subscription is final: create a new one");
}

const char* action_command(SubscriptionAction a) {
    switch (a) {
        case SubscriptionAction::pause: return "payments subscriptions pause";
        case SubscriptionAction::resume: return "payments subscriptions resume";
        default: return "payments subscriptions cancel";
    }
}

}  // namespace

users::Page list_subscriptions(db::Connection& conn, const SubscriptionFilter& f) {
    if (f.status && std::none_of(std::begin(k_statuses), std::end(k_statuses), [&](const char* s) { return *f.status == s; }))
        throw UsageError(fmt::format("unknown subscription status '{}'", *f.status),
                         "one of: trialing, active, past_due, paused, canceled");
    Clause c;
    if (f.user_id) c.conditions.push_back("s.user_id = " + c.add(*f.user_id) + "::bigint");
    if (f.status) c.conditions.push_back("s.status = " + c.add(*f.status));
    if (f.plan) c.conditions.push_back("pl.code = " + c.add(*f.plan));
    add_cursor(c, "s.created_at", "s.id", f.after);
    return keyset_page(conn,
                       fmt::format("SELECT {}, s.created_at::text AS sort_value FROM subscriptions s "
                                   "JOIN users u ON u.id = s.user_id JOIN plans pl ON pl.id = s.plan_id {} "
                                   "ORDER BY s.created_at DESC, s.id DESC",
                                   k_columns, c.where()),
                       c, subscription_kinds(), f.limit);
}

std::vector<output::Section> show_subscription(db::Connection& conn, std::int64_t id) {
    std::vector<output::Section> doc;
    auto kinds = subscription_kinds();
    for (auto& k : kinds)
        if (k.visibility != Visibility::table_only) k.visibility = Visibility::always;
    doc.push_back(domain::section_of(
        "subscription", "Subscription",
        conn.exec(fmt::format("SELECT {} FROM subscriptions s JOIN users u ON u.id = s.user_id "
                              "JOIN plans pl ON pl.id = s.plan_id WHERE s.id = $1",
                              k_columns),
                  {id}),
        kinds, true));
    if (doc.back().rows.empty()) throw NotFound(fmt::format("subscription {} not found", id));
    doc.push_back(domain::section_of(
        "events", "History",
        conn.exec("SELECT e.effective_at, e.kind, e.status, pl.code AS plan, e.mrr_cents::text || ' ' || e.currency AS mrr "
                  "FROM subscription_events e JOIN plans pl ON pl.id = e.plan_id WHERE e.subscription_id = $1 "
                  "ORDER BY e.effective_at, e.id",
                  {id}),
        {{"effective_at", Kind::time}, {"mrr", Kind::money}}));
    doc.push_back(domain::section_of(
        "payments", "Payments",
        conn.exec("SELECT p.id, p.created_at, p.amount_cents::text || ' ' || p.currency AS amount, p.status, p.provider "
                  "FROM payments p WHERE p.subscription_id = $1 ORDER BY p.created_at DESC, p.id DESC LIMIT 20",
                  {id}),
        {{"id", Kind::integer}, {"created_at", Kind::time}, {"amount", Kind::money}}));
    return doc;
}

ActionResult change_subscription(db::Connection& conn, std::int64_t id, SubscriptionAction action,
                                 std::string_view reason, bool dry_run) {
    return audited(conn, action_command(action), reason, dry_run, [&](db::Transaction& tx) {
        auto s = lock_subscription(tx, id);
        switch (action) {
            case SubscriptionAction::pause:
                if (s.status == "paused")
                    return status_change("subscription_id", id, false, fmt::format("subscription {} is already paused", id), s.status, s.status);
                refuse_canceled(id, s, "paused");
                tx.exec("UPDATE subscriptions SET status = 'paused', paused_at = now(), updated_at = now() WHERE id = $1", {id});
                record_event(tx, id, "paused");
                return status_change("subscription_id", id, true, fmt::format("paused subscription {}", id), s.status, "paused");
            case SubscriptionAction::resume: {
                refuse_canceled(id, s, "resumed");
                if (s.status != "paused")
                    return status_change("subscription_id", id, false, fmt::format("subscription {} is not paused ({})", id, s.status),
                                        s.status, s.status);
                std::string target = s.trial_running ? "trialing" : "active";
                tx.exec("UPDATE subscriptions SET status = $2, paused_at = NULL, updated_at = now() WHERE id = $1",
                        {id, target});
                record_event(tx, id, "resumed");
                return status_change("subscription_id", id, true, fmt::format("resumed subscription {} ({})", id, target), s.status, target);
            }
            case SubscriptionAction::cancel:
                if (s.status == "canceled")
                    return status_change("subscription_id", id, false, fmt::format("subscription {} is already canceled", id), s.status,
                                        s.status);
                tx.exec("UPDATE subscriptions SET status = 'canceled', canceled_at = now(), "
                        "cancel_at = coalesce(least(cancel_at, now()), now()), updated_at = now() WHERE id = $1",
                        {id});
                record_event(tx, id, "canceled");
                return status_change("subscription_id", id, true, fmt::format("canceled subscription {}", id), s.status, "canceled");
            case SubscriptionAction::cancel_at_period_end: {
                refuse_canceled(id, s, "scheduled to cancel");
                auto r = tx.exec("UPDATE subscriptions SET cancel_at = current_period_end, updated_at = now() "
                                 "WHERE id = $1 AND cancel_at IS DISTINCT FROM current_period_end RETURNING cancel_at",
                                 {id});
                bool changed = r.rows() > 0;
                return status_change("subscription_id", id, changed,
                                    changed ? fmt::format("subscription {} will cancel at the end of its period", id)
                                            : fmt::format("subscription {} already cancels at the end of its period", id),
                                    s.status, s.status);
            }
        }
        throw Error(ExitCode::failure, "unknown subscription action");
    });
}

ActionResult extend_subscription(db::Connection& conn, std::int64_t id, long long seconds, std::string_view reason,
                                 bool dry_run) {
    if (seconds <= 0) throw UsageError("the extension must be longer than 0", "e.g. 30d");
    return audited(conn, "payments subscriptions extend", reason, dry_run, [&](db::Transaction& tx) {
        auto s = lock_subscription(tx, id);
        refuse_canceled(id, s, "extended");
        auto r = tx.exec("UPDATE subscriptions SET current_period_end = current_period_end + make_interval(secs => $2::bigint), "
                         "trial_ends_at = CASE WHEN status = 'trialing' AND trial_ends_at IS NOT NULL "
                         "THEN trial_ends_at + make_interval(secs => $2::bigint) ELSE trial_ends_at END, "
                         "cancel_at = CASE WHEN cancel_at = current_period_end "
                         "THEN cancel_at + make_interval(secs => $2::bigint) ELSE cancel_at END, "
                         "updated_at = now() WHERE id = $1 RETURNING current_period_end",
                         {id, seconds});
        auto result = status_change("subscription_id", id, true, fmt::format("extended subscription {} to {}", id, r[0].text(0)), s.status,
                                   s.status);
        result.field("current_period_end", Kind::time, std::string(r[0].text(0)));
        return result;
    });
}

ActionResult change_plan(db::Connection& conn, std::int64_t id, std::string_view plan, std::string_view reason,
                         bool dry_run) {
    return audited(conn, "payments subscriptions change-plan", reason, dry_run, [&](db::Transaction& tx) {
        auto s = lock_subscription(tx, id);
        refuse_canceled(id, s, "moved to another plan");
        bool digits = !plan.empty() && std::all_of(plan.begin(), plan.end(), [](char c) { return c >= '0' && c <= '9'; });
        auto p = tx.exec(digits ? "SELECT id, code, interval, price_cents, currency, archived_at IS NOT NULL FROM plans "
                                  "WHERE id = $1::bigint"
                                : "SELECT id, code, interval, price_cents, currency, archived_at IS NOT NULL FROM plans "
                                  "WHERE code = $1",
                         {plan});
        if (p.empty()) throw NotFound(fmt::format("plan '{}' not found", plan), "see: ctl payments plans list");
        if (p[0].boolean(5)) throw Conflict(fmt::format("plan {} is archived", p[0].text(1)));
        auto cur = tx.exec("SELECT plan_id, currency FROM subscriptions WHERE id = $1", {id});
        if (cur[0].text(1) != p[0].text(4))
            throw Conflict(fmt::format("plan {} is priced in {}, the subscription in {}", p[0].text(1), p[0].text(4),
                                       cur[0].text(1)));
        std::string code(p[0].text(1));
        if (cur[0].int64(0) == p[0].int64(0)) {
            auto r = status_change("subscription_id", id, false, fmt::format("subscription {} is already on {}", id, code), s.status, s.status);
            r.field("plan", Kind::text, code);
            return r;
        }
        tx.exec("UPDATE subscriptions SET plan_id = $2, interval = $3, price_cents = $4::bigint, "
                "discount_cents = least(discount_cents, $4::bigint), updated_at = now() WHERE id = $1",
                {id, p[0].int64(0), p[0].text(2), p[0].int64(3)});
        record_event(tx, id, "plan_changed");
        auto r = status_change("subscription_id", id, true, fmt::format("moved subscription {} to {}", id, code), s.status, s.status);
        r.field("plan", Kind::text, code);
        return r;
    });
}

}  // namespace ctl::billing
