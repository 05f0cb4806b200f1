// ctl devin: the commands that change deployments (retry, cancel, set-status, sync).

#include "commands/devin_common.hpp"
#include "commands/users_common.hpp"
#include "domain/deployments.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace ctl::cli {

void report_change(Context& ctx, const domain::Change& change) {
    ctx.info(change.summary);
    users_cmd::render_record(ctx, change.columns, change.row);
}

namespace {

struct SetStatusArgs {
    std::int64_t id = 0;
    std::string status, bot_username;
};

struct SyncArgs {
    std::vector<std::int64_t> ids;
    bool all_running = false;
};

// Refreshes each deployment from Devin. A session Devin does not know is reported and skipped;
// Devin unreachable or a refused key ends the run (exit 6 / 5): later runs catch up.
void run_sync(Context& ctx, const SyncArgs& a) {
    if (a.ids.empty() == !a.all_running) throw UsageError("give DEPLOYMENT ids or --all-running (not both)");
    auto ids = a.all_running ? deployments::running_ids(ctx.db()) : a.ids;
    std::string reason = ctx.options.reason.empty() ? "devin sync" : ctx.options.reason;
    std::vector<output::Column> columns = {{"deployment_id", output::Kind::integer}, {"session_id"}, {"status_enum"},
                                           {"status_before"}, {"status"}, {"changed", output::Kind::boolean},
                                           {"bot_username"}, {"problem"}};
    std::vector<output::Row> rows;
    long long changed = 0, problems = 0;
    if (ids.empty()) {
        output::render(ctx.out(), ctx.render_options(), columns, rows);
        ctx.info("no running deployments; nothing to do");
        return;
    }
    DevinAccess devin(ctx);
    for (auto id : ids) {
        auto d = deployments::load(ctx.db(), id);
        if (!d.session_id) {
            rows.push_back({std::to_string(id), output::Cell::null(), output::Cell::null(), d.status, d.status, "false",
                            output::Cell::null(), "no Devin session"});
            ++problems;
            continue;
        }
        try {
            auto s = devin.client().get_session(*d.session_id);
            auto c = deployments::apply_session(ctx.db(), id, s, "devin sync", reason);
            auto col = [&](const char* name) {
                for (std::size_t i = 0; i < c.columns.size(); ++i)
                    if (c.columns[i].name == name) return c.row[i];
                return output::Cell::null();
            };
            rows.push_back({std::to_string(id), *d.session_id, s.status_enum, d.status, col("status"),
                            c.changed ? "true" : "false", col("bot_username"), output::Cell::null()});
            changed += c.changed ? 1 : 0;
        } catch (const NotFound& e) {
            rows.push_back({std::to_string(id), *d.session_id, output::Cell::null(), d.status, d.status, "false",
                            output::Cell::null(), e.what()});
            ++problems;
        }
    }
    output::render(ctx.out(), ctx.render_options(), columns, rows);
    ctx.out().flush();
    ctx.info(fmt::format("synced {} deployment(s): {} changed, {} problem(s)", ids.size(), changed, problems));
    if (problems > 0) throw Error(ExitCode::failure, fmt::format("{} deployment(s) could not be synced", problems));
}

}  // namespace

void register_devin_actions(CLI::App& devin, Context& ctx) {
    auto retry_id = std::make_shared<std::int64_t>(0);
    auto* retry = add_command(devin, "retry", "Start a new attempt of a deployment (a new Devin session)");
    retry->add_option("DEPLOYMENT", *retry_id, "Deployment id")->required();
    retry->callback([&ctx, retry_id] {
        const auto& reason = ctx.require_reason("devin retry");
        auto d = deployments::load(ctx.db(), *retry_id);
        std::unique_ptr<DevinAccess> access;
        if (!ctx.options.dry_run) access = std::make_unique<DevinAccess>(ctx);
        report_change(ctx, deployments::start_attempt(ctx.db(), access ? &access->client() : nullptr, d.agent_id,
                                                      "devin retry", reason, ctx.options.dry_run));
    });

    auto cancel_id = std::make_shared<std::int64_t>(0);
    auto* cancel = add_command(devin, "cancel", "Terminate a deployment's Devin session and mark it cancelled");
    cancel->add_option("DEPLOYMENT", *cancel_id, "Deployment id")->required();
    cancel->callback([&ctx, cancel_id] {
        const auto& reason = ctx.require_reason("devin cancel");
        auto d = deployments::load(ctx.db(), *cancel_id);
        std::unique_ptr<DevinAccess> access;
        if (!ctx.options.dry_run && d.session_id && (d.status == "queued" || d.status == "running")) {
            ctx.confirm(fmt::format("cancel deployment {} and terminate Devin session {}?", d.id, *d.session_id));
            access = std::make_unique<DevinAccess>(ctx);
        }
        report_change(ctx, deployments::cancel(ctx.db(), access ? &access->client() : nullptr, d.id, reason,
                                               ctx.options.dry_run));
    });

    auto ss = std::make_shared<SetStatusArgs>();
    auto* set_status = add_command(devin, "set-status", "Record a deployment's end by hand, when polling missed it");
    set_status->add_option("DEPLOYMENT", ss->id, "Deployment id")->required();
    set_status->add_option("STATUS", ss->status, "succeeded or failed")
        ->required()
        ->check(CLI::IsMember({"succeeded", "failed"}));
    set_status->add_option("--bot-username", ss->bot_username, "The bot's Telegram username (with succeeded)");
    set_status->callback([&ctx, ss] {
        const auto& reason = ctx.require_reason("devin set-status");
        report_change(ctx, deployments::set_status(ctx.db(), ss->id, ss->status,
                                                    ss->bot_username.empty() ? std::nullopt : std::optional(ss->bot_username),
                                                    reason, ctx.options.dry_run));
    });

    auto sy = std::make_shared<SyncArgs>();
    auto* sync = add_command(devin, "sync", "Refresh running deployments from Devin (for a cron job; idempotent)");
    sync->add_option("DEPLOYMENT", sy->ids, "Deployment ids");
    sync->add_flag("--all-running", sy->all_running, "Every running deployment");
    sync->callback([&ctx, sy] { run_sync(ctx, *sy); });
}

}  // namespace ctl::cli
