#pragma once
// A plain description of the command tree, free of CLI11: what the man pages, the shell
// completions and `ctl help` are generated from. commands/ builds it by walking the CLI11 tree;
// hidden commands and options are left out there, so everything here is public.

#include <string>
#include <vector>

namespace ctl::docs {

struct OptionDoc {
    // Dashed names, short ones first ("-o", "--output"); for a positional its one name ("USER").
    std::vector<std::string> names;
    std::string value_name;  // "TEXT", "INT", "STATUS"; empty for a flag
    std::string description;
    std::vector<std::string> choices;  // the fixed set of values, empty when free
    std::string dynamic;               // kind for `ctl __complete KIND`, empty when none
    bool path_value = false;           // the value is a file or directory name
    std::string default_value;         // as shown in --help; empty when none
    std::string group;                 // CLI11 group ("Global options"); empty for positionals
    bool positional = false;
    bool required = false;
    bool repeatable = false;  // takes any number of values (a positional list)

    bool takes_value() const { return !value_name.empty(); }
};

struct CommandDoc {
    std::string name;               // "list"; the program name for the root
    std::vector<std::string> path;  // {"users", "list"}; empty for the root
    std::string description;
    std::vector<OptionDoc> options;  // its own options, --help excluded
    std::vector<OptionDoc> positionals;
    std::vector<CommandDoc> subcommands;
    bool inherits_options = true;  // the parent's options are accepted after its name

    // "users list"; "" for the root.
    std::string path_text() const;
    // "ctl users list".
    std::string command_line(const std::string& program) const;
};

// The options accepted at `path` (own options plus the inherited ones of its ancestors), in the
// order: own first, then the parent's, up to the root. Empty when the path names no command.
std::vector<OptionDoc> applicable_options(const CommandDoc& root, const std::vector<std::string>& path);

// Every command of the tree, depth first, the root first.
std::vector<const CommandDoc*> all_commands(const CommandDoc& root);

}  // namespace ctl::docs
