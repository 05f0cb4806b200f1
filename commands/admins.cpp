// ctl admins: operators and their roles (owners only, enforced by the database).

#include "commands/context.hpp"
#include "domain/admins.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace ctl::cli {

namespace {

// The new operator's password: from --password-file, else stdin (prompted, without echo, on a
// terminal). Never from a flag value, which would land in shell history and `ps`.
std::string read_password(const std::string& file) {
    std::string password;
    if (!file.empty()) {
        std::ifstream in(file);
        if (!in) throw UsageError("cannot read --password-file " + file);
        std::getline(in, password);
    } else if (isatty(STDIN_FILENO)) {
        std::fprintf(stderr, "password: ");
        std::fflush(stderr);
        termios old{};
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::getline(std::cin, password);
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fprintf(stderr, "\n");
    } else {
        std::getline(std::cin, password);
    }
    while (!password.empty() && (password.back() == '\r' || password.back() == '\n')) password.pop_back();
    if (password.empty()) throw UsageError("no password given", "pipe it on stdin or use --password-file");
    return password;
}

struct AddArgs {
    std::string name, role, password_file;
};

}  // namespace

void register_admins(CLI::App& root, Context& ctx) {
    auto* admins = add_command(root, "admins", "Operators (database login roles) and their roles");
    admins->require_subcommand(1);
    auto roles = CLI::IsMember({"viewer", "support", "billing", "admin", "owner", "ci"});

    add_command(*admins, "list", "Operators and their roles")->callback([&ctx] {
        auto t = admins::list(ctx.db());
        output::render(ctx.out(), ctx.render_options(), t.columns, t.rows);
    });

    auto add = std::make_shared<AddArgs>();
    auto* addcmd = add_command(*admins, "add", "Create an operator (password from stdin or --password-file)");
    addcmd->add_option("NAME", add->name, "Login role name")->required();
    addcmd->add_option("--role", add->role, "Group: viewer, support, billing, admin, owner, ci")->required()->check(roles);
    addcmd->add_option("--password-file", add->password_file, "File whose first line is the password");
    addcmd->callback([&ctx, add] {
        const auto& reason = ctx.require_reason("admins add");
        std::string password = read_password(add->password_file);
        admins::add(ctx.db(), add->name, add->role, password, reason);
        ctx.info("added operator " + add->name + " as " + add->role);
    });

    auto set = std::make_shared<AddArgs>();
    auto* rolecmd = add_command(*admins, "role", "Move an operator to another role");
    rolecmd->add_option("NAME", set->name, "Operator")->required();
    rolecmd->add_option("ROLE", set->role, "viewer, support, billing, admin, owner, ci")->required()->check(roles);
    rolecmd->callback([&ctx, set] {
        bool changed = admins::set_role(ctx.db(), set->name, set->role, ctx.require_reason("admins role"));
        ctx.info(changed ? set->name + " is now " + set->role : set->name + " is already " + set->role);
    });

    auto victim = std::make_shared<std::string>();
    auto* removecmd = add_command(*admins, "remove", "Remove an operator's login role");
    removecmd->add_option("NAME", *victim, "Operator")->required();
    removecmd->callback([&ctx, victim] {
        const auto& reason = ctx.require_reason("admins remove");
        ctx.confirm("remove operator " + *victim + "?");
        if (ctx.options.dry_run) {
            ctx.info("dry run: would remove operator " + *victim);
            return;
        }
        admins::remove(ctx.db(), *victim, reason);
        ctx.info("removed operator " + *victim);
    });

    add_command(*admins, "me", "Who you are connected as, and your groups")->callback([&ctx] {
        output::render_document(ctx.out(), ctx.render_options(), admins::me(ctx.db()));
    });
}

}  // namespace ctl::cli
