#include "docs/completion_script.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace ctl::docs {

namespace {

// 'text' for bash and zsh: single quotes, an embedded quote as '\''.
std::string sh_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

// 'text' for fish: single quotes with \\ and \' escaped.
std::string fish_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string join(const std::vector<std::string>& words, std::string_view sep = " ") {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += sep;
        out += w;
    }
    return out;
}

// A shell identifier from the program name ("ctl" → "ctl").
std::string ident(std::string_view program) {
    std::string out;
    for (char c : program) out += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    return out;
}

std::vector<std::string> subcommand_names(const CommandDoc& c) {
    std::vector<std::string> names;
    for (const auto& sub : c.subcommands) names.push_back(sub.name);
    return names;
}

std::vector<std::string> option_names(const std::vector<OptionDoc>& options) {
    std::vector<std::string> names;
    for (const auto& o : options) names.insert(names.end(), o.names.begin(), o.names.end());
    return names;
}

std::vector<std::string> value_option_names(const std::vector<OptionDoc>& options) {
    std::vector<std::string> names;
    for (const auto& o : options)
        if (o.takes_value()) names.insert(names.end(), o.names.begin(), o.names.end());
    return names;
}

bool completes_values(const OptionDoc& o) { return !o.choices.empty() || !o.dynamic.empty() || o.path_value; }

