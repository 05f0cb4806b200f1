#include "output/chart.hpp"

#include "output/detail.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ctl::output {

namespace {
const char* const k_spark[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
const char* const k_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
const char* const k_palette[] = {"#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c"};
}  // namespace

std::string sparkline(const std::vector<double>& values, std::size_t width) {
    if (values.empty() || width == 0) return {};
    std::size_t first = values.size() > width ? values.size() - width : 0;
    auto [lo, hi] = std::minmax_element(values.begin() + static_cast<std::ptrdiff_t>(first), values.end());
    std::string out;
    for (std::size_t i = first; i < values.size(); ++i) {
        int level = 3;
        if (*hi > *lo) level = static_cast<int>(std::lround((values[i] - *lo) / (*hi - *lo) * 7.0));
        out += k_spark[std::clamp(level, 0, 7)];
    }
    return out;
}

std::string hbar(double value, double max, int width) {
    if (max <= 0 || value <= 0 || width <= 0) return {};
    long eighths = std::lround(std::min(value / max, 1.0) * width * 8);
    if (eighths == 0) eighths = 1;  // something, however small, shows
    std::string out;
    for (long i = 0; i < eighths / 8; ++i) out += "█";
    out += k_eighths[eighths % 8];
    return out;
}

std::size_t display_width(const std::string& text) { return detail::display_width(text); }

std::string xml_escape(const std::string& text) { return util::html_escape(text); }

namespace {

struct Frame {
    int width = 0, height = 0, left = 64, right = 12, top = 12, bottom = 28;
    double lo = 0, hi = 0;
    std::size_t count = 0;
    double x(std::size_t i) const {
        double span = width - left - right;
        return count <= 1 ? left + span / 2 : left + span * static_cast<double>(i) / static_cast<double>(count - 1);
    }
    double y(double v) const {
        double span = height - top - bottom;
        return top + span * (1.0 - (hi > lo ? (v - lo) / (hi - lo) : 0.5));
    }
};

std::string compact_number(double v) {
    double a = std::fabs(v);
    if (a >= 1e6) return fmt::format("{:.1f}M", v / 1e6);
    if (a >= 1e4) return fmt::format("{:.0f}k", v / 1e3);
    if (a >= 1e3) return fmt::format("{:.1f}k", v / 1e3);
    return fmt::format("{:.4g}", v);
}

std::string open_svg(const Frame& f) {
    std::string s = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
        "font-family=\"sans-serif\" font-size=\"10\" role=\"img\">",
        f.width, f.height);
    for (double v : {f.lo, (f.lo + f.hi) / 2, f.hi}) {
        double y = f.y(v);
        s += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#e5e7eb\"/>", f.left, y,
                         f.width - f.right, y);
        s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"#6b7280\">{}</text>", f.left - 4,
                         y + 3, xml_escape(compact_number(v)));
    }
    return s;
}

void add_labels(std::string& s, const Frame& f, const std::vector<std::string>& labels) {
    std::size_t step = std::max<std::size_t>(1, (labels.size() + 5) / 6);
    for (std::size_t i = 0; i < labels.size(); i += step)
        s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"#6b7280\">{}</text>", f.x(i),
                         f.height - 8, xml_escape(labels[i]));
}

}  // namespace

std::string svg_line_chart(const std::vector<std::string>& labels, const std::vector<SvgSeries>& series, int width,
                           int height) {
    double lo = 0, hi = 0;
    std::size_t count = labels.size();
    for (const auto& s : series)
        for (double v : s.values) lo = std::min(lo, v), hi = std::max(hi, v);
    Frame f;
    f.width = width;
    f.height = height;
    f.lo = lo;
    f.hi = hi;
    f.count = count;
    std::string s = open_svg(f);
    for (std::size_t k = 0; k < series.size(); ++k) {
        const char* colour = k_palette[k % 5];
        std::string points;
        for (std::size_t i = 0; i < series[k].values.size() && i < count; ++i)
            points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", f.x(i), f.y(series[k].values[i]));
        s += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>", colour, points);
        s += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>", f.left + 4 + 110 * static_cast<int>(k),
                         f.top + 8, colour, xml_escape(series[k].name));
    }
    add_labels(s, f, labels);
    return s + "</svg>";
}

std::string svg_bar_chart(const std::vector<std::string>& labels, const std::vector<double>& values, int width,
                          int height) {
    double lo = 0, hi = 0;
    for (double v : values) lo = std::min(lo, v), hi = std::max(hi, v);
    Frame f;
    f.width = width;
    f.height = height;
    f.lo = lo;
    f.hi = hi;
    f.count = labels.size();
    std::string s = open_svg(f);
    double slot = static_cast<double>(f.width - f.left - f.right) / static_cast<double>(std::max<std::size_t>(1, f.count));
    double zero = f.y(0);
    for (std::size_t i = 0; i < values.size() && i < f.count; ++i) {
        double y = f.y(values[i]);
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>",
                         f.left + slot * static_cast<double>(i) + slot * 0.15, std::min(y, zero), slot * 0.7,
                         std::fabs(zero - y), values[i] < 0 ? k_palette[1] : k_palette[0]);
    }
    // Bars are centred in their slots; labels follow the same centres.
    Frame centres = f;
    centres.left = f.left + static_cast<int>(slot / 2);
    centres.right = f.right + static_cast<int>(slot / 2);
    add_labels(s, centres, labels);
    return s + "</svg>";
}

}  // namespace ctl::output
