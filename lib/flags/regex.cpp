// RE2 syntax parsed into a small tree, compiled to a Thompson NFA program (Russ Cox, "Regular
// Expression Matching: the Virtual Machine Approach"), and run by stepping every live thread over
// the subject one code point at a time. Only a yes/no answer is needed, so there are no captures
// and lazy repetition compiles like greedy.

#include "flags/regex.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

namespace ctl::flags {

namespace {

using Range = Regex::Range;
using Ranges = std::vector<Range>;
using Inst = Regex::Inst;
using Op = Regex::Op;
using Assertion = Regex::Assertion;

constexpr char32_t max_rune = 0x10FFFF;
constexpr char32_t replacement_rune = 0xFFFD;

// The code point of `s` at `i` and its length in bytes; a byte that does not start a valid UTF-8
// sequence (overlong, surrogate, truncated, past U+10FFFF) is U+FFFD of length 1.
struct Decoded {
    char32_t rune;
    std::size_t length;
    bool valid;
};

Decoded decode(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char first = byte(i);
    if (first < 0x80) return {first, 1, true};
    std::size_t length = 0;
    char32_t rune = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (first >= 0xC2 && first <= 0xDF) {
        length = 2;
        rune = first & 0x1Fu;
    } else if (first >= 0xE0 && first <= 0xEF) {
        length = 3;
        rune = first & 0x0Fu;
        if (first == 0xE0) lo = 0xA0;
        if (first == 0xED) hi = 0x9F;
    } else if (first >= 0xF0 && first <= 0xF4) {
        length = 4;
        rune = first & 0x07u;
        if (first == 0xF0) lo = 0x90;
        if (first == 0xF4) hi = 0x8F;
    } else {
        return {replacement_rune, 1, false};
    }
    if (s.size() - i < length) return {replacement_rune, 1, false};
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char next = byte(i + k);
        if (next < lo || next > hi) return {replacement_rune, 1, false};
        lo = 0x80;
        hi = 0xBF;
        rune = (rune << 6) | (next & 0x3Fu);
    }
    return {rune, length, true};
}

bool is_word_byte(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// ---- character sets ----------------------------------------------------------------------

void normalize(Ranges& r) {
    std::sort(r.begin(), r.end(), [](const Range& a, const Range& b) { return a.lo < b.lo; });
    Ranges out;
    for (const auto& x : r) {
        if (!out.empty() && x.lo <= out.back().hi + 1) out.back().hi = std::max(out.back().hi, x.hi);
        else out.push_back(x);
    }
    r = std::move(out);
}

Ranges negated(Ranges r) {
    normalize(r);
    Ranges out;
    char32_t next = 0;
    for (const auto& x : r) {
        if (x.lo > next) out.push_back({next, x.lo - 1});
        next = x.hi + 1;
    }
    if (next <= max_rune) out.push_back({next, max_rune});
    return out;
}

// Adds the other case of every ASCII letter in `r`.
void fold_ascii(Ranges& r) {
    const std::size_t n = r.size();
    for (std::size_t i = 0; i < n; ++i) {
        const Range x = r[i];
        const char32_t lo_lower = std::max<char32_t>(x.lo, 'a'), hi_lower = std::min<char32_t>(x.hi, 'z');
        if (lo_lower <= hi_lower) r.push_back({lo_lower - 32, hi_lower - 32});
        const char32_t lo_upper = std::max<char32_t>(x.lo, 'A'), hi_upper = std::min<char32_t>(x.hi, 'Z');
        if (lo_upper <= hi_upper) r.push_back({lo_upper + 32, hi_upper + 32});
    }
}

// \d \s \w and their negations (ASCII, as in RE2).
Ranges perl_class(char name) {
    Ranges r;
    switch (name) {
        case 'd': case 'D': r = {{'0', '9'}}; break;
        case 's': case 'S': r = {{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}}; break;
        default: r = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}; break;
    }
    return (name == 'D' || name == 'S' || name == 'W') ? negated(std::move(r)) : r;
}

std::optional<Ranges> posix_class(std::string_view name) {
    if (name == "alnum") return Ranges{{'0', '9'}, {'A', 'Z'}, {'a', 'z'}};
    if (name == "alpha") return Ranges{{'A', 'Z'}, {'a', 'z'}};
    if (name == "ascii") return Ranges{{0, 0x7F}};
    if (name == "blank") return Ranges{{'\t', '\t'}, {' ', ' '}};
    if (name == "cntrl") return Ranges{{0, 0x1F}, {0x7F, 0x7F}};
    if (name == "digit") return Ranges{{'0', '9'}};
    if (name == "graph") return Ranges{{'!', '~'}};
    if (name == "lower") return Ranges{{'a', 'z'}};
    if (name == "print") return Ranges{{' ', '~'}};
    if (name == "punct") return Ranges{{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}};
    if (name == "space") return Ranges{{'\t', '\r'}, {' ', ' '}};
    if (name == "upper") return Ranges{{'A', 'Z'}};
    if (name == "word") return Ranges{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
    if (name == "xdigit") return Ranges{{'0', '9'}, {'A', 'F'}, {'a', 'f'}};
    return std::nullopt;
}

// ---- parsing -----------------------------------------------------------------------------

struct SyntaxError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Node {
    enum class Kind { empty, chars, concat, alternate, repeat, assertion };
    Kind kind = Kind::empty;
    Ranges chars;
    std::vector<std::size_t> parts;  // concat, alternate; repeat: the one repeated
    int min = 0, max = 0;            // repeat; max -1 is unbounded
    Assertion assertion = Assertion::begin_text;
    // The product of the counts of nested repetitions on the worst path (RE2 caps it at 1000).
    int repeat_product = 1;
};

struct Flags {
    bool fold = false, multi_line = false, dot_nl = false;
};

// Recursive descent over the pattern; recursion follows the nesting of groups, capped at
// Regex::max_nesting. Nodes live in one vector and refer to each other by index.
class Parser {
public:
    Parser(std::string_view pattern, bool fold) : m_pattern(pattern) { m_flags.fold = fold; }

    std::vector<Node> nodes;

    std::size_t parse() {
        for (std::size_t i = 0; i < m_pattern.size();) {
            const Decoded d = decode(m_pattern, i);
            if (!d.valid) fail("invalid UTF-8");
            i += d.length;
        }
        const std::size_t root = alternation();
        if (!at_end()) fail("unexpected )");
        return root;
    }

private:
    std::string_view m_pattern;
    std::size_t m_pos = 0;
    Flags m_flags;
    int m_depth = 0;
    std::set<std::string, std::less<>> m_names;

    [[noreturn]] void fail(const char* what) const {
        throw SyntaxError(std::string(what) + " at offset " + std::to_string(m_pos));
    }
    bool at_end() const { return m_pos >= m_pattern.size(); }
    char peek() const { return m_pattern[m_pos]; }
    bool next_is(char c) const { return !at_end() && peek() == c; }

    std::size_t add(Node node) {
        nodes.push_back(std::move(node));
        return nodes.size() - 1;
    }
    std::size_t add_chars(Ranges chars) {
        normalize(chars);
        Node n;
        n.kind = Node::Kind::chars;
        n.chars = std::move(chars);
        return add(std::move(n));
    }
    std::size_t add_assertion(Assertion a) {
        Node n;
        n.kind = Node::Kind::assertion;
        n.assertion = a;
        return add(std::move(n));
    }

    std::size_t alternation() {
        std::vector<std::size_t> alternatives{concatenation()};
        while (next_is('|')) {
            ++m_pos;
            alternatives.push_back(concatenation());
        }
        if (alternatives.size() == 1) return alternatives.front();
        Node n;
        n.kind = Node::Kind::alternate;
        for (auto a : alternatives) n.repeat_product = std::max(n.repeat_product, nodes[a].repeat_product);
        n.parts = std::move(alternatives);
        return add(std::move(n));
    }

    std::size_t concatenation() {
        std::vector<std::size_t> items;
        bool after_repetition = false;
        while (!at_end() && peek() != '|' && peek() != ')') {
            int min = 0, max = 0;
            if (repetition(min, max)) {
                if (next_is('?')) ++m_pos;  // lazy: the same set of matches
                if (items.empty()) fail("missing argument to repetition operator");
                if (after_repetition) fail("bad repetition operator");  // a** is an error in RE2
                items.back() = repeat(items.back(), min, max);
                after_repetition = true;
                continue;
            }
            after_repetition = false;
            atom(items);
        }
        if (items.size() == 1) return items.front();
        Node n;
        n.kind = items.empty() ? Node::Kind::empty : Node::Kind::concat;
        for (auto i : items) n.repeat_product = std::max(n.repeat_product, nodes[i].repeat_product);
        n.parts = std::move(items);
        return add(std::move(n));
    }

    // RE2's integers in {n,m}: no leading zero, under 10^8; anything else makes `{` a literal.
    bool integer(int& out) {
        if (at_end() || peek() < '0' || peek() > '9') return false;
        if (peek() == '0' && m_pos + 1 < m_pattern.size() && m_pattern[m_pos + 1] >= '0' &&
            m_pattern[m_pos + 1] <= '9')
            return false;
        int n = 0;
        while (!at_end() && peek() >= '0' && peek() <= '9') {
            if (n >= 100000000) return false;
            n = n * 10 + (peek() - '0');
            ++m_pos;
        }
        out = n;
        return true;
    }

    // * + ? {n} {n,} {n,m} at the current position: consumed, with their bounds; false (nothing
    // consumed) otherwise.
    bool repetition(int& min, int& max) {
        const char c = peek();
        if (c == '*' || c == '+' || c == '?') {
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : -1;
            ++m_pos;
            return true;
        }
        if (c != '{') return false;
        const std::size_t start = m_pos++;
        if (integer(min)) {
            max = min;
            if (next_is(',')) {
                ++m_pos;
                max = -1;
                if (!next_is('}') && !integer(max)) max = -2;
            }
            if (max != -2 && next_is('}')) {
                ++m_pos;
                return true;
            }
        }
        m_pos = start;
        return false;
    }

    std::size_t repeat(std::size_t item, int min, int max) {
        if ((max != -1 && max < min) || min > Regex::max_repeat || max > Regex::max_repeat)
            fail("bad repetition operator");
        Node n;
        n.kind = Node::Kind::repeat;
        n.min = min;
        n.max = max;
        const int count = max >= 0 ? max : min;
        n.repeat_product = nodes[item].repeat_product * std::max(count, 1);
        if (n.repeat_product > Regex::max_repeat) fail("bad repetition operator");
        n.parts = {item};
        return add(std::move(n));
    }

    // One atom (or none, for a flags group; several, for \Q...\E) appended to `items`.
    void atom(std::vector<std::size_t>& items) {
        switch (peek()) {
            case '(': group(items); return;
            case '[': items.push_back(char_class()); return;
            case '.':
                ++m_pos;
                items.push_back(add_chars(m_flags.dot_nl ? Ranges{{0, max_rune}} : any_but_newline()));
                return;
            case '^':
                ++m_pos;
                items.push_back(add_assertion(m_flags.multi_line ? Assertion::begin_line : Assertion::begin_text));
                return;
            case '$':
                ++m_pos;
                items.push_back(add_assertion(m_flags.multi_line ? Assertion::end_line : Assertion::end_text));
                return;
            case '\\': escape(items); return;
            default: items.push_back(literal(next_rune())); return;
        }
    }

    static Ranges any_but_newline() { return {{0, '\n' - 1}, {'\n' + 1, max_rune}}; }

    char32_t next_rune() {
        const Decoded d = decode(m_pattern, m_pos);
        m_pos += d.length;
        return d.rune;
    }

    std::size_t literal(char32_t c) {
        Ranges r{{c, c}};
        if (m_flags.fold) fold_ascii(r);
        return add_chars(std::move(r));
    }

    void group(std::vector<std::size_t>& items) {
        ++m_pos;  // (
        if (++m_depth > Regex::max_nesting) fail("expression nests too deeply");
        const Flags saved = m_flags;
        if (next_is('?')) {
            ++m_pos;
            if (next_is('P') || next_is('<')) {
                named_capture();
            } else if (!flags_group()) {
                --m_depth;
                return;  // (?flags): they hold to the end of the enclosing group
            }
        }
        const std::size_t inner = alternation();
        if (!next_is(')')) fail("missing )");
        ++m_pos;
        m_flags = saved;
        --m_depth;
        items.push_back(inner);
    }

    // After "(?P" or "(?": the name and ">" of (?P<name>re) or (?<name>re).
    void named_capture() {
        if (peek() == 'P') ++m_pos;
        if (!next_is('<')) fail("invalid named capture group");  // (?P=name), (?P>name)
        ++m_pos;
        if (next_is('=') || next_is('!')) fail("invalid or unsupported Perl syntax");  // look-behind
        const std::size_t close = m_pattern.find('>', m_pos);
        if (close == std::string_view::npos) fail("invalid named capture group");
        const std::string_view name = m_pattern.substr(m_pos, close - m_pos);
        if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
                return is_word_byte(static_cast<unsigned char>(c));
            }))
            fail("invalid named capture group");
        if (!m_names.emplace(name).second) fail("duplicate capture group name");
        m_pos = close + 1;
    }

    // After "(?": flags i m s U, optionally negated after '-', then ':' (true: a group follows)
    // or ')' (false). Anything else — look-ahead (?= (?!, (?#, (?> — is not RE2 syntax.
    bool flags_group() {
        Flags flags = m_flags;
        bool negate = false, saw_flag = false;
        while (!at_end()) {
            const char c = m_pattern[m_pos++];
            switch (c) {
                case 'i': flags.fold = !negate; saw_flag = true; break;
                case 'm': flags.multi_line = !negate; saw_flag = true; break;
                case 's': flags.dot_nl = !negate; saw_flag = true; break;
                case 'U': saw_flag = true; break;  // ungreedy: no difference to a yes/no match
                case '-':
                    if (negate) fail("invalid or unsupported Perl syntax");
                    negate = true;
                    saw_flag = false;
                    break;
                case ':':
                case ')':
                    if (negate && !saw_flag) fail("invalid or unsupported Perl syntax");
                    m_flags = flags;
                    return c == ':';
                default: fail("invalid or unsupported Perl syntax");
            }
        }
        fail("missing )");
    }

    void escape(std::vector<std::size_t>& items) {
        ++m_pos;  // backslash
        if (at_end()) fail("trailing \\");
        const char c = peek();
        switch (c) {
            case 'A': ++m_pos; items.push_back(add_assertion(Assertion::begin_text)); return;
            case 'z': ++m_pos; items.push_back(add_assertion(Assertion::end_text)); return;
            case 'b': ++m_pos; items.push_back(add_assertion(Assertion::word_boundary)); return;
            case 'B': ++m_pos; items.push_back(add_assertion(Assertion::not_word_boundary)); return;
            case 'C': ++m_pos; items.push_back(add_chars({{0, max_rune}})); return;
            case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
                ++m_pos;
                items.push_back(add_chars(perl_class(c)));
                return;
            case 'Q': {
                ++m_pos;
                std::size_t end = m_pattern.find("\\E", m_pos);
                if (end == std::string_view::npos) end = m_pattern.size();
                while (m_pos < end) items.push_back(literal(next_rune()));
                m_pos = std::min(end + 2, m_pattern.size());
                return;
            }
            case 'p': case 'P': fail("Unicode classes (\\p) are not supported");
            default: items.push_back(literal(escaped_rune())); return;
        }
    }

    // After a backslash: the character an escape names (also inside a class).
    char32_t escaped_rune() {
        const char c = m_pattern[m_pos++];
        const auto octal = [&](char d) { return d >= '0' && d <= '7'; };
        switch (c) {
            case '1': case '2': case '3': case '4': case '5': case '6': case '7':
                // A single non-zero digit is a back-reference, which RE2 refuses.
                if (at_end() || !octal(peek())) fail("invalid escape sequence");
                [[fallthrough]];
            case '0': {
                char32_t r = static_cast<char32_t>(c - '0');
                for (int i = 1; i < 3 && !at_end() && octal(peek()); ++i)
                    r = r * 8 + static_cast<char32_t>(m_pattern[m_pos++] - '0');
                return r;
            }
            case 'x': return hex_escape();
            case 'a': return '\a';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return '\v';
            default: break;
        }
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && !std::isalnum(u)) return u;  // escaped punctuation stands for itself
        --m_pos;
        fail("invalid escape sequence");
    }

    // After "\x": two hex digits, or {1+ hex digits} up to 10FFFF.
    char32_t hex_escape() {
        const auto digit = [&](char d) -> int {
            if (d >= '0' && d <= '9') return d - '0';
            if (d >= 'a' && d <= 'f') return d - 'a' + 10;
            if (d >= 'A' && d <= 'F') return d - 'A' + 10;
            return -1;
        };
        char32_t r = 0;
        if (next_is('{')) {
            ++m_pos;
            int n = 0;
            while (!at_end() && digit(peek()) >= 0) {
                r = r * 16 + static_cast<char32_t>(digit(m_pattern[m_pos++]));
                if (r > max_rune) fail("invalid escape sequence");
                ++n;
            }
            if (n == 0 || !next_is('}')) fail("invalid escape sequence");
            ++m_pos;
            return r;
        }
        for (int i = 0; i < 2; ++i) {
            if (at_end() || digit(peek()) < 0) fail("invalid escape sequence");
            r = r * 16 + static_cast<char32_t>(digit(m_pattern[m_pos++]));
        }
        return r;
    }

    // One character of a class: an escape or a literal code point.
    char32_t class_rune() {
        if (at_end()) fail("missing ]");
        if (peek() != '\\') return next_rune();
        ++m_pos;
        if (at_end()) fail("missing ]");
        return escaped_rune();
    }

    std::size_t char_class() {
        ++m_pos;  // [
        Ranges r;
        bool negate = false;
        if (next_is('^')) {
            negate = true;
            ++m_pos;
        }
        for (bool first = true;; first = false) {
            if (at_end()) fail("missing ]");
            if (peek() == ']' && !first) {
                ++m_pos;
                break;
            }
            if (peek() == '[' && m_pattern.substr(m_pos, 2) == "[:") {
                const std::size_t close = m_pattern.find(":]", m_pos + 2);
                if (close != std::string_view::npos) {
                    std::string_view name = m_pattern.substr(m_pos + 2, close - m_pos - 2);
                    const bool negate_posix = !name.empty() && name.front() == '^';
                    if (negate_posix) name.remove_prefix(1);
                    auto posix = posix_class(name);
                    if (!posix) fail("invalid character class range");
                    Ranges add = negate_posix ? negated(std::move(*posix)) : std::move(*posix);
                    r.insert(r.end(), add.begin(), add.end());
                    m_pos = close + 2;
                    continue;
                }
            }
            if (peek() == '\\' && m_pos + 1 < m_pattern.size() &&
                std::strchr("dDsSwWpP", m_pattern[m_pos + 1]) && m_pattern[m_pos + 1] != '\0') {
                const char name = m_pattern[m_pos + 1];
                if (name == 'p' || name == 'P') fail("Unicode classes (\\p) are not supported");
                Ranges add = perl_class(name);
                r.insert(r.end(), add.begin(), add.end());
                m_pos += 2;
                continue;
            }
            const char32_t lo = class_rune();
            char32_t hi = lo;
            if (next_is('-') && m_pos + 1 < m_pattern.size() && m_pattern[m_pos + 1] != ']') {
                ++m_pos;
                hi = class_rune();
                if (hi < lo) fail("invalid character class range");
            }
            r.push_back({lo, hi});
        }
        if (m_flags.fold) fold_ascii(r);
        if (negate) r = negated(std::move(r));
        return add_chars(std::move(r));
    }
};

