#include "output/detail.hpp"

#include "util/time.hpp"

#include <array>

namespace ctl::output::detail {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";     // U+2026 "…"

struct Range {
    char32_t first;
    char32_t last;
};

constexpr std::array k_zero_width = {
    Range{0x0300, 0x036F}, Range{0x0483, 0x0489}, Range{0x0591, 0x05BD}, Range{0x0610, 0x061A},
    Range{0x064B, 0x065F}, Range{0x1AB0, 0x1AFF}, Range{0x1DC0, 0x1DFF}, Range{0x200B, 0x200F},
    Range{0x2028, 0x202E}, Range{0x2060, 0x2064}, Range{0x20D0, 0x20FF}, Range{0xFE00, 0xFE0F},
    Range{0xFE20, 0xFE2F}, Range{0xFEFF, 0xFEFF}, Range{0xE0100, 0xE01EF},
};

constexpr std::array k_wide = {
    Range{0x1100, 0x115F},   Range{0x231A, 0x231B},   Range{0x2329, 0x232A},
    Range{0x23E9, 0x23EC},   Range{0x23F0, 0x23F0},   Range{0x23F3, 0x23F3},
    Range{0x25FD, 0x25FE},   Range{0x2614, 0x2615},   Range{0x2648, 0x2653},
    Range{0x267F, 0x267F},   Range{0x2693, 0x2693},   Range{0x26A1, 0x26A1},
    Range{0x26AA, 0x26AB},   Range{0x26BD, 0x26BE},   Range{0x26C4, 0x26C5},
    Range{0x26CE, 0x26CE},   Range{0x26D4, 0x26D4},   Range{0x26EA, 0x26EA},
    Range{0x26F2, 0x26F5},   Range{0x26FA, 0x26FD},   Range{0x2705, 0x2705},
    Range{0x270A, 0x270B},   Range{0x2728, 0x2728},   Range{0x274C, 0x274C},
    Range{0x2753, 0x2755},   Range{0x2757, 0x2757},   Range{0x2795, 0x2797},
    Range{0x27B0, 0x27B0},   Range{0x27BF, 0x27BF},   Range{0x2B1B, 0x2B1C},
    Range{0x2B50, 0x2B50},   Range{0x2B55, 0x2B55},   Range{0x2E80, 0x303E},
    Range{0x3041, 0x33FF},   Range{0x3400, 0x4DBF},   Range{0x4E00, 0x9FFF},
    Range{0xA000, 0xA4CF},   Range{0xA960, 0xA97F},   Range{0xAC00, 0xD7A3},
    Range{0xF900, 0xFAFF},   Range{0xFE10, 0xFE19},   Range{0xFE30, 0xFE6F},
    Range{0xFF00, 0xFF60},   Range{0xFFE0, 0xFFE6},   Range{0x1F004, 0x1F004},
    Range{0x1F0CF, 0x1F0CF}, Range{0x1F18E, 0x1F18E}, Range{0x1F191, 0x1F19A},
    Range{0x1F200, 0x1F2FF}, Range{0x1F300, 0x1F64F}, Range{0x1F680, 0x1F6FF},
    Range{0x1F7E0, 0x1F7EB}, Range{0x1F900, 0x1F9FF}, Range{0x1FA70, 0x1FAFF},
    Range{0x20000, 0x2FFFD}, Range{0x30000, 0x3FFFD},
};

template <std::size_t N>
bool in_ranges(const std::array<Range, N>& ranges, char32_t cp) {
    for (const Range& r : ranges) {
        if (cp < r.first) return false;  // ranges are sorted
        if (cp <= r.last) return true;
    }
    return false;
}

std::size_t code_point_width(char32_t cp) {
    if (cp < 0x300) return 1;
    if (in_ranges(k_zero_width, cp)) return 0;
    if (in_ranges(k_wide, cp)) return 2;
    return 1;
}

std::size_t code_point_count(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    }
    return count;
}

// Byte offset of the n-th code point of valid UTF-8 text.
std::size_t code_point_offset(std::string_view text, std::size_t n) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (seen == n) return i;
            ++seen;
        }
    }
    return text.size();
}

// Copies text replacing control characters (C0, DEL, C1) with spaces and invalid UTF-8 with
// U+FFFD, so table output can neither break its layout nor send terminal escape sequences.
std::string sanitize(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            out += (byte < 0x20 || byte == 0x7F) ? ' ' : static_cast<char>(byte);
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decode_utf8(text, i, cp);
        if (len == 0) {
            out += k_replacement;
            ++i;
        } else if (cp < 0xA0) {
            out += ' ';
            i += len;
        } else {
            out.append(text.substr(i, len));
            i += len;
        }
    }
    return out;
}

