#pragma once
// E-mail templates: {{ variable }} placeholders, checked against the variables ctl knows and
// filled per recipient. Pure code: no database.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::email {

// Every variable a template may use (user.*, app.*, and the extras a send supplies such as
// reset.link or invoice.number), in the order ctl-email(1) lists them.
const std::vector<std::string>& known_variables();

// The variables `text` uses, in order of first use. Throws ctl::UsageError naming the template
// and the offender for an unclosed "{{", a malformed name, or a name not in known_variables()
// (with a "did you mean" hint).
std::vector<std::string> template_variables(std::string_view template_name, std::string_view text);

// `text` with each {{ name }} replaced by values[name], HTML-escaped when `html`. Throws
// ctl::UsageError when the template uses a variable `values` does not supply.
std::string render(std::string_view template_name, std::string_view text, const std::map<std::string, std::string>& values,
                   bool html);

}  // namespace ctl::email
