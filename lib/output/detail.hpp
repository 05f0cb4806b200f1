#pragma once
// Internal to lib/output: cell formatting, UTF-8 measuring and JSON writing shared by the
// renderers and the document renderer. Not for use outside lib/output.

#include "output/render.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::output::detail {

// UTF-8 ----------------------------------------------------------------------------------------

// Decodes the code point at text[pos]; returns its length in bytes, or 0 for an invalid
// (truncated, overlong, surrogate or out-of-range) sequence.
std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& code_point);

// Terminal columns of valid UTF-8 text (wide East Asian characters and emoji count 2,
// combining marks 0, everything else 1).
std::size_t display_width(std::string_view text);

// Cuts valid UTF-8 text to at most width columns, ending in "…" (after any trailing spaces are
// dropped) when it was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

// Cells ----------------------------------------------------------------------------------------

// The value of row[index], or nullptr when it is NULL or the row is short.
const std::string* cell_at(const Row& row, std::size_t index);

// Human text for the table: local time + relative age, money as a decimal, masked secrets,
// yes/no; control characters become spaces and invalid UTF-8 becomes U+FFFD.
std::string table_text(Kind kind, const std::string& value, long long now_epoch);

// Text for csv/tsv: RFC 3339 UTC times, money as "49.00 USD", true/false, compact JSON.
std::string plain_text(Kind kind, const std::string& value);

// Money text "<cents> <CUR>" as "49.00 USD"; false when value is not in that form.
bool money_decimal(std::string_view value, std::string& out);

enum class Style : unsigned char { none, dim, bold, red, green, yellow };

// ANSI SGR sequence that starts style (empty for none), and the reset sequence.
std::string_view style_start(Style style);
inline constexpr std::string_view k_style_reset = "\x1b[0m";

// Colour for a value of a status-like column ("status", "state", "*_status", "*_state").
Style status_style(std::string_view column, std::string_view value);

// JSON -----------------------------------------------------------------------------------------

// Appends text as a JSON string literal (invalid UTF-8 becomes U+FFFD).
void append_json_string(std::string& out, std::string_view text);

// True when text is exactly a JSON number ("12", "-0.5", "1e9"; not "NaN", "012", "+1").
bool is_json_number(std::string_view text);

// Validates text as JSON and appends it re-spaced: compact when indent is 0, otherwise
// pretty-printed with indent spaces per level starting at nesting level depth. Numbers and
// strings are copied verbatim. Returns false (appending nothing) when text is not valid JSON.
bool append_json_raw(std::string& out, std::string_view text, int indent, int depth);

// Appends one cell as a JSON value (never fails: unparseable typed values become strings).
void append_json_value(std::string& out, Kind kind, const std::string* value, int indent,
                       int depth);

// Appends {"name": value, ...} for the selected columns of row.
void append_json_object(std::string& out, const std::vector<Column>& columns,
                        const std::vector<std::size_t>& selected, const Row& row, int indent,
                        int depth);

// Appends a newline and indent * depth spaces when indent > 0.
void append_newline(std::string& out, int indent, int depth);

// Table ----------------------------------------------------------------------------------------

// The table renderer; prefix is written at the start of every line (the document renderer
// indents sub-tables with it) and counts against options.width.
class TableRenderer final : public Renderer {
public:
    TableRenderer(std::ostream& out, const RenderOptions& options, std::string prefix = {});
    void begin(const std::vector<Column>& columns) override;
    void row(const Row& cells) override;
    void end() override;

private:
    struct Field {
        std::string header;
        std::size_t width = 0;
        bool right = false;   // numbers and money align right
        bool shrink = false;  // text and json may be truncated to fit
        bool status = false;  // values get status colours
    };

    void write_line(std::string& line, const std::vector<std::string_view>& texts,
                    const std::vector<Style>& styles, const std::vector<std::size_t>& widths,
                    bool bold);

    std::ostream& m_out;
    RenderOptions m_options;
    std::string m_prefix;
    long long m_now = 0;
    std::vector<Column> m_columns;
    std::vector<std::size_t> m_selected;
    std::vector<Field> m_fields;
    std::vector<std::string> m_cells;  // row-major, m_fields.size() per row
    std::vector<Style> m_styles;
};

// Column widths after fitting: shrinkable columns are capped (widest first) until the line
// fits total_width, but never below their minimum. natural and minimum have one entry per column.
std::vector<std::size_t> fit_widths(const std::vector<std::size_t>& natural,
                                    const std::vector<std::size_t>& minimum,
                                    const std::vector<bool>& shrinkable, std::size_t separators,
                                    std::size_t total_width);

}  // namespace ctl::output::detail
