#pragma once
// The help topics of `ctl help TOPIC`. ctl(1) prints each one as a section too, so the manual
// and the built-in help say the same thing.

#include <string_view>
#include <vector>

namespace ctl::docs {

struct Topic {
    std::string_view name;         // "exit-codes"
    std::string_view summary;      // one line for the topic list
    std::string_view man_section;  // the section of ctl(1) that shows it: "EXIT STATUS"
    std::string_view text;         // markup (docs/markup.hpp)
};

// Every topic, in the order `ctl help` lists them.
const std::vector<Topic>& help_topics();

// The topic of that name, or nullptr.
const Topic* find_topic(std::string_view name);

}  // namespace ctl::docs
