// ctl db: migrations, demo data and the local PostgreSQL instance.

#include "commands/context.hpp"
#include "db/local_cluster.hpp"
#include "domain/seed.hpp"
#include "schema/migrator.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace ctl::cli {

namespace {

using output::Column;
using output::Kind;

std::vector<Column> migration_columns() {
    return {{"version", Kind::integer}, {"name"}, {"state"}, {"applied_at", Kind::time},
            {"checksum", Kind::text, output::Visibility::machine_only}};
}

output::Row migration_row(const schema::MigrationStatus& s) {
    return {std::to_string(s.version), s.name, schema::to_string(s.state),
            s.applied_at.empty() ? output::Cell::null() : output::Cell(s.applied_at),
            s.checksum.empty() ? output::Cell(s.applied_checksum) : output::Cell(s.checksum)};
}

// Migrates and reports; exit 10 when an applied migration's file has changed.
void run_migrate(Context& ctx, db::Connection& conn) {
    auto result = schema::migrate(conn);
    std::vector<output::Row> rows;
    for (const auto& s : result.applied_now) rows.push_back(migration_row(s));
    for (const auto& s : result.changed) rows.push_back(migration_row(s));
    output::render(ctx.out(), ctx.render_options(), migration_columns(), rows);
    ctx.out().flush();
    if (result.applied_now.empty() && result.changed.empty()) ctx.info("schema is up to date");
    if (!result.changed.empty())
        throw Error(ExitCode::check_failed,
                    fmt::format("migration {} was changed after it was applied (checksum mismatch)",
                                result.changed.front().version),
                    "never edit an applied migration; add a new one");
}

void local_status(Context& ctx, db::LocalCluster& cluster) {
    auto s = cluster.status();
    std::vector<Column> columns = {{"dir"}, {"initialised", Kind::boolean}, {"running", Kind::boolean},
                                   {"conninfo"}, {"server_log", Kind::text, output::Visibility::on_request}};
    output::render(ctx.out(), ctx.render_options(), columns,
                   {{s.dir, s.initialised ? "true" : "false", s.running ? "true" : "false", s.conninfo, s.server_log}});
}

}  // namespace

void register_db(CLI::App& root, Context& ctx) {
    auto* dbcmd = add_command(root, "db", "Schema migrations, demo data, the local database");
    dbcmd->require_subcommand(1);

    add_command(*dbcmd, "migrate", "Apply pending migrations (safe to run concurrently)")->callback([&ctx] {
        // A migration may rewrite a table of millions of rows: no statement timeout unless
        // --timeout asks for one.
        ctx.allow_long_statements();
        run_migrate(ctx, ctx.db());
    });

    add_command(*dbcmd, "status", "Applied and pending migrations (exit 10 when not current)")->callback([&ctx] {
        auto status = schema::migration_status(ctx.db());
        std::vector<output::Row> rows;
        bool current = true;
        for (const auto& s : status) {
            rows.push_back(migration_row(s));
            current = current && s.state == schema::MigrationState::applied;
        }
        output::render(ctx.out(), ctx.render_options(), migration_columns(), rows);
        ctx.out().flush();
        if (!current) throw Error(ExitCode::check_failed, "schema is not current", "run ctl db migrate");
    });

    auto seed = std::make_shared<seed::SeedOptions>();
    auto* seedcmd = add_command(*dbcmd, "seed", "Fill the database with deterministic demo data");
    seedcmd->add_option("--users", seed->users, "Number of users")->capture_default_str();
    seedcmd->add_option("--seed", seed->seed, "Random seed (same seed, same day: same data)")->capture_default_str();
    seedcmd->add_option("--months", seed->months, "Months of history")->capture_default_str();
    seedcmd->add_flag("--reset", seed->reset, "Empty the platform tables first (destructive)");
    seedcmd->callback([&ctx, seed] {
        if (seed->reset) ctx.confirm("delete all platform data and seed anew?");
        auto& conn = ctx.db();
        auto report = seed::seed_demo_data(conn, *seed, [&ctx](std::string_view line) {
            if (ctx.options.verbose > 0) ctx.info(std::string(line));
        });
        std::vector<output::Row> rows;
        for (const auto& t : report.tables) rows.push_back({t.table, std::to_string(t.rows)});
        output::render(ctx.out(), ctx.render_options(), {{"table"}, {"rows", Kind::integer}}, rows);
        ctx.out().flush();
        ctx.info(fmt::format("seeded {} users in {:.1f} s", seed->users, report.seconds));
    });

    auto* local = add_command(*dbcmd, "local", "The private local PostgreSQL instance");
    local->require_subcommand(1);
    add_command(*local, "up", "Create, start and migrate the local instance (idempotent)")->callback([&ctx] {
        db::LocalCluster cluster({db::default_local_dir()});
        cluster.up();
        db::Connection conn({cluster.conninfo(), 10, 0, {}});
        auto result = schema::migrate(conn);
        if (!result.applied_now.empty()) ctx.info(fmt::format("applied {} migrations", result.applied_now.size()));
        local_status(ctx, cluster);
    });
    add_command(*local, "down", "Stop the local instance")->callback([&ctx] {
        db::LocalCluster cluster({db::default_local_dir()});
        cluster.down();
        local_status(ctx, cluster);
    });
    add_command(*local, "status", "Where the local instance lives and whether it runs")->callback([&ctx] {
        db::LocalCluster cluster({db::default_local_dir()});
        local_status(ctx, cluster);
    });
}

}  // namespace ctl::cli