// ---- compiling ---------------------------------------------------------------------------

class Compiler {
public:
    Compiler(const std::vector<Node>& nodes, std::vector<Inst>& program, Ranges& ranges)
        : m_nodes(nodes), m_program(program), m_ranges(ranges), m_chars_at(nodes.size()) {}

    void compile(std::size_t index) {
        const Node& node = m_nodes[index];
        switch (node.kind) {
            case Node::Kind::empty: return;
            case Node::Kind::chars: {
                // A repeated node's copies share its ranges.
                auto& at = m_chars_at[index];
                if (!at) {
                    const auto first = static_cast<std::uint32_t>(m_ranges.size());
                    m_ranges.insert(m_ranges.end(), node.chars.begin(), node.chars.end());
                    at.emplace(first, static_cast<std::uint32_t>(m_ranges.size()));
                }
                emit({Op::char_class, Assertion::begin_text, at->first, at->second});
                return;
            }
            case Node::Kind::assertion: emit({Op::assertion, node.assertion, 0, 0}); return;
            case Node::Kind::concat:
                for (auto part : node.parts) compile(part);
                return;
            case Node::Kind::alternate: {
                // split L1, L2; L1: a; jump end; L2: split ...; last; end:
                std::vector<std::uint32_t> jumps;
                for (std::size_t i = 0; i + 1 < node.parts.size(); ++i) {
                    const auto split = emit({Op::split, Assertion::begin_text, here() + 1, 0});
                    compile(node.parts[i]);
                    jumps.push_back(emit({Op::jump, Assertion::begin_text, 0, 0}));
                    m_program[split].y = here();
                }
                compile(node.parts.back());
                for (auto j : jumps) m_program[j].x = here();
                return;
            }
            case Node::Kind::repeat: {
                const std::size_t part = node.parts.front();
                if (node.max == -1) {
                    if (node.min == 0) {
                        // L: split body, end; body; jump L; end:
                        const auto split = emit({Op::split, Assertion::begin_text, here() + 1, 0});
                        compile(part);
                        emit({Op::jump, Assertion::begin_text, split, 0});
                        m_program[split].y = here();
                        return;
                    }
                    for (int i = 1; i < node.min; ++i) compile(part);
                    // L: body; split L, next
                    const auto body = here();
                    compile(part);
                    emit({Op::split, Assertion::begin_text, body, here() + 1});
                    return;
                }
                for (int i = 0; i < node.min; ++i) compile(part);
                // Each optional copy may be skipped to the end: split next, end; body; ...
                std::vector<std::uint32_t> splits;
                for (int i = node.min; i < node.max; ++i) {
                    splits.push_back(emit({Op::split, Assertion::begin_text, here() + 1, 0}));
                    compile(part);
                }
                for (auto s : splits) m_program[s].y = here();
                return;
            }
        }
    }

