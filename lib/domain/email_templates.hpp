#pragma once
// E-mail templates stored in the database (email_templates; defaults shipped by migration 0009).

#include "db/connection.hpp"
#include "output/document.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::email {

struct Template {
    std::string name, subject, html, text;
};

struct TableRows {
    std::vector<output::Column> columns;
    std::vector<output::Row> rows;
};

// name, subject, description, variables, updated_at, updated_by; by name.
TableRows list_templates(db::Connection& conn);

// Throws ctl::NotFound (3) naming the known templates.
Template load_template(db::Connection& conn, std::string_view name);

// The template as one record: name, subject, description, variables, text, html, updated_*.
std::vector<output::Section> show_template(db::Connection& conn, std::string_view name);

struct TemplateChange {
    std::optional<std::string> subject, html, text;
};

// Changes (or, for a new name, creates: subject, html and text all required) a template in one
// audited transaction. Every part is checked first (UsageError for unknown variables); nothing
// changes on error. Returns false when the template already had these contents.
bool set_template(db::Connection& conn, std::string_view name, const TemplateChange& change, std::string_view reason,
                  bool dry_run);

}  // namespace ctl::email
