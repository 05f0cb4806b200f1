// ctl analytics report daily|weekly|monthly: a report for cron jobs, to stdout, a file or e-mail.

#include "analytics/report.hpp"
#include "commands/analytics_common.hpp"
#include "providers/email.hpp"
#include "providers/mime.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <sstream>

namespace ctl::cli {

namespace {

struct ReportArgs {
    std::string kind, from, to, format, out, email;  // format "": the global -o
};

// The report in one format. table/json go through the document renderer.
std::string render_report(Context& ctx, const analytics::Report& r, const std::string& format, bool to_stdout) {
    std::ostringstream s;
    if (format == "md") {
        output::render_markdown_report(s, r.title, r.subtitle, r.sections);
    } else if (format == "html") {
        output::render_html_report(s, r.title, r.subtitle, r.sections, r.charts);
    } else {
        auto options = ctx.render_options();
        options.format = output::parse_format(format);
        options.fields.clear();
        options.color = options.color && to_stdout;
        if (options.format == output::Format::csv || options.format == output::Format::tsv)
            output::render_flat_report(s, options, r.sections);
        else
            output::render_document(s, options, r.sections);
    }
    return s.str();
}

void run_report(Context& ctx, const ReportArgs& a) {
    long long now = util::current_epoch();
    std::optional<std::string> from, to;
    if (!a.from.empty()) from = util::parse_date_or_time(a.from, now);
    if (!a.to.empty()) to = util::parse_date_or_time(a.to, now);
    std::string format = a.format.empty() ? ctx.options.output : a.format;
    if (format == "ndjson") format = "json";
    if (!a.email.empty() && format == "table") format = "html";

    // Settings are checked before the (long) queries, so a cron job fails fast.
    std::string from_address;
    if (!a.email.empty()) {
        from_address = ctx.config().get_or("email.from", "");
        if (from_address.empty())
            throw UsageError("no sender address is configured", "set CTL_EMAIL_FROM (or email.from)");
        providers::mailbox_address(a.email);  // a malformed recipient is bad usage (2), found before the work
    }
    auto report = analytics::build_report(analytics_db(ctx), a.kind, from, to);
    std::string body = render_report(ctx, report, format, a.out.empty() && a.email.empty());

    if (!a.out.empty()) {
        util::AtomicFile file(a.out);
        file.stream() << body;
        file.commit();
        ctx.info("wrote " + a.out);
    }
    if (!a.email.empty()) {
        http::Client client(ctx.http_options());
        auto sender = providers::make_email_sender(ctx.config(), client);
        providers::EmailMessage m;
        m.from = from_address;
        m.to = a.email;
        m.subject = report.title;
        std::string ext = format == "md" ? "md" : format == "table" ? "txt" : format;
        if (format == "html") {
            m.html = body;
            m.text = report.title + "\n\n" + report.subtitle + "\n\n(The report is the HTML part of this message.)\n";
        } else {
            m.text = report.title + "\n\n" + report.subtitle + "\n\nThe report is attached.\n";
            m.attachments.push_back({fmt::format("report-{}-{}.{}", a.kind, report.from.substr(0, 10), ext),
                                     format == "json" ? "application/json" : format == "csv" ? "text/csv" : "text/plain",
                                     body});
        }
        // One key per report, period, format and recipient: a retried cron run sends it once.
        m.idempotency_key = fmt::format("ctl-report-{}-{}-{}-{}-{}", a.kind, report.from, report.to, format, a.email);
        auto id = sender->send(m);
        ctx.info(fmt::format("sent {} to {} ({} {})", report.title, a.email, sender->provider(), id));
    }
    if (a.out.empty() && a.email.empty()) {
        ctx.out() << body;
        ctx.out().flush();
    }
}

}  // namespace

void register_analytics_report(CLI::App& analytics, Context& ctx) {
    auto* report = add_command(analytics, "report", "A daily, weekly or monthly report (csv, json, md, html; file or e-mail)");
    report->require_subcommand(1);
    for (const char* kind : {"daily", "weekly", "monthly"}) {
        auto a = std::make_shared<ReportArgs>();
        a->kind = kind;
        auto* cmd = add_command(*report, kind,
                                fmt::format("The last complete {} (or --from/--to)",
                                            std::string(kind) == "daily" ? "day" : std::string(kind) == "weekly" ? "week" : "month"));
        cmd->add_option("--from", a->from, "Start of the period (date, time or duration)");
        cmd->add_option("--to", a->to, "End of the period, excluded");
        cmd->add_option("-o,--output", a->format, "table, json, csv, tsv, md or html (e-mail: html by default)")
            ->check(CLI::IsMember({"table", "json", "csv", "tsv", "md", "html"}));
        cmd->add_option("--out", a->out, "Write to FILE (complete or not at all) instead of stdout");
        cmd->add_option("--email", a->email, "Send to this address through the e-mail provider");
        cmd->callback([&ctx, a] { run_report(ctx, *a); });
    }
}

}  // namespace ctl::cli
