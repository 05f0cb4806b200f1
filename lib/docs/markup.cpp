#include "docs/markup.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ctl::docs {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        auto nl = text.find('\n');
        lines.push_back(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return lines;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_blank(std::string_view line) { return trim(line).empty(); }

// "| a | b |" → {"a", "b"}.
std::vector<std::string> table_cells(std::string_view line) {
    line = trim(line);
    if (starts_with(line, "|")) line.remove_prefix(1);
    if (!line.empty() && line.back() == '|') line.remove_suffix(1);
    std::vector<std::string> cells;
    while (true) {
        auto bar = line.find('|');
        cells.emplace_back(trim(line.substr(0, bar)));
        if (bar == std::string_view::npos) break;
        line.remove_prefix(bar + 1);
    }
    return cells;
}

// "|---|:--:|" under the header.
bool is_separator_row(const std::vector<std::string>& cells) {
    for (const auto& c : cells)
        if (c.empty() || c.find_first_not_of("-: ") != std::string::npos) return false;
    return true;
}

// A table row as a definition: the first cell is the term (in bold unless it has its own
// markup), the others its text, labelled with their headers when there are more than two.
Block table_row(const std::vector<std::string>& header, const std::vector<std::string>& row) {
    Block b{Block::Kind::definition, {}, {}, {}};
    if (row.empty()) return b;
    b.term = row[0].find('`') == std::string::npos && !row[0].empty() ? "`" + row[0] + "`" : row[0];
    for (std::size_t i = 1; i < row.size(); ++i) {
        if (row.size() == 2) {
            b.text = row[i];
        } else {
            if (!b.text.empty()) b.text += "; ";
            b.text += (i < header.size() ? header[i] + ": " : "") + row[i];
        }
    }
    return b;
}

// A line that starts a block of its own kind rather than continuing a paragraph.
bool starts_block(std::string_view line) {
    return starts_with(line, "- ") || starts_with(line, "## ") || starts_with(line, "```") || starts_with(line, "|") ||
           starts_with(line, ": ");
}

void append_word(std::string& text, std::string_view word) {
    if (word.empty()) return;
    if (!text.empty()) text += ' ';
    text += word;
}

// Unicode code point of the UTF-8 sequence at s[i]; advances i. Malformed bytes pass as-is.
unsigned decode_utf8(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned c = byte(i);
    std::size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    bool whole = extra > 0 && i + extra < s.size();
    for (std::size_t k = 1; whole && k <= extra; ++k) whole = (byte(i + k) & 0xC0u) == 0x80u;
    if (!whole) {
        ++i;
        return c;
    }
    unsigned cp = c & (0x3Fu >> extra);
    for (std::size_t k = 1; k <= extra; ++k) cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    i += extra + 1;
    return cp;
}

std::string escape(std::string_view text, bool inline_markup) {
    std::string out;
    bool in_code = false;
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        if (inline_markup && c == '`') {
            out += in_code ? "\\fR" : "\\fB";
            in_code = !in_code;
            ++i;
        } else if (c == '\\') {
            out += "\\e";
            ++i;
        } else if (c == '-') {
            out += "\\-";
            ++i;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            out += fmt::format("\\[u{:04X}]", decode_utf8(text, i));
        } else {
            out += c;
            ++i;
        }
    }
    if (in_code) out += "\\fR";
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
    return out;
}

std::string strip_backticks(std::string_view text) {
    std::string out;
    for (char c : text)
        if (c != '`') out += c;
    return out;
}

constexpr char k_glue = '\x01';  // a space inside `code`, which wrapping must not break

// Text for wrap_text: backticks dropped, the spaces between them glued.
std::string glue_code(std::string_view text) {
    std::string out;
    bool in_code = false;
    for (char c : text) {
        if (c == '`')
            in_code = !in_code;
        else
            out += in_code && c == ' ' ? k_glue : c;
    }
    return out;
}

std::string wrap_glued(std::string_view text, std::size_t width, std::size_t indent, std::size_t first_column) {
    std::string out = wrap_text(glue_code(text), width, indent, first_column);
    std::replace(out.begin(), out.end(), k_glue, ' ');
    return out;
}

}  // namespace

