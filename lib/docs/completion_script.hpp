#pragma once
// Shell completion scripts from the command tree. They complete command names, option names
// (with descriptions where the shell shows them), the fixed values of options and positionals,
// file names for path values, and dynamic values by running `<program> __complete KIND PREFIX`
// (the program as typed on the command line), which prints one candidate per line.
// Each script walks the words before the cursor to find the command path, skipping the values
// of options that take one, so `ctl --db URL users li<TAB>` completes `list`.

#include "docs/command_doc.hpp"
#include "docs/man_page.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::docs {

// The shells completion_script() knows: "bash", "zsh", "fish".
const std::vector<std::string>& completion_shells();

// The script for `shell`, or nullopt for an unknown shell.
std::optional<std::string> completion_script(const CommandDoc& root, std::string_view shell);

// The three scripts as installed: "<program>.bash", "_<program>" (zsh), "<program>.fish".
std::vector<GeneratedFile> completion_scripts(const CommandDoc& root);

}  // namespace ctl::docs
