// ctl users: finding, listing, showing and exporting users, and bulk actions. The commands that
// change one user live in users_actions.cpp; register_users() registers them all.

#include "commands/context.hpp"
#include "commands/email_common.hpp"
#include "commands/users_common.hpp"
#include "domain/user_bulk.hpp"
#include "domain/user_list.hpp"
#include "domain/users.hpp"
#include "output/document.hpp"
#include "util/atomic_file.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ctime>
#include <fstream>
#include <iostream>

namespace ctl::cli {

namespace {

struct FilterArgs {
    std::string search, status, plan, joined_after, joined_before, active_since, inactive_for, segment;
    long long min_agents = 0;
    bool has_failed_payment = false;
};

struct ListArgs : FilterArgs {
    std::string sort = "-created_at", after, term, out;
    long long limit = 50;
};

std::optional<std::string> opt(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional(s);
}

void add_filter_options(CLI::App& cmd, FilterArgs& a) {
    cmd.add_option("--search", a.search, "Fragment of e-mail, name, company, phone, wallet or provider id");
    cmd.add_option("--status", a.status, "Only this status")->check(CLI::IsMember({"active", "suspended", "banned", "deleted"}));
    cmd.add_option("--plan", a.plan, "Only this plan")->check(CLI::IsMember({"free", "matt", "pro", "enterprise"}));
    cmd.add_option("--joined-after", a.joined_after, "Signed up at or after (date, time or 30d)");
    cmd.add_option("--joined-before", a.joined_before, "Signed up before (date, time or 30d)");
    cmd.add_option("--active-since", a.active_since, "Logged in at or after (date, time or 7d)");
    cmd.add_option("--inactive-for", a.inactive_for, "No login for at least this long (30d)");
    cmd.add_option("--min-agents", a.min_agents, "At least this many agents")->check(CLI::Range(0LL, 1000000000LL));
    cmd.add_flag("--has-failed-payment", a.has_failed_payment, "Only users with a failed payment");
    cmd.add_option("--segment", a.segment, "high-value, at-risk, power or inactive (see DESCRIPTION)")
        ->check(CLI::IsMember({"high-value", "at-risk", "power", "inactive"}));
}

users::ListFilter filter_of(const FilterArgs& a) {
    users::ListFilter f;
    f.search = opt(a.search);
    f.status = opt(a.status);
    f.plan = opt(a.plan);
    long long now = static_cast<long long>(std::time(nullptr));
    if (!a.joined_after.empty()) f.joined_after = util::parse_date_or_time(a.joined_after, now);
    if (!a.joined_before.empty()) f.joined_before = util::parse_date_or_time(a.joined_before, now);
    if (!a.active_since.empty()) f.active_since = util::parse_date_or_time(a.active_since, now);
    if (!a.inactive_for.empty())
        f.inactive_before = util::format_rfc3339_utc(now - util::parse_duration_seconds(a.inactive_for));
    if (a.min_agents > 0) f.min_agents = a.min_agents;
    f.has_failed_payment = a.has_failed_payment;
    f.segment = opt(a.segment);
    return f;
}

void run_list(Context& ctx, const ListArgs& a) {
    users::ListFilter f = filter_of(a);
    f.sort = a.sort;
    f.limit = a.limit;
    f.after = opt(a.after);
    auto options = ctx.render_options();
    auto page = users::list(ctx.db(), f);
    output::render(ctx.out(), options, page.columns, page.rows);
    ctx.out().flush();
    if (page.next_cursor) ctx.more_rows(*page.next_cursor);
}

void run_export(Context& ctx, const ListArgs& a, users::ListFilter filter,
                std::optional<std::vector<std::int64_t>> ids) {
    auto options = ctx.render_options();
    // A table would buffer every row to fit its columns: exports are csv unless told otherwise.
    if (options.format == output::Format::table) options.format = output::Format::csv;
    options.color = false;
    filter.ids = std::move(ids);
    // Exports are read-only work: the replica when one is configured (DESIGN §6).
    auto& conn = ctx.read_db();
    ctx.allow_long_statements();
    if (a.out.empty()) {
        auto renderer = output::make_renderer(ctx.out(), options);
        users::export_users(conn, filter, *renderer);
        ctx.out().flush();
        return;
    }
    util::AtomicFile file(a.out);
    auto renderer = output::make_renderer(file.stream(), options);
    users::export_users(conn, filter, *renderer);
    file.commit();
    ctx.info("wrote " + a.out);
}

// Ids from a file or stdin: one user per line (id, e-mail, wallet or provider id); blank lines
// and lines starting with # are skipped.
std::vector<std::int64_t> read_ids(Context& ctx, const std::string& source) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (source != "-") {
        file.open(source);
        if (!file) throw UsageError("cannot read --ids-from " + source);
        in = &file;
    }
    std::vector<std::int64_t> ids;
    std::vector<std::int64_t> missing;
    for (const auto& user : users::parse_user_list(*in))
        ids.push_back(user.id > 0 ? user.id : users::resolve(ctx.db(), user.text));
    auto existing = users::existing_ids(ctx.db(), ids, missing);
    if (!missing.empty())
        throw NotFound(fmt::format("{} user id(s) not found, e.g. {}", missing.size(), missing.front()),
                       "nothing was changed; fix the list and run again");
    return existing;
}

struct BulkArgs : FilterArgs {
    std::string action, ids_from, text, out;
    bool where = false;
    std::size_t batch_size = 500;
    email_cmd::SendArgs email;  // action email
};

// bulk export: the chosen users, streamed like `users export` (read-only: no reason, no prompt).
void run_bulk_export(Context& ctx, const BulkArgs& a) {
    if (a.ids_from.empty() == !a.where)
        throw UsageError("choose the users with either --ids-from FILE|- or --where and filters");
    ListArgs e;
    static_cast<FilterArgs&>(e) = a;
    e.out = a.out;
    if (!a.where) {
        auto ids = read_ids(ctx, a.ids_from);
        run_export(ctx, e, users::ListFilter{}, ids);
        return;
    }
    run_export(ctx, e, filter_of(a), std::nullopt);
}

void run_bulk(Context& ctx, const BulkArgs& a) {
    if (a.action == "export") {
        run_bulk_export(ctx, a);
        return;
    }
    if (a.action == "email") {
        if (a.ids_from.empty() == !a.where)
            throw UsageError("choose the users with either --ids-from FILE|- or --where and filters");
        auto ids = a.where ? users::matching_ids(ctx.db(), filter_of(a)) : read_ids(ctx, a.ids_from);
        email_cmd::send_to_users(ctx, a.email, ids, "users bulk email");
        return;
    }
    users::BulkRequest req;
    req.action = a.action;
    req.batch_size = a.batch_size;
    req.note = a.text;
    if (a.action == "note") req.notes_key = users_cmd::notes_key(ctx);
    req.reason = a.action == "note" ? ctx.options.reason : ctx.require_reason("users bulk " + a.action);
    users::check_bulk(req);
    if (a.ids_from.empty() == !a.where)
        throw UsageError("choose the users with either --ids-from FILE|- or --where and filters");
    req.ids = a.where ? users::matching_ids(ctx.db(), filter_of(a)) : read_ids(ctx, a.ids_from);
    if (ctx.options.dry_run) {
        auto t = users::describe_users(ctx.db(), req.ids);
        output::render(ctx.out(), ctx.render_options(), t.columns, t.rows);
        ctx.info(fmt::format("dry run: would {} {} user(s); nothing changed", a.action, req.ids.size()));
        return;
    }
    if (req.ids.empty()) {
        ctx.info("no users match; nothing to do");
        return;
    }
    ctx.confirm(fmt::format("{} {} user(s)?", a.action, req.ids.size()));
    auto p = users::run_bulk(ctx.db(), req, [&](const users::BulkProgress& progress) {
        ctx.info(fmt::format("bulk {}: {}/{}", a.action, progress.done, progress.total));
    });
    ctx.info(fmt::format("bulk {}: {} changed, {} already so, of {}", a.action, p.changed, p.unchanged, p.total));
    users_cmd::render_record(ctx,
                             {{"action"},
                              {"total", output::Kind::integer},
                              {"changed", output::Kind::integer},
                              {"unchanged", output::Kind::integer}},
                             {a.action, std::to_string(p.total), std::to_string(p.changed), std::to_string(p.unchanged)});
}

}  // namespace