std::vector<Block> parse_markup(std::string_view text) {
    auto lines = split_lines(text);
    std::vector<Block> blocks;
    std::size_t i = 0;
    auto continuation = [&](std::string& into) {
        while (i < lines.size() && starts_with(lines[i], "  ") && !is_blank(lines[i]))
            append_word(into, trim(lines[i++]));
    };
    while (i < lines.size()) {
        std::string_view line = lines[i];
        if (is_blank(line)) {
            ++i;
        } else if (starts_with(line, "```")) {
            Block b{Block::Kind::literal, {}, {}, {}};
            for (++i; i < lines.size() && !starts_with(lines[i], "```"); ++i) b.lines.emplace_back(lines[i]);
            ++i;
            blocks.push_back(std::move(b));
        } else if (starts_with(line, "## ")) {
            blocks.push_back({Block::Kind::subheading, {}, std::string(trim(line.substr(3))), {}});
            ++i;
        } else if (starts_with(line, "- ")) {
            Block b{Block::Kind::bullet, {}, std::string(trim(line.substr(2))), {}};
            ++i;
            continuation(b.text);
            blocks.push_back(std::move(b));
        } else if (starts_with(line, "|")) {
            std::vector<std::vector<std::string>> rows;
            while (i < lines.size() && starts_with(lines[i], "|")) {
                auto cells = table_cells(lines[i++]);
                if (!is_separator_row(cells)) rows.push_back(std::move(cells));
            }
            for (std::size_t r = 1; r < rows.size(); ++r) blocks.push_back(table_row(rows.front(), rows[r]));
        } else if (i + 1 < lines.size() && starts_with(lines[i + 1], ": ")) {
            Block b{Block::Kind::definition, std::string(trim(line)), std::string(trim(lines[i + 1].substr(2))), {}};
            i += 2;
            continuation(b.text);
            blocks.push_back(std::move(b));
        } else {
            Block b{Block::Kind::paragraph, {}, {}, {}};
            while (i < lines.size() && !is_blank(lines[i]) && (b.text.empty() || !starts_block(lines[i])) &&
                   !(i + 1 < lines.size() && starts_with(lines[i + 1], ": ")))
                append_word(b.text, trim(lines[i++]));
            if (b.text.empty()) append_word(b.text, trim(lines[i++]));  // a stray ": " line
            blocks.push_back(std::move(b));
        }
    }
    return blocks;
}

std::vector<Section> split_sections(std::string_view text, std::string_view source) {
    std::vector<Section> sections;
    bool literal = false;
    for (auto line : split_lines(text)) {
        if (starts_with(line, "```")) literal = !literal;
        if (!literal && starts_with(line, "# ")) {
            auto title = trim(line.substr(2));
            if (title.empty()) throw UsageError(fmt::format("{}: empty section title", source));
            sections.push_back({std::string(title), {}});
        } else if (sections.empty()) {
            if (!is_blank(line)) throw UsageError(fmt::format("{}: text before the first '# SECTION' line", source));
        } else {
            sections.back().body.append(line).append("\n");
        }
    }
    return sections;
}

std::string roff_inline(std::string_view text) { return escape(text, true); }

std::string roff_escape(std::string_view text) { return escape(text, false); }

std::string roff_quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : roff_escape(text)) {
        if (c == '"')
            out += "\\(dq";
        else
            out += c;
    }
    return out + "\"";
}

std::string render_roff(const std::vector<Block>& blocks) {
    std::string out;
    for (const auto& b : blocks) {
        switch (b.kind) {
        case Block::Kind::subheading: out += ".SS " + roff_quoted(strip_backticks(b.text)) + "\n"; break;
        case Block::Kind::paragraph: out += ".PP\n" + roff_inline(b.text) + "\n"; break;
        case Block::Kind::bullet: out += ".IP \\(bu 2\n" + roff_inline(b.text) + "\n"; break;
        case Block::Kind::definition: out += ".TP\n" + roff_inline(b.term) + "\n" + roff_inline(b.text) + "\n"; break;
        case Block::Kind::literal:
            out += ".PP\n.RS 4\n.nf\n";
            for (const auto& line : b.lines) out += roff_escape(line) + "\n";
            out += ".fi\n.RE\n";
            break;
        }
    }
    return out;
}

std::size_t display_width(std::string_view text) {
    std::size_t n = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

std::string wrap_text(std::string_view text, std::size_t width, std::size_t indent, std::size_t first_column) {
    std::string out;
    std::size_t column = first_column;
    bool line_empty = true;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        auto word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        std::size_t w = display_width(word);
        if (!line_empty && column + 1 + w > width) {
            out += "\n" + std::string(indent, ' ');
            column = indent;
            line_empty = true;
        }
        if (!line_empty) {
            out += ' ';
            ++column;
        }
        out += word;
        column += w;
        line_empty = false;
    }
    return out;
}

std::string render_text(const std::vector<Block>& blocks, std::size_t width) {
    constexpr std::size_t term_column = 18;
    std::string out;
    const Block* previous = nullptr;
    for (const auto& b : blocks) {
        bool same_list = previous && previous->kind == b.kind &&
                         (b.kind == Block::Kind::bullet || b.kind == Block::Kind::definition);
        if (previous && !same_list) out += "\n";
        switch (b.kind) {
        case Block::Kind::subheading: out += strip_backticks(b.text) + "\n"; break;
        case Block::Kind::paragraph: out += wrap_glued(b.text, width, 0, 0) + "\n"; break;
        case Block::Kind::bullet: out += "  - " + wrap_glued(b.text, width, 4, 4) + "\n"; break;
        case Block::Kind::definition: {
            std::string term = "  " + strip_backticks(b.term);
            std::size_t w = display_width(term);
            if (w + 2 <= term_column)
                out += term + std::string(term_column - w, ' ');
            else
                out += term + "\n" + std::string(term_column, ' ');
            out += wrap_glued(b.text, width, term_column, term_column) + "\n";
            break;
        }
        case Block::Kind::literal:
            for (const auto& line : b.lines) out += (line.empty() ? "" : "    " + line) + "\n";
            break;
        }
        previous = &b;
    }
    return out;
}

}  // namespace ctl::docs