// The description shown beside a name: the first line, without a final period.
std::string short_description(std::string text) {
    if (auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
    if (text.size() > 1 && text.back() == '.' && text[text.size() - 2] != '.') text.pop_back();
    return text;
}

const OptionDoc k_help = [] {
    OptionDoc help;
    help.names = {"-h", "--help"};
    help.description = "Print help and exit";
    return help;
}();

bool all_inherit(const CommandDoc& c) {
    for (const auto& sub : c.subcommands)
        if (!sub.inherits_options || !all_inherit(sub)) return false;
    return true;
}

// The paths where the options of `c` apply: c and the descendants that inherit them.
void inheriting_paths(const CommandDoc& c, std::vector<std::string>& out) {
    out.push_back(c.path_text());
    for (const auto& sub : c.subcommands)
        if (sub.inherits_options) inheriting_paths(sub, out);
}

// Patterns matching "<path><suffix>" for every path where the options of `c` apply; '*' is the
// one wildcard (paths and option names never contain it). Usually `c` and everything below:
// "db seed", "db seed *"; for the root just "*".
std::vector<std::string> scope_patterns(const CommandDoc& c, const std::string& suffix) {
    if (all_inherit(c)) {
        if (c.path.empty()) return {"*" + suffix};
        return {c.path_text() + suffix, c.path_text() + " *" + suffix};
    }
    std::vector<std::string> paths;
    inheriting_paths(c, paths);
    for (auto& path : paths) path += suffix;
    return paths;
}

// A pattern for sh's case: literal parts quoted, '*' bare.
std::string sh_pattern(const std::string& pattern) {
    if (pattern.empty()) return "''";
    std::string out;
    std::size_t start = 0;
    while (true) {
        auto star = pattern.find('*', start);
        auto part = pattern.substr(start, star == std::string::npos ? std::string::npos : star - start);
        if (!part.empty()) out += sh_quote(part);
        if (star == std::string::npos) break;
        out += '*';
        start = star + 1;
    }
    return out;
}

std::string sh_patterns(const std::vector<std::string>& patterns) {
    std::vector<std::string> out;
    for (const auto& p : patterns) out.push_back(sh_pattern(p));
    return join(out, "|");
}

// A pattern for fish's switch: quoted as a whole (fish matches '*' in quotes, unexpanded).
std::string fish_patterns(const std::vector<std::string>& patterns) {
    std::vector<std::string> out;
    for (const auto& p : patterns) out.push_back(fish_quote(p));
    return join(out);
}

// Patterns of "<path>|<name>" for every name of options that take a value, owned by c.
std::vector<std::string> value_option_patterns(const CommandDoc& c) {
    std::vector<std::string> patterns;
    for (const auto& name : value_option_names(c.options)) {
        auto more = scope_patterns(c, "|" + name);
        patterns.insert(patterns.end(), more.begin(), more.end());
    }
    return patterns;
}

// One value source: an option's names in the scope of its command, or a positional ("#2"; "#*"
// for a first positional that takes any number of values).
struct ValueSource {
    std::vector<std::string> patterns;  // of "<path>|<option or #N>"
    const OptionDoc* option;
};

// Deepest commands first, so that an option a command redefines wins over its parent's.
std::vector<ValueSource> value_sources(const CommandDoc& root) {
    std::vector<ValueSource> sources;
    auto commands = all_commands(root);
    for (auto it = commands.rbegin(); it != commands.rend(); ++it) {
        const CommandDoc& c = **it;
        for (std::size_t i = 0; i < c.positionals.size(); ++i) {
            const auto& p = c.positionals[i];
            if (!completes_values(p)) continue;
            bool any_position = i == 0 && p.repeatable;  // "ctl help db local"
            sources.push_back({{c.path_text() + "|#" + (any_position ? "*" : std::to_string(i + 1))}, &p});
        }
        for (const auto& o : c.options) {
            if (!completes_values(o) || !o.takes_value()) continue;
            ValueSource source{{}, &o};
            for (const auto& name : o.names) {
                auto more = scope_patterns(c, "|" + name);
                source.patterns.insert(source.patterns.end(), more.begin(), more.end());
            }
            sources.push_back(std::move(source));
        }
    }
    return sources;
}

// ---- bash ------------------------------------------------------------------------------------

std::string bash_script(const CommandDoc& root) {
    const std::string p = ident(root.name);
    auto commands = all_commands(root);
    std::string out;
    out += fmt::format(R"SH(# bash completion for {0}                                      -*- shell-script -*-
# Generated from {0}'s command tree by scripts/gen-docs.sh (or: {0} completion bash); do not edit.
# Install: source it from ~/.bashrc, or copy it to
# /usr/share/bash-completion/completions/{0}.

# The commands below a command path ("" is {0} itself).
_{1}_subcommands() {{
    case $1 in
)SH",
                       root.name, p);
    for (const auto* c : commands)
        if (!c->subcommands.empty())
            out += fmt::format("        {}) _{}_words={} ;;\n", sh_quote(c->path_text()), p,
                               sh_quote(join(subcommand_names(*c))));
    out += fmt::format(R"SH(        *) _{0}_words='' ;;
    esac
}}

# The options accepted at a command path: its own and those of the commands above it.
_{0}_options() {{
    _{0}_words={1}
)SH",
                       p, sh_quote(join(k_help.names)));
    for (const auto* c : commands) {
        if (c->options.empty()) continue;
        std::string add = fmt::format("_{}_words+={}", p, sh_quote(" " + join(option_names(c->options))));
        auto scope = scope_patterns(*c, "");
        if (scope == std::vector<std::string>{"*"})
            out += "    " + add + "\n";
        else
            out += fmt::format("    case $1 in {}) {} ;; esac\n", sh_patterns(scope), add);
    }
    out += fmt::format(R"SH(}}

# Succeeds when option $2 takes a value at command path $1.
_{0}_takes_value() {{
    case "$1|$2" in
)SH",
                       p);
    for (const auto* c : commands) {
        auto patterns = value_option_patterns(*c);
        if (!patterns.empty()) out += fmt::format("        {}) return 0 ;;\n", sh_patterns(patterns));
    }
    out += fmt::format(R"SH(    esac
    return 1
}}

# The values of option $2 (or of positional "#N") at command path $1, for the prefix $3:
# words in _{0}_words, or _{0}_files=1 for file names.
_{0}_values() {{
    _{0}_words=''
    _{0}_files=''
    case "$1|$2" in
)SH",
                       p);
    for (const auto& source : value_sources(root)) {
        const OptionDoc& o = *source.option;
        std::string action;
        if (!o.choices.empty())
            action = fmt::format("_{}_words={}", p, sh_quote(join(o.choices)));
        else if (!o.dynamic.empty())
            action =
                fmt::format("_{0}_words=$(command \"$_{0}_program\" __complete {1} \"$3\" 2>/dev/null)", p, o.dynamic);
        else
            action = fmt::format("_{}_files=1", p);
        out += fmt::format("        {}) {} ;;\n", sh_patterns(source.patterns), action);
    }
    out += fmt::format(R"SH(    esac
}}

_{0}() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev='' cmd_path='' word opt='' eq='' i npos=0
    ((COMP_CWORD > 0)) && prev=${{COMP_WORDS[COMP_CWORD - 1]}}
    _{0}_program=${{COMP_WORDS[0]}}
    _{0}_files=''
    # Find the command path, skipping option values ("--db URL", and "--db = URL" when bash
    # split the word at '=').
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${{COMP_WORDS[i]}}
        case $word in
            --) break ;;
            --*=*) ;;
            -*)
                if [[ ${{COMP_WORDS[i + 1]}} == = ]]; then
                    ((i += 2))
                elif _{0}_takes_value "$cmd_path" "$word"; then
                    ((i += 1))
                fi ;;
            *)
                _{0}_subcommands "$cmd_path"
                if [[ " $_{0}_words " == *" $word "* ]]; then
                    cmd_path=${{cmd_path:+$cmd_path }}$word
                    npos=0
                else
                    ((npos += 1))
                fi ;;
        esac
    done
    # Is the cursor on an option's value?
    if [[ $cur == = && $prev == -* ]]; then
        opt=$prev cur=''
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)) && [[ ${{COMP_WORDS[COMP_CWORD - 2]}} == -* ]]; then
        opt=${{COMP_WORDS[COMP_CWORD - 2]}}
    elif [[ $cur == --*=* ]]; then
        opt=${{cur%%=*}} eq=${{cur%%=*}}= cur=${{cur#*=}}
    elif [[ $prev == -* ]] && _{0}_takes_value "$cmd_path" "$prev"; then
        opt=$prev
    fi
    if [[ -n $opt ]]; then
        _{0}_values "$cmd_path" "$opt" "$cur"
    elif [[ $cur == -* ]]; then
        _{0}_options "$cmd_path"
    else
        _{0}_subcommands "$cmd_path"
        [[ -z $_{0}_words ]] && _{0}_values "$cmd_path" "#$((npos + 1))" "$cur"
    fi
    if [[ -n $_{0}_files ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -W "$_{0}_words" -- "$cur")
    fi
    if [[ -n $eq ]]; then
        COMPREPLY=("${{COMPREPLY[@]/#/$eq}}")
    fi
    return 0
}}

complete -F _{0} {1}
)SH",
                       p, root.name);
    return out;
}

