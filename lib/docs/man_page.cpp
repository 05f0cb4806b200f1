#include "docs/man_page.hpp"

#include "docs/markup.hpp"
#include "docs/topics.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <cctype>

namespace ctl::docs {

namespace {

struct PageSection {
    std::string title;
    std::string body;       // roff
    bool fallback = false;  // replaced, not extended, by a prose section of the same title
};

// The conventional order of man page sections; prose sections with other titles come after
// COMMANDS, in the order of their file.
int section_rank(const std::string& title) {
    static const std::vector<std::string> head = {"NAME",    "SYNOPSIS", "DESCRIPTION",
                                                  "OPTIONS", "COMMANDS", "GLOBAL OPTIONS"};
    static const std::vector<std::string> tail = {"OUTPUT",      "CONFIGURATION", "ENVIRONMENT", "FILES",
                                                  "EXIT STATUS", "EXAMPLES",      "SEE ALSO"};
    if (auto it = std::find(head.begin(), head.end(), title); it != head.end())
        return static_cast<int>(it - head.begin());
    if (auto it = std::find(tail.begin(), tail.end(), title); it != tail.end())
        return 100 + static_cast<int>(it - tail.begin());
    return 50;
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string bold(std::string_view text) { return "\\fB" + roff_escape(text) + "\\fR"; }
std::string italic(std::string_view text) { return "\\fI" + roff_escape(text) + "\\fR"; }

// A description as a sentence: with a final period.
std::string sentence(std::string text) {
    if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?') text += '.';
    return text;
}

std::string option_term(const OptionDoc& o) {
    if (o.positional) return italic(o.names.front());
    std::string term;
    for (const auto& name : o.names) {
        if (!term.empty()) term += ", ";
        term += bold(name);
    }
    if (o.takes_value()) term += " " + italic(o.value_name);
    return term;
}

std::string option_text(const OptionDoc& o) {
    std::string text = roff_escape(sentence(o.description));
    if (!o.choices.empty()) {
        text += " One of: ";
        for (std::size_t i = 0; i < o.choices.size(); ++i) text += (i ? ", " : "") + bold(o.choices[i]);
        text += ".";
    }
    if (!o.default_value.empty()) text += " Default: " + bold(o.default_value) + ".";
    if (o.required && !o.positional) text += " Required.";
    return text;
}

std::string option_list(const std::vector<OptionDoc>& options) {
    std::string out;
    for (const auto& o : options) out += ".TP\n" + option_term(o) + "\n" + option_text(o) + "\n";
    return out;
}

std::string synopsis_line(const CommandDoc& c, const std::string& program) {
    std::string out = ".B " + roff_escape(c.command_line(program)) + "\n";
    std::vector<std::string> parts;
    if (!c.options.empty() || c.inherits_options) parts.push_back("[" + italic("OPTIONS") + "]");
    if (!c.subcommands.empty()) parts.push_back(italic("COMMAND"));
    for (const auto& p : c.positionals)
        parts.push_back(p.required ? italic(p.names.front()) : "[" + italic(p.names.front()) + "]");
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " " : "") + parts[i];
    return out + "\n";
}

std::string subcommand_names(const CommandDoc& c) {
    std::string out;
    for (std::size_t i = 0; i < c.subcommands.size(); ++i) out += (i ? ", " : "") + bold(c.subcommands[i].name);
    return out;
}

std::string page_ref(const std::string& page) { return bold(page) + "(1)"; }

// NAME .. COMMANDS of ctl(1).
std::vector<PageSection> root_sections(const CommandDoc& root, const std::string& program) {
    std::string summary = root.description;
    if (summary.rfind(program + ": ", 0) == 0) summary = summary.substr(program.size() + 2);
    std::vector<PageSection> sections;
    sections.push_back({"NAME", roff_escape(program) + " \\- " + roff_escape(summary) + "\n"});
    sections.push_back({"SYNOPSIS", ".B " + roff_escape(program) + "\n[" + italic("OPTIONS") + "] " +
                                        italic("COMMAND") + " [" + italic("ARGS") + "]\n"});
    sections.push_back(
        {"DESCRIPTION", ".PP\n" + roff_escape(sentence(upper(summary.substr(0, 1)) + summary.substr(1))) + "\n", true});

    // Options by their CLI11 group: "Options" (with --help) and the others, each a section.
    std::string options = ".TP\n" + bold("-h") + ", " + bold("--help") + "\nPrint the help of the command and exit.\n";
    std::vector<std::string> groups;
    for (const auto& o : root.options)
        if (o.group != "Options" && std::find(groups.begin(), groups.end(), o.group) == groups.end())
            groups.push_back(o.group);
    std::vector<OptionDoc> plain;
    for (const auto& o : root.options)
        if (o.group == "Options") plain.push_back(o);
    sections.push_back({"OPTIONS", options + option_list(plain)});
    for (const auto& group : groups) {
        std::vector<OptionDoc> in_group;
        for (const auto& o : root.options)
            if (o.group == group) in_group.push_back(o);
        std::string intro = ".PP\nAccepted by every command, before or after its name.\n";
        sections.push_back({upper(group), intro + option_list(in_group)});
    }

    std::string commands;
    for (const auto& c : root.subcommands) {
        commands += ".TP\n" + bold(c.command_line(program)) + "\n" + roff_escape(sentence(c.description));
        if (!c.subcommands.empty()) commands += " Commands: " + subcommand_names(c) + ".";
        commands += " See " + page_ref(program + "-" + c.name) + ".\n";
    }
    sections.push_back({"COMMANDS", commands});

    for (const auto& topic : help_topics())
        sections.push_back({std::string(topic.man_section), render_roff(parse_markup(topic.text))});

    std::string see_also;
    for (const auto& c : root.subcommands)
        see_also += (see_also.empty() ? "" : ",\n") + page_ref(program + "-" + c.name);
    sections.push_back({"SEE ALSO", see_also + "\n"});
    return sections;
}

void describe_command(const CommandDoc& c, const std::string& program, std::string& out) {
    out += ".SS " + roff_quoted(c.command_line(program)) + "\n";
    out += ".PP\n" + roff_escape(sentence(c.description));
    if (!c.subcommands.empty()) out += " Commands: " + subcommand_names(c) + ".";
    out += "\n";
    out += option_list(c.positionals) + option_list(c.options);
    for (const auto& sub : c.subcommands) describe_command(sub, program, out);
}

std::vector<const CommandDoc*> leaves(const CommandDoc& c) {
    if (c.subcommands.empty()) return {&c};
    std::vector<const CommandDoc*> out;
    for (const auto& sub : c.subcommands) {
        auto more = leaves(sub);
        out.insert(out.end(), more.begin(), more.end());
    }
    return out;
}

// NAME .. COMMANDS and SEE ALSO of ctl-<command>(1).
std::vector<PageSection> command_sections(const CommandDoc& root, const CommandDoc& c, const std::string& program) {
    std::vector<PageSection> sections;
    sections.push_back({"NAME", roff_escape(program + "-" + c.name) + " \\- " + roff_escape(c.description) + "\n"});
    std::string synopsis;
    for (const auto* leaf : leaves(c)) synopsis += (synopsis.empty() ? "" : ".br\n") + synopsis_line(*leaf, program);
    sections.push_back({"SYNOPSIS", synopsis});
    sections.push_back({"DESCRIPTION",
                        ".PP\n" + bold(c.command_line(program)) + ": " + roff_escape(sentence(c.description)) + "\n",
                        true});
    if (c.subcommands.empty()) {
        if (!c.positionals.empty() || !c.options.empty())
            sections.push_back({"OPTIONS", option_list(c.positionals) + option_list(c.options)});
    } else {
        std::string commands;
        for (const auto& sub : c.subcommands) describe_command(sub, program, commands);
        sections.push_back({"COMMANDS", commands});
    }
    if (c.inherits_options && !root.options.empty()) {
        std::string names;
        for (const auto& o : root.options)
            for (const auto& name : o.names) names += (names.empty() ? "" : ", ") + bold(name);
        sections.push_back({"GLOBAL OPTIONS", ".PP\nEvery command accepts the options of " + page_ref(program) +
                                                  " before or after its name: " + names + ".\n"});
    }
    sections.push_back({"SEE ALSO", page_ref(program) + "\n"});
    return sections;
}

std::string render_page(const std::string& page, const std::string& version, std::vector<PageSection> sections,
                        const std::string* prose) {
    if (prose) {
        for (auto& ps : split_sections(*prose, "man/prose/" + page + ".md")) {
            std::string body = render_roff(parse_markup(ps.body));
            auto it = std::find_if(sections.begin(), sections.end(),
                                   [&](const PageSection& s) { return s.title == ps.title; });
            if (it == sections.end())
                sections.push_back({ps.title, body});
            else if (it->fallback)
                *it = {ps.title, body};
            else if (ps.title == "SEE ALSO")  // continues the list
                it->body =
                    it->body.substr(0, it->body.size() - 1) + ",\n" + body.substr(body.rfind(".PP\n", 0) == 0 ? 4 : 0);
            else
                it->body += body;
        }
    }
    std::stable_sort(sections.begin(), sections.end(), [](const PageSection& a, const PageSection& b) {
        return section_rank(a.title) < section_rank(b.title);
    });
    std::string out = ".\\\" Generated from ctl's command tree" +
                      std::string(prose ? " and man/prose/" + page + ".md" : "") +
                      " by scripts/gen-docs.sh; do not edit.\n";
    out += ".TH " + roff_quoted(upper(page)) + " 1 " + roff_quoted("version " + version) + " " +
           roff_quoted("ctl " + version) + " " + roff_quoted("ctl manual") + "\n";
    out += ".nh\n.ad l\n";  // no hyphenation, ragged right: option names stay whole
    for (const auto& s : sections) out += ".SH " + roff_quoted(s.title) + "\n" + s.body;
    return out;
}

}  // namespace

std::vector<std::string> man_page_names(const CommandDoc& root) {
    std::vector<std::string> names = {root.name};
    for (const auto& c : root.subcommands) names.push_back(root.name + "-" + c.name);
    return names;
}

std::vector<GeneratedFile> man_pages(const CommandDoc& root, const ManInputs& inputs) {
    auto names = man_page_names(root);
    for (const auto& [page, text] : inputs.prose)
        if (std::find(names.begin(), names.end(), page) == names.end())
            throw UsageError("man/prose/" + page + ".md: there is no page " + page + " (no such command)",
                             "rename or remove the prose file");
    auto prose_of = [&](const std::string& page) -> const std::string* {
        auto it = inputs.prose.find(page);
        return it == inputs.prose.end() ? nullptr : &it->second;
    };
    const std::string& program = root.name;
    std::vector<GeneratedFile> pages;
    pages.push_back(
        {program + ".1", render_page(program, inputs.version, root_sections(root, program), prose_of(program))});
    for (const auto& c : root.subcommands) {
        std::string page = program + "-" + c.name;
        pages.push_back(
            {page + ".1", render_page(page, inputs.version, command_sections(root, c, program), prose_of(page))});
    }
    return pages;
}

}  // namespace ctl::docs
