#pragma once
// Documents for `show` commands: several named sections (one record, or a list of records)
// rendered together.
//   json    one object {"<key>": {...} | [...] | null, ...}, pretty-printed with 2-space indent
//   ndjson  the same object on one line
//   table   a single section as aligned "Label  value" lines under its bold title; a list section
//           as a titled sub-table, "(none)" when empty
//   csv/tsv the first section only, as a normal table
// --fields (options.fields) applies to the first section only; the others show their default
// columns. A single section prints its first row (null / "(none)" when it has none).

#include "output/render.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace ctl::output {

struct Section {
    std::string key;    // JSON key (snake_case)
    std::string title;  // table heading; the key when empty
    std::vector<Column> columns;
    std::vector<Row> rows;
    bool single = false;  // one record (object) rather than a list (array)
};

void render_document(std::ostream& out, const RenderOptions& options,
                     const std::vector<Section>& sections);

}  // namespace ctl::output
