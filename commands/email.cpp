// ctl email: templates (list, show, set), sending a template to users, and the send log.

#include "commands/context.hpp"
#include "commands/email_common.hpp"
#include "commands/users_common.hpp"
#include "domain/email_log.hpp"
#include "domain/email_sync.hpp"
#include "domain/email_templates.hpp"
#include "domain/users.hpp"
#include "providers/email.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ctime>
#include <fstream>
#include <sstream>

namespace ctl::cli {

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::optional<std::string> opt(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

struct SetArgs {
    std::string name, subject, html_file, text_file;
};

struct SendCmdArgs : email_cmd::SendArgs {
    std::string user, segment;
};

struct SyncArgs {
    std::string since = "7d";
};

struct LogArgs {
    std::string user, status, template_name, since, after;
    long long limit = 50;
};

void register_templates(CLI::App& group, Context& ctx) {
    auto* templates = add_command(group, "templates", "The e-mail templates ({{ user.name }} variables)");
    templates->require_subcommand(1);

    auto* list = add_command(*templates, "list", "Every template with the variables it uses");
    list->callback([&ctx] {
        auto options = ctx.render_options();
        auto t = email::list_templates(ctx.db());
        output::render(ctx.out(), options, t.columns, t.rows);
    });

    auto name = std::make_shared<std::string>();
    auto* show = add_command(*templates, "show", "One template: subject, text and html");
    show->add_option("NAME", *name, "Template name, e.g. welcome")->required();
    show->callback([&ctx, name] {
        auto options = ctx.render_options();
        output::render_document(ctx.out(), options, email::show_template(ctx.db(), *name));
    });

    auto set = std::make_shared<SetArgs>();
    auto* setcmd = add_command(*templates, "set", "Change (or add) a template; unknown variables are refused");
    setcmd->add_option("NAME", set->name, "Template name, e.g. welcome")->required();
    setcmd->add_option("--subject", set->subject, "Subject line (may use variables)");
    setcmd->add_option("--html-file", set->html_file, "File with the HTML body");
    setcmd->add_option("--text-file", set->text_file, "File with the plain-text body");
    setcmd->callback([&ctx, set] {
        email::TemplateChange c;
        c.subject = opt(set->subject);
        if (!set->html_file.empty()) c.html = read_file(set->html_file);
        if (!set->text_file.empty()) c.text = read_file(set->text_file);
        bool changed = email::set_template(ctx.db(), set->name, c, ctx.options.reason, ctx.options.dry_run);
        std::string summary = !changed ? "template " + set->name + " already has these contents"
                              : ctx.options.dry_run ? "dry run: would change template " + set->name + " (nothing changed)"
                                                    : "changed template " + set->name;
        ctx.info(summary);
        users_cmd::render_record(ctx, {{"name"}, {"changed", output::Kind::boolean}},
                                 {set->name, changed && !ctx.options.dry_run ? "true" : "false"});
    });
}

void register_send(CLI::App& group, Context& ctx) {
    auto a = std::make_shared<SendCmdArgs>();
    auto* send = add_command(group, "send", "Send a template to one user or a segment (as in users list)");
    send->add_option("--user", a->user, "Id, e-mail, wallet or auth-provider id");
    send->add_option("--segment", a->segment, "high-value, at-risk, power or inactive")
        ->check(CLI::IsMember({"high-value", "at-risk", "power", "inactive"}));
    email_cmd::add_send_options(*send, *a, true);
    send->callback([&ctx, a] {
        if (a->user.empty() == a->segment.empty()) throw UsageError("choose either --user USER or --segment SEGMENT");
        std::vector<std::int64_t> ids;
        if (!a->user.empty()) {
            ids.push_back(users::resolve(ctx.db(), a->user));
        } else {
            users::ListFilter f;
            f.segment = a->segment;
            ids = users::matching_ids(ctx.db(), f);
        }
        email_cmd::send_to_users(ctx, *a, ids, "email send");
    });
}

void register_log(CLI::App& group, Context& ctx) {
    auto a = std::make_shared<LogArgs>();
    auto* logcmd = add_command(group, "log", "E-mails sent (and failed), newest first");
    logcmd->add_option("--user", a->user, "Id, e-mail, wallet or auth-provider id");
    logcmd->add_option("--status", a->status, "queued, sent, failed or bounced")
        ->check(CLI::IsMember({"queued", "sent", "failed", "bounced"}));
    logcmd->add_option("--template", a->template_name, "Only this template");
    logcmd->add_option("--since", a->since, "At or after (date, time or 7d)");
    add_paging_options(*logcmd, a->limit, a->after);
    logcmd->callback([&ctx, a] {
        auto options = ctx.render_options();
        email::LogFilter f;
        if (!a->user.empty()) f.user_id = users::resolve(ctx.db(), a->user);
        f.status = opt(a->status);
        f.template_name = opt(a->template_name);
        if (!a->since.empty()) f.since = util::parse_date_or_time(a->since, static_cast<long long>(std::time(nullptr)));
        f.limit = a->limit;
        f.after = opt(a->after);
        auto page = email::log(ctx.db(), f);
        output::render(ctx.out(), options, page.table.columns, page.table.rows);
        ctx.out().flush();
        if (page.next_cursor) ctx.more_rows(*page.next_cursor);
    });
}

void register_sync(CLI::App& group, Context& ctx) {
    auto a = std::make_shared<SyncArgs>();
    auto* sync = add_command(group, "sync", "Record bounces: ask Resend what became of recent sends (for cron)");
    sync->add_option("--since", a->since, "Sends at or after (date, time or 7d)")->capture_default_str();
    sync->callback([&ctx, a] {
        auto options = ctx.render_options();
        auto since = util::parse_date_or_time(a->since, static_cast<long long>(std::time(nullptr)));
        http::Client client(ctx.http_options());
        std::unique_ptr<providers::ResendSender> resend;
        auto provider = [&]() -> email::LastEvent {
            resend = std::make_unique<providers::ResendSender>(providers::resend_settings(ctx.config()), client);
            return [&](const std::string& id) { return resend->last_event(id); };
        };
        auto r = email::sync(ctx.db(), since, provider, "email sync", ctx.options.reason, ctx.options.dry_run);
        output::render(ctx.out(), options, r.changes.columns, r.changes.rows);
        ctx.out().flush();
        ctx.info(fmt::format("{}checked {} Resend e-mail(s): {} changed, {} bounced, {} failed, {} unknown to Resend{}",
                             ctx.options.dry_run ? "dry run: " : "", r.checked, r.changes.rows.size(), r.bounced,
                             r.failed, r.unknown, ctx.options.dry_run ? " (nothing changed)" : ""));
        if (r.smtp > 0)
            ctx.info(fmt::format("{} e-mail(s) sent over SMTP not checked: an SMTP relay cannot be asked", r.smtp));
    });
}

}  // namespace

void register_email(CLI::App& root, Context& ctx) {
    auto* group = add_command(root, "email", "E-mail templates, sending and the send log");
    group->require_subcommand(1);
    register_templates(*group, ctx);
    register_send(*group, ctx);
    register_log(*group, ctx);
    register_sync(*group, ctx);
}

}  // namespace ctl::cli
