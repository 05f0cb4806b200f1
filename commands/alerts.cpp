// ctl alerts: open alerts with severity; --check for monitoring (exit 10), --notify for cron,
// and ack.

#include "commands/context.hpp"
#include "commands/users_common.hpp"
#include "config/config.hpp"
#include "domain/alert_notify.hpp"
#include "domain/alerts.hpp"
#include "domain/health.hpp"
#include "providers/email.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace ctl::cli {

namespace {

struct AlertArgs {
    bool check = false, notify = false, all = false;
};

std::vector<alerts::Alert> evaluate(Context& ctx) {
    alerts::ReplicaState replica;
    auto url = ctx.config().get("replica_url");
    replica.configured = url && !url->empty();
    if (replica.configured) {
        try {
            replica.lag_s = health::replica_lag_seconds(url, static_cast<int>(std::clamp(ctx.options.timeout(), 1.0, 10.0)));
        } catch (const Error& e) {
            replica.error = e.what();
        }
    }
    return alerts::evaluate(ctx.db(), replica);
}

void run_alerts(Context& ctx, const AlertArgs& a) {
    auto options = ctx.render_options();
    auto found = evaluate(ctx);
    auto open = std::count_if(found.begin(), found.end(), [](const alerts::Alert& x) { return !x.acked; });
    std::vector<alerts::Alert> shown;
    for (const auto& x : found)
        if (a.all || !x.acked) shown.push_back(x);
    auto t = alerts::table(shown);
    output::render(ctx.out(), options, t.columns, t.rows);
    ctx.out().flush();
    if (a.notify) {
        auto channels = alerts::channels_from_settings(ctx.db());
        http::Client client(ctx.http_options());
        std::unique_ptr<providers::EmailSender> sender;
        channels.http = &client;
        channels.reason = ctx.options.reason;
        if (!channels.email_to.empty()) {
            sender = providers::make_email_sender(ctx.config(), client);
            channels.email = sender.get();
            channels.email_from = ctx.config().get("email.from").value_or("");
            if (channels.email_from.empty())
                throw UsageError("no sender address is configured", "set CTL_EMAIL_FROM (or email.from)");
        }
        auto r = alerts::notify(ctx.db(), found, channels);
        ctx.info(fmt::format("notified {} alert(s); {} already sent today", r.sent, r.already));
        for (const auto& f : r.failures) ctx.info("not sent: " + f);
        if (!r.failures.empty())
            throw Unavailable(fmt::format("{} notification(s) could not be sent", r.failures.size()),
                              "they are sent on the next run");
    }
    if (a.check && open > 0) throw Error(ExitCode::check_failed, fmt::format("{} open alert(s)", open));
}

}  // namespace

void register_alerts(CLI::App& root, Context& ctx) {
    auto a = std::make_shared<AlertArgs>();
    auto* cmd = add_command(root, "alerts", "Open alerts with severity (--check: exit 10 when any is open)");
    cmd->add_flag("--check", a->check, "Exit 10 when any unacknowledged alert is open (for cron and monitoring)");
    cmd->add_flag("--notify", a->notify, "Send each open alert to the webhook / address in settings, once a day");
    cmd->add_flag("--all", a->all, "Include acknowledged alerts");
    cmd->callback([&ctx, a, cmd] {
        if (!cmd->get_subcommands().empty()) return;  // alerts ack
        if (ctx.options.dry_run && a->notify) throw UsageError("--notify cannot be a dry run", "drop --dry-run");
        run_alerts(ctx, *a);
    });

    auto id = std::make_shared<std::string>();
    auto* ack = add_command(*cmd, "ack", "Acknowledge an open alert (silences it; --reason required)");
    ack->add_option("ID", *id, "Alert id as listed, e.g. payment_pending/42")->required();
    ack->callback([&ctx, id] {
        const auto& reason = ctx.require_reason("alerts ack");
        auto found = evaluate(ctx);
        bool changed = ctx.options.dry_run ? false : alerts::acknowledge(ctx.db(), found, *id, reason);
        ctx.info(ctx.options.dry_run ? "dry run: would acknowledge " + *id
                 : changed           ? "acknowledged " + *id
                                     : *id + " is already acknowledged");
        users_cmd::render_record(ctx, {{"id"}, {"changed", output::Kind::boolean}}, {*id, changed ? "true" : "false"});
    });
}

}  // namespace ctl::cli
