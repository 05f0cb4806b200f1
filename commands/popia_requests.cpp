// ctl popia requests: data-subject requests with their legal due date (list, open, show, close).

#include "commands/popia_common.hpp"
#include "commands/users_common.hpp"
#include "domain/popia_requests.hpp"
#include "domain/users.hpp"

#include <CLI/CLI.hpp>

namespace ctl::cli::popia_cmd {

namespace {

struct ListArgs {
    std::string status, kind, user, after;
    bool overdue = false;
    long long limit = 50;
};

struct OpenArgs {
    std::string user, kind, received, note;
};

struct CloseArgs {
    long long id = 0;
    std::string status;
};

std::optional<std::string> opt(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

void report(Context& ctx, const popia::RequestRecord& r) {
    ctx.info(r.summary);
    users_cmd::render_record(ctx, r.columns, r.row);
}

}  // namespace

void register_requests(CLI::App& popia, Context& ctx) {
    auto* requests = add_command(popia, "requests", "Data-subject requests and their legal due dates");
    requests->require_subcommand(1);

    auto l = std::make_shared<ListArgs>();
    auto* list = add_command(*requests, "list", "Requests, most urgent first (due date)");
    list->add_option("--status", l->status, "open, in_progress, completed or rejected");
    list->add_option("--kind", l->kind, "access, erasure, correction or objection");
    list->add_option("--user", l->user, "Only this person's requests");
    list->add_flag("--overdue", l->overdue, "Only open requests past their due date");
    add_paging_options(*list, l->limit, l->after);
    list->callback([&ctx, l] {
        auto options = ctx.render_options();
        popia::RequestFilter f;
        f.status = opt(l->status);
        f.kind = opt(l->kind);
        if (!l->user.empty()) f.user_id = users::resolve(ctx.db(), l->user);
        f.overdue = l->overdue;
        f.limit = l->limit;
        f.after = opt(l->after);
        auto page = popia::list_requests(ctx.db(), f);
        output::render(ctx.out(), options, page.columns, page.rows);
        ctx.out().flush();
        if (page.next_cursor) ctx.more_rows(*page.next_cursor);
    });

    auto o = std::make_shared<OpenArgs>();
    auto* open = add_command(*requests, "open", "Record a request received from a person (due in 30 days)");
    open->add_option("USER", o->user, "Id, e-mail, wallet or auth-provider id")->required();
    open->add_option("--kind", o->kind, "access, erasure, correction or objection")->required();
    open->add_option("--received", o->received, "When it arrived (date or time; default now)");
    open->add_option("--note", o->note, "What the person asked");
    open->callback([&ctx, o] {
        popia::NewRequest req;
        req.user_id = users::resolve(ctx.db(), o->user);
        req.kind = o->kind;
        req.received = opt(o->received);
        req.note = opt(o->note);
        report(ctx, popia::open_request(ctx.db(), req, ctx.options.reason, ctx.options.dry_run));
    });

    auto id = std::make_shared<long long>(0);
    auto* show = add_command(*requests, "show", "One request with its person, due date and resolution");
    show->add_option("ID", *id, "Request id")->required()->check(CLI::PositiveNumber);
    show->callback([&ctx, id] {
        output::render_document(ctx.out(), ctx.render_options(), popia::show_request(ctx.db(), *id));
    });

    auto c = std::make_shared<CloseArgs>();
    auto* close = add_command(*requests, "close", "Close a request as completed or rejected (--reason: the resolution)");
    close->add_option("ID", c->id, "Request id")->required()->check(CLI::PositiveNumber);
    close->add_option("--status", c->status, "completed or rejected")->required();
    close->callback([&ctx, c] {
        const auto& reason = ctx.require_reason("popia requests close");
        report(ctx, popia::close_request(ctx.db(), c->id, c->status, reason, ctx.options.dry_run));
    });
}

}  // namespace ctl::cli::popia_cmd
