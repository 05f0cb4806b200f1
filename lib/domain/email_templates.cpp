#include "domain/email_templates.hpp"

#include "domain/audit.hpp"
#include "domain/email_render.hpp"
#include "domain/rows.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace ctl::email {

namespace {

std::string variables_of(const Template& t) {
    std::vector<std::string> all;
    for (const auto* part : {&t.subject, &t.text, &t.html})
        for (auto& v : template_variables(t.name, *part))
            if (std::find(all.begin(), all.end(), v) == all.end()) all.push_back(v);
    return fmt::format("{}", fmt::join(all, ","));
}

std::optional<Template> find(db::Connection& conn, std::string_view name) {
    auto r = conn.exec("SELECT name, subject, html, text FROM email_templates WHERE name = $1", {name});
    if (r.empty()) return std::nullopt;
    return Template{std::string(r[0].text(0)), std::string(r[0].text(1)), std::string(r[0].text(2)),
                    std::string(r[0].text(3))};
}

}  // namespace

TableRows list_templates(db::Connection& conn) {
    auto r = conn.exec("SELECT name, subject, html, text, description, updated_at, updated_by FROM email_templates "
                       "ORDER BY name");
    TableRows t;
    t.columns = {{"name"}, {"subject"}, {"description"}, {"variables"}, {"updated_at", output::Kind::time}, {"updated_by"}};
    for (int i = 0; i < r.rows(); ++i) {
        Template tpl{std::string(r[i].text(0)), std::string(r[i].text(1)), std::string(r[i].text(2)),
                     std::string(r[i].text(3))};
        t.rows.push_back({tpl.name, tpl.subject, std::string(r[i].text(4)), variables_of(tpl), std::string(r[i].text(5)),
                          std::string(r[i].text(6))});
    }
    return t;
}

Template load_template(db::Connection& conn, std::string_view name) {
    if (auto t = find(conn, name)) return *t;
    auto r = conn.exec("SELECT string_agg(name, ', ' ORDER BY name) FROM email_templates");
    throw NotFound(fmt::format("no e-mail template '{}'", name), "templates: " + std::string(r[0].text(0)));
}

std::vector<output::Section> show_template(db::Connection& conn, std::string_view name) {
    auto t = load_template(conn, name);
    auto r = conn.exec("SELECT description, updated_at, updated_by FROM email_templates WHERE name = $1", {name});
    output::Section s;
    s.key = "template";
    s.title = "Template " + t.name;
    s.single = true;
    s.columns = {{"name"}, {"subject"}, {"description"}, {"variables"}, {"updated_at", output::Kind::time},
                 {"updated_by"}, {"text"}, {"html"}};
    s.rows.push_back({t.name, t.subject, std::string(r[0].text(0)), variables_of(t), std::string(r[0].text(1)),
                      std::string(r[0].text(2)), t.text, t.html});
    return {s};
}

bool set_template(db::Connection& conn, std::string_view name, const TemplateChange& c, std::string_view reason,
                  bool dry_run) {
    if (!c.subject && !c.html && !c.text)
        throw UsageError("nothing to change", "give --subject, --html-file and/or --text-file");
    auto current = find(conn, name);
    if (!current && (!c.subject || !c.html || !c.text))
        throw UsageError(fmt::format("no e-mail template '{}' to change", name),
                         "a new template needs --subject, --html-file and --text-file");
    Template next = current.value_or(Template{std::string(name), {}, {}, {}});
    if (c.subject) next.subject = *c.subject;
    if (c.html) next.html = *c.html;
    if (c.text) next.text = *c.text;
    if (next.subject.find_first_of("\r\n") != std::string::npos) throw UsageError("the subject must be one line");
    variables_of(next);  // throws for unknown variables
    if (current && current->subject == next.subject && current->html == next.html && current->text == next.text)
        return false;
    db::Transaction tx(conn);
    audit::tag_change(tx, "email templates set", reason);
    tx.exec("INSERT INTO email_templates (name, subject, html, text) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (name) DO UPDATE SET subject = EXCLUDED.subject, html = EXCLUDED.html, text = EXCLUDED.text, "
            "updated_at = now(), updated_by = session_user",
            {next.name, next.subject, next.html, next.text});
    if (!dry_run) tx.commit();
    return true;
}

}  // namespace ctl::email
