// ctl agents: listing and inspecting agents, and the changes support and admins make to them.

#include "commands/devin_common.hpp"
#include "domain/agents.hpp"
#include "domain/deployments.hpp"
#include "domain/refunds.hpp"
#include "domain/users.hpp"
#include "output/document.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace ctl::cli {

namespace {

struct ListArgs {
    std::string status, tier, owner, subscription, search, after;
    long long limit = 50;
};

struct EditArgs {
    std::string id, name, purpose, tier;
};

template <std::size_t N>
std::vector<std::string> members(const char* const (&values)[N]) {
    return {std::begin(values), std::end(values)};
}

std::optional<std::string> opt(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

void run_list(Context& ctx, const ListArgs& a) {
    agents::ListFilter f;
    f.status = opt(a.status);
    f.tier = opt(a.tier);
    f.subscription = opt(a.subscription);
    f.search = opt(a.search);
    f.limit = a.limit;
    f.after = opt(a.after);
    if (!a.owner.empty()) f.owner = users::resolve(ctx.db(), a.owner);
    auto options = ctx.render_options();
    auto page = agents::list(ctx.db(), f);
    output::render(ctx.out(), options, page.columns, page.rows);
    ctx.out().flush();
    if (page.next_cursor) ctx.more_rows(*page.next_cursor);
}

CLI::Option* add_agent(CLI::App& cmd, std::string& ref) { return cmd.add_option("AGENT", ref, "Agent id")->required(); }

}  // namespace

void register_agents(CLI::App& root, Context& ctx) {
    auto* group = add_command(root, "agents", "List, inspect, fix and redeploy agents");
    group->require_subcommand(1);

    auto la = std::make_shared<ListArgs>();
    auto* list = add_command(*group, "list", "List agents, newest first");
    list->add_option("--status", la->status, "Only this status")->check(CLI::IsMember(members(agents::k_statuses)));
    list->add_option("--tier", la->tier, "Only this tier")->check(CLI::IsMember(members(agents::k_tiers)));
    list->add_option("--owner", la->owner, "Only this user's agents (id, e-mail, wallet or provider id)");
    list->add_option("--subscription", la->subscription, "active, expiring (within 7 days or set to cancel) or expired")
        ->check(CLI::IsMember(members(agents::k_subscription_states)));
    list->add_option("--search", la->search, "Fragment of the agent's name or the owner's e-mail");
    add_paging_options(*list, la->limit, la->after);
    list->callback([&ctx, la] { run_list(ctx, *la); });

    auto show_ref = std::make_shared<std::string>();
    auto* show = add_command(*group, "show", "Everything about one agent: owner, subscription, bot, deployments");
    add_agent(*show, *show_ref);
    show->callback([&ctx, show_ref] {
        auto options = ctx.render_options();
        output::render_document(ctx.out(), options, agents::show(ctx.db(), agents::resolve(ctx.db(), *show_ref)));
    });

    auto ea = std::make_shared<EditArgs>();
    auto* edit = add_command(*group, "edit", "Change an agent's name, purpose or tier");
    add_agent(*edit, ea->id);
    auto* o_name = edit->add_option("--name", ea->name, "New name");
    auto* o_purpose = edit->add_option("--purpose", ea->purpose, "New purpose (\"\" clears it)");
    auto* o_tier = edit->add_option("--tier", ea->tier, "New tier")->check(CLI::IsMember(members(agents::k_tiers)));
    edit->callback([&ctx, ea, o_name, o_purpose, o_tier] {
        agents::Edit e;
        if (o_name->count() > 0) e.name = ea->name;
        if (o_purpose->count() > 0) e.purpose = ea->purpose;
        if (o_tier->count() > 0) e.tier = ea->tier;
        auto id = agents::resolve(ctx.db(), ea->id);
        report_change(ctx, agents::edit(ctx.db(), id, e, ctx.options.reason, ctx.options.dry_run));
    });

    auto verify_ref = std::make_shared<std::string>();
    auto* verify = add_command(*group, "verify", "Mark an agent verified by hand (bypasses the Telegram check)");
    add_agent(*verify, *verify_ref);
    verify->callback([&ctx, verify_ref] {
        const auto& reason = ctx.require_reason("agents verify");
        report_change(ctx, agents::verify(ctx.db(), agents::resolve(ctx.db(), *verify_ref), reason, ctx.options.dry_run));
    });

    auto cancel_ref = std::make_shared<std::string>();
    auto* cancel = add_command(*group, "cancel", "Cancel an agent's subscription now");
    add_agent(*cancel, *cancel_ref);
    cancel->callback([&ctx, cancel_ref] {
        const auto& reason = ctx.require_reason("agents cancel");
        auto id = agents::resolve(ctx.db(), *cancel_ref);
        if (!ctx.options.dry_run) ctx.confirm(fmt::format("cancel the subscription of agent {}?", id));
        report_change(ctx, agents::cancel(ctx.db(), id, reason, ctx.options.dry_run));
    });

    auto delete_ref = std::make_shared<std::string>();
    auto refund = std::make_shared<bool>(false);
    auto* del = add_command(*group, "delete", "Delete an agent (status deleted; its subscription is cancelled)");
    add_agent(*del, *delete_ref);
    del->add_flag("--refund", *refund, "Also refund the rest of its newest payment (as payments refund does)");
    del->callback([&ctx, delete_ref, refund] {
        const auto& reason = ctx.require_reason("agents delete");
        auto id = agents::resolve(ctx.db(), *delete_ref);
        // 0: none (payment ids start at 1)
        std::int64_t payment = *refund ? agents::refundable_payment(ctx.db(), id).value_or(0) : 0;
        if (!ctx.options.dry_run)
            ctx.confirm(payment ? fmt::format("delete agent {} and refund payment {}?", id, payment)
                                : fmt::format("delete agent {}?", id));
        auto removed = agents::remove(ctx.db(), id, reason, ctx.options.dry_run);
        if (!*refund) return report_change(ctx, removed);
        ctx.info(removed.summary);
        // The refund is its own transaction after the delete, as it may call the provider; a
        // failed refund leaves the agent deleted, and running the command again retries it.
        if (!payment) {
            ctx.info(fmt::format("agent {} has no payment left to refund", id));
            return;
        }
        billing::RefundRequest request;
        request.payment_id = payment;
        request.reason = reason;
        request.dry_run = ctx.options.dry_run;
        request.command = "agents delete";
        http::Client client(ctx.http_options());
        report_change(ctx, billing::refund_payment(ctx.db(), request, ctx.config(), client));
    });

    auto logs_ref = std::make_shared<std::string>();
    auto* logs = add_command(*group, "logs", "The Devin messages of the agent's latest deployment");
    add_agent(*logs, *logs_ref);
    logs->callback([&ctx, logs_ref] {
        auto id = agents::resolve(ctx.db(), *logs_ref);
        auto d = deployments::latest_of_agent(ctx.db(), id);
        if (!d) throw NotFound(fmt::format("agent {} has never been deployed", id), "ctl agents redeploy starts one");
        if (!d->session_id)
            throw NotFound(fmt::format("deployment {} of agent {} has no Devin session ({})", d->id, id, d->status));
        ctx.info(fmt::format("deployment {} (attempt {}, {}), session {}", d->id, d->attempt, d->status, *d->session_id));
        print_session_messages(ctx, *d->session_id);
    });

    auto redeploy_ref = std::make_shared<std::string>();
    auto* redeploy = add_command(*group, "redeploy", "Start a new deployment attempt (a new Devin session)");
    add_agent(*redeploy, *redeploy_ref);
    redeploy->callback([&ctx, redeploy_ref] {
        const auto& reason = ctx.require_reason("agents redeploy");
        auto id = agents::resolve(ctx.db(), *redeploy_ref);
        std::unique_ptr<DevinAccess> access;
        if (!ctx.options.dry_run) access = std::make_unique<DevinAccess>(ctx);
        report_change(ctx, deployments::start_attempt(ctx.db(), access ? &access->client() : nullptr, id,
                                                      "agents redeploy", reason, ctx.options.dry_run));
    });
}

}  // namespace ctl::cli
