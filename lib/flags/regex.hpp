#pragma once
// Regular expressions in RE2's syntax for the REGEX constraint operator, whose patterns come from
// users. Matching simulates the pattern's automaton (a Thompson NFA stepped over the subject, as
// RE2 and Go do): time O(program × subject), memory O(program), no backtracking, and no recursion
// on the subject, so no pattern can make a match take seconds or overflow the stack.
//
// Syntax (RE2's): literals; escapes \\ \. etc. for any ASCII punctuation, \a \f \t \n \r \v,
// \x7F \x{10FFFF}, octal \0 \012 \12; \d \D \w \W \s \S (ASCII, as in RE2); `.`; classes with
// ranges, negation, escapes and [:alpha:]-style POSIX classes; ^ $ \A \z \b \B; ( ), (?: ),
// (?P<name> ) and (?<name> ); |; * + ? {n} {n,} {n,m} and their lazy forms; \Q...\E; flags
// i m s U as (?flags), (?-flags) and (?flags:re), scoped to the enclosing group as in RE2.
//
// Invalid, as in RE2: back-references (\1), look-around ((?= (?! (?<= (?<!), stacked repetition
// (a**), a repetition with nothing to repeat, counts over 1000 (also nested: (a{100}){100}),
// unknown escapes (\Z), unbalanced ( ) [ ], invalid UTF-8 in the pattern. Also invalid here:
// Unicode classes (\pL, \p{Greek}), more than 1000 nested groups, and programs over 10000
// instructions (RE2's limit is memory, larger).
//
// Pattern and subject are UTF-8 and matched by code point: `.` and negated classes consume a
// whole multi-byte character. A byte of the subject that is not valid UTF-8 is read alone, as
// U+FFFD (as Go does). Case-insensitive matching folds ASCII letters only. \C is any character.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::flags {

class Regex {
public:
    static constexpr int max_repeat = 1000;
    static constexpr std::size_t max_program = 10000;
    static constexpr int max_nesting = 1000;

    // Compiles `pattern`; `case_insensitive` is a leading (?i). Never throws on a bad pattern:
    // valid() is false and error() says what RE2 would.
    explicit Regex(std::string_view pattern, bool case_insensitive = false);

    bool valid() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }

    // Whether some substring of `subject` matches (RE2::PartialMatch); false if !valid().
    bool search(std::string_view subject) const;

    struct Range {
        char32_t lo, hi;
    };
    enum class Op : std::uint8_t { match, char_class, split, jump, assertion };
    enum class Assertion : std::uint8_t {
        begin_text, end_text, begin_line, end_line, word_boundary, not_word_boundary
    };
    // char_class: the ranges m_ranges[x, y), then pc + 1; split: x and y; jump: x;
    // assertion: `assertion` holds at the position, then pc + 1.
    struct Inst {
        Op op = Op::match;
        Assertion assertion = Assertion::begin_text;
        std::uint32_t x = 0, y = 0;
    };

private:
    std::vector<Inst> m_program;
    std::vector<Range> m_ranges;
    std::string m_error;
    bool m_anchored = false;  // the program starts with \A: only a thread at offset 0 can match
};

}  // namespace ctl::flags
