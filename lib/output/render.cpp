#include "output/render.hpp"

#include "output/detail.hpp"
#include "util/error.hpp"

#include <ostream>

namespace ctl::output {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) {
            return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

void write(std::ostream& out, const std::string& text) {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// json: "[", then one compact object per line, then "]".
class JsonRenderer final : public Renderer {
public:
    JsonRenderer(std::ostream& out, const RenderOptions& options, bool lines)
        : m_out(out), m_options(options), m_lines(lines) {}

    void begin(const std::vector<Column>& columns) override {
        m_selected = select_columns(columns, m_options);
        m_columns = columns;
        m_rows = 0;
        if (!m_lines) m_out.put('[');
    }

    void row(const Row& cells) override {
        m_buffer.clear();
        if (!m_lines) m_buffer += m_rows == 0 ? "\n" : ",\n";
        detail::append_json_object(m_buffer, m_columns, m_selected, cells, 0, 0);
        if (m_lines) m_buffer += '\n';
        write(m_out, m_buffer);
        ++m_rows;
    }

    void end() override {
        if (!m_lines) m_out << (m_rows == 0 ? "]\n" : "\n]\n");
    }

private:
    std::ostream& m_out;
    RenderOptions m_options;
    bool m_lines;
    std::vector<Column> m_columns;
    std::vector<std::size_t> m_selected;
    std::string m_buffer;
    std::size_t m_rows = 0;
};

// csv (RFC 4180) and tsv (PostgreSQL COPY text escapes).
class DelimitedRenderer final : public Renderer {
public:
    DelimitedRenderer(std::ostream& out, const RenderOptions& options, bool tabs)
        : m_out(out), m_options(options), m_tabs(tabs) {}

    void begin(const std::vector<Column>& columns) override {
        m_selected = select_columns(columns, m_options);
        m_columns = columns;
        m_buffer.clear();
        for (std::size_t j = 0; j < m_selected.size(); ++j) {
            if (j > 0) m_buffer += m_tabs ? '\t' : ',';
            append_field(columns[m_selected[j]].name, false);
        }
        m_buffer += '\n';
        write(m_out, m_buffer);
    }

    void row(const Row& cells) override {
        m_buffer.clear();
        for (std::size_t j = 0; j < m_selected.size(); ++j) {
            if (j > 0) m_buffer += m_tabs ? '\t' : ',';
            const std::size_t index = m_selected[j];
            if (const std::string* value = detail::cell_at(cells, index)) {
                append_field(detail::plain_text(m_columns[index].kind, *value), true);
            }
        }
        m_buffer += '\n';
        write(m_out, m_buffer);
    }

    void end() override {}

private:
    void append_field(std::string_view text, bool quote_empty) {
        if (m_tabs) {
            if (text.find_first_of("\\\t\n\r") == std::string_view::npos) {
                m_buffer += text;
                return;
            }
            for (const char c : text) {
                switch (c) {
                    case '\\': m_buffer += "\\\\"; break;
                    case '\t': m_buffer += "\\t"; break;
                    case '\n': m_buffer += "\\n"; break;
                    case '\r': m_buffer += "\\r"; break;
                    default: m_buffer += c;
                }
            }
            return;
        }
        const bool quote = (quote_empty && text.empty()) ||
                           text.find_first_of(",\"\r\n") != std::string_view::npos;
        if (!quote) {
            m_buffer += text;
            return;
        }
        m_buffer += '"';
        for (const char c : text) {
            if (c == '"') m_buffer += '"';
            m_buffer += c;
        }
        m_buffer += '"';
    }

    std::ostream& m_out;
    RenderOptions m_options;
    bool m_tabs;
    std::vector<Column> m_columns;
    std::vector<std::size_t> m_selected;
    std::string m_buffer;
};

}  // namespace

Format parse_format(std::string_view name) {
    if (name == "table") return Format::table;
    if (name == "json") return Format::json;
    if (name == "ndjson") return Format::ndjson;
    if (name == "csv") return Format::csv;
    if (name == "tsv") return Format::tsv;
    throw UsageError("unknown output format '" + std::string(name) + "'",
                     "formats: table, json, ndjson, csv, tsv");
}

std::vector<std::size_t> select_columns(const std::vector<Column>& columns,
                                        const RenderOptions& options) {
    std::vector<std::size_t> selected;
    if (options.fields.empty()) {
        const bool table = options.format == Format::table;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const Visibility v = columns[i].visibility;
            if (v == Visibility::always || (table && v == Visibility::table_only) ||
                (!table && v == Visibility::machine_only)) {
                selected.push_back(i);
            }
        }
        return selected;
    }
    for (const std::string& field : options.fields) {
        std::size_t found = columns.size();
        for (std::size_t i = 0; i < columns.size() && found == columns.size(); ++i) {
            if (columns[i].name == field) found = i;
        }
        for (std::size_t i = 0; i < columns.size() && found == columns.size(); ++i) {
            if (equal_ignoring_case(columns[i].name, field)) found = i;
        }
        if (found == columns.size()) {
            std::string names;
            for (const Column& column : columns) {
                names += names.empty() ? "fields: " : ", ";
                names += column.name;
            }
            throw UsageError("unknown field '" + field + "'", names);
        }
        bool duplicate = false;
        for (const std::size_t index : selected) duplicate = duplicate || index == found;
        if (!duplicate) selected.push_back(found);
    }
    return selected;
}

std::unique_ptr<Renderer> make_renderer(std::ostream& out, const RenderOptions& options) {
    switch (options.format) {
        case Format::table: return std::make_unique<detail::TableRenderer>(out, options);
        case Format::json: return std::make_unique<JsonRenderer>(out, options, false);
        case Format::ndjson: return std::make_unique<JsonRenderer>(out, options, true);
        case Format::csv: return std::make_unique<DelimitedRenderer>(out, options, false);
        case Format::tsv: return std::make_unique<DelimitedRenderer>(out, options, true);
    }
    return std::make_unique<detail::TableRenderer>(out, options);
}

void render(std::ostream& out, const RenderOptions& options, const std::vector<Column>& columns,
            const std::vector<Row>& rows) {
    const auto renderer = make_renderer(out, options);
    renderer->begin(columns);
    for (const Row& row : rows) renderer->row(row);
    renderer->end();
}

}  // namespace ctl::output
