#pragma once
// Typed cells and columns: what the library hands to a renderer. A cell keeps its value as
// text (exactly as PostgreSQL's text format gives it, or as the library built it) plus a kind
// that tells each format how to print it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::output {

enum class Kind {
    text,     // JSON string
    integer,  // JSON number, text is a decimal integer
    number,   // JSON number, text is a decimal (numeric) such as "12.50"
    boolean,  // JSON true/false; text is "true"/"false" (also accepts PostgreSQL's "t"/"f")
    time,     // RFC 3339 timestamp; JSON: UTC "2026-10-01T12:00:00Z"; table: local time + "(3h ago)"
    json,     // raw JSON text, embedded as-is in json/ndjson; compact text elsewhere
    money,    // text is "<cents> <CUR>", e.g. "4900 USD"; table/csv: "49.00 USD"; JSON: {"amount_cents":4900,"currency":"USD"}
    secret,   // masked in table output (first 6 + "…" + last 4); full in machine formats
};

struct Cell {
    std::optional<std::string> value;  // nullopt is SQL NULL: JSON null, empty in csv/tsv, "-" in table

    static Cell null() { return {}; }
    Cell() = default;
    Cell(std::string v) : value(std::move(v)) {}
    Cell(const char* v) : value(std::string(v)) {}
    Cell(std::optional<std::string> v) : value(std::move(v)) {}
};

enum class Visibility {
    always,        // shown in every format
    table_only,    // only in the human table (e.g. a pretty "amount" beside amount_cents)
    machine_only,  // only in json/ndjson/csv/tsv
    on_request,    // only when named in --fields
};

struct Column {
    std::string name;  // stable snake_case key; also the table header (upper-cased)
    Kind kind = Kind::text;
    Visibility visibility = Visibility::always;
};

using Row = std::vector<Cell>;

}  // namespace ctl::output
