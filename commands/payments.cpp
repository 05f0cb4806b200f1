// ctl payments: listing, showing and exporting payments. The commands that change payments live
// in payments_actions.cpp; register_payments() registers them all.

#include "commands/context.hpp"
#include "commands/payments_common.hpp"
#include "commands/users_common.hpp"
#include "domain/payments.hpp"
#include "domain/users.hpp"
#include "output/document.hpp"
#include "util/atomic_file.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>

namespace ctl::cli {

namespace payments_cmd {

void report(Context& ctx, const billing::ActionResult& result) {
    ctx.info(result.summary);
    users_cmd::render_record(ctx, result.columns, result.row);
}

void render_page(Context& ctx, const users::Page& page) {
    output::render(ctx.out(), ctx.render_options(), page.columns, page.rows);
    ctx.out().flush();
    if (page.next_cursor) ctx.more_rows(*page.next_cursor);
}

}  // namespace payments_cmd

namespace {

struct FilterArgs {
    std::string status, provider, user, from, to, min, max, pending_over, after, out;
    bool failed = false;
    long long limit = 50;
};

void add_filter_options(CLI::App& cmd, FilterArgs& a) {
    cmd.add_option("--status", a.status, "Only this status")
        ->check(CLI::IsMember({"pending", "succeeded", "failed", "refunded", "partially_refunded", "canceled"}));
    cmd.add_option("--provider", a.provider, "Only this provider")->check(CLI::IsMember({"stripe", "nowpayments", "manual"}));
    cmd.add_option("--user", a.user, "Only this user's payments (id, e-mail, wallet or auth-provider id)");
    cmd.add_option("--from", a.from, "Created at or after (date, time or 30d)");
    cmd.add_option("--to", a.to, "Created before (date, time or 30d)");
    cmd.add_option("--min", a.min, "Amount at least (major units, e.g. 10.00)");
    cmd.add_option("--max", a.max, "Amount at most (major units)");
    cmd.add_flag("--failed", a.failed, "Only failed payments");
    cmd.add_option("--pending-over", a.pending_over, "Only payments pending for longer than this (1h, 2d)");
}

// `conn` resolves --user: the connection the listing itself reads from.
payments::Filter filter_of(db::Connection& conn, const FilterArgs& a) {
    payments::Filter f;
    auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); };
    long long now = util::current_epoch();
    f.status = opt(a.status);
    f.provider = opt(a.provider);
    if (!a.from.empty()) f.from = util::parse_date_or_time(a.from, now);
    if (!a.to.empty()) f.to = util::parse_date_or_time(a.to, now);
    if (!a.min.empty()) f.min_cents = util::parse_money_cents(a.min);
    if (!a.max.empty()) f.max_cents = util::parse_money_cents(a.max);
    if (!a.pending_over.empty())
        f.pending_before = util::format_rfc3339_utc(now - util::parse_duration_seconds(a.pending_over));
    f.failed = a.failed;
    if (!a.user.empty()) f.user_id = users::resolve(conn, a.user);
    return f;
}

void run_export(Context& ctx, const FilterArgs& a) {
    // Exports are read-only work: the replica when one is configured (DESIGN §6).
    auto& conn = ctx.read_db();
    auto filter = filter_of(conn, a);
    auto options = ctx.render_options();
    // A table would buffer every row to fit its columns: exports are csv unless told otherwise.
    if (options.format == output::Format::table) options.format = output::Format::csv;
    options.color = false;
    ctx.allow_long_statements();
    if (a.out.empty()) {
        auto renderer = output::make_renderer(ctx.out(), options);
        payments::export_payments(conn, filter, *renderer);
        ctx.out().flush();
        return;
    }
    util::AtomicFile file(a.out);
    auto renderer = output::make_renderer(file.stream(), options);
    payments::export_payments(conn, filter, *renderer);
    file.commit();
    ctx.info("wrote " + a.out);
}

}  // namespace

void register_payments(CLI::App& root, Context& ctx) {
    auto* payments = add_command(root, "payments", "Payments, refunds, invoices, subscriptions, plans and coupons");
    payments->require_subcommand(1);

    auto largs = std::make_shared<FilterArgs>();
    auto* list = add_command(*payments, "list", "List payments, newest first");
    add_filter_options(*list, *largs);
    add_paging_options(*list, largs->limit, largs->after);
    list->callback([&ctx, largs] {
        auto f = filter_of(ctx.db(), *largs);
        f.limit = largs->limit;
        if (!largs->after.empty()) f.after = largs->after;
        payments_cmd::render_page(ctx, payments::list(ctx.db(), f));
    });

    auto ref = std::make_shared<std::string>();
    auto* show = add_command(*payments, "show", "One payment with its user, subscription, agent, refunds and invoices");
    show->add_option("PAYMENT", *ref, "Payment id or the provider's payment id")->required();
    show->callback([&ctx, ref] {
        auto options = ctx.render_options();
        output::render_document(ctx.out(), options, payments::show(ctx.db(), payments::resolve(ctx.db(), *ref)));
    });

    auto eargs = std::make_shared<FilterArgs>();
    auto* exportcmd = add_command(*payments, "export", "Stream every matching payment for accounting (csv unless -o json/ndjson/tsv)");
    add_filter_options(*exportcmd, *eargs);
    exportcmd->add_option("--out", eargs->out, "Write to this file (appears only when complete)");
    exportcmd->callback([&ctx, eargs] { run_export(ctx, *eargs); });

    payments_cmd::register_actions(*payments, ctx);
    payments_cmd::register_invoices(*payments, ctx);
    payments_cmd::register_subscriptions(*payments, ctx);
    payments_cmd::register_catalog(*payments, ctx);
    payments_cmd::register_reconcile(*payments, ctx);
}

}  // namespace ctl::cli
