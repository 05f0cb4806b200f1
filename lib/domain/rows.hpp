#pragma once
// Turning query results into output rows: the library's one bridge from db to output.

#include "db/connection.hpp"
#include "output/document.hpp"
#include "output/value.hpp"

#include <string>
#include <vector>

namespace ctl::domain {

// Columns of a Result, in order, with the kinds given (matched by name; text otherwise).
std::vector<output::Column> columns_of(const db::Result& result,
                                       const std::vector<output::Column>& kinds);

output::Row row_of(const db::RowRef& row, int columns);
std::vector<output::Row> rows_of(const db::Result& result);

output::Section section_of(std::string key, std::string title, const db::Result& result,
                           const std::vector<output::Column>& kinds, bool single = false);

// Keyset cursors: an opaque, URL-safe token holding the last row's sort value and id.
std::string encode_cursor(const std::string& sort_value, std::int64_t id);
// Throws ctl::UsageError("bad --after cursor") when the token is not one of ours.
std::pair<std::string, std::int64_t> decode_cursor(const std::string& cursor);

}  // namespace ctl::domain
