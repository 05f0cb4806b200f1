// ctl payments plans {list create edit archive} and coupons {list create disable}.

#include "commands/payments_common.hpp"
#include "domain/catalog.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>

namespace ctl::cli::payments_cmd {

namespace {

struct PlanArgs {
    std::string plan, code, name, tier, interval, price, currency, features, quotas;
    long long trial_days = -1, agent_limit = 0;
    bool all = false;
};

struct CouponArgs {
    std::string code, amount_off, currency, duration = "once", expires;
    long long percent_off = 0, duration_months = 0, max_redemptions = 0;
    bool all = false;
};

billing::PlanFields plan_fields(const PlanArgs& a) {
    billing::PlanFields f;
    auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); };
    f.code = opt(a.code);
    f.name = opt(a.name);
    f.tier = opt(a.tier);
    f.interval = opt(a.interval);
    if (!a.currency.empty()) f.currency = util::parse_currency(a.currency);
    if (!a.price.empty()) f.price_cents = util::parse_money_cents(a.price);
    if (a.trial_days >= 0) f.trial_days = a.trial_days;
    if (a.agent_limit > 0) f.agent_limit = a.agent_limit;
    f.features = opt(a.features);
    f.quotas = opt(a.quotas);
    return f;
}

void add_plan_value_options(CLI::App& cmd, PlanArgs& a) {
    cmd.add_option("--name", a.name, "Display name");
    cmd.add_option("--price", a.price, "Price per interval in major units (19.00)");
    cmd.add_option("--currency", a.currency, "ISO currency (default USD)");
    cmd.add_option("--trial-days", a.trial_days, "Trial length in days")->check(CLI::NonNegativeNumber);
    cmd.add_option("--agent-limit", a.agent_limit, "Most agents on the plan")->check(CLI::PositiveNumber);
    cmd.add_option("--features", a.features, "Features as a JSON array");
    cmd.add_option("--quotas", a.quotas, "Quotas as a JSON object");
}
}  // namespace

void register_catalog(CLI::App& payments, Context& ctx) {
    auto* plans = add_command(payments, "plans", "Plans: price, interval, tier, features and quotas");
    plans->require_subcommand(1);
    auto pl = std::make_shared<PlanArgs>();
    auto* plist = add_command(*plans, "list", "List plans");
    plist->add_flag("--all", pl->all, "Include archived plans");
    plist->callback([&ctx, pl] { render_page(ctx, billing::list_plans(ctx.db(), pl->all)); });

    auto pc = std::make_shared<PlanArgs>();
    auto* pcreate = add_command(*plans, "create", "Create a plan");
    pcreate->add_option("--code", pc->code, "Unique code (lower-case, e.g. pro-monthly)")->required();
    pcreate->add_option("--tier", pc->tier, "Tier")->required()->check(CLI::IsMember({"matt", "pro", "enterprise"}));
    pcreate->add_option("--interval", pc->interval, "Billing interval")->required()->check(CLI::IsMember({"month", "year"}));
    add_plan_value_options(*pcreate, *pc);
    pcreate->callback([&ctx, pc] {
        const auto& reason = ctx.require_reason("payments plans create");
        report(ctx, billing::create_plan(ctx.db(), plan_fields(*pc), reason, ctx.options.dry_run));
    });

    auto pe = std::make_shared<PlanArgs>();
    auto* pedit = add_command(*plans, "edit", "Change a plan's name, price, trial, limits, features or quotas");
    pedit->add_option("PLAN", pe->plan, "Plan code or id")->required();
    add_plan_value_options(*pedit, *pe);
    pedit->callback([&ctx, pe] {
        const auto& reason = ctx.require_reason("payments plans edit");
        report(ctx, billing::edit_plan(ctx.db(), pe->plan, plan_fields(*pe), reason, ctx.options.dry_run));
    });

    auto pa = std::make_shared<PlanArgs>();
    auto* parchive = add_command(*plans, "archive", "Archive a plan: no new subscriptions; existing ones stay");
    parchive->add_option("PLAN", pa->plan, "Plan code or id")->required();
    parchive->callback([&ctx, pa] {
        const auto& reason = ctx.require_reason("payments plans archive");
        report(ctx, billing::archive_plan(ctx.db(), pa->plan, reason, ctx.options.dry_run));
    });

    auto* coupons = add_command(payments, "coupons", "Coupons: percent or amount off, duration, limits, expiry");
    coupons->require_subcommand(1);
    auto cl = std::make_shared<CouponArgs>();
    auto* clist = add_command(*coupons, "list", "List usable coupons, newest first");
    clist->add_flag("--all", cl->all, "Include disabled and expired coupons");
    clist->callback([&ctx, cl] { render_page(ctx, billing::list_coupons(ctx.db(), cl->all)); });

    auto cc = std::make_shared<CouponArgs>();
    auto* ccreate = add_command(*coupons, "create", "Create a coupon");
    ccreate->add_option("--code", cc->code, "The code customers enter")->required();
    ccreate->add_option("--percent-off", cc->percent_off, "Percent off (1-100)");
    ccreate->add_option("--amount-off", cc->amount_off, "Amount off in major units (with --currency)");
    ccreate->add_option("--currency", cc->currency, "Currency of --amount-off");
    ccreate->add_option("--duration", cc->duration, "How long it applies")
        ->check(CLI::IsMember({"once", "repeating", "forever"}))
        ->capture_default_str();
    ccreate->add_option("--duration-months", cc->duration_months, "Months, for --duration repeating");
    ccreate->add_option("--max-redemptions", cc->max_redemptions, "Most uses in all");
    ccreate->add_option("--expires", cc->expires, "Last moment it can be redeemed (date, time)");
    ccreate->callback([&ctx, cc] {
        const auto& reason = ctx.require_reason("payments coupons create");
        billing::CouponFields f;
        f.code = cc->code;
        if (cc->percent_off != 0) f.percent_off = cc->percent_off;
        if (!cc->amount_off.empty()) f.amount_off_cents = util::parse_money_cents(cc->amount_off);
        if (!cc->currency.empty()) f.currency = util::parse_currency(cc->currency);
        f.duration = cc->duration;
        if (cc->duration_months != 0) f.duration_months = cc->duration_months;
        if (cc->max_redemptions != 0) f.max_redemptions = cc->max_redemptions;
        if (!cc->expires.empty()) f.expires_at = util::parse_date_or_time(cc->expires, util::current_epoch());
        report(ctx, billing::create_coupon(ctx.db(), f, reason, ctx.options.dry_run));
    });

    auto cd = std::make_shared<CouponArgs>();
    auto* cdisable = add_command(*coupons, "disable", "Disable a coupon (subscriptions using it keep their discount)");
    cdisable->add_option("CODE", cd->code, "Coupon code")->required();
    cdisable->callback([&ctx, cd] {
        const auto& reason = ctx.require_reason("payments coupons disable");
        report(ctx, billing::disable_coupon(ctx.db(), cd->code, reason, ctx.options.dry_run));
    });
}

}  // namespace ctl::cli::payments_cmd
