#include "output/document.hpp"

#include "output/detail.hpp"
#include "util/time.hpp"

#include <algorithm>
#include <ostream>

namespace ctl::output {

namespace {

constexpr int k_indent = 2;
constexpr std::string_view k_prefix = "  ";

void write(std::ostream& out, const std::string& text) {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// The options for section i: --fields reaches the first section only.
RenderOptions section_options(const RenderOptions& options, std::size_t i) {
    RenderOptions result = options;
    if (i > 0) result.fields.clear();
    return result;
}

// "created_at" -> "Created at".
std::string label_for(std::string_view name) {
    std::string label(name);
    for (char& c : label) {
        if (c == '_') c = ' ';
    }
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') {
        label[0] = static_cast<char>(label[0] - 'a' + 'A');
    }
    return label;
}

void render_json(std::ostream& out, const RenderOptions& options,
                 const std::vector<Section>& sections) {
    const int indent = options.format == Format::json ? k_indent : 0;
    std::vector<std::vector<std::size_t>> selected;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        selected.push_back(select_columns(sections[i].columns, section_options(options, i)));
    }
    std::string buffer = "{";
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const Section& section = sections[i];
        if (i > 0) buffer += ',';
        detail::append_newline(buffer, indent, 1);
        detail::append_json_string(buffer, section.key);
        buffer += indent > 0 ? ": " : ":";
        if (section.single) {
            if (section.rows.empty()) {
                buffer += "null";
            } else {
                detail::append_json_object(buffer, section.columns, selected[i],
                                           section.rows.front(), indent, 1);
            }
            continue;
        }
        buffer += '[';
        for (std::size_t r = 0; r < section.rows.size(); ++r) {
            if (r > 0) buffer += ',';
            detail::append_newline(buffer, indent, 2);
            detail::append_json_object(buffer, section.columns, selected[i], section.rows[r],
                                       indent, 2);
        }
        if (!section.rows.empty()) detail::append_newline(buffer, indent, 1);
        buffer += ']';
    }
    if (!sections.empty()) detail::append_newline(buffer, indent, 0);
    buffer += "}\n";
    write(out, buffer);
}

void write_title(std::string& buffer, const Section& section, bool color) {
    const std::string& title = section.title.empty() ? section.key : section.title;
    if (color) buffer += detail::style_start(detail::Style::bold);
    buffer += title;
    if (color) buffer += detail::k_style_reset;
    buffer += '\n';
}

void render_record(std::ostream& out, const RenderOptions& options, const Section& section,
                   const std::vector<std::size_t>& selected, long long now) {
    std::string buffer;
    write_title(buffer, section, options.color);
    if (section.rows.empty()) {
        buffer += k_prefix;
        buffer += "(none)\n";
        write(out, buffer);
        return;
    }
    const Row& row = section.rows.front();
    std::vector<std::string> labels;
    std::size_t label_width = 0;
    for (const std::size_t index : selected) {
        labels.push_back(label_for(section.columns[index].name));
        label_width = std::max(label_width, detail::display_width(labels.back()));
    }
    const std::size_t used = k_prefix.size() + label_width + 2;
    const std::size_t room =
        options.width > 0 && static_cast<std::size_t>(options.width) > used
            ? static_cast<std::size_t>(options.width) - used
            : 0;
    for (std::size_t j = 0; j < selected.size(); ++j) {
        const Column& column = section.columns[selected[j]];
        const std::string* value = detail::cell_at(row, selected[j]);
        std::string text = value == nullptr ? "-" : detail::table_text(column.kind, *value, now);
        if (options.width > 0 && room >= 8 && detail::display_width(text) > room) {
            text = detail::truncate_to_width(text, room);
        }
        const detail::Style style = !options.color     ? detail::Style::none
                                    : value == nullptr ? detail::Style::dim
                                                       : detail::status_style(column.name, *value);
        buffer += k_prefix;
        buffer += labels[j];
        buffer.append(label_width - detail::display_width(labels[j]) + 2, ' ');
        buffer += detail::style_start(style);
        buffer += text;
        if (style != detail::Style::none) buffer += detail::k_style_reset;
        buffer += '\n';
    }
    write(out, buffer);
}

void render_list(std::ostream& out, const RenderOptions& options, const Section& section,
                 long long now) {
    std::string buffer;
    write_title(buffer, section, options.color);
    if (section.rows.empty()) {
        buffer += k_prefix;
        buffer += "(none)\n";
        write(out, buffer);
        return;
    }
    write(out, buffer);
    RenderOptions table_options = options;
    table_options.now_epoch = now;
    detail::TableRenderer table(out, table_options, std::string(k_prefix));
    table.begin(section.columns);
    for (const Row& row : section.rows) table.row(row);
    table.end();
}

void render_tables(std::ostream& out, const RenderOptions& options,
                   const std::vector<Section>& sections) {
    const long long now = options.now_epoch != 0 ? options.now_epoch : util::current_epoch();
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const RenderOptions section_opts = section_options(options, i);
        const std::vector<std::size_t> selected =
            select_columns(sections[i].columns, section_opts);
        if (i > 0) out.put('\n');
        if (sections[i].single) {
            render_record(out, section_opts, sections[i], selected, now);
        } else {
            render_list(out, section_opts, sections[i], now);
        }
    }
}

}  // namespace

void render_document(std::ostream& out, const RenderOptions& options,
                     const std::vector<Section>& sections) {
    switch (options.format) {
        case Format::json:
        case Format::ndjson: render_json(out, options, sections); return;
        case Format::table: render_tables(out, options, sections); return;
        case Format::csv:
        case Format::tsv: {
            if (sections.empty()) return;
            const Section& first = sections.front();
            if (first.single && first.rows.size() > 1) {
                render(out, options, first.columns, {first.rows.front()});
            } else {
                render(out, options, first.columns, first.rows);
            }
            return;
        }
    }
}

}  // namespace ctl::output
