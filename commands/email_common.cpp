#include "commands/email_common.hpp"

#include "commands/users_common.hpp"
#include "domain/email_render.hpp"
#include "providers/email.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace ctl::cli::email_cmd {

std::map<std::string, std::string> app_values(Context& ctx) {
    const auto& cfg = ctx.config();
    return {{"app.name", cfg.get_or("app.name", "our platform")}, {"app.url", cfg.get_or("app.url", "http://localhost:3000")}};
}

void add_send_options(CLI::App& cmd, SendArgs& a, bool template_required) {
    auto* t = cmd.add_option("--template", a.template_name, "E-mail template (ctl email templates list)");
    if (template_required) t->required();
    cmd.add_option("--var", a.vars, "NAME=VALUE for a template variable ctl does not fill (repeatable)");
    cmd.add_option("--campaign", a.campaign,
                   "Idempotency key prefix: users already sent to under it are skipped (default TEMPLATE-DATE)");
    cmd.add_option("--batch-size", a.batch_size, "Users per batch")->check(CLI::PositiveNumber)->capture_default_str();
}

void send_to_users(Context& ctx, const SendArgs& a, const std::vector<std::int64_t>& ids, const std::string& command) {
    if (a.template_name.empty()) throw UsageError("--template is required", "ctl email templates list");
    email::SendSettings s;
    s.from = ctx.config().get("email.from").value_or("");
    s.values = app_values(ctx);
    const auto& known = email::known_variables();
    for (const auto& v : a.vars) {
        auto eq = v.find('=');
        std::string name = v.substr(0, eq);
        if (eq == std::string::npos || std::find(known.begin(), known.end(), name) == known.end())
            throw UsageError(fmt::format("bad --var '{}'", v), "NAME=VALUE with a template variable, e.g. invoice.number=INV-1");
        s.values[name] = v.substr(eq + 1);
    }
    s.campaign = a.campaign.empty() ? a.template_name + "-" + util::format_rfc3339_utc(util::current_epoch()).substr(0, 10) : a.campaign;
    s.command = command;
    s.batch_size = a.batch_size;
    auto tpl = email::load_template(ctx.db(), a.template_name);
    auto plan = email::preview(ctx.db(), tpl, ids, s);
    auto to_send = std::count_if(plan.rows.begin(), plan.rows.end(), [](const output::Row& r) { return r[3].value == "true"; });
    if (ctx.options.dry_run) {
        output::render(ctx.out(), ctx.render_options(), plan.columns, plan.rows);
        ctx.info(fmt::format("dry run: would send {} to {} of {} user(s); nothing sent", tpl.name, to_send, ids.size()));
        return;
    }
    http::Client client(ctx.http_options());
    auto sender = providers::make_email_sender(ctx.config(), client);
    if (s.from.empty())
        throw UsageError("no sender address is configured", "set CTL_EMAIL_FROM (or email.from), e.g. \"Support <support@example.com>\"");
    if (ids.size() > 1) ctx.confirm(fmt::format("send {} to {} user(s)?", tpl.name, to_send));
    auto p = email::send_template(ctx.db(), *sender, tpl, ids, s, ctx.options.reason, [&](const email::SendProgress& pr) {
        if (pr.total > 1) ctx.info(fmt::format("{}: {}/{}", command, pr.done, pr.total));
    });
    ctx.info(fmt::format("sent {} to {} user(s), skipped {}, of {} (campaign {})", tpl.name, p.sent, p.skipped, p.total,
                         s.campaign));
    users_cmd::render_record(ctx,
                             {{"template"}, {"campaign"}, {"total", output::Kind::integer}, {"sent", output::Kind::integer},
                              {"skipped", output::Kind::integer}},
                             {tpl.name, s.campaign, std::to_string(p.total), std::to_string(p.sent), std::to_string(p.skipped)});
}

}  // namespace ctl::cli::email_cmd