    void finish() { emit({Op::match, Assertion::begin_text, 0, 0}); }

private:
    const std::vector<Node>& m_nodes;
    std::vector<Inst>& m_program;
    Ranges& m_ranges;
    std::vector<std::optional<std::pair<std::uint32_t, std::uint32_t>>> m_chars_at;

    std::uint32_t here() const { return static_cast<std::uint32_t>(m_program.size()); }
    std::uint32_t emit(Inst inst) {
        if (m_program.size() >= Regex::max_program) throw SyntaxError("pattern too large - compile failed");
        m_program.push_back(inst);
        return here() - 1;
    }
};

// ---- matching ----------------------------------------------------------------------------

// The instructions live at one offset of the subject, in insertion order; clearing is O(1).
class ThreadSet {
public:
    explicit ThreadSet(std::size_t capacity) : m_dense(capacity), m_sparse(capacity) {}
    bool contains(std::uint32_t pc) const {
        const std::uint32_t i = m_sparse[pc];
        return i < m_size && m_dense[i] == pc;
    }
    void insert(std::uint32_t pc) {
        m_sparse[pc] = m_size;
        m_dense[m_size++] = pc;
    }
    void clear() { m_size = 0; }
    std::uint32_t size() const { return m_size; }
    std::uint32_t operator[](std::uint32_t i) const { return m_dense[i]; }

private:
    std::vector<std::uint32_t> m_dense, m_sparse;
    std::uint32_t m_size = 0;
};

