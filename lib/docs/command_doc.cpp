#include "docs/command_doc.hpp"

namespace ctl::docs {

std::string CommandDoc::path_text() const {
    std::string text;
    for (const auto& word : path) {
        if (!text.empty()) text += ' ';
        text += word;
    }
    return text;
}

std::string CommandDoc::command_line(const std::string& program) const {
    return path.empty() ? program : program + " " + path_text();
}

std::vector<OptionDoc> applicable_options(const CommandDoc& root, const std::vector<std::string>& path) {
    std::vector<const CommandDoc*> chain = {&root};
    for (const auto& word : path) {
        const CommandDoc* next = nullptr;
        for (const auto& sub : chain.back()->subcommands)
            if (sub.name == word) next = &sub;
        if (!next) return {};
        chain.push_back(next);
    }
    std::vector<OptionDoc> options;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        options.insert(options.end(), (*it)->options.begin(), (*it)->options.end());
        if (!(*it)->inherits_options) break;
    }
    return options;
}

namespace {

void collect(const CommandDoc& command, std::vector<const CommandDoc*>& out) {
    out.push_back(&command);
    for (const auto& sub : command.subcommands) collect(sub, out);
}

}  // namespace

std::vector<const CommandDoc*> all_commands(const CommandDoc& root) {
    std::vector<const CommandDoc*> out;
    collect(root, out);
    return out;
}

}  // namespace ctl::docs
