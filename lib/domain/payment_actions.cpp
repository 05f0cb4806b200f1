#include "domain/payment_actions.hpp"

#include "config/config.hpp"
#include "providers/stripe.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>

namespace ctl::billing {

namespace {

using output::Kind;

struct Locked {
    std::string provider, provider_payment_id, status, currency;
    long long amount = 0;
    long long updated_epoch = 0;
};

Locked lock_payment(db::Transaction& tx, std::int64_t payment_id) {
    auto r = tx.exec("SELECT provider, coalesce(provider_payment_id, ''), status, currency, amount_cents, "
                     "floor(extract(epoch FROM updated_at))::bigint FROM payments WHERE id = $1 FOR UPDATE",
                     {payment_id});
    if (r.empty()) throw NotFound(fmt::format("payment {} not found", payment_id), "see: ctl payments list");
    return {std::string(r[0].text(0)), std::string(r[0].text(1)), std::string(r[0].text(2)),
            std::string(r[0].text(3)), r[0].int64(4), r[0].int64(5)};
}

}  // namespace

ActionResult record_manual_payment(db::Connection& conn, const ManualPayment& m, std::string_view reason,
                                   bool dry_run) {
    if (m.amount_cents <= 0) throw UsageError("the amount must be above 0", "e.g. --amount 49.00");
    if (m.provider != "manual" && m.provider != "stripe" && m.provider != "nowpayments")
        throw UsageError(fmt::format("unknown provider '{}'", m.provider), "one of: manual, stripe, nowpayments");
    if (m.reference.empty()) throw UsageError("a manual payment needs --reference", "the bank's or provider's id");
    return audited(conn, "payments manual", reason, dry_run, [&](db::Transaction& tx) {
        if (m.subscription_id) {
            auto s = tx.exec("SELECT 1 FROM subscriptions WHERE id = $1 AND user_id = $2", {*m.subscription_id, m.user_id});
            if (s.empty())
                throw NotFound(fmt::format("subscription {} of user {} not found", *m.subscription_id, m.user_id));
        }
        auto dup = tx.exec("SELECT id FROM payments WHERE provider = $1 AND provider_payment_id = $2",
                           {m.provider, m.reference});
        if (!dup.empty())
            throw Conflict(fmt::format("{} payment '{}' is already recorded as payment {}", m.provider, m.reference,
                                       dup[0].text(0)),
                           "see: ctl payments show " + std::string(dup[0].text(0)));
        auto r = tx.exec(
            "INSERT INTO payments (user_id, subscription_id, provider, provider_payment_id, amount_cents, currency, "
            "status, provider_status, description, paid_at) VALUES ($1, $2, $3, $4, $5, $6, 'succeeded', 'manual', "
            "$7, now()) RETURNING id",
            {m.user_id, m.subscription_id, m.provider, m.reference, m.amount_cents, m.currency,
             m.description.empty() ? db::Param() : db::Param(m.description)});
        ActionResult a;
        a.changed = true;
        a.summary = fmt::format("recorded payment {} of {} for user {}", r[0].text(0),
                                util::format_money(m.amount_cents, m.currency), m.user_id);
        a.field("payment_id", Kind::integer, std::string(r[0].text(0)))
            .field("user_id", Kind::integer, std::to_string(m.user_id))
            .field("amount", Kind::money, money_cell(m.amount_cents, m.currency))
            .field("provider", Kind::text, m.provider)
            .field("provider_payment_id", Kind::text, m.reference)
            .field("status", Kind::text, "succeeded");
        return a;
    });
}

ActionResult mark_paid(db::Connection& conn, std::int64_t payment_id, std::string_view reason, bool dry_run) {
    return audited(conn, "payments mark-paid", reason, dry_run, [&](db::Transaction& tx) {
        auto p = lock_payment(tx, payment_id);
        if (p.status == "succeeded")
            return status_change("payment_id", payment_id, false, fmt::format("payment {} is already paid", payment_id), p.status,
                                 p.status);
        if (p.status != "pending" && p.status != "failed")
            throw Conflict(fmt::format("payment {} is {}; only a pending or failed payment can be marked paid",
                                       payment_id, p.status));
        tx.exec("UPDATE payments SET status = 'succeeded', paid_at = now(), failure_reason = NULL, updated_at = now() "
                "WHERE id = $1",
                {payment_id});
        return status_change("payment_id", payment_id, true, fmt::format("marked payment {} paid", payment_id), p.status,
                             "succeeded");
    });
}

ActionResult retry_payment(db::Connection& conn, std::int64_t payment_id, std::string_view reason, bool dry_run,
                           const config::Config& cfg, http::Client& client) {
    std::string still_failed;
    auto result = audited(conn, "payments retry", reason, dry_run, [&](db::Transaction& tx) {
        auto p = lock_payment(tx, payment_id);
        if (p.provider != "stripe" || p.provider_payment_id.rfind("pi_", 0) != 0)
            throw Conflict(fmt::format("payment {} is not a Stripe payment intent; only those can be retried", payment_id),
                           "record money received otherwise with: ctl payments mark-paid");
        if (p.status == "succeeded")
            return status_change("payment_id", payment_id, false, fmt::format("payment {} is already paid", payment_id),
                                 p.status, p.status);
        if (p.status != "failed")
            throw Conflict(fmt::format("payment {} is {}; only a failed payment can be retried", payment_id, p.status));
        if (dry_run)
            return status_change("payment_id", payment_id, true, fmt::format("would retry payment {} at Stripe", payment_id), p.status,
                                 p.status);
        auto stripe = providers::make_stripe(cfg, client);
        auto intent = stripe.confirm_payment_intent(p.provider_payment_id,
                                                    fmt::format("ctl-retry-{}-{}", payment_id, p.updated_epoch));
        std::string status = intent.status == "succeeded"    ? "succeeded"
                             : intent.status == "processing" ? "pending"
                                                              : "failed";
        tx.exec("UPDATE payments SET status = $2, provider_status = $3, failure_reason = $4, "
                "paid_at = CASE WHEN $2 = 'succeeded' THEN now() ELSE paid_at END, updated_at = now() WHERE id = $1",
                {payment_id, status, intent.status,
                 status == "failed" ? db::Param(intent.last_error.value_or(intent.status)) : db::Param()});
        if (status == "failed")
            still_failed = fmt::format("Stripe could not collect payment {}: {}", payment_id,
                                       intent.last_error.value_or(intent.status));
        return status_change("payment_id", payment_id, status != "failed",
                             fmt::format("retried payment {} at Stripe: {}", payment_id, intent.status), p.status,
                             status);
    });
    if (!still_failed.empty()) throw Error(ExitCode::failure, still_failed, "the failure is recorded on the payment");
    return result;
}

}  // namespace ctl::billing