bool holds(Assertion a, std::string_view s, std::size_t at) {
    const auto before = [&]() -> unsigned char {
        if (at == 0) return 0;
        return static_cast<unsigned char>(s[at - 1]);
    };
    const auto after = [&]() -> unsigned char {
        if (at >= s.size()) return 0;
        return static_cast<unsigned char>(s[at]);
    };
    switch (a) {
        case Assertion::begin_text: return at == 0;
        case Assertion::end_text: return at == s.size();
        case Assertion::begin_line: return at == 0 || before() == '\n';
        case Assertion::end_line: return at == s.size() || after() == '\n';
        case Assertion::word_boundary: return is_word_byte(before()) != is_word_byte(after());
        case Assertion::not_word_boundary: return is_word_byte(before()) == is_word_byte(after());
    }
    return false;
}

}  // namespace

Regex::Regex(std::string_view pattern, bool case_insensitive) {
    try {
        Parser parser(pattern, case_insensitive);
        const std::size_t root = parser.parse();
        Compiler compiler(parser.nodes, m_program, m_ranges);
        compiler.compile(root);
        compiler.finish();
        m_anchored = m_program.front().op == Op::assertion && m_program.front().assertion == Assertion::begin_text;
    } catch (const SyntaxError& e) {
        m_program.clear();
        m_ranges.clear();
        m_error = e.what();
    }
}

