#pragma once
// Shared by the analytics command files: the period options and terminal charts.

#include "analytics/period.hpp"
#include "commands/context.hpp"
#include "output/document.hpp"

#include <string>
#include <vector>

namespace ctl::cli {

struct PeriodArgs {
    std::string from, to, interval = "month";
    bool no_chart = false;
};

// --from, --to, --interval (when `with_interval`), --no-chart.
void add_period_options(CLI::App& cmd, PeriodArgs& a, bool with_interval = true);
analytics::Range range_of(const PeriodArgs& a, int default_periods = 0);

// The connection analytics read from (Context::read_db), tuned for aggregates.
db::Connection& analytics_db(Context& ctx);

// True when charts go with the output: a table on a terminal, unless --no-chart.
bool charts_wanted(Context& ctx, const PeriodArgs& a);

// "LABEL  ▁▂▅▇  last-value" lines under a table, one per named numeric column (values are
// read from the rows, NULL as 0), for rows of `currency` when the section has that column.
void print_trends(Context& ctx, const output::Section& s, const std::vector<std::string>& columns);

// Renders one section as a table (or its format) and, on a terminal, the trends.
void render_metric(Context& ctx, const PeriodArgs& a, const output::Section& s,
                   const std::vector<std::string>& trend_columns);

void register_analytics_report(CLI::App& analytics, Context& ctx);

}  // namespace ctl::cli
