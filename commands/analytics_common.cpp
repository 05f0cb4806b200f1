#include "commands/analytics_common.hpp"

#include "analytics/table.hpp"
#include "output/chart.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace ctl::cli {

void add_period_options(CLI::App& cmd, PeriodArgs& a, bool with_interval) {
    cmd.add_option("--from", a.from, "Start (date, time or 90d; default: 12 intervals back, 30 for days)");
    cmd.add_option("--to", a.to, "End, excluded (date, time or duration; default: now)");
    if (with_interval)
        cmd.add_option("--interval", a.interval, "Period length")
            ->check(CLI::IsMember({"day", "week", "month"}))
            ->capture_default_str();
    cmd.add_flag("--no-chart", a.no_chart, "No sparklines or bars on a terminal");
}

analytics::Range range_of(const PeriodArgs& a, int default_periods) {
    return analytics::parse_range(a.from, a.to, a.interval, util::current_epoch(), default_periods);
}

db::Connection& analytics_db(Context& ctx) {
    static bool tuned = false;
    auto& conn = ctx.read_db();
    if (!tuned) analytics::tune_session(conn);
    tuned = true;
    return conn;
}

bool charts_wanted(Context& ctx, const PeriodArgs& a) {
    auto o = ctx.render_options();
    return !a.no_chart && o.format == output::Format::table && o.width > 0;
}

void print_trends(Context& ctx, const output::Section& s, const std::vector<std::string>& columns) {
    std::optional<std::size_t> currency;
    for (std::size_t i = 0; i < s.columns.size(); ++i)
        if (s.columns[i].name == "currency") currency = i;
    std::string cur;
    if (currency && !s.rows.empty() && s.rows.front()[*currency].value) cur = *s.rows.front()[*currency].value;
    auto width = static_cast<std::size_t>(std::max(10, ctx.render_options().width - 40));
    for (const auto& name : columns) {
        std::size_t c = analytics::column_index(s, name);
        std::vector<double> values;
        for (const auto& r : s.rows) {
            if (currency && r[*currency].value.value_or("") != cur) continue;
            values.push_back(r[c].value ? std::strtod(r[c].value->c_str(), nullptr) : 0.0);
        }
        if (values.empty()) continue;
        std::string label = name;
        bool money = label.size() > 6 && label.ends_with("_cents");
        if (money) label.resize(label.size() - 6);
        std::string last = money ? fmt::format("{:.2f} {}", values.back() / 100.0, cur) : fmt::format("{:g}", values.back());
        ctx.out() << fmt::format("{:<14} {}  {}\n", label, output::sparkline(values, width), last);
    }
}

void render_metric(Context& ctx, const PeriodArgs& a, const output::Section& s,
                   const std::vector<std::string>& trend_columns) {
    output::render(ctx.out(), ctx.render_options(), s.columns, s.rows);
    if (charts_wanted(ctx, a) && s.rows.size() > 1) {
        ctx.out() << "\n";
        print_trends(ctx, s, trend_columns);
    }
    ctx.out().flush();
}

}  // namespace ctl::cli
