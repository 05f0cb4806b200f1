#pragma once
// Turning analytics query results into output sections: money as machine columns of cents
// beside a human "49.00 USD" column, ratios as numbers.

#include "db/connection.hpp"
#include "output/document.hpp"

#include <string>
#include <vector>

namespace ctl::analytics {

// A section from a result: columns ending in `_cents` become integer columns for json/csv/tsv,
// each with a money column for the table (name without `_cents`, in the row's `currency`);
// `period_start`/`period_end` are times; the named columns are numbers (ratios) or integers.
output::Section metric_section(std::string key, std::string title, const db::Result& result,
                               const std::vector<std::string>& numbers = {},
                               const std::vector<std::string>& integers = {});

// The same for a section built in code: adds the money columns for the table.
void add_money_columns(output::Section& s);

// The index of a column by name; throws std::logic_error when absent (a programming error).
std::size_t column_index(const output::Section& s, const std::string& name);

}  // namespace ctl::analytics
