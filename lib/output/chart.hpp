#pragma once
// Terminal charts (Unicode block characters) and SVG charts for HTML reports. Pure functions of
// their numbers; no terminal I/O.

#include <string>
#include <vector>

namespace ctl::output {

// One character per value, "▁" (lowest) to "█" (highest), scaled between the series' minimum
// and maximum (all equal: a flat line of "▄"). At most `width` characters: longer series keep
// their latest values. Empty for an empty series.
std::string sparkline(const std::vector<double>& values, std::size_t width = 60);

// A horizontal bar of `value / max` of `width` cells, in eighths of a cell ("█████▍"); empty
// when max <= 0 or value <= 0.
std::string hbar(double value, double max, int width);

// Display width of UTF-8 text in terminal cells.
std::size_t display_width(const std::string& text);

// A self-contained SVG line chart (no external assets): `labels` under the x axis (a few of
// them), one polyline per series; values are plotted as given.
struct SvgSeries {
    std::string name;
    std::vector<double> values;
};
std::string svg_line_chart(const std::vector<std::string>& labels, const std::vector<SvgSeries>& series,
                           int width = 640, int height = 200);
// A self-contained SVG bar chart; negative values hang below the zero line.
std::string svg_bar_chart(const std::vector<std::string>& labels, const std::vector<double>& values,
                          int width = 640, int height = 200);

// Escapes &, <, >, " for HTML/XML text and attributes.
std::string xml_escape(const std::string& text);

}  // namespace ctl::output
