#pragma once
// The command tree as docs:: sees it (for the completions, the man pages and `ctl help`), and
// the marks a command puts on an option whose values its completion should offer beyond what
// CLI11 knows (CLI11::IsMember sets are found on their own).

#include "docs/command_doc.hpp"

#include <string_view>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace ctl::cli {

// The values of `option` (or positional) come from the database at completion time, through
// the hidden `ctl __complete KIND PREFIX`. `kind` must be one of completion::dynamic_kinds()
// ("plans", "flags", "settings"), else std::logic_error. Returns `option`, for chaining:
//   complete_with(cmd->add_option("--plan", a->plan, "Plan code"), "plans");
CLI::Option* complete_with(CLI::Option* option, std::string_view kind);

// The value of `option` is a file or directory name. Options named --out, --file, --dir,
// --path or --*-file, --*-dir, --*-path are taken as such without it.
CLI::Option* complete_files(CLI::Option* option);

// The values of `option` are the help topics and the top-level command names (`ctl help`).
CLI::Option* complete_help_topics(CLI::Option* option);

// The commands of `app` that help, man pages and completions show: not the hidden ones.
std::vector<CLI::App*> visible_subcommands(CLI::App& app);

// Describes the tree below `root` (the whole program): every command and option except hidden
// ones (CLI11 group "") and --help, with the fixed values of IsMember checks and the marks above.
docs::CommandDoc describe_command_tree(CLI::App& root);

}  // namespace ctl::cli
