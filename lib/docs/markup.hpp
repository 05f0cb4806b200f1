#pragma once
// The small text format of the hand-written prose (man/prose/*.md) and the help topics, and its
// two renderings: roff for the man pages, plain text for `ctl help TOPIC`.
//
//   # SECTION NAME        starts a man page section (prose files only; see split_sections)
//   ## Subsection         a subsection
//   text lines            a paragraph (consecutive lines are joined; a blank line ends it)
//   - item                a bullet; continuation lines are indented by two spaces
//   term                  a definition: the term on one line,
//   : definition          the text on the next, continuation lines indented by two spaces
//   ```                   a literal block up to the closing ```
//   | head | head |       a table: its header, an optional |---| line, then rows; each row
//   | term | text |       becomes a definition (the first cell, in bold, is the term)
//
// Inline, `code` is set in bold in roff and printed without the backticks in text. Everything
// else is literal: roff's special characters are escaped by the renderer.

#include <string>
#include <string_view>
#include <vector>

namespace ctl::docs {

struct Block {
    enum class Kind { subheading, paragraph, bullet, definition, literal };
    Kind kind = Kind::paragraph;
    std::string term;                // definition only
    std::string text;                // subheading, paragraph, bullet, definition (one line)
    std::vector<std::string> lines;  // literal only
};

std::vector<Block> parse_markup(std::string_view text);

struct Section {
    std::string title;  // "DESCRIPTION"
    std::string body;   // markup text
};

// Splits a prose file at its "# TITLE" lines. Text before the first title is an error
// (ctl::UsageError naming `source`), as is an empty title.
std::vector<Section> split_sections(std::string_view text, std::string_view source);

// roff body text (no section header) for the blocks.
std::string render_roff(const std::vector<Block>& blocks);

// Plain text, wrapped at `width` columns.
std::string render_text(const std::vector<Block>& blocks, std::size_t width = 80);

// One line of text for roff: backslashes, hyphens and non-ASCII characters escaped, `code` in
// bold, and a leading '.' or '\'' protected so that it is never read as a request.
std::string roff_inline(std::string_view text);
// The same without inline markup (backticks stay literal), for names and descriptions.
std::string roff_escape(std::string_view text);
// A quoted argument of a roff macro line (.SH "GLOBAL OPTIONS").
std::string roff_quoted(std::string_view text);

// `text` wrapped at `width` columns, words never split. The first line starts at column
// `first_column` (the caller has printed that much already; no spaces are added), the others
// after `indent` spaces. No trailing newline. Columns count characters, not bytes.
std::string wrap_text(std::string_view text, std::size_t width, std::size_t indent, std::size_t first_column);

// Number of characters (UTF-8 code points) in text.
std::size_t display_width(std::string_view text);

}  // namespace ctl::docs
