#pragma once
// Man pages from the command tree: ctl(1), the overview with the help topics as sections, and
// one page per top-level command, ctl-<command>(1), listing every command below it (nested ones
// too) with its options. Hand-written prose is merged in by section title: a prose DESCRIPTION
// replaces the generated one-line description, a prose section whose title the generator also
// writes (SEE ALSO, COMMANDS, ...) is appended to it, and any other is placed in the
// conventional order (after COMMANDS and GLOBAL OPTIONS, before OUTPUT .. EXAMPLES, SEE ALSO).
// The output depends only on its inputs (no dates), so it can be checked in.

#include "docs/command_doc.hpp"

#include <map>
#include <string>
#include <vector>

namespace ctl::docs {

struct GeneratedFile {
    std::string name;  // "ctl-users.1", "ctl.bash"
    std::string text;
};

struct ManInputs {
    std::string version;                       // shown in the page header and footer
    std::map<std::string, std::string> prose;  // page name ("ctl-users") → markup with # sections
};

// The page names: "ctl", then "ctl-<command>" for each top-level command, in tree order.
std::vector<std::string> man_page_names(const CommandDoc& root);

// Every page, in man_page_names() order, named "<page>.1". Throws ctl::UsageError when a prose
// text belongs to no page or is malformed (docs/markup.hpp).
std::vector<GeneratedFile> man_pages(const CommandDoc& root, const ManInputs& inputs);

}  // namespace ctl::docs
