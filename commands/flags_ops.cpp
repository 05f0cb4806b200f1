// ctl flags maintenance / signups / waitlist: the operational switches scripts flip.

#include "commands/flags_common.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>

namespace ctl::cli::flags_cmd {

namespace {

struct MaintenanceArgs {
    std::string message, until;
    bool exit_code = false;
};

// --until: a time, or a duration from now ("2h").
std::string parse_until(const std::string& text) {
    try {
        return util::format_rfc3339_utc(util::current_epoch() + util::parse_duration_seconds(text));
    } catch (const UsageError&) {
        return util::parse_date_or_time(text, util::current_epoch());
    }
}

}  // namespace

void register_operations(CLI::App& flags, Context& ctx) {
    auto* maintenance = add_command(flags, "maintenance", "Maintenance mode: on, off, status (allowed for ci)");
    maintenance->require_subcommand(1);

    auto a = std::make_shared<MaintenanceArgs>();
    auto* on = add_command(*maintenance, "on", "Turn maintenance on (already on: exit 0)");
    on->add_option("--message", a->message, "What users see");
    on->add_option("--until", a->until, "When it ends by itself: a time or a duration from now (2h)");
    on->callback([&ctx, a] {
        std::optional<std::string> until;
        if (!a->until.empty()) until = parse_until(a->until);
        report(ctx, flags::set_maintenance(ctx.db(), true, a->message.empty() ? std::nullopt : std::optional(a->message),
                                           until, reason(ctx, "flags maintenance on"), ctx.options.dry_run));
    });
    add_command(*maintenance, "off", "Turn maintenance off (already off: exit 0)")->callback([&ctx] {
        report(ctx, flags::set_maintenance(ctx.db(), false, std::nullopt, std::nullopt,
                                           reason(ctx, "flags maintenance off"), ctx.options.dry_run));
    });
    auto* status = add_command(*maintenance, "status", "Whether maintenance is on, and its message");
    status->add_flag("--exit-code", a->exit_code, "Exit 10 while maintenance is on");
    status->callback([&ctx, a] {
        auto m = flags::maintenance_status(ctx.db());
        auto record = flags::maintenance_record(m);
        auto options = ctx.render_options();
        if (options.format == output::Format::json) options.format = output::Format::ndjson;
        if (options.format == output::Format::table) {
            ctx.out() << "maintenance " << (m.on ? "on" : "off");
            if (m.on && !m.message.empty()) ctx.out() << ": " << m.message;
            if (m.on && m.ends_at) ctx.out() << " (until " << *m.ends_at << ")";
            ctx.out() << "\n";
        } else {
            output::render(ctx.out(), options, record.columns, record.rows);
        }
        ctx.out().flush();
        if (a->exit_code && m.on) throw Error(ExitCode::check_failed, "maintenance is on");
    });

    for (const char* name : {"signups", "waitlist"}) {
        std::string flag = name;
        auto* group = add_command(flags, name,
                                  flag == "signups" ? "Open or close sign-ups (the signups flag)"
                                                    : "Send sign-ups to a waitlist, or not (the waitlist flag)");
        group->require_subcommand(1);
        for (bool enable : {true, false}) {
            std::string command = "flags " + flag + (enable ? " on" : " off");
            add_command(*group, enable ? "on" : "off", enable ? "Turn it on (already on: exit 0)" : "Turn it off (already off: exit 0)")
                ->callback([&ctx, flag, enable, command] {
                    report(ctx, flags::set_enabled(ctx.db(), flag, flags::k_default_environment, enable, command,
                                                   reason(ctx, command), ctx.options.dry_run));
                });
        }
    }
}

}  // namespace ctl::cli::flags_cmd
