#pragma once
// `ctl analytics report daily|weekly|monthly`: the overview plus the period's revenue, MRR
// movements, churn, growth and deployments, as sections for any renderer.

#include "analytics/period.hpp"
#include "db/connection.hpp"
#include "output/report.hpp"

#include <string>
#include <vector>

namespace ctl::analytics {

struct Report {
    std::string title;     // "Monthly report, 2026-10-01 – 2026-11-01"
    std::string subtitle;  // what the figures cover
    std::string from, to;  // RFC 3339
    std::vector<output::Section> sections;
    std::vector<output::ReportChart> charts;
};

// `kind` is daily, weekly or monthly: the last complete day, week (Monday to Monday) or
// calendar month in UTC, unless `from`/`to` (RFC 3339, see Range) are given. Throws
// ctl::UsageError for another kind.
Report build_report(db::Connection& conn, const std::string& kind, const std::optional<std::string>& from,
                    const std::optional<std::string>& to);

}  // namespace ctl::analytics