struct Money {
    bool negative = false;
    std::string_view digits;    // no leading zeros (except "0")
    std::string_view currency;  // may be empty
};

bool parse_money(std::string_view value, Money& money) {
    std::size_t i = 0;
    if (i < value.size() && value[i] == '-') {
        money.negative = true;
        ++i;
    }
    const std::size_t start = i;
    while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
    if (i == start) return false;
    std::string_view digits = value.substr(start, i - start);
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    money.digits = digits;
    if (money.digits == "0") money.negative = false;
    if (i == value.size()) return true;
    if (value[i] != ' ' || i + 1 == value.size()) return false;
    money.currency = value.substr(i + 1);
    for (const char c : money.currency) {
        const auto b = static_cast<unsigned char>(c);
        if (b <= 0x20 || b == 0x7F) return false;
    }
    return true;
}

std::string mask_secret(const std::string& value) {
    const std::size_t count = code_point_count(value);
    if (count <= 12) return "****";
    std::string out(value.substr(0, code_point_offset(value, 6)));
    out += k_ellipsis;
    out += value.substr(code_point_offset(value, count - 4));
    return out;
}

std::string_view boolean_word(std::string_view value, std::string_view yes, std::string_view no) {
    if (value == "t" || value == "true") return yes;
    if (value == "f" || value == "false") return no;
    return {};
}

std::string compact_json(const std::string& value) {
    std::string out;
    if (!append_json_raw(out, value, 0, 0)) return value;
    return out;
}

void append_indent(std::string& out, int indent, int depth) {
    if (indent > 0 && depth > 0) {
        out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(depth), ' ');
    }
}

// End of the JSON number starting at text[pos], or npos when there is none.
std::size_t scan_json_number(std::string_view text, std::size_t pos) {
    const auto peek = [&] { return pos < text.size() ? text[pos] : '\0'; };
    const auto digits = [&] {
        const std::size_t from = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        return pos - from;
    };
    if (peek() == '-') ++pos;
    if (peek() == '0') {
        ++pos;
    } else if (digits() == 0) {
        return std::string_view::npos;
    }
    if (peek() == '.') {
        ++pos;
        if (digits() == 0) return std::string_view::npos;
    }
    if (peek() == 'e' || peek() == 'E') {
        ++pos;
        if (peek() == '+' || peek() == '-') ++pos;
        if (digits() == 0) return std::string_view::npos;
    }
    return pos;
}

// Validating re-spacer for raw JSON text (RFC 8259), see append_json_raw.
class JsonRespacer {
public:
    JsonRespacer(std::string_view in, std::string& out, int indent, int depth)
        : m_in(in), m_out(out), m_indent(indent), m_depth(depth) {}

    bool run() {
        skip_space();
        if (!value(0)) return false;
        skip_space();
        return m_pos == m_in.size();
    }

private:
    static constexpr int k_max_nesting = 256;

    bool at_end() const { return m_pos >= m_in.size(); }
    char peek() const { return at_end() ? '\0' : m_in[m_pos]; }

