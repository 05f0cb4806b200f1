// ctl payments reconcile: the provider's payments against the database's; exit 10 on differences.

#include "commands/payments_common.hpp"
#include "domain/reconcile.hpp"
#include "providers/nowpayments.hpp"
#include "providers/stripe.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>

namespace ctl::cli::payments_cmd {

namespace {

struct ReconcileArgs {
    std::string provider, from = "30d", to = "now";
    bool fix = false;
};

std::optional<std::int64_t> positive_id(const std::string& text) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

std::vector<billing::RemotePayment> fetch(Context& ctx, const std::string& provider, const std::string& from,
                                          const std::string& to) {
    http::Client client(ctx.http_options());
    std::vector<billing::RemotePayment> out;
    if (provider == "stripe") {
        auto stripe = providers::make_stripe(ctx.config(), client);
        auto epoch = [](const std::string& t) { return util::parse_timestamp(t)->epoch; };
        for (const auto& pi : stripe.list_payment_intents(epoch(from), epoch(to)))
            out.push_back({pi.id, providers::normalise_stripe_status(pi.status), pi.status, pi.amount_cents, pi.currency,
                           positive_id(pi.user_id), util::format_rfc3339_utc(pi.created), std::nullopt, std::nullopt});
        return out;
    }
    auto now = providers::make_nowpayments(ctx.config(), client);
    for (const auto& p : now.list_payments(from, to))
        out.push_back({p.payment_id, providers::normalise_nowpayments_status(p.payment_status), p.payment_status,
                       p.price_cents, p.price_currency, billing::user_of_order_id(p.order_id),
                       p.created_at.empty() ? std::nullopt : std::optional(p.created_at),
                       p.pay_amount.empty() ? std::nullopt : std::optional(p.pay_amount),
                       p.pay_currency.empty() ? std::nullopt : std::optional(p.pay_currency)});
    return out;
}

void run(Context& ctx, const ReconcileArgs& a) {
    long long now = util::current_epoch();
    auto from = util::parse_date_or_time(a.from, now);
    auto to = util::parse_date_or_time(a.to, now);
    if (util::parse_timestamp(from)->epoch >= util::parse_timestamp(to)->epoch)
        throw UsageError("--from must be before --to");
    const std::string& reason = a.fix ? ctx.require_reason("payments reconcile --fix") : ctx.options.reason;
    auto remote = fetch(ctx, a.provider, from, to);
    auto result = billing::reconcile(ctx.db(), a.provider, from, to, remote, a.fix && !ctx.options.dry_run, reason);
    output::render(ctx.out(), ctx.render_options(), result.columns, result.rows);
    ctx.out().flush();
    ctx.info(fmt::format("{}: compared {} payment(s) from {} to {}: {} difference(s){}", a.provider, result.compared,
                         from, to, result.rows.size(),
                         a.fix ? fmt::format(", {} imported", result.imported) : std::string()));
    if (!result.rows.empty())
        throw Error(ExitCode::check_failed, fmt::format("{} difference(s) with {}", result.rows.size(), a.provider),
                    a.fix ? "what could not be imported needs a look" : "--fix imports what is missing here");
}

}  // namespace

void register_reconcile(CLI::App& payments, Context& ctx) {
    auto args = std::make_shared<ReconcileArgs>();
    auto* cmd = add_command(payments, "reconcile", "Compare the provider's payments with the database (exit 10 on differences)");
    cmd->add_option("--provider", args->provider, "Which provider")->required()->check(CLI::IsMember({"nowpayments", "stripe"}));
    cmd->add_option("--from", args->from, "Created at or after (date, time or 30d)")->capture_default_str();
    cmd->add_option("--to", args->to, "Created before (date, time or now)")->capture_default_str();
    cmd->add_flag("--fix", args->fix, "Import payments missing here (audited; never deletes)");
    cmd->callback([&ctx, args] { run(ctx, *args); });
}

}  // namespace ctl::cli::payments_cmd
