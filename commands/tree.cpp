// The command tree: global options and every command group, built in one place so that
// --help, the man pages and the shell completions all come from the same tree.

#include "commands/context.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <vector>

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
        ->check(finite_number())
        ->check(CLI::Range(0.1, 86400.0))
        ->group(group);
    app.add_flag("--replica-only", o.replica_only,
                 "Read-only work (analytics, exports) must read from replica_url: exit 6 when it is down, instead "
                 "of falling back to the primary")
        ->group(group);
}

void register_version(CLI::App& root, Context&) {
    auto* version = add_command(root, "version", "Print the version");
    version->callback([] { std::cout << "ctl " << CTL_VERSION << "\n"; });
}

// Every top-level command, in --help order. Each entry adds exactly the command it names.
struct Group {
    std::string_view name;
    void (*add)(CLI::App& root, Context& ctx);
};
constexpr Group k_groups[] = {
    {"version", register_version},
    {"db", register_db},
    {"users", register_users},
    {"payments", register_payments},
    {"agents", register_agents},
    {"devin", register_devin},
    {"popia", register_popia},
    {"email", register_email},
    {"alerts", register_alerts},
    {"activity", register_activity},
    {"flags", register_flags},
    {"analytics", register_analytics},
    {"health", register_health},
    {"admins", register_admins},
    {"audit", register_audit},
    {"completion", register_completion},
    {"help", register_help},
};

// Commands that look at the whole tree (help topics, completion scripts, generated docs).
bool needs_whole_tree(std::string_view name) {
    return name == "help" || name == "completion" || name == "__gen-docs" || name == "__complete";
}

// The first word of the command line that is not an option or a global option's value.
std::string_view first_command(const CLI::App& app, int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--") return {};
        if (arg.size() > 1 && arg[0] == '-') {
            const CLI::Option* opt = app.get_option_no_throw(std::string(arg));
            if (opt && opt->get_expected_max() > 0) ++i;  // its value
            continue;
        }
        return arg;
    }
    return {};
}

}  // namespace

void build_command_tree(CLI::App& app, Context& ctx, int argc, const char* const* argv) {
    app.set_version_flag("--version", std::string("ctl ") + CTL_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    add_global_options(app, ctx.options);

    std::string_view command = first_command(app, argc, argv);
    if (!command.empty() && !needs_whole_tree(command)) {
        for (const auto& g : k_groups)
            if (g.name == command) {
                g.add(app, ctx);
                return;
            }
    }
    for (const auto& g : k_groups) g.add(app, ctx);
}

}  // namespace ctl::cli
