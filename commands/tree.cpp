// The command tree: global options and every command group, built in one place so that
// --help, the man pages and the shell completions all come from the same tree.

#include "commands/context.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace ctl::cli {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& o) {
    const char* group = "Global options";
    app.add_option("--db", o.db_url, "Database URL or conninfo (default: CTL_DATABASE_URL, profile, local)")
        ->group(group);
    app.add_option("--profile", o.profile, "Config profile")->group(group);
    app.add_option("-o,--output", o.output, "Output format")
        ->check(CLI::IsMember({"table", "json", "ndjson", "csv", "tsv"}))
        ->group(group);
    app.add_option("--fields", o.fields, "Columns to show, in order (a,b,c)")->group(group);
    app.add_flag("--no-color", o.no_color, "No ANSI colour")->group(group);
    app.add_flag("-y,--yes", o.yes, "Do not ask for confirmation")->group(group);
    app.add_flag("--dry-run", o.dry_run, "Show what would change, change nothing")->group(group);
    app.add_option("--reason", o.reason, "Why: recorded in the audit trail")->group(group);
    app.add_flag("-q,--quiet", o.quiet, "Only data and errors")->group(group);
    app.add_flag("-v,--verbose", o.verbose, "More detail on stderr (repeatable)")->group(group);
    app.add_option("--timeout", o.timeout_s, "Seconds before a database statement is cancelled (default 30; checks and exports: none)")
        ->check(CLI::Range(0.1, 86400.0))
        ->group(group);
}

}  // namespace

void build_command_tree(CLI::App& app, Context& ctx) {
    app.set_version_flag("--version", std::string("ctl ") + CTL_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    add_global_options(app, ctx.options);

    auto* version = add_command(app, "version", "Print the version");
    version->callback([] { std::cout << "ctl " << CTL_VERSION << "\n"; });
    register_db(app, ctx);
    register_users(app, ctx);
    register_health(app, ctx);
    register_admins(app, ctx);
    register_audit(app, ctx);
    register_flags(app, ctx);
    register_completion(app, ctx);
    register_help(app, ctx);
}

}  // namespace ctl::cli