void register_users(CLI::App& root, Context& ctx) {
    auto* users = add_command(root, "users", "Find, inspect and support users");
    users->require_subcommand(1);

    auto args = std::make_shared<ListArgs>();
    auto* list = add_command(*users, "list", "List users, newest first");
    add_filter_options(*list, *args);
    list->add_option("--sort", args->sort, "Sort field, - for descending")
        ->check(CLI::IsMember({"created_at", "-created_at", "email", "-email", "name", "-name", "last_login_at",
                               "-last_login_at", "id", "-id"}))
        ->capture_default_str();
    add_paging_options(*list, args->limit, args->after);
    list->callback([&ctx, args] { run_list(ctx, *args); });

    auto sargs = std::make_shared<ListArgs>();
    auto* search = add_command(*users, "search", "Find users by e-mail, name, company, phone, wallet or provider id");
    search->add_option("TERM", sargs->term, "What to look for (a fragment is enough)")->required();
    add_filter_options(*search, *sargs);
    search->add_option("--limit", sargs->limit, "Rows (0: all)")->check(CLI::Range(0LL, 1000000000LL))->capture_default_str();
    search->callback([&ctx, sargs] {
        auto f = filter_of(*sargs);
        f.limit = sargs->limit;
        auto options = ctx.render_options();
        auto page = users::search(ctx.db(), sargs->term, f);
        output::render(ctx.out(), options, page.columns, page.rows);
        ctx.out().flush();
        if (page.more) ctx.info("more matches: raise --limit");
    });

    auto user_ref = std::make_shared<std::string>();
    auto* show = add_command(*users, "show", "Everything about one user");
    show->add_option("USER", *user_ref, "Id, e-mail, wallet or auth-provider id")->required();
    show->callback([&ctx, user_ref] {
        auto options = ctx.render_options();
        auto key = users_cmd::notes_key(ctx);
        auto id = users::resolve(ctx.db(), *user_ref);
        output::render_document(ctx.out(), options, users::show(ctx.db(), id, key));
    });

    auto eargs = std::make_shared<ListArgs>();
    auto* exportcmd = add_command(*users, "export", "Stream every matching user (csv unless -o json/ndjson/tsv)");
    add_filter_options(*exportcmd, *eargs);
    exportcmd->add_option("--out", eargs->out, "Write to this file (appears only when complete)");
    exportcmd->callback([&ctx, eargs] { run_export(ctx, *eargs, filter_of(*eargs), std::nullopt); });

    auto bargs = std::make_shared<BulkArgs>();
    auto* bulk = add_command(*users, "bulk", "Apply suspend, ban, unban, activate, note, export or email to many users");
    bulk->add_option("ACTION", bargs->action, "suspend, ban, unban, activate, note, export or email")
        ->required()
        ->check(CLI::IsMember({"suspend", "ban", "unban", "activate", "note", "export", "email"}));
    bulk->add_option("--ids-from", bargs->ids_from, "File (or - for stdin) with one user per line");
    bulk->add_flag("--where", bargs->where, "Act on the users matching the filters instead");
    add_filter_options(*bulk, *bargs);
    bulk->add_option("--text", bargs->text, "The note (action note)");
    bulk->add_option("--out", bargs->out, "Write to this file (action export)");
    bulk->add_option("--batch-size", bargs->batch_size, "Users per transaction")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    bulk->add_option("--template", bargs->email.template_name, "E-mail template (action email)");
    bulk->add_option("--var", bargs->email.vars, "NAME=VALUE for a template variable (action email, repeatable)");
    bulk->add_option("--campaign", bargs->email.campaign,
                     "Idempotency key prefix; users already sent to under it are skipped (action email)");
    bulk->callback([&ctx, bargs] {
        bargs->email.batch_size = bargs->batch_size;
        run_bulk(ctx, *bargs);
    });

    users_cmd::register_actions(*users, ctx);
}

}  // namespace ctl::cli
