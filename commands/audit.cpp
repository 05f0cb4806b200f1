// ctl audit: read, export and verify the tamper-evident audit trail.

#include "commands/context.hpp"
#include "domain/audit.hpp"
#include "util/parse.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ctime>

namespace ctl::cli {

namespace {

struct FilterArgs {
    std::string actor, action, entity, since, until, reason_contains, after;
    long long limit = 50;
};

void add_filter_options(CLI::App& cmd, FilterArgs& a) {
    cmd.add_option("--actor", a.actor, "Database role that made the change");
    cmd.add_option("--action", a.action, "insert, update, delete, role.add, role.change, role.remove, ...");
    cmd.add_option("--entity", a.entity, "TYPE or TYPE:ID, e.g. users:42");
    cmd.add_option("--since", a.since, "At or after (date, time or 30d)");
    cmd.add_option("--until", a.until, "Before (date, time or 30d)");
    cmd.add_option("--reason-contains", a.reason_contains, "Fragment of the --reason given");
}

audit::Filter filter_of(const FilterArgs& a) {
    audit::Filter f;
    long long now = static_cast<long long>(std::time(nullptr));
    auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); };
    f.actor = opt(a.actor);
    f.action = opt(a.action);
    if (!a.entity.empty()) audit::parse_entity(a.entity, f);
    if (!a.since.empty()) f.since = util::parse_date_or_time(a.since, now);
    if (!a.until.empty()) f.until = util::parse_date_or_time(a.until, now);
    f.reason_contains = opt(a.reason_contains);
    f.limit = a.limit;
    f.after = opt(a.after);
    return f;
}

}  // namespace

void register_audit(CLI::App& root, Context& ctx) {
    auto* auditcmd = add_command(root, "audit", "The tamper-evident audit trail");
    auditcmd->require_subcommand(1);

    auto list_args = std::make_shared<FilterArgs>();
    auto* list = add_command(*auditcmd, "list", "Audit entries, newest first");
    add_filter_options(*list, *list_args);
    add_paging_options(*list, list_args->limit, list_args->after);
    list->callback([&ctx, list_args] {
        auto options = ctx.render_options();
        auto page = audit::list(ctx.db(), filter_of(*list_args));
        output::render(ctx.out(), options, page.columns, page.rows);
        ctx.out().flush();
        if (page.next_cursor) ctx.more_rows(*page.next_cursor);
    });

    auto id = std::make_shared<long long>(0);
    auto* show = add_command(*auditcmd, "show", "One audit entry with its before/after values and hashes");
    show->add_option("ID", *id, "Audit entry id")->required()->check(CLI::PositiveNumber);
    show->callback([&ctx, id] {
        auto options = ctx.render_options();
        output::render_document(ctx.out(), options, audit::show(ctx.db(), *id));
    });

    auto export_args = std::make_shared<FilterArgs>();
    auto* exportcmd = add_command(*auditcmd, "export", "Stream entries oldest first (owners only)");
    add_filter_options(*exportcmd, *export_args);
    exportcmd->callback([&ctx, export_args] {
        auto options = ctx.render_options();
        auto filter = filter_of(*export_args);
        auto renderer = output::make_renderer(ctx.out(), options);
        // Exports are read-only work: the replica when one is configured (DESIGN §6).
        auto& conn = ctx.read_db();
        ctx.allow_long_statements();
        audit::export_rows(conn, filter, *renderer);
    });

    add_command(*auditcmd, "verify", "Walk the hash chain (exit 10 naming the first broken entry)")->callback([&ctx] {
        ctx.allow_long_statements();
        auto v = audit::verify(ctx.db());
        using output::Kind;
        std::vector<output::Column> columns = {{"rows", Kind::integer},
                                               {"ok", Kind::boolean},
                                               {"first_broken_id", Kind::integer},
                                               {"problem"},
                                               {"last_id", Kind::integer},
                                               {"last_hash"}};
        output::Row row = {std::to_string(v.rows), v.first_broken_id ? "false" : "true",
                           v.first_broken_id ? output::Cell(std::to_string(*v.first_broken_id)) : output::Cell::null(),
                           v.problem.empty() ? output::Cell::null() : output::Cell(v.problem),
                           v.last_id ? output::Cell(std::to_string(*v.last_id)) : output::Cell::null(),
                           v.last_hash.empty() ? output::Cell::null() : output::Cell(v.last_hash)};
        output::render(ctx.out(), ctx.render_options(), columns, {row});
        ctx.out().flush();
        if (v.first_broken_id)
            throw Error(ExitCode::check_failed,
                        fmt::format("audit chain broken at entry {}: {}", *v.first_broken_id, v.problem),
                        "compare with a backup; see ctl audit show " + std::to_string(*v.first_broken_id));
    });
}

}  // namespace ctl::cli
