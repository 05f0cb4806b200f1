// ctl payments subscriptions: list, show, extend, cancel, pause, resume, change-plan.

#include "commands/payments_common.hpp"
#include "domain/subscriptions.hpp"
#include "domain/users.hpp"
#include "util/parse.hpp"

#include <CLI/CLI.hpp>

namespace ctl::cli::payments_cmd {

namespace {

struct ListArgs {
    std::string user, status, plan, after;
    long long limit = 50;
};

struct ChangeArgs {
    std::int64_t id = 0;
    std::string value;
    bool at_period_end = false;
};

CLI::Option* add_id(CLI::App& cmd, ChangeArgs& a) {
    return cmd.add_option("SUBSCRIPTION", a.id, "Subscription id")->required()->check(CLI::PositiveNumber);
}

}  // namespace

void register_subscriptions(CLI::App& payments, Context& ctx) {
    auto* subs = add_command(payments, "subscriptions", "Subscriptions and their state machine");
    subs->require_subcommand(1);

    auto largs = std::make_shared<ListArgs>();
    auto* list = add_command(*subs, "list", "List subscriptions, newest first");
    list->add_option("--user", largs->user, "Only this user's subscriptions");
    list->add_option("--status", largs->status, "Only this status")
        ->check(CLI::IsMember({"trialing", "active", "past_due", "paused", "canceled"}));
    list->add_option("--plan", largs->plan, "Only this plan (code)");
    add_paging_options(*list, largs->limit, largs->after);
    list->callback([&ctx, largs] {
        billing::SubscriptionFilter f;
        if (!largs->user.empty()) f.user_id = users::resolve(ctx.db(), largs->user);
        if (!largs->status.empty()) f.status = largs->status;
        if (!largs->plan.empty()) f.plan = largs->plan;
        f.limit = largs->limit;
        if (!largs->after.empty()) f.after = largs->after;
        render_page(ctx, billing::list_subscriptions(ctx.db(), f));
    });

    auto sargs = std::make_shared<ChangeArgs>();
    auto* show = add_command(*subs, "show", "One subscription with its history and payments");
    add_id(*show, *sargs);
    show->callback([&ctx, sargs] {
        auto options = ctx.render_options();
        output::render_document(ctx.out(), options, billing::show_subscription(ctx.db(), sargs->id));
    });

    auto eargs = std::make_shared<ChangeArgs>();
    auto* extend = add_command(*subs, "extend", "Move the end of the current period (and a running trial) later");
    add_id(*extend, *eargs);
    extend->add_option("DURATION", eargs->value, "How much longer (30d, 2w)")->required();
    extend->callback([&ctx, eargs] {
        const auto& reason = ctx.require_reason("payments subscriptions extend");
        auto seconds = util::parse_duration_seconds(eargs->value);
        report(ctx, billing::extend_subscription(ctx.db(), eargs->id, seconds, reason, ctx.options.dry_run));
    });

    auto cargs = std::make_shared<ChangeArgs>();
    auto* cancel = add_command(*subs, "cancel", "Cancel now, or at the end of the current period");
    add_id(*cancel, *cargs);
    cancel->add_flag("--at-period-end", cargs->at_period_end, "Keep it until the period ends, then cancel");
    cancel->callback([&ctx, cargs] {
        const auto& reason = ctx.require_reason("payments subscriptions cancel");
        if (!cargs->at_period_end && !ctx.options.dry_run)
            ctx.confirm("cancel subscription " + std::to_string(cargs->id) + " now?");
        auto action = cargs->at_period_end ? billing::SubscriptionAction::cancel_at_period_end
                                           : billing::SubscriptionAction::cancel;
        report(ctx, billing::change_subscription(ctx.db(), cargs->id, action, reason, ctx.options.dry_run));
    });

    for (auto [name, action, help] :
         {std::tuple{"pause", billing::SubscriptionAction::pause, "Pause billing and access"},
          std::tuple{"resume", billing::SubscriptionAction::resume, "Resume a paused subscription"}}) {
        auto args = std::make_shared<ChangeArgs>();
        auto* cmd = add_command(*subs, name, help);
        add_id(*cmd, *args);
        cmd->callback([&ctx, args, action = action, name = std::string(name)] {
            const auto& reason = ctx.require_reason("payments subscriptions " + name);
            report(ctx, billing::change_subscription(ctx.db(), args->id, action, reason, ctx.options.dry_run));
        });
    }

    auto pargs = std::make_shared<ChangeArgs>();
    auto* change = add_command(*subs, "change-plan", "Move the subscription to another plan");
    add_id(*change, *pargs);
    change->add_option("PLAN", pargs->value, "Plan code or id")->required();
    change->callback([&ctx, pargs] {
        const auto& reason = ctx.require_reason("payments subscriptions change-plan");
        report(ctx, billing::change_plan(ctx.db(), pargs->id, pargs->value, reason, ctx.options.dry_run));
    });
}

}  // namespace ctl::cli::payments_cmd
