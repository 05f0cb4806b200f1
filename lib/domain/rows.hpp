#pragma once
// Turning query results into output rows: the library's one bridge from db to output.

#include "db/connection.hpp"
#include "output/document.hpp"
#include "output/value.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
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

// A LIKE pattern matching `fragment` literally anywhere: "%a\\_b%" for "a_b".
std::string like_fragment(std::string_view fragment);

// Throws ctl::UsageError("unknown <what> '<value>'", "one of: ...") unless value is unset or
// one of `allowed`.
void check_member(const std::optional<std::string>& value, const std::vector<std::string_view>& allowed,
                  const char* what);
template <std::size_t N>
void check_member(const std::optional<std::string>& value, const char* const (&allowed)[N], const char* what) {
    check_member(value, std::vector<std::string_view>(std::begin(allowed), std::end(allowed)), what);
}

}  // namespace ctl::domain