// ---- zsh -------------------------------------------------------------------------------------

// "name:description" for _describe (a colon in the name is escaped).
std::string zsh_item(std::string_view name, std::string_view description) {
    std::string item;
    for (char c : name) {
        if (c == ':') item += '\\';
        item += c;
    }
    return sh_quote(item + ":" + short_description(std::string(description)));
}

std::string zsh_script(const CommandDoc& root) {
    const std::string p = ident(root.name);
    auto commands = all_commands(root);
    std::string out;
    out += fmt::format(R"SH(#compdef {0}
# zsh completion for {0}.
# Generated from {0}'s command tree by scripts/gen-docs.sh (or: {0} completion zsh); do not edit.
# Install: put it in a directory of $fpath as _{0} (e.g. /usr/share/zsh/vendor-completions),
# or source it after compinit.

# The commands below a command path ("" is {0} itself), as name:description.
_{1}_subcommands() {{
    case $1 in
)SH",
                       root.name, p);
    for (const auto* c : commands) {
        if (c->subcommands.empty()) continue;
        std::vector<std::string> items;
        for (const auto& sub : c->subcommands) items.push_back(zsh_item(sub.name, sub.description));
        out += fmt::format("        ({}) reply=(\n            {}\n        ) ;;\n", sh_quote(c->path_text()),
                           join(items, "\n            "));
    }
    out += fmt::format(R"SH(        (*) reply=() ;;
    esac
}}

# The options accepted at a command path (its own and those of the commands above it), as
# name:description.
_{0}_options() {{
    reply=({1} {2})
)SH",
                       p, zsh_item("-h", k_help.description), zsh_item("--help", k_help.description));
    for (const auto* c : commands) {
        if (c->options.empty()) continue;
        std::vector<std::string> items;
        for (const auto& o : c->options)
            for (const auto& name : o.names) items.push_back(zsh_item(name, o.description));
        auto add = [&](std::size_t indent) {
            std::string pad(indent, ' ');
            return "reply+=(\n" + pad + "    " + join(items, "\n" + pad + "    ") + "\n" + pad + ")";
        };
        auto scope = scope_patterns(*c, "");
        if (scope == std::vector<std::string>{"*"})
            out += "    " + add(4) + "\n";
        else
            out += fmt::format("    case $1 in\n        ({}) {} ;;\n    esac\n", sh_patterns(scope), add(8));
    }
    out += fmt::format(R"SH(}}

# Succeeds when option $2 takes a value at command path $1.
_{0}_takes_value() {{
    case "$1|$2" in
)SH",
                       p);
    for (const auto* c : commands) {
        auto patterns = value_option_patterns(*c);
        if (!patterns.empty()) out += fmt::format("        ({}) return 0 ;;\n", sh_patterns(patterns));
    }
    out += fmt::format(R"SH(    esac
    return 1
}}

# The values of option $2 (or of positional "#N") at command path $1: words in reply, or
# _{0}_files=1 for file names.
_{0}_values() {{
    reply=()
    _{0}_files=0
    case "$1|$2" in
)SH",
                       p);
    for (const auto& source : value_sources(root)) {
        const OptionDoc& o = *source.option;
        std::string action;
        if (!o.choices.empty()) {
            std::vector<std::string> quoted;
            for (const auto& c : o.choices) quoted.push_back(sh_quote(c));
            action = "reply=(" + join(quoted) + ")";
        } else if (!o.dynamic.empty()) {
            action = fmt::format(
                "reply=(${{(f)\"$(_call_program values ${{(q)_{0}_program}} __complete {1} ${{(q)PREFIX}} "
                "2>/dev/null)\"}})",
                p, o.dynamic);
        } else {
            action = fmt::format("_{}_files=1", p);
        }
        out += fmt::format("        ({}) {} ;;\n", sh_patterns(source.patterns), action);
    }
    out += fmt::format(R"SH(    esac
}}

