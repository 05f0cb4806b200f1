#include "output/report.hpp"

#include "output/chart.hpp"
#include "output/detail.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ostream>

namespace ctl::output {

namespace {

std::vector<std::size_t> human_columns(const Section& s) {
    RenderOptions o;
    o.format = Format::table;
    return select_columns(s.columns, o);
}

std::string cell_text(const Column& c, const Cell& cell) {
    if (!cell.value) return "-";
    std::string t = detail::plain_text(c.kind, *cell.value);
    if (c.kind == Kind::time && t.size() == 20 && t.ends_with("T00:00:00Z")) t.resize(10);
    return t;
}

bool right_aligned(Kind k) { return k == Kind::integer || k == Kind::number || k == Kind::money; }

std::string markdown_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '|' || c == '\\') out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out;
}

std::string html_chart(const Section& s, const ReportChart& chart) {
    std::size_t label = s.columns.size();
    for (std::size_t i = 0; i < s.columns.size(); ++i)
        if (s.columns[i].name == chart.label) label = i;
    std::vector<std::string> labels;
    for (const auto& r : s.rows)
        labels.push_back(label < s.columns.size() ? cell_text(s.columns[label], r[label]) : std::string());
    std::vector<SvgSeries> series;
    for (const auto& name : chart.columns) {
        for (std::size_t i = 0; i < s.columns.size(); ++i) {
            if (s.columns[i].name != name) continue;
            SvgSeries one{name.ends_with("_cents") ? name.substr(0, name.size() - 6) : name, {}};
            for (const auto& r : s.rows) {
                double v = r[i].value ? std::strtod(r[i].value->c_str(), nullptr) : 0.0;
                one.values.push_back(name.ends_with("_cents") ? v / 100.0 : v);
            }
            series.push_back(std::move(one));
        }
    }
    if (series.empty() || labels.empty()) return {};
    return chart.bars ? svg_bar_chart(labels, series.front().values) : svg_line_chart(labels, series);
}

}  // namespace

void render_markdown_report(std::ostream& out, const std::string& title, const std::string& subtitle,
                            const std::vector<Section>& sections) {
    out << "# " << markdown_escape(title) << "\n\n" << markdown_escape(subtitle) << "\n";
    for (const auto& s : sections) {
        out << "\n## " << markdown_escape(s.title.empty() ? s.key : s.title) << "\n\n";
        auto cols = human_columns(s);
        if (s.rows.empty()) {
            out << "(none)\n";
            continue;
        }
        std::string head = "|", rule = "|";
        for (auto c : cols) {
            head += " " + markdown_escape(s.columns[c].name) + " |";
            rule += right_aligned(s.columns[c].kind) ? " ---: |" : " --- |";
        }
        out << head << "\n" << rule << "\n";
        for (const auto& r : s.rows) {
            std::string line = "|";
            for (auto c : cols) line += " " + markdown_escape(cell_text(s.columns[c], r[c])) + " |";
            out << line << "\n";
        }
    }
}

void render_html_report(std::ostream& out, const std::string& title, const std::string& subtitle,
                        const std::vector<Section>& sections, const std::vector<ReportChart>& charts) {
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << xml_escape(title)
        << "</title>\n<style>body{font-family:system-ui,sans-serif;margin:24px;color:#111827}"
           "table{border-collapse:collapse;margin:8px 0 24px;font-size:13px}"
           "th,td{border-bottom:1px solid #e5e7eb;padding:4px 10px;text-align:left}"
           "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f9fafb}"
           "h2{font-size:17px;margin-top:28px}figure{margin:8px 0}figcaption{font-size:12px;color:#6b7280}"
           "</style></head><body>\n<h1>"
        << xml_escape(title) << "</h1>\n<p>" << xml_escape(subtitle) << "</p>\n";
    for (const auto& s : sections) {
        out << "<h2>" << xml_escape(s.title.empty() ? s.key : s.title) << "</h2>\n";
        for (const auto& chart : charts) {
            if (chart.section != s.key) continue;
            std::string svg = html_chart(s, chart);
            if (!svg.empty())
                out << "<figure>" << svg << "<figcaption>" << xml_escape(chart.title) << "</figcaption></figure>\n";
        }
        if (s.rows.empty()) {
            out << "<p>(none)</p>\n";
            continue;
        }
        auto cols = human_columns(s);
        out << "<table><tr>";
        for (auto c : cols) out << "<th>" << xml_escape(s.columns[c].name) << "</th>";
        out << "</tr>\n";
        for (const auto& r : s.rows) {
            out << "<tr>";
            for (auto c : cols)
                out << (right_aligned(s.columns[c].kind) ? "<td class=\"n\">" : "<td>")
                    << xml_escape(cell_text(s.columns[c], r[c])) << "</td>";
            out << "</tr>\n";
        }
        out << "</table>\n";
    }
    out << "</body></html>\n";
}

void render_flat_report(std::ostream& out, const RenderOptions& options, const std::vector<Section>& sections) {
    bool first = true;
    for (const auto& s : sections) {
        if (!first) out << "\n";
        first = false;
        out << "# " << s.key << ": " << (s.title.empty() ? s.key : s.title) << "\n";
        RenderOptions o = options;
        o.fields.clear();
        render(out, o, s.columns, s.rows);
    }
}

}  // namespace ctl::output
