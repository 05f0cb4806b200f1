#include "domain/refunds.hpp"

#include "config/config.hpp"
#include "providers/stripe.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>

namespace ctl::billing {

namespace {

using output::Kind;

struct LockedPayment {
    std::int64_t user_id = 0;
    std::string provider, provider_payment_id, currency, status;
    long long amount = 0, refunded = 0;
};

// Locks the payment row until the transaction ends: concurrent refunds queue here.
LockedPayment lock_payment(db::Transaction& tx, std::int64_t payment_id) {
    auto r = tx.exec("SELECT user_id, provider, coalesce(provider_payment_id, ''), currency, status, amount_cents, "
                     "refunded_cents FROM payments WHERE id = $1 FOR UPDATE",
                     {payment_id});
    if (r.empty()) throw NotFound(fmt::format("payment {} not found", payment_id), "see: ctl payments list");
    return {r[0].int64(0), std::string(r[0].text(1)), std::string(r[0].text(2)), std::string(r[0].text(3)),
            std::string(r[0].text(4)), r[0].int64(5), r[0].int64(6)};
}

// Refund statuses that commit money back to the customer (count towards refunded_cents).
bool counts(const std::string& status) {
    return status == "succeeded" || status == "pending" || status == "requires_action" || status == "manual";
}

}  // namespace

ActionResult refund_payment(db::Connection& conn, const RefundRequest& req, const config::Config& cfg,
                            http::Client& client) {
    if (req.reason.empty())
        throw UsageError(req.command + " requires --reason", "say why, e.g. --reason \"ticket 123\"");
    if (req.amount_cents && *req.amount_cents <= 0)
        throw UsageError("the refund amount must be above 0", "e.g. --amount 10.00, or no --amount for a full refund");
    std::string provider_failure;
    auto result = audited(conn, req.command, req.reason, req.dry_run, [&](db::Transaction& tx) {
        auto p = lock_payment(tx, req.payment_id);
        if (req.amount_cents && *req.amount_cents > p.amount)
            throw UsageError(fmt::format("a refund of {} exceeds payment {} of {}",
                                         util::format_money(*req.amount_cents, p.currency), req.payment_id,
                                         util::format_money(p.amount, p.currency)),
                             "refund at most the payment's amount");
        long long left = p.amount - p.refunded;
        if (p.status == "refunded" || left <= 0)
            throw Conflict(fmt::format("payment {} is already refunded", req.payment_id),
                           "see its refunds: ctl payments show " + std::to_string(req.payment_id));
        if (p.status != "succeeded" && p.status != "partially_refunded")
            throw Conflict(fmt::format("payment {} is {}; only a succeeded payment can be refunded", req.payment_id,
                                       p.status));
        long long amount = req.amount_cents.value_or(left);
        if (amount > left)
            throw Conflict(fmt::format("only {} of payment {} is left to refund", util::format_money(left, p.currency),
                                       req.payment_id),
                           "refund at most what is left");
        long long ordinal = tx.exec("SELECT count(*) + 1 FROM refunds WHERE payment_id = $1", {req.payment_id})[0].int64(0);
        std::string key = fmt::format("ctl-refund-{}-{}", req.payment_id, ordinal);
        bool manual = p.provider != "stripe";
        std::string status = manual ? "manual" : "pending";
        std::string provider_refund_id;
        if (!manual && !req.dry_run) {
            if (p.provider_payment_id.empty())
                throw Conflict(fmt::format("payment {} has no Stripe payment id to refund", req.payment_id));
            auto stripe = providers::make_stripe(cfg, client);
            auto refund = stripe.create_refund(p.provider_payment_id, amount, req.reason,
                                               {{"ctl_payment_id", std::to_string(req.payment_id)},
                                                {"ctl_refund", key}},
                                               key);
            status = refund.status;
            provider_refund_id = refund.id;
        }
        // An unknown status from the provider must still fit the CHECK constraint.
        if (!counts(status) && status != "failed" && status != "canceled") status = "pending";
        auto inserted = tx.exec(
            "INSERT INTO refunds (payment_id, user_id, amount_cents, currency, status, reason, provider_refund_id, "
            "idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            {req.payment_id, p.user_id, amount, p.currency, status, req.reason,
             provider_refund_id.empty() ? db::Param() : db::Param(provider_refund_id), key});
        long long refunded = p.refunded;
        std::string payment_status = p.status;
        if (counts(status)) {
            refunded += amount;
            payment_status = refunded >= p.amount ? "refunded" : "partially_refunded";
            tx.exec("UPDATE payments SET refunded_cents = $2, status = $3, updated_at = now() WHERE id = $1",
                    {req.payment_id, refunded, payment_status});
        } else {
            provider_failure = fmt::format("Stripe did not refund payment {}: refund {} is {}", req.payment_id,
                                           provider_refund_id, status);
        }
        ActionResult r;
        r.changed = counts(status);
        r.summary = manual ? fmt::format("recorded a manual refund of {} for payment {} ({}): pay it out by hand",
                                         util::format_money(amount, p.currency), req.payment_id, p.provider)
                           : fmt::format("refunded {} of payment {} through Stripe ({})",
                                         util::format_money(amount, p.currency), req.payment_id, status);
        r.field("payment_id", Kind::integer, std::to_string(req.payment_id))
            .field("refund_id", Kind::integer, std::string(inserted[0].text(0)))
            .field("amount", Kind::money, money_cell(amount, p.currency))
            .field("status", Kind::text, status)
            .field("provider", Kind::text, p.provider)
            .field("provider_refund_id", Kind::text,
                   provider_refund_id.empty() ? output::Cell::null() : output::Cell(provider_refund_id))
            .field("idempotency_key", Kind::text, key)
            .field("manual", Kind::boolean, manual ? "true" : "false")
            .field("payment_status", Kind::text, payment_status)
            .field("refunded", Kind::money, money_cell(refunded, p.currency));
        return r;
    });
    if (!provider_failure.empty()) throw Error(ExitCode::failure, provider_failure, "the refund is recorded with that status");
    return result;
}

}  // namespace ctl::billing
