// ctl users: list and show (the first slice; the rest of the group comes with its issue).

#include "commands/context.hpp"
#include "domain/users.hpp"
#include "output/document.hpp"
#include "util/parse.hpp"

#include <CLI/CLI.hpp>

#include <ctime>

namespace ctl::cli {

namespace {

struct ListArgs {
    std::string search, status, plan, joined_after, joined_before, sort = "-created_at", after;
    long long limit = 50;
};

std::optional<std::string> opt(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional(s);
}

void run_list(Context& ctx, const ListArgs& a) {
    users::ListFilter f;
    f.search = opt(a.search);
    f.status = opt(a.status);
    f.plan = opt(a.plan);
    long long now = static_cast<long long>(std::time(nullptr));
    if (!a.joined_after.empty()) f.joined_after = util::parse_date_or_time(a.joined_after, now);
    if (!a.joined_before.empty()) f.joined_before = util::parse_date_or_time(a.joined_before, now);
    f.sort = a.sort;
    f.limit = a.limit;
    f.after = opt(a.after);
    auto options = ctx.render_options();
    auto page = users::list(ctx.db(), f);
    output::render(ctx.out(), options, page.columns, page.rows);
    ctx.out().flush();
    if (page.next_cursor) ctx.more_rows(*page.next_cursor);
}

}  // namespace

void register_users(CLI::App& root, Context& ctx) {
    auto* users = add_command(root, "users", "Find, inspect and support users");
    users->require_subcommand(1);

    auto args = std::make_shared<ListArgs>();
    auto* list = add_command(*users, "list", "List users, newest first");
    list->add_option("--search", args->search, "Fragment of e-mail, name or company");
    list->add_option("--status", args->status, "Only this status")
        ->check(CLI::IsMember({"active", "suspended", "banned", "deleted"}));
    list->add_option("--plan", args->plan, "Only this plan")->check(CLI::IsMember({"free", "matt", "pro", "enterprise"}));
    list->add_option("--joined-after", args->joined_after, "Signed up at or after (date, time or 30d)");
    list->add_option("--joined-before", args->joined_before, "Signed up before (date, time or 30d)");
    list->add_option("--sort", args->sort, "Sort field, - for descending")
        ->check(CLI::IsMember({"created_at", "-created_at", "email", "-email", "name", "-name", "last_login_at",
                               "-last_login_at", "id", "-id"}))
        ->capture_default_str();
    list->add_option("--limit", args->limit, "Rows per page (0: all)")->check(CLI::NonNegativeNumber)->capture_default_str();
    list->add_option("--after", args->after, "Cursor of the next page (printed on stderr)");
    list->callback([&ctx, args] { run_list(ctx, *args); });

    auto user_ref = std::make_shared<std::string>();
    auto* show = add_command(*users, "show", "Everything about one user");
    show->add_option("USER", *user_ref, "Id, e-mail, wallet or auth-provider id")->required();
    show->callback([&ctx, user_ref] {
        auto options = ctx.render_options();
        auto id = users::resolve(ctx.db(), *user_ref);
        output::render_document(ctx.out(), options, users::show(ctx.db(), id));
    });
}

}  // namespace ctl::cli