    void skip_space() {
        while (!at_end()) {
            const char c = m_in[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            ++m_pos;
        }
    }

    void newline(int level) { append_newline(m_out, m_indent, m_depth + level); }

    bool value(int level) {
        if (level > k_max_nesting) return false;
        switch (peek()) {
            case '{': return container(level, '}');
            case '[': return container(level, ']');
            case '"': return string();
            case 't': return literal("true");
            case 'f': return literal("false");
            case 'n': return literal("null");
            default: return number();
        }
    }

    bool container(int level, char close) {
        const bool object = close == '}';
        m_out += m_in[m_pos++];
        skip_space();
        if (peek() == close) {
            ++m_pos;
            m_out += close;
            return true;
        }
        while (true) {
            newline(level + 1);
            skip_space();
            if (object) {
                if (peek() != '"' || !string()) return false;
                skip_space();
                if (peek() != ':') return false;
                ++m_pos;
                m_out += m_indent > 0 ? ": " : ":";
                skip_space();
            }
            if (!value(level + 1)) return false;
            skip_space();
            if (peek() == ',') {
                ++m_pos;
                m_out += ',';
                continue;
            }
            if (peek() != close) return false;
            ++m_pos;
            newline(level);
            m_out += close;
            return true;
        }
    }

    static bool is_hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    bool string() {
        const std::size_t start = m_pos++;
        while (!at_end()) {
            const auto c = static_cast<unsigned char>(m_in[m_pos]);
            if (c == '"') {
                ++m_pos;
                m_out.append(m_in.substr(start, m_pos - start));
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                ++m_pos;
                const char e = peek();
                if (e == 'u') {
                    if (m_in.size() - m_pos < 5) return false;
                    for (std::size_t k = 1; k <= 4; ++k) {
                        if (!is_hex(m_in[m_pos + k])) return false;
                    }
                    m_pos += 5;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' ||
                           e == 'n' || e == 'r' || e == 't') {
                    ++m_pos;
                } else {
                    return false;
                }
            } else if (c >= 0x80) {
                char32_t cp = 0;
                const std::size_t len = decode_utf8(m_in, m_pos, cp);
                if (len == 0) return false;
                m_pos += len;
            } else {
                ++m_pos;
            }
        }
        return false;
    }

    bool literal(std::string_view word) {
        if (m_in.substr(m_pos, word.size()) != word) return false;
        m_pos += word.size();
        m_out += word;
        return true;
    }

    bool number() {
        const std::size_t end = scan_json_number(m_in, m_pos);
        if (end == std::string_view::npos) return false;
        m_out.append(m_in.substr(m_pos, end - m_pos));
        m_pos = end;
        return true;
    }

    std::string_view m_in;
    std::string& m_out;
    int m_indent;
    int m_depth;
    std::size_t m_pos = 0;
};

}  // namespace

std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& code_point) {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[pos + k]); };
    const unsigned char b0 = at(0);
    if (b0 < 0x80) {
        code_point = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1Fu;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0Fu;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (text.size() - pos < len) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char b = at(k);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    code_point = cp;
    return len;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            ++width;
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decode_utf8(text, i, cp);
        if (len == 0) {
            ++width;
            ++i;
            continue;
        }
        width += code_point_width(cp);
        i += len;
    }
    return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return {};
    const std::size_t budget = width - 1;  // one column for the ellipsis
    std::size_t used = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t cp = 0;
        std::size_t len = decode_utf8(text, i, cp);
        std::size_t w = 1;
        if (len == 0) {
            len = 1;
        } else {
            w = code_point_width(cp);
        }
        if (used + w > budget) break;
        used += w;
        i += len;
    }
    std::string out(text.substr(0, i));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += k_ellipsis;
    return out;
}

const std::string* cell_at(const Row& row, std::size_t index) {
    if (index >= row.size() || !row[index].value) return nullptr;
    return &*row[index].value;
}

bool money_decimal(std::string_view value, std::string& out) {
    Money money;
    if (!parse_money(value, money)) return false;
    std::string digits(money.digits);
    if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
    out.clear();
    if (money.negative) out += '-';
    out.append(digits, 0, digits.size() - 2);
    out += '.';
    out.append(digits, digits.size() - 2, 2);
    if (!money.currency.empty()) {
        out += ' ';
        out += money.currency;
    }
    return true;
}

std::string table_text(Kind kind, const std::string& value, long long now_epoch) {
    switch (kind) {
        case Kind::time:
            if (const auto ts = util::parse_timestamp(value)) {
                return util::format_local_minutes(ts->epoch) + " (" +
                       util::format_relative(ts->epoch, now_epoch) + ")";
            }
            break;
        case Kind::money: {
            std::string out;
            if (money_decimal(value, out)) return sanitize(out);
            break;
        }
        case Kind::secret: return sanitize(mask_secret(value));
        case Kind::boolean: {
            const std::string_view word = boolean_word(value, "yes", "no");
            if (!word.empty()) return std::string(word);
            break;
        }
        case Kind::json: return sanitize(compact_json(value));
        case Kind::text:
        case Kind::integer:
        case Kind::number: break;
    }
    return sanitize(value);
}

std::string plain_text(Kind kind, const std::string& value) {
    switch (kind) {
        case Kind::time:
            if (const auto ts = util::parse_timestamp(value)) {
                return util::format_rfc3339_utc(ts->epoch, ts->fraction);
            }
            break;
        case Kind::money: {
            std::string out;
            if (money_decimal(value, out)) return out;
            break;
        }
        case Kind::boolean: {
            const std::string_view word = boolean_word(value, "true", "false");
            if (!word.empty()) return std::string(word);
            break;
        }
        case Kind::json: return compact_json(value);
        case Kind::text:
        case Kind::integer:
        case Kind::number:
        case Kind::secret: break;
    }
    return value;
}

