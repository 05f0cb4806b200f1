#pragma once
// Multi-section reports (`ctl analytics report`): markdown, one self-contained HTML file with
// inline SVG charts, and csv/tsv with one table per section. Cells read as in csv (RFC 3339
// times, "49.00 USD"); a period start at midnight shows as its date. Columns are those of the
// table format (money as "49.00 USD", not cents).

#include "output/document.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace ctl::output {

struct ReportChart {
    std::string section;               // key of the section it plots
    std::string title;
    bool bars = false;                 // bars (one series) or lines
    std::vector<std::string> columns;  // numeric columns; "_cents" columns are plotted in units
    std::string label = "period_start";
};

void render_markdown_report(std::ostream& out, const std::string& title, const std::string& subtitle,
                            const std::vector<Section>& sections);

void render_html_report(std::ostream& out, const std::string& title, const std::string& subtitle,
                        const std::vector<Section>& sections, const std::vector<ReportChart>& charts);

// csv or tsv (options.format): each section as a table after a line "# <key>: <title>",
// sections separated by a blank line.
void render_flat_report(std::ostream& out, const RenderOptions& options, const std::vector<Section>& sections);

}  // namespace ctl::output