bool Regex::search(std::string_view subject) const {
    if (!valid()) return false;
    ThreadSet current(m_program.size()), next(m_program.size());
    std::vector<std::uint32_t> stack;
    // Adds `start` and every instruction reachable from it without consuming a character at
    // offset `at` (an explicit stack, not recursion); true when that reaches Match.
    const auto follow = [&](ThreadSet& set, std::uint32_t start, std::size_t at) {
        stack.assign(1, start);
        while (!stack.empty()) {
            const std::uint32_t pc = stack.back();
            stack.pop_back();
            if (set.contains(pc)) continue;
            set.insert(pc);
            const Inst& inst = m_program[pc];
            switch (inst.op) {
                case Op::match: return true;
                case Op::char_class: break;
                case Op::jump: stack.push_back(inst.x); break;
                case Op::split:
                    stack.push_back(inst.y);
                    stack.push_back(inst.x);
                    break;
                case Op::assertion:
                    if (holds(inst.assertion, subject, at)) stack.push_back(pc + 1);
                    break;
            }
        }
        return false;
    };
    const auto in_class = [&](const Inst& inst, char32_t c) {
        const auto first = m_ranges.begin() + inst.x, last = m_ranges.begin() + inst.y;
        const auto it = std::upper_bound(first, last, c, [](char32_t v, const Range& r) { return v < r.lo; });
        return it != first && c <= std::prev(it)->hi;
    };
    for (std::size_t at = 0;;) {
        // A match may start anywhere (RE2's unanchored search): a new thread at every offset.
        if ((!m_anchored || at == 0) && follow(current, 0, at)) return true;
        if (at >= subject.size() || (m_anchored && current.size() == 0)) return false;
        const Decoded d = decode(subject, at);
        const std::size_t after = at + d.length;
        next.clear();
        for (std::uint32_t i = 0; i < current.size(); ++i) {
            const Inst& inst = m_program[current[i]];
            if (inst.op == Op::char_class && in_class(inst, d.rune) && follow(next, current[i] + 1, after))
                return true;
        }
        std::swap(current, next);
        at = after;
    }
}

}  // namespace ctl::flags
