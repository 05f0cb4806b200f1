// Man pages, shell completions and `ctl help`, all generated from the command tree: every command
// and option is documented and completed, the checked-in copies are current, the scripts work in
// real shells, the pages render cleanly, and `ctl __complete` reads the database or stays quiet.

#include "docs/completion_script.hpp"
#include "docs/markup.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"
#include "util/process.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

using namespace ctl;
using testing::run_ctl;
namespace fs = std::filesystem;

namespace {

const fs::path k_source_dir = CTL_SOURCE_DIR;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// A scratch directory, removed at the end of the test.
struct ScratchDir {
    fs::path path;
    ScratchDir() {
        std::string tmpl = (fs::temp_directory_path() / "ctl-docs-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string sh_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct ShellRun {
    int exit_code = -1;
    std::string out, err;
};

// Runs a shell command line (through /bin/sh) with a clean environment plus `env`.
ShellRun run_command(const std::string& command, const std::map<std::string, std::string>& env = {}) {
    ScratchDir scratch;
    std::string line = "env -i HOME=" + sh_quote(scratch.path.string()) + " PATH=" + sh_quote(std::getenv("PATH"));
    for (const auto& [k, v] : env) line += " " + k + "=" + sh_quote(v);
    line += " " + command + " 2>" + sh_quote((scratch.path / "stderr").string()) + " </dev/null";
    ShellRun run;
    FILE* pipe = popen(line.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) run.out.append(buf, n);
    int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read_file(scratch.path / "stderr");
    return run;
}

bool have(const std::string& program) { return !util::find_on_path(program).empty(); }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::set<std::string> words_of(const std::string& text) {
    std::set<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.insert(w);
    return words;
}

// The tree as the binary describes it: path, man page, option names, positionals.
struct TreeEntry {
    std::vector<std::string> path;
    std::string page;
    std::vector<std::vector<std::string>> options;
};

std::vector<TreeEntry> command_tree() {
    auto r = run_ctl({"__gen-docs", "--list"});
    REQUIRE(r.exit_code == 0);
    std::vector<TreeEntry> tree;
    for (const auto& e : r.json()) {
        TreeEntry entry;
        std::istringstream words(e["path"].get<std::string>());
        for (std::string w; words >> w;) entry.path.push_back(w);
        entry.page = e["page"];
        for (const auto& o : e["options"]) entry.options.push_back(o.get<std::vector<std::string>>());
        tree.push_back(entry);
    }
    REQUIRE(tree.size() > 10);
    return tree;
}

std::string join(const std::vector<std::string>& words, const std::string& sep = " ") {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : sep) + w;
    return out;
}

// Generates the docs into a fresh directory, as scripts/gen-docs.sh does into the source tree.
void generate_into(const fs::path& dir) {
    auto r = run_ctl({"__gen-docs", "--prose", (k_source_dir / "man" / "prose").string(), dir.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
}

// Runs the bash completion function for each command line (words, the last one being completed)
// and returns the candidates of each, in order.
std::vector<std::set<std::string>> bash_complete(const fs::path& script,
                                                 const std::vector<std::vector<std::string>>& lines,
                                                 const std::map<std::string, std::string>& env = {}) {
    std::string body = "source " + sh_quote(script.string()) + " || exit 1\n";
    for (const auto& words : lines) {
        std::string array;
        for (const auto& w : words) array += " " + sh_quote(w);
        body += "COMP_WORDS=(" + array + "); COMP_CWORD=" + std::to_string(words.size() - 1) +
                "; COMPREPLY=(); _ctl; echo \"${COMPREPLY[*]}\"\n";
    }
    ScratchDir scratch;
    write_file(scratch.path / "t.bash", body);
    auto r = run_command("bash " + sh_quote((scratch.path / "t.bash").string()), env);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK_MESSAGE(r.err.empty(), r.err);
    std::vector<std::set<std::string>> results;
    for (const auto& line : lines_of(r.out)) results.push_back(words_of(line));
    REQUIRE(results.size() == lines.size());
    return results;
}

// fish's own completion of each command line ("ctl users list --status "), candidates only.
std::vector<std::set<std::string>> fish_complete(const fs::path& script, const std::vector<std::string>& lines,
                                                 const std::map<std::string, std::string>& env = {}) {
    std::string body = "source " + sh_quote(script.string()) + "; or exit 1\n";
    for (const auto& line : lines)
        body += "complete -C " + sh_quote(line) + " | string replace -r '\\t.*' '' | string join ' '; echo\n";
    ScratchDir scratch;
    write_file(scratch.path / "t.fish", body);
    auto r = run_command("fish --no-config " + sh_quote((scratch.path / "t.fish").string()), env);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    std::vector<std::set<std::string>> results;
    std::vector<std::string> out_lines;
    for (const auto& l : lines_of(r.out)) out_lines.push_back(l);
    // `string join` prints nothing for no candidates, so each command line ends with one echo.
    std::string joined;
    for (std::size_t i = 0; i < out_lines.size(); ++i) {
        if (out_lines[i].empty()) {
            results.push_back(words_of(joined));
            joined.clear();
        } else {
            joined = out_lines[i];
        }
    }
    REQUIRE(results.size() == lines.size());
    return results;
}

// "" when equal, else where the texts part: "line 12: checked in '...', generated '...'".
std::string first_difference(const std::string& checked_in, const std::string& generated) {
    if (checked_in == generated) return {};
    auto a = lines_of(checked_in), b = lines_of(generated);
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    return "line " + std::to_string(i + 1) + ": checked in '" + (i < a.size() ? a[i] : "<end>") + "', generated '" +
           (i < b.size() ? b[i] : "<end>") + "'";
}

bool contains(const std::set<std::string>& set, const std::string& word) { return set.count(word) > 0; }

}  // namespace

TEST_SUITE("docs") {
    TEST_CASE("every command and option is in its man page and in every completion script") {
        auto tree = command_tree();
        ScratchDir out;
        generate_into(out.path);
        auto bash = read_file(out.path / "completions" / "ctl.bash");
        auto zsh = read_file(out.path / "completions" / "_ctl");
        auto fish = read_file(out.path / "completions" / "ctl.fish");

        for (const auto& entry : tree) {
            std::string command_line = join(entry.path);
            CAPTURE(command_line);
            auto page_path = out.path / "man" / (entry.page + ".1");
            REQUIRE(fs::exists(page_path));
            auto page = read_file(page_path);
            if (entry.path.size() > 1)
                CHECK(page.find(".SS " + docs::roff_quoted("ctl " + command_line)) != std::string::npos);
            else if (entry.path.size() == 1)
                CHECK(page.find(docs::roff_escape("ctl-" + command_line) + " \\- ") != std::string::npos);
            for (const auto& names : entry.options)
                for (const auto& name : names) {
                    CAPTURE(name);
                    CHECK(page.find("\\fB" + docs::roff_escape(name) + "\\fR") != std::string::npos);
                    CHECK(zsh.find("'" + name + ":") != std::string::npos);
                    CHECK(fish.find(name.rfind("--", 0) == 0 ? " -l " + name.substr(2) + " "
                                                             : " -s " + name.substr(1) + " ") != std::string::npos);
                }
            if (!entry.path.empty()) {
                std::vector<std::string> parent(entry.path.begin(), entry.path.end() - 1);
                const std::string& name = entry.path.back();
                CHECK(zsh.find("('" + join(parent) + "') reply=(") != std::string::npos);
                CHECK(zsh.find("'" + name + ":") != std::string::npos);
                CHECK(fish.find("'__ctl_is \\'" + join(parent) + "\\'' -a '" + name + "'") != std::string::npos);
            }
        }

        // Bash, for real: at each command, "-" offers all its options (own and global), and
        // at each group, "" offers all its commands.
        std::vector<std::vector<std::string>> lines;
        for (const auto& entry : tree) {
            std::vector<std::string> words = {"ctl"};
            words.insert(words.end(), entry.path.begin(), entry.path.end());
            words.push_back("-");
            lines.push_back(words);
            words.back() = "";
            lines.push_back(words);
        }
        auto results = bash_complete(out.path / "completions" / "ctl.bash", lines);
        const auto& globals = tree.front().options;
        for (std::size_t i = 0; i < tree.size(); ++i) {
            CAPTURE(join(tree[i].path));
            const auto& options = results[2 * i];
            for (const auto* list : {&std::as_const(tree[i].options), &globals})
                for (const auto& names : *list)
                    for (const auto& name : names) CHECK(contains(options, name));
            CHECK(contains(options, "--help"));
            for (const auto& other : tree)
                if (other.path.size() == tree[i].path.size() + 1 &&
                    std::equal(tree[i].path.begin(), tree[i].path.end(), other.path.begin()))
                    CHECK(contains(results[2 * i + 1], other.path.back()));
        }

        // Nothing hidden anywhere.
        for (const auto& entry : fs::directory_iterator(out.path / "man"))
            CHECK(read_file(entry.path()).find("__") == std::string::npos);
        for (const auto* script : {&bash, &zsh, &fish}) CHECK(script->find("__gen-docs") == std::string::npos);
        CHECK(bash_complete(out.path / "completions" / "ctl.bash", {{"ctl", "__"}, {"ctl", "_"}}) ==
              std::vector<std::set<std::string>>{{}, {}});
    }

    TEST_CASE("the checked-in man pages and completions are the generated ones") {
        ScratchDir out;
        generate_into(out.path);
        const std::string hint = "stale: run scripts/gen-docs.sh and commit the result";
        for (const char* dir : {"man", "completions"}) {
            std::set<std::string> generated;
            for (const auto& entry : fs::directory_iterator(out.path / dir)) {
                if (!entry.is_regular_file()) continue;
                auto name = entry.path().filename().string();
                generated.insert(name);
                auto checked_in = k_source_dir / dir / name;
                CAPTURE(checked_in.string());
                CHECK_MESSAGE(fs::exists(checked_in), checked_in.string() << " is missing: " << hint);
                if (fs::exists(checked_in)) {
                    auto difference = first_difference(read_file(checked_in), read_file(entry.path()));
                    CHECK_MESSAGE(difference.empty(), checked_in.string() << " is " << hint << "; " << difference);
                }
            }
            for (const auto& entry : fs::directory_iterator(k_source_dir / dir)) {
                auto name = entry.path().filename().string();
                if (entry.is_regular_file() && (std::string(dir) != "man" || entry.path().extension() == ".1"))
                    CHECK_MESSAGE(generated.count(name), entry.path().string()
                                                             << " is not generated any more: " << hint);
            }
        }
    }

    TEST_CASE("ctl completion prints the generated scripts") {
        ScratchDir out;
        generate_into(out.path);
        for (auto [shell, file] : std::vector<std::pair<std::string, std::string>>{
                 {"bash", "ctl.bash"}, {"zsh", "_ctl"}, {"fish", "ctl.fish"}}) {
            auto r = run_ctl({"completion", shell}, "host=/nonexistent port=1 dbname=x");
            CHECK(r.exit_code == 0);
            CHECK(r.out == read_file(out.path / "completions" / file));
        }
        auto bad = run_ctl({"completion", "tcsh"});
        CHECK(bad.exit_code == 2);
        CHECK(bad.out.empty());
    }

    TEST_CASE("bash completes commands, options and their values") {
        if (!have("bash")) {
            MESSAGE("bash is not installed: skipped");
            return;
        }
        auto script = k_source_dir / "completions" / "ctl.bash";
        auto registered =
            run_command("bash -c " + sh_quote("source " + sh_quote(script.string()) + "; complete -p ctl"));
        CHECK(registered.exit_code == 0);
        CHECK(registered.out == "complete -F _ctl ctl\n");

        auto r = bash_complete(script, {
                                           {"ctl", "us"},
                                           {"ctl", "users", "list", "--status", ""},
                                           {"ctl", "users", "list", "--status", "su"},
                                           {"ctl", "users", "list", "--status=b"},
                                           {"ctl", "users", "list", "--status", "=", ""},
                                           {"ctl", "--db", "users", "us"},
                                           {"ctl", "-o", "users", "list", "--fields", "x", "-o", ""},
                                           {"ctl", "db", "local", ""},
                                           {"ctl", "-y", "db", "lo"},
                                           {"ctl", "completion", ""},
                                           {"ctl", "help", "exit"},
                                       });
        CHECK(r[0] == std::set<std::string>{"users"});
        CHECK(r[1] == std::set<std::string>{"active", "suspended", "banned", "deleted"});
        CHECK(r[2] == std::set<std::string>{"suspended"});
        CHECK(r[3] == std::set<std::string>{"--status=banned"});
        CHECK(r[4] == std::set<std::string>{"active", "suspended", "banned", "deleted"});
        CHECK(r[5] == std::set<std::string>{"users"});  // "users" is --db's value, then a command
        CHECK(r[6] == std::set<std::string>{"table", "json", "ndjson", "csv", "tsv"});
        CHECK(r[7] == std::set<std::string>{"up", "down", "status"});
        CHECK(r[8] == std::set<std::string>{"local"});
        CHECK(r[9] == std::set<std::string>{"bash", "zsh", "fish"});
        CHECK(r[10] == std::set<std::string>{"exit-codes"});
    }

    TEST_CASE("zsh and fish accept their scripts; fish completes with them") {
        auto zsh = k_source_dir / "completions" / "_ctl";
        auto fish = k_source_dir / "completions" / "ctl.fish";
        if (have("zsh")) {
            auto r = run_command("zsh -n " + sh_quote(zsh.string()));
            CHECK_MESSAGE(r.exit_code == 0, r.err);
        } else {
            MESSAGE("zsh is not installed: skipped");
        }
        if (!have("fish")) {
            MESSAGE("fish is not installed: skipped");
            return;
        }
        auto syntax = run_command("fish --no-config -n " + sh_quote(fish.string()));
        CHECK_MESSAGE(syntax.exit_code == 0, syntax.err);
        auto r = fish_complete(
            fish, {"ctl us", "ctl users list --status ", "ctl --db x db local ", "ctl users list --s", "ctl __"});
        CHECK(r[0] == std::set<std::string>{"users"});
        CHECK(r[1] == std::set<std::string>{"active", "suspended", "banned", "deleted"});
        CHECK(r[2] == std::set<std::string>{"up", "down", "status"});
        CHECK(r[3] == std::set<std::string>{"--search", "--status", "--sort", "--segment"});
        CHECK(r[4].empty());
    }

    TEST_CASE("the man pages render without warnings") {
        if (!have("man")) {
            MESSAGE("man is not installed: skipped");
            return;
        }
        int pages = 0;
        for (const auto& entry : fs::directory_iterator(k_source_dir / "man")) {
            if (entry.path().extension() != ".1") continue;
            ++pages;
            CAPTURE(entry.path().string());
            auto r = run_command("man --warnings -l " + sh_quote(entry.path().string()), {{"MANWIDTH", "80"}});
            CHECK(r.exit_code == 0);
            CHECK(r.err == "");
            CHECK(r.out.size() > 100);
        }
        CHECK(pages >= 4);
        auto ctl = run_command("man -l " + sh_quote((k_source_dir / "man" / "ctl.1").string()), {{"MANWIDTH", "80"}});
        for (const char* section : {"NAME", "SYNOPSIS", "DESCRIPTION", "GLOBAL OPTIONS", "COMMANDS", "CONFIGURATION",
                                    "ENVIRONMENT", "EXIT STATUS", "FILES", "SEE ALSO"})
            CHECK_MESSAGE(ctl.out.find(std::string("\n") + section + "\n") != std::string::npos, section);
        for (const char* variable : {"CTL_DATABASE_URL", "DATABASE_URL", "CTL_PROFILE", "CTL_CONFIG", "CTL_HOME",
                                     "XDG_CONFIG_HOME", "XDG_STATE_HOME", "NO_COLOR", "CTL_SECTION_KEY"})
            CHECK_MESSAGE(ctl.out.find(variable) != std::string::npos, variable);
    }

    TEST_CASE("ctl help lists topics and commands and shows either") {
        auto overview = run_ctl({"help"}, "host=/nonexistent port=1 dbname=x");
        CHECK(overview.exit_code == 0);
        for (const char* word : {"exit-codes", "formatting", "environment", "config", "users", "db", "health"})
            CHECK_MESSAGE(overview.out.find(std::string("  ") + word + " ") != std::string::npos, word);
        CHECK(overview.out.find("__") == std::string::npos);
        CHECK(run_ctl({"--help"}).out.find("__") == std::string::npos);

        auto codes = run_ctl({"help", "exit-codes"});
        CHECK(codes.exit_code == 0);
        for (const char* code : {"  0 ", "  2 ", "  6 ", "  10 "}) CHECK(codes.out.find(code) != std::string::npos);
        CHECK(run_ctl({"help", "formatting"}).out.find("ctl: more rows:") != std::string::npos);
        CHECK(run_ctl({"help", "environment"}).out.find("CTL_SECTION_KEY") != std::string::npos);
        CHECK(run_ctl({"help", "config"}).out.find("config.toml") != std::string::npos);

        for (auto words : std::vector<std::vector<std::string>>{{"users"}, {"users", "list"}, {"db", "local", "up"}}) {
            CAPTURE(words);
            auto help = words;
            help.insert(help.begin(), "help");
            auto flag = words;
            flag.push_back("--help");
            auto a = run_ctl(help);
            CHECK(a.exit_code == 0);
            CHECK(a.out == run_ctl(flag).out);
        }

        auto typo = run_ctl({"help", "exit-cods"});
        CHECK(typo.exit_code == 2);
        CHECK(typo.out.empty());
        CHECK(typo.err == "ctl: unknown help topic or command 'exit-cods' (did you mean 'exit-codes'?)\n");
        auto nested = run_ctl({"help", "users", "lst"});
        CHECK(nested.exit_code == 2);
        CHECK(nested.err == "ctl: unknown command 'lst' for 'ctl users' (did you mean 'list'?)\n");
        auto nothing = run_ctl({"help", "qqqqqqqq"});
        CHECK(nothing.exit_code == 2);
        CHECK(nothing.err.find("see ctl help") != std::string::npos);
    }

    TEST_CASE("__complete reads plans, flags and settings, and is silent on any failure") {
        auto tdb = testing::fresh_database();
        tdb.connect().exec_script(R"sql(
            INSERT INTO plans (code, name, tier, interval, price_cents) VALUES
              ('pro-monthly', 'Pro monthly', 'pro', 'month', 4900),
              ('pro-yearly', 'Pro yearly', 'pro', 'year', 49000),
              ('matt-monthly', 'Matt monthly', 'matt', 'month', 1900);
            INSERT INTO feature_flags (name) VALUES ('new-billing'), ('dark_mode');
            INSERT INTO settings (key, value) VALUES ('signups.open', 'true'), ('support.email', '"a@b.c"');
        )sql");
        auto plans = run_ctl({"__complete", "plans"}, tdb.conninfo);
        CHECK(plans.exit_code == 0);
        CHECK(plans.out == "matt-monthly\npro-monthly\npro-yearly\n");
        CHECK(run_ctl({"__complete", "plans", "pro-"}, tdb.conninfo).out == "pro-monthly\npro-yearly\n");
        CHECK(run_ctl({"__complete", "flags", "n"}, tdb.conninfo).out == "new-billing\n");
        auto settings = words_of(run_ctl({"__complete", "settings", "s"}, tdb.conninfo).out);
        CHECK(contains(settings, "signups.open"));
        CHECK(contains(settings, "support.email"));
        CHECK(run_ctl({"__complete", "settings", "sig"}, tdb.conninfo).out == "signups.open\n");
        for (auto args : std::vector<std::vector<std::string>>{{"__complete"},
                                                               {"__complete", "users"},
                                                               {"__complete", "plans", "-x"},
                                                               {"__complete", "plans", "--help"}}) {
            CAPTURE(args);
            auto r = run_ctl(args, tdb.conninfo);
            CHECK(r.exit_code == 0);
            CHECK(r.out.empty());
            CHECK(r.err.empty());
        }
        auto down = run_ctl({"__complete", "plans"}, "host=/nonexistent port=1 dbname=x");
        CHECK(down.exit_code == 0);
        CHECK(down.out.empty());
        CHECK(down.err.empty());

        // A server that accepts connections and never answers: one second, then quiet.
        int listener = socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(listener >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(listen(listener, 8) == 0);
        socklen_t len = sizeof addr;
        getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
        auto started = std::chrono::steady_clock::now();
        auto hung = run_ctl({"__complete", "flags"},
                            "postgresql://ops@127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/x");
        auto elapsed = std::chrono::steady_clock::now() - started;
        close(listener);
        CHECK(hung.exit_code == 0);
        CHECK(hung.out.empty());
        CHECK(elapsed < std::chrono::milliseconds(1800));
    }

    TEST_CASE("dynamic values complete through ctl __complete in bash and fish") {
        // A tree with an option and a positional marked for database values, as a command marks
        // them with complete_with(); the real binary answers the __complete calls.
        docs::CommandDoc root;
        root.name = "ctl";
        docs::CommandDoc demo;
        demo.name = "demo";
        demo.path = {"demo"};
        demo.description = "Demo";
        docs::OptionDoc plan;
        plan.names = {"--plan"};
        plan.value_name = "PLAN";
        plan.description = "Plan code";
        plan.dynamic = "plans";
        demo.options.push_back(plan);
        docs::OptionDoc flag;
        flag.names = {"FLAG"};
        flag.value_name = "FLAG";
        flag.description = "Flag name";
        flag.dynamic = "flags";
        flag.positional = true;
        demo.positionals.push_back(flag);
        root.subcommands.push_back(demo);

        auto tdb = testing::fresh_database();
        tdb.connect().exec_script(R"sql(
            INSERT INTO plans (code, name, tier, interval, price_cents) VALUES ('pro-monthly', 'Pro', 'pro', 'month', 4900);
            INSERT INTO feature_flags (name) VALUES ('new-billing');
        )sql");
        ScratchDir dir;
        fs::create_directories(dir.path / "bin");
        fs::create_symlink(CTL_BINARY, dir.path / "bin" / "ctl");
        std::map<std::string, std::string> env = {{"PATH", (dir.path / "bin").string() + ":" + std::getenv("PATH")},
                                                  {"CTL_DATABASE_URL", tdb.conninfo},
                                                  {"CTL_HOME", (dir.path / "home").string()}};
        write_file(dir.path / "ctl.bash", *docs::completion_script(root, "bash"));
        auto r =
            bash_complete(dir.path / "ctl.bash",
                          {{"ctl", "demo", "--plan", ""}, {"ctl", "demo", "--plan", "x"}, {"ctl", "demo", ""}}, env);
        CHECK(r[0] == std::set<std::string>{"pro-monthly"});
        CHECK(r[1].empty());
        CHECK(contains(r[2], "new-billing"));  // and the flags the migrations create
        if (have("fish")) {
            write_file(dir.path / "ctl.fish", *docs::completion_script(root, "fish"));
            auto f = fish_complete(dir.path / "ctl.fish", {"ctl demo --plan ", "ctl demo "}, env);
            CHECK(f[0] == std::set<std::string>{"pro-monthly"});
            CHECK(contains(f[1], "new-billing"));
        }
        if (have("zsh")) {
            write_file(dir.path / "_ctl", *docs::completion_script(root, "zsh"));
            CHECK(run_command("zsh -n " + sh_quote((dir.path / "_ctl").string())).exit_code == 0);
        }
    }
}
