// ctl: builds the command tree, parses, runs, and maps every failure to one line on stderr
// and an exit code (DESIGN §5). No other file calls exit().

#include "commands/context.hpp"
#include "db/error.hpp"
#include "util/one_line.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <iostream>

namespace {

// Exactly one line, whatever the message quotes (a value with newlines, NUL or invalid UTF-8, a
// 10 MB argument): control characters and bad bytes are escaped and long parts cut.
void print_error(const std::string& message, const std::string& hint) {
    std::string what = ctl::util::one_line(message, 500);
    if (hint.empty())
        std::fprintf(stderr, "ctl: %s\n", what.c_str());
    else
        std::fprintf(stderr, "ctl: %s (%s)\n", what.c_str(), ctl::util::one_line(hint, 300).c_str());
}

// "The ..." → "the ...", but "ACTION is required" and "--limit: ..." stay as they are.
std::string lower_first(std::string s) {
    bool word = s.size() < 2 || !(s[1] >= 'A' && s[1] <= 'Z');
    if (word && !s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

// After a parse error: the first word that is not a command of its group, with the nearest
// command as a suggestion ("did you mean ...?"). Empty when the error is something else.
std::pair<std::string, std::string> unknown_command(CLI::App& root, int argc, char** argv) {
    CLI::App* current = &root;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") break;
        if (!arg.empty() && arg[0] == '-') {
            if (arg.find('=') != std::string::npos) continue;
            for (CLI::App* app = current; app; app = app->get_parent()) {
                const CLI::Option* opt = app->get_option_no_throw(arg);
                if (opt) {
                    if (opt->get_expected_max() > 0) ++i;  // flags take no value
                    break;
                }
            }
            continue;
        }
        auto subs = current->get_subcommands([](CLI::App*) { return true; });
        if (subs.empty()) break;
        CLI::App* next = nullptr;
        for (auto* sub : subs)
            if (sub->check_name(arg)) next = sub;
        if (next) {
            current = next;
            continue;
        }
        std::vector<std::string> names;
        for (auto* sub : subs)
            if (!sub->get_group().empty()) names.push_back(sub->get_name());  // not hidden ones
        std::string best = ctl::util::closest_match(arg, names);
        std::string where;
        for (CLI::App* app = current; app && app != &root; app = app->get_parent())
            where = " " + app->get_name() + where;
        where = "ctl" + where;
        return {"unknown command '" + arg + "' for '" + where + "'",
                best.empty() ? "see " + where + " --help" : "did you mean '" + best + "'?"};
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    std::signal(SIGPIPE, SIG_DFL);  // `ctl ... | head` ends quietly

    ctl::cli::Context ctx;
    CLI::App app{"ctl: the back office of the AI-agent platform", "ctl"};
    ctl::cli::build_command_tree(app, ctx, argc, argv);

    try {
        app.parse(argc, argv);
        std::cout.flush();
        return 0;
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        if (auto [message, hint] = unknown_command(app, argc, argv); !message.empty())
            print_error(message, hint);
        else
            print_error(lower_first(e.what()), "see ctl --help");
        return static_cast<int>(ctl::ExitCode::usage);
    } catch (const ctl::db::DatabaseError& e) {
        std::cout.flush();
        print_error(e.what(), e.hint());
        if (ctx.options.verbose > 0 && !e.detail().empty())
            std::fprintf(stderr, "ctl: sqlstate %s: %s\n", e.sqlstate().c_str(), e.detail().c_str());
        return static_cast<int>(e.code());
    } catch (const ctl::Error& e) {
        std::cout.flush();
        print_error(e.what(), e.hint());
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        std::cout.flush();
        print_error(std::string("error: ") + e.what(), "");
        return static_cast<int>(ctl::ExitCode::failure);
    }
}
