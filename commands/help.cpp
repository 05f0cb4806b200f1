// ctl help [TOPIC | COMMAND...]: the help topics and the help of any command. And the hidden
// ctl __gen-docs, which writes the man pages and completion scripts (scripts/gen-docs.sh).

#include "commands/completion.hpp"
#include "commands/context.hpp"
#include "docs/completion_script.hpp"
#include "docs/man_page.hpp"
#include "docs/markup.hpp"
#include "docs/topics.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace ctl::cli {

namespace {

namespace fs = std::filesystem;

std::string overview(CLI::App& root) {
    std::string out =
        root.get_description() + "\n\nUsage: " + root.get_name() + " [OPTIONS] COMMAND [ARGS]...\n\nCommands:\n";
    std::size_t width = 0;
    for (CLI::App* sub : visible_subcommands(root)) width = std::max(width, sub->get_name().size());
    for (const auto& topic : docs::help_topics()) width = std::max(width, topic.name.size());
    for (CLI::App* sub : visible_subcommands(root))
        out += fmt::format("  {:<{}}  {}\n", sub->get_name(), width, sub->get_description());
    out += "\nHelp topics:\n";
    for (const auto& topic : docs::help_topics())
        out += fmt::format("  {:<{}}  {}\n", topic.name, width, topic.summary);
    out += "\n" +
           docs::wrap_text(
               "'ctl help TOPIC' shows a topic; 'ctl help COMMAND...' (or 'ctl COMMAND... --help') "
               "the options of a command; 'ctl --help' the global options; 'man ctl' the manual.",
               80, 0, 0) +
           "\n";
    return out;
}

std::string topic_text(const docs::Topic& topic) {
    return std::string(topic.summary) + "\n\n" + docs::render_text(docs::parse_markup(topic.text), 80);
}

// The help of the command named by `words` below root, as `ctl WORDS --help` prints it.
// Throws ctl::UsageError with the nearest name for a word that names nothing.
std::string command_help(CLI::App& root, const std::vector<std::string>& words) {
    CLI::App* current = &root;
    std::string parent_line, line = root.get_name();  // "ctl users", "ctl users list"
    for (const auto& word : words) {
        auto subs = visible_subcommands(*current);
        CLI::App* next = nullptr;
        for (CLI::App* sub : subs)
            if (sub->get_name() == word) next = sub;
        if (!next) {
            std::vector<std::string> candidates;
            for (CLI::App* sub : subs) candidates.push_back(sub->get_name());
            if (current == &root)
                for (const auto& topic : docs::help_topics()) candidates.emplace_back(topic.name);
            auto best = util::closest_match(word, candidates);
            throw UsageError(current == &root ? fmt::format("unknown help topic or command '{}'", word)
                                              : fmt::format("unknown command '{}' for '{}'", word, line),
                             best.empty() ? "see ctl help" : fmt::format("did you mean '{}'?", best));
        }
        parent_line = line;
        line += " " + word;
        current = next;
    }
    return current->help(parent_line);
}

std::map<std::string, std::string> read_prose(const fs::path& dir) {
    std::map<std::string, std::string> prose;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return prose;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".md") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        if (!in) throw Error(ExitCode::failure, "cannot read " + entry.path().string());
        prose[entry.path().stem().string()] = text.str();
    }
    return prose;
}

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw Error(ExitCode::failure, "cannot write " + path.string());
}

// The commands and options of the tree with the page that documents each (tests check that
// every one of them is documented and completed).
nlohmann::json list_tree(const docs::CommandDoc& root) {
    auto json = nlohmann::json::array();
    for (const auto* c : docs::all_commands(root)) {
        auto options = nlohmann::json::array();
        for (const auto& o : c->options) options.push_back(o.names);
        auto positionals = nlohmann::json::array();
        for (const auto& p : c->positionals) positionals.push_back(p.names.front());
        // What each value-taking option and positional expects, for tests that feed every
        // command malformed values.
        auto values = nlohmann::json::array();
        for (const auto* list : {&c->positionals, &c->options})
            for (const auto& o : *list)
                if (o.takes_value())
                    values.push_back({{"names", o.names},
                                      {"value", o.value_name},
                                      {"choices", o.choices},
                                      {"dynamic", o.dynamic},
                                      {"path", o.path_value},
                                      {"positional", o.positional},
                                      {"required", o.required},
                                      {"repeatable", o.repeatable},
                                      {"global", o.group == "Global options"}});
        json.push_back({{"path", c->path_text()},
                        {"page", c->path.empty() ? root.name : root.name + "-" + c->path.front()},
                        {"options", options},
                        {"positionals", positionals},
                        {"values", values},
                        {"leaf", c->subcommands.empty()}});
    }
    return json;
}

struct GenDocsArgs {
    std::string out_dir;
    std::string prose_dir;
    bool list = false;
};

void generate_docs(Context& ctx, CLI::App& root, const GenDocsArgs& args) {
    auto tree = describe_command_tree(root);
    if (args.list) {
        ctx.out() << list_tree(tree).dump(2) << "\n";
        return;
    }
    if (args.out_dir.empty()) throw UsageError("__gen-docs needs an output directory", "ctl __gen-docs DIR");
    fs::path out = args.out_dir;
    fs::path prose_dir = args.prose_dir.empty() ? out / "man" / "prose" : fs::path(args.prose_dir);
    if (!args.prose_dir.empty() && !fs::is_directory(prose_dir))
        throw UsageError("no prose directory " + prose_dir.string());

    auto pages = docs::man_pages(tree, {CTL_VERSION, read_prose(prose_dir)});
    std::set<std::string> written;
    for (const auto& page : pages) {
        write_file(out / "man" / page.name, page.text);
        written.insert(page.name);
    }
    // Pages of commands that are gone.
    for (const auto& entry : fs::directory_iterator(out / "man")) {
        auto name = entry.path().filename().string();
        if (entry.path().extension() == ".1" && name.rfind(tree.name, 0) == 0 && !written.count(name))
            fs::remove(entry.path());
    }
    auto scripts = docs::completion_scripts(tree);
    for (const auto& script : scripts) write_file(out / "completions" / script.name, script.text);
    ctx.info(fmt::format("wrote {} man pages to {} and {} completion scripts to {}", pages.size(),
                         (out / "man").string(), scripts.size(), (out / "completions").string()));
}

}  // namespace

void register_help(CLI::App& root, Context& ctx) {
    auto words = std::make_shared<std::vector<std::string>>();
    auto* help = add_command(root, "help", "Help topics, and the help of any command");
    complete_help_topics(help->add_option("TOPIC", *words, "A help topic, or a command (users list)"));
    help->callback([&root, &ctx, words] {
        if (words->empty())
            ctx.out() << overview(root);
        else if (const auto* topic = words->size() == 1 ? docs::find_topic(words->front()) : nullptr)
            ctx.out() << topic_text(*topic);
        else
            ctx.out() << command_help(root, *words);
        ctx.out().flush();
    });

    auto gen = std::make_shared<GenDocsArgs>();
    auto* gen_docs = add_command(root, "__gen-docs", "Write the man pages and completion scripts");
    gen_docs->group("");
    gen_docs->add_option("DIR", gen->out_dir, "Where man/ and completions/ go (the source tree)");
    gen_docs->add_option("--prose", gen->prose_dir, "The hand-written prose (default: DIR/man/prose)");
    gen_docs->add_flag("--list", gen->list, "Print the commands and options as JSON instead");
    gen_docs->callback([&ctx, &root, gen] { generate_docs(ctx, root, *gen); });
}

}  // namespace ctl::cli
