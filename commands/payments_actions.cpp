// ctl payments: the commands that change payments (refund, manual, mark-paid, retry).

#include "commands/payments_common.hpp"
#include "domain/payment_actions.hpp"
#include "domain/payments.hpp"
#include "domain/refunds.hpp"
#include "domain/users.hpp"
#include "util/parse.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace ctl::cli::payments_cmd {

namespace {

struct RefundArgs {
    std::string payment, amount;
};

struct ManualArgs {
    std::string user, amount, currency, provider = "manual", reference, description;
    std::int64_t subscription = 0;
};

void run_refund(Context& ctx, const RefundArgs& a) {
    billing::RefundRequest req;
    req.reason = ctx.require_reason("payments refund");
    if (!a.amount.empty()) req.amount_cents = util::parse_money_cents(a.amount);
    req.dry_run = ctx.options.dry_run;
    req.payment_id = payments::resolve(ctx.db(), a.payment);
    if (!req.dry_run)
        ctx.confirm(req.amount_cents ? fmt::format("refund {} of payment {}?", a.amount, req.payment_id)
                                     : fmt::format("refund payment {} in full?", req.payment_id));
    http::Client client(ctx.http_options());
    report(ctx, billing::refund_payment(ctx.db(), req, ctx.config(), client));
}

void run_manual(Context& ctx, const ManualArgs& a) {
    billing::ManualPayment m;
    const auto& reason = ctx.require_reason("payments manual");
    m.amount_cents = util::parse_money_cents(a.amount);
    m.currency = util::parse_currency(a.currency);
    m.provider = a.provider;
    m.reference = a.reference;
    m.description = a.description;
    if (a.subscription > 0) m.subscription_id = a.subscription;
    m.user_id = users::resolve(ctx.db(), a.user);
    report(ctx, billing::record_manual_payment(ctx.db(), m, reason, ctx.options.dry_run));
}

}  // namespace

void register_actions(CLI::App& payments, Context& ctx) {
    auto rargs = std::make_shared<RefundArgs>();
    auto* refund = add_command(payments, "refund", "Refund a payment, in full or in part (--reason required)");
    refund->add_option("PAYMENT", rargs->payment, "Payment id or the provider's payment id")->required();
    refund->add_option("--amount", rargs->amount, "Refund only this much (major units, e.g. 10.00); default: what is left");
    refund->callback([&ctx, rargs] { run_refund(ctx, *rargs); });

    auto margs = std::make_shared<ManualArgs>();
    auto* manual = add_command(payments, "manual", "Record a payment received outside the providers (support case entry)");
    manual->add_option("--user", margs->user, "Who paid (id, e-mail, wallet or auth-provider id)")->required();
    manual->add_option("--amount", margs->amount, "Amount in major units (49.00)")->required();
    manual->add_option("--currency", margs->currency, "ISO currency (USD)")->required();
    manual->add_option("--provider", margs->provider, "Where the money came in")
        ->check(CLI::IsMember({"manual", "stripe", "nowpayments"}))
        ->capture_default_str();
    manual->add_option("--reference", margs->reference, "The bank's or provider's id of the payment")->required();
    manual->add_option("--subscription", margs->subscription, "The user's subscription it pays for");
    manual->add_option("--description", margs->description, "What it was for");
    manual->callback([&ctx, margs] { run_manual(ctx, *margs); });

    auto pref = std::make_shared<std::string>();
    auto* mark = add_command(payments, "mark-paid", "Mark a pending or failed payment as paid (--reason required)");
    mark->add_option("PAYMENT", *pref, "Payment id or the provider's payment id")->required();
    mark->callback([&ctx, pref] {
        const auto& reason = ctx.require_reason("payments mark-paid");
        auto id = payments::resolve(ctx.db(), *pref);
        report(ctx, billing::mark_paid(ctx.db(), id, reason, ctx.options.dry_run));
    });

    auto tref = std::make_shared<std::string>();
    auto* retry = add_command(payments, "retry", "Collect a failed Stripe payment again (idempotent)");
    retry->add_option("PAYMENT", *tref, "Payment id or the provider's payment id")->required();
    retry->callback([&ctx, tref] {
        auto id = payments::resolve(ctx.db(), *tref);
        http::Client client(ctx.http_options());
        report(ctx, billing::retry_payment(ctx.db(), id, ctx.options.reason, ctx.options.dry_run, ctx.config(), client));
    });
}

}  // namespace ctl::cli::payments_cmd
