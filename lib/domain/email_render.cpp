#include "domain/email_render.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace ctl::email {

namespace {

bool valid_name(std::string_view n) {
    if (n.empty() || !(n[0] >= 'a' && n[0] <= 'z')) return false;
    return std::all_of(n.begin(), n.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'; });
}

// Calls on_text for literal text and on_var for each placeholder name.
void scan(std::string_view name, std::string_view text, const std::function<void(std::string_view)>& on_text,
          const std::function<void(const std::string&)>& on_var) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto open = text.find("{{", pos);
        if (open == std::string_view::npos) {
            on_text(text.substr(pos));
            return;
        }
        on_text(text.substr(pos, open - pos));
        auto close = text.find("}}", open + 2);
        if (close == std::string_view::npos)
            throw UsageError(fmt::format("template {}: '{{{{' without '}}}}'", name), "write variables as {{ user.name }}");
        auto inner = text.substr(open + 2, close - open - 2);
        auto b = inner.find_first_not_of(" \t");
        auto e = inner.find_last_not_of(" \t");
        std::string var = b == std::string_view::npos ? "" : std::string(inner.substr(b, e - b + 1));
        if (!valid_name(var))
            throw UsageError(fmt::format("template {}: '{{{{{}}}}}' is not a variable", name, inner),
                             "write variables as {{ user.name }}");
        on_var(var);
        pos = close + 2;
    }
}

void check_known(std::string_view template_name, const std::string& var) {
    const auto& known = known_variables();
    if (std::find(known.begin(), known.end(), var) != known.end()) return;
    auto near = util::closest_match(var, known);
    throw UsageError(fmt::format("template {}: unknown variable {{{{ {} }}}}", template_name, var),
                     near.empty() ? "see ctl email templates --help for the variables"
                                  : fmt::format("did you mean {{{{ {} }}}}?", near));
}

}  // namespace

const std::vector<std::string>& known_variables() {
    static const std::vector<std::string> vars = {
        "user.id",         "user.name",      "user.first_name", "user.email",        "user.company",
        "user.plan",       "user.trial_ends_at", "app.name",    "app.url",           "reset.link",
        "invoice.number",  "invoice.amount", "invoice.url",     "payment.amount",    "maintenance.window"};
    return vars;
}


std::vector<std::string> template_variables(std::string_view template_name, std::string_view text) {
    std::vector<std::string> used;
    scan(template_name, text, [](std::string_view) {}, [&](const std::string& var) {
        check_known(template_name, var);
        if (std::find(used.begin(), used.end(), var) == used.end()) used.push_back(var);
    });
    return used;
}

std::string render(std::string_view template_name, std::string_view text, const std::map<std::string, std::string>& values,
                   bool html) {
    std::string out;
    out.reserve(text.size() + 64);
    scan(template_name, text, [&](std::string_view literal) { out += literal; }, [&](const std::string& var) {
        check_known(template_name, var);
        auto it = values.find(var);
        if (it == values.end())
            throw UsageError(fmt::format("template {} needs {{{{ {} }}}}, which this send does not provide", template_name, var),
                             fmt::format("give it with --var {}=VALUE", var));
        out += html ? util::html_escape(it->second) : it->second;
    });
    return out;
}

}  // namespace ctl::email
