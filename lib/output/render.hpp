#pragma once
// Renderers: one interface, five formats. A renderer is a row sink: begin() once with the
// columns, row() for each row, end() once. json, ndjson, csv and tsv write each row as it comes
// (memory stays flat for exports); table buffers rows so it can fit columns.
// Renderers never throw on content; they throw ctl::UsageError only for a bad --fields name.
//
// How each format prints a cell (a value that does not parse as its kind prints as text):
//   table   headers upper-cased; NULL "-"; time local "2026-10-01 14:00 (3h ago)"; money
//           "49.00 USD"; secret masked; boolean yes/no; json compact; control characters shown
//           as spaces (no terminal escapes from data).
//   json    array of objects (ndjson: one object per line); NULL null; integer/number as JSON
//           numbers; boolean true/false; time RFC 3339 UTC "2026-10-01T12:00:00Z" (fractional
//           seconds kept); money {"amount_cents": 4900, "currency": "USD"}; json embedded.
//   csv     RFC 4180 with "\n" line ends and a header row of column names; fields quoted when
//           they hold a comma, quote, CR or LF; NULL is an empty field, an empty string is "".
//   tsv     header row; \t \n \r \\ escaped as in PostgreSQL COPY text; NULL is empty.
//   csv and tsv print times as RFC 3339 UTC, money as the decimal amount plus currency
//   ("49.00 USD", as people read it; use a machine column of cents where a number is needed),
//   booleans true/false, json compact, secrets in full.

#include "output/value.hpp"

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::output {

enum class Format { table, json, ndjson, csv, tsv };

// Parses "table|json|ndjson|csv|tsv"; throws ctl::UsageError otherwise.
Format parse_format(std::string_view name);

struct RenderOptions {
    Format format = Format::table;
    std::vector<std::string> fields;  // --fields: select and order; empty means the default set
    bool color = false;               // ANSI colour in table output
    int width = 0;                    // terminal width for column fitting; 0 means do not fit
    long long now_epoch = 0;          // "now" for relative times (seconds since epoch); 0 = real clock
};

class Renderer {
public:
    virtual ~Renderer() = default;
    virtual void begin(const std::vector<Column>& columns) = 0;
    virtual void row(const Row& cells) = 0;
    virtual void end() = 0;
};

std::unique_ptr<Renderer> make_renderer(std::ostream& out, const RenderOptions& options);

// Indices of the columns to print, in order: options.fields when given (matched exactly, else
// case-insensitively; duplicates dropped; any visibility), otherwise the default set for the
// format (table: always + table_only; others: always + machine_only). Throws ctl::UsageError
// "unknown field 'x'" with the available names as hint.
std::vector<std::size_t> select_columns(const std::vector<Column>& columns,
                                        const RenderOptions& options);

// Renders one whole table (begin/rows/end).
void render(std::ostream& out, const RenderOptions& options, const std::vector<Column>& columns,
            const std::vector<Row>& rows);

}  // namespace ctl::output