std::string_view style_start(Style style) {
    switch (style) {
        case Style::none: return {};
        case Style::dim: return "\x1b[2m";
        case Style::bold: return "\x1b[1m";
        case Style::red: return "\x1b[31m";
        case Style::green: return "\x1b[32m";
        case Style::yellow: return "\x1b[33m";
    }
    return {};
}

Style status_style(std::string_view column, std::string_view value) {
    const auto ends_with = [&](std::string_view suffix) {
        return column.size() >= suffix.size() &&
               column.substr(column.size() - suffix.size()) == suffix;
    };
    if (column != "status" && column != "state" && !ends_with("_status") && !ends_with("_state")) {
        return Style::none;
    }
    struct StatusStyle {
        std::string_view value;
        Style style;
    };
    static constexpr StatusStyle k_styles[] = {
        {"active", Style::green},     {"succeeded", Style::green}, {"paid", Style::green},
        {"deployed", Style::green},   {"completed", Style::green}, {"pending", Style::yellow},
        {"trialing", Style::yellow},  {"queued", Style::yellow},   {"running", Style::yellow},
        {"past_due", Style::yellow},  {"banned", Style::red},      {"suspended", Style::red},
        {"failed", Style::red},       {"refunded", Style::red},    {"error", Style::red},
        {"expired", Style::red},
    };
    for (const StatusStyle& s : k_styles) {
        if (s.value == value) return s.style;
    }
    return Style::none;
}

void append_newline(std::string& out, int indent, int depth) {
    if (indent <= 0) return;
    out += '\n';
    append_indent(out, indent, depth);
}

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    std::size_t i = 0;
    std::size_t run = 0;  // start of the pending run of bytes that need no escaping
    const auto flush = [&] { out.append(text.substr(run, i - run)); };
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            char32_t cp = 0;
            const std::size_t len = decode_utf8(text, i, cp);
            if (len != 0) {
                i += len;
                continue;
            }
            flush();
            out += k_replacement;
            run = ++i;
            continue;
        }
        flush();
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                out += "\\u00";
                out += k_hex[c >> 4];
                out += k_hex[c & 0xF];
        }
        run = ++i;
    }
    flush();
    out += '"';
}

bool is_json_number(std::string_view text) {
    return !text.empty() && scan_json_number(text, 0) == text.size();
}

bool append_json_raw(std::string& out, std::string_view text, int indent, int depth) {
    const std::size_t mark = out.size();
    if (JsonRespacer(text, out, indent, depth).run()) return true;
    out.resize(mark);
    return false;
}

void append_json_value(std::string& out, Kind kind, const std::string* value, int indent,
                       int depth) {
    if (value == nullptr) {
        out += "null";
        return;
    }
    switch (kind) {
        case Kind::integer:
        case Kind::number:
            if (is_json_number(*value)) {
                out += *value;
                return;
            }
            break;
        case Kind::boolean: {
            const std::string_view word = boolean_word(*value, "true", "false");
            if (!word.empty()) {
                out += word;
                return;
            }
            break;
        }
        case Kind::time:
            if (const auto ts = util::parse_timestamp(*value)) {
                append_json_string(out, util::format_rfc3339_utc(ts->epoch, ts->fraction));
                return;
            }
            break;
        case Kind::json:
            if (append_json_raw(out, *value, indent, depth)) return;
            break;
        case Kind::money: {
            Money money;
            if (!parse_money(*value, money)) break;
            out += '{';
            append_newline(out, indent, depth + 1);
            out += indent > 0 ? "\"amount_cents\": " : "\"amount_cents\":";
            if (money.negative) out += '-';
            out += money.digits;
            out += ',';
            append_newline(out, indent, depth + 1);
            out += indent > 0 ? "\"currency\": " : "\"currency\":";
            if (money.currency.empty()) {
                out += "null";
            } else {
                append_json_string(out, money.currency);
            }
            append_newline(out, indent, depth);
            out += '}';
            return;
        }
        case Kind::text:
        case Kind::secret: break;
    }
    append_json_string(out, *value);
}

void append_json_object(std::string& out, const std::vector<Column>& columns,
                        const std::vector<std::size_t>& selected, const Row& row, int indent,
                        int depth) {
    out += '{';
    bool first = true;
    for (const std::size_t index : selected) {
        if (!first) out += ',';
        first = false;
        append_newline(out, indent, depth + 1);
        append_json_string(out, columns[index].name);
        out += indent > 0 ? ": " : ":";
        append_json_value(out, columns[index].kind, cell_at(row, index), indent, depth + 1);
    }
    if (!first) append_newline(out, indent, depth);
    out += '}';
}

}  // namespace ctl::output::detail