_{0}() {{
    local cmd_path='' word opt='' cur=${{words[CURRENT]}} prev=${{words[CURRENT-1]}}
    local _{0}_program=${{words[1]}} _{0}_files=0
    local -i i npos=0
    local -a reply
    # Find the command path, skipping option values.
    for ((i = 2; i < CURRENT; i++)); do
        word=${{words[i]}}
        case $word in
            (--) break ;;
            (--*=*) ;;
            (-*) _{0}_takes_value "$cmd_path" "$word" && ((i += 1)) ;;
            (*)
                _{0}_subcommands "$cmd_path"
                if (( ${{reply[(I)${{(b)word}}:*]}} )); then
                    cmd_path=${{cmd_path:+$cmd_path }}$word
                    npos=0
                else
                    npos+=1
                fi ;;
        esac
    done
    if [[ $cur == --*=* ]]; then
        opt=${{cur%%=*}}
        compset -P '*='
    elif [[ $prev == -* ]] && _{0}_takes_value "$cmd_path" "$prev"; then
        opt=$prev
    fi
    if [[ -n $opt ]]; then
        _{0}_values "$cmd_path" "$opt"
    elif [[ $cur == -* ]]; then
        _{0}_options "$cmd_path"
        _describe -t options 'option' reply
        return
    else
        _{0}_subcommands "$cmd_path"
        if (( $#reply )); then
            _describe -t commands 'command' reply
            return
        fi
        _{0}_values "$cmd_path" "#$((npos + 1))"
    fi
    if (( _{0}_files )); then
        _files
    elif (( $#reply )); then
        compadd -a reply
    fi
}}

if [[ ${{zsh_eval_context[-1]}} == loadautofunc ]]; then
    _{0} "$@"
else
    compdef _{0} {1}
fi
)SH",
                       p, root.name);
    return out;
}

// ---- fish ------------------------------------------------------------------------------------

std::string fish_option_line(const std::string& program, const std::string& condition, const OptionDoc& o) {
    std::string line = "complete -c " + program;
    if (!condition.empty()) line += " -n " + fish_quote(condition);
    for (const auto& name : o.names) {
        if (name.rfind("--", 0) == 0)
            line += " -l " + name.substr(2);
        else if (name.size() > 1 && name[0] == '-')
            line += " -s " + name.substr(1);
    }
    if (o.takes_value()) {
        line += o.path_value ? " -r -F" : " -x";
        if (!o.choices.empty()) line += " -a " + fish_quote(join(o.choices));
        if (!o.dynamic.empty()) line += " -a " + fish_quote("(__" + ident(program) + "_dynamic " + o.dynamic + ")");
    }
    line += " -d " + fish_quote(short_description(o.description));
    return line + "\n";
}

std::string fish_script(const CommandDoc& root) {
    const std::string p = ident(root.name);
    const std::string& program = root.name;
    auto commands = all_commands(root);
    std::string out;
    out += fmt::format(R"SH(# fish completion for {0}.
# Generated from {0}'s command tree by scripts/gen-docs.sh (or: {0} completion fish); do not edit.
# Install: copy it to ~/.config/fish/completions/{0}.fish or to
# /usr/share/fish/vendor_completions.d/{0}.fish.

# The commands below a command path ("" is {0} itself), one per line.
function __{1}_subcommands --argument-names cmd_path
    switch "$cmd_path"
)SH",
                       program, p);
    for (const auto* c : commands)
        if (!c->subcommands.empty())
            out += fmt::format("        case {}\n            printf '%s\\n' {}\n", fish_quote(c->path_text()),
                               join(subcommand_names(*c)));
    out += fmt::format(R"SH(    end
end

# Succeeds when option $opt takes a value at command path $cmd_path.
function __{0}_takes_value --argument-names cmd_path opt
    switch "$cmd_path|$opt"
)SH",
                       p);
    for (const auto* c : commands) {
        auto patterns = value_option_patterns(*c);
        if (!patterns.empty()) out += fmt::format("        case {}\n            return 0\n", fish_patterns(patterns));
    }
    out += fmt::format(R"SH(    end
    return 1
end

# The command path of the words before the cursor ("" is {1} itself).
function __{0}_path
    set -l words (commandline -opc)
    set -l cmd_path ''
    set -l skip 0
    for word in $words[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case '--'
                break
            case '--*=*'
            case '-*'
                __{0}_takes_value "$cmd_path" $word; and set skip 1
            case '*'
                if contains -- $word (__{0}_subcommands "$cmd_path")
                    set cmd_path (string trim -- "$cmd_path $word")
                end
        end
    end
    echo $cmd_path
end

# Succeeds when the command path is exactly $want.
function __{0}_is --argument-names want
    set -l current (__{0}_path)
    test "$current" = "$want"
end

# Succeeds when the command path is $top or below it.
function __{0}_within --argument-names top
    set -l current (__{0}_path)
    test "$current" = "$top"; or string match -q -- "$top *" "$current"
end

# Values from the database: {1} __complete KIND PREFIX (prints nothing on failure).
function __{0}_dynamic --argument-names kind
    set -l program (commandline -opc)[1]
    command $program __complete $kind (commandline -ct) 2>/dev/null
end

complete -c {1} -f
)SH",
                       p, program);

    out += "\n# Commands.\n";
    for (const auto* c : commands)
        for (const auto& sub : c->subcommands)
            out += fmt::format("complete -c {} -n {} -a {} -d {}\n", program,
                               fish_quote("__" + p + "_is " + sh_quote(c->path_text())), fish_quote(sub.name),
                               fish_quote(short_description(sub.description)));

    out += "\n# Options.\n";
    out += fish_option_line(program, "", k_help);
    for (const auto* c : commands) {
        if (c->options.empty()) continue;
        std::vector<std::string> conditions;
        if (all_inherit(*c)) {
            conditions.push_back(c->path.empty() ? "" : "__" + p + "_within " + sh_quote(c->path_text()));
        } else {
            std::vector<std::string> paths;
            inheriting_paths(*c, paths);
            for (const auto& path : paths) conditions.push_back("__" + p + "_is " + sh_quote(path));
        }
        for (const auto& condition : conditions)
            for (const auto& o : c->options) out += fish_option_line(program, condition, o);
    }

    out += "\n# Arguments.\n";
    for (const auto* c : commands) {
        for (const auto& a : c->positionals) {
            if (!completes_values(a)) continue;
            std::string line =
                fmt::format("complete -c {} -n {}", program, fish_quote("__" + p + "_is " + sh_quote(c->path_text())));
            if (!a.choices.empty()) line += " -a " + fish_quote(join(a.choices));
            if (!a.dynamic.empty()) line += " -a " + fish_quote("(__" + p + "_dynamic " + a.dynamic + ")");
            if (a.path_value) line += " -F";
            out += line + " -d " + fish_quote(short_description(a.description)) + "\n";
        }
    }
    return out;
}

}  // namespace

const std::vector<std::string>& completion_shells() {
    static const std::vector<std::string> shells = {"bash", "zsh", "fish"};
    return shells;
}

std::optional<std::string> completion_script(const CommandDoc& root, std::string_view shell) {
    if (shell == "bash") return bash_script(root);
    if (shell == "zsh") return zsh_script(root);
    if (shell == "fish") return fish_script(root);
    return std::nullopt;
}

std::vector<GeneratedFile> completion_scripts(const CommandDoc& root) {
    return {{root.name + ".bash", bash_script(root)},
            {"_" + root.name, zsh_script(root)},
            {root.name + ".fish", fish_script(root)}};
}

}  // namespace ctl::docs
