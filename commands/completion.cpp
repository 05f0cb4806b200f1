// ctl completion SHELL: the completion script, generated from the command tree; and the hidden
// ctl __complete KIND PREFIX that the scripts call for values that live in the database.

#include "commands/completion.hpp"

#include "commands/context.hpp"
#include "docs/completion_script.hpp"
#include "docs/topics.hpp"
#include "domain/completion_values.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <iostream>
#include <stdexcept>
#include <unistd.h>

namespace ctl::cli {

namespace {

constexpr std::string_view k_mark = "complete:";
constexpr std::string_view k_files = "complete:files";
constexpr std::string_view k_help_topics = "complete:help-topics";

// A validator that accepts everything and shows nothing in --help; only its name matters.
CLI::Option* mark(CLI::Option* option, std::string name) {
    option->check(CLI::Validator([](std::string&) { return std::string(); }, "", std::move(name)));
    return option;
}

std::string upper_name(std::string name) {
    for (auto& c : name) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

// "{a,b,c}" (IsMember) or "{a->1,b->2}" (Transformer) → {"a", "b", "c"}; nothing otherwise.
std::vector<std::string> choices_of(const std::string& description) {
    if (description.size() < 2 || description.front() != '{' || description.back() != '}') return {};
    std::vector<std::string> choices;
    std::string_view inner(description.data() + 1, description.size() - 2);
    while (!inner.empty()) {
        auto comma = inner.find(',');
        auto item = inner.substr(0, comma);
        if (auto arrow = item.find("->"); arrow != std::string_view::npos) item = item.substr(0, arrow);
        if (!item.empty()) choices.emplace_back(item);
        if (comma == std::string_view::npos) break;
        inner.remove_prefix(comma + 1);
    }
    return choices;
}

docs::OptionDoc describe_option(CLI::Option& opt, const std::vector<std::string>& help_topics) {
    docs::OptionDoc d;
    d.positional = !opt.nonpositional();
    if (d.positional) {
        d.names.push_back(opt.get_name(true));
    } else {
        for (const auto& s : opt.get_snames()) d.names.push_back("-" + s);
        for (const auto& l : opt.get_lnames()) d.names.push_back("--" + l);
    }
    d.description = opt.get_description();
    d.default_value = opt.get_default_str();
    d.group = d.positional ? std::string() : opt.get_group();
    d.required = opt.get_required();
    d.repeatable = opt.get_expected_max() > 1;
    for (const auto& l : opt.get_lnames())
        for (std::string_view word : {"out", "file", "dir", "path"})
            if (l == word || l.ends_with("-" + std::string(word))) d.path_value = true;
    for (int i = 0;; ++i) {
        CLI::Validator* v = nullptr;
        try {
            v = opt.get_validator(i);  // CLI11 2.1 has no count: past the last one it throws
        } catch (const CLI::OptionNotFound&) {
            break;
        }
        const std::string& name = v->get_name();
        if (name == k_files)
            d.path_value = true;
        else if (name == k_help_topics)
            d.choices.insert(d.choices.end(), help_topics.begin(), help_topics.end());
        else if (name.rfind(k_mark, 0) == 0)
            d.dynamic = name.substr(k_mark.size());
        else if (auto set = choices_of(v->get_description()); !set.empty())
            d.choices = set;
    }
    if (d.positional) {
        d.value_name = d.names.front();
    } else if (opt.get_expected_max() > 0) {  // flags expect 0 values
        std::string type = opt.get_type_name();
        type = type.substr(0, type.find(':'));
        if (!d.choices.empty() && !opt.get_lnames().empty()) type = upper_name(opt.get_lnames().front());
        d.value_name = type.empty() ? "VALUE" : type;
    }
    return d;
}

docs::CommandDoc describe(CLI::App& app, std::vector<std::string> path, const std::vector<std::string>& help_topics) {
    docs::CommandDoc c;
    c.name = app.get_name();
    c.path = std::move(path);
    c.description = app.get_description();
    c.inherits_options = app.get_fallthrough();
    for (CLI::Option* opt : app.get_options()) {
        if (opt == app.get_help_ptr() || opt->get_group().empty()) continue;
        auto d = describe_option(*opt, help_topics);
        (d.positional ? c.positionals : c.options).push_back(std::move(d));
    }
    for (CLI::App* sub : visible_subcommands(app)) {
        auto sub_path = c.path;
        sub_path.push_back(sub->get_name());
        c.subcommands.push_back(describe(*sub, sub_path, help_topics));
    }
    return c;
}

// The completion helper must never keep a shell waiting: whatever is still running after one
// second (a connect that libpq stretches to its two-second minimum, a slow server) ends here,
// quietly and with status 0, as the scripts expect. This is the one exit outside cli/main.cpp.
void complete_deadline(int) { _exit(0); }

}  // namespace

std::vector<CLI::App*> visible_subcommands(CLI::App& app) {
    // Hidden commands have the group ""; option groups are nameless subcommands.
    return app.get_subcommands([](CLI::App* s) { return !s->get_group().empty() && !s->get_name().empty(); });
}

CLI::Option* complete_with(CLI::Option* option, std::string_view kind) {
    if (!completion::is_dynamic_kind(kind))
        throw std::logic_error("complete_with: unknown completion kind '" + std::string(kind) + "'");
    return mark(option, std::string(k_mark) + std::string(kind));
}

CLI::Option* complete_files(CLI::Option* option) { return mark(option, std::string(k_files)); }

CLI::Option* complete_help_topics(CLI::Option* option) { return mark(option, std::string(k_help_topics)); }

docs::CommandDoc describe_command_tree(CLI::App& root) {
    std::vector<std::string> help_topics;
    for (const auto& topic : docs::help_topics()) help_topics.emplace_back(topic.name);
    for (CLI::App* sub : visible_subcommands(root)) help_topics.push_back(sub->get_name());
    return describe(root, {}, help_topics);
}

void register_completion(CLI::App& root, Context& ctx) {
    auto shell = std::make_shared<std::string>();
    auto* completion = add_command(root, "completion", "Print the shell completion script (bash, zsh, fish)");
    completion->add_option("SHELL", *shell, "The shell")->required()->check(CLI::IsMember(docs::completion_shells()));
    completion->callback([&root, &ctx, shell] {
        ctx.out() << *docs::completion_script(describe_command_tree(root), *shell);
        ctx.out().flush();
    });

    // ctl __complete KIND [PREFIX]: one value per line; nothing, and exit 0, on any failure.
    // Everything after KIND is taken as is (a prefix may start with '-').
    auto* complete = root.add_subcommand("__complete", "Values for shell completion");
    complete->group("")->prefix_command()->allow_extras()->fallthrough(false);
    complete->callback([&ctx, complete] {
        auto args = complete->remaining();
        if (args.empty() || !completion::is_dynamic_kind(args[0])) return;
        std::signal(SIGALRM, complete_deadline);
        alarm(1);
        try {
            ctx.options.timeout_s = 1;
            auto values = completion::values(ctx.db(), args[0], args.size() > 1 ? args[1] : "");
            std::string text;
            for (const auto& v : values) text += v + "\n";
            ctx.out() << text;
            ctx.out().flush();
        } catch (...) {  // nothing for the shell to show
        }
        alarm(0);
    });
}

}  // namespace ctl::cli
