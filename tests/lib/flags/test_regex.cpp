// The REGEX operator's matcher: RE2's syntax and answers, RE2's refusals, and time linear in the
// subject whatever the pattern.

#include "flags/regex.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <regex>
#include <string>

using ctl::flags::Regex;

namespace {

bool search(const std::string& pattern, const std::string& subject, bool icase = false) {
    Regex re(pattern, icase);
    INFO("pattern: " << pattern << " error: " << re.error());
    REQUIRE(re.valid());
    return re.search(subject);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A random pattern in the part of the syntax where RE2 and ECMAScript agree (ASCII, no
// multi-line, no quantified assertion), kept small so std::regex's backtracking stays quick.
class PatternMaker {
public:
    explicit PatternMaker(unsigned seed) : m_random(seed) {}

    std::string pattern(int depth = 0) {
        std::string out = concatenation(depth);
        while (pick(4) == 0) out += "|" + concatenation(depth);
        return out;
    }

    std::string subject() {
        static const char alphabet[] = "ab1_ .-A\n";
        std::string s;
        const int n = pick(10);
        for (int i = 0; i < n; ++i) s += alphabet[pick(sizeof alphabet - 1)];
        return s;
    }

private:
    std::mt19937 m_random;

    int pick(int n) { return static_cast<int>(m_random() % static_cast<unsigned>(n)); }

    std::string concatenation(int depth) {
        std::string out;
        const int n = 1 + pick(3);
        for (int i = 0; i < n; ++i) {
            static const char* const assertions[] = {"^", "$", "\\b", "\\B"};
            if (pick(8) == 0) {
                out += assertions[pick(4)];
                continue;
            }
            out += atom(depth);
            static const char* const quantifiers[] = {"*", "+", "?", "{2}", "{0,2}", "{1,}", "*?", "+?", "{1,3}?"};
            if (pick(3) == 0) out += quantifiers[pick(9)];
        }
        return out;
    }

    std::string atom(int depth) {
        static const char* const atoms[] = {"a", "b", "1", "A", "_", ".", "\\.", "\\d", "\\D", "\\w", "\\W", " ",
                                            "[ab]", "[^a]", "[a-c1]", "[^\\d ]", "-", "\\-", "[-a]", "\\s", "\\S"};
        if (depth < 3 && pick(5) == 0) return (pick(2) ? "(" : "(?:") + pattern(depth + 1) + ")";
        return atoms[pick(sizeof atoms / sizeof atoms[0])];
    }
};

}  // namespace

TEST_SUITE("flags::regex") {
    TEST_CASE("regex: patterns × subjects") {
        struct Case {
            const char* pattern;
            const char* subject;
            bool matches;
        };
        const Case cases[] = {
            {"abc", "xabcx", true},
            {"abc", "ab", false},
            {"", "", true},
            {"", "anything", true},
            {"^abc$", "abc", true},
            {"^abc$", "abcd", false},
            {"^abc$", "abc\n", false},  // $ is the end of text only, unlike Perl
            {"\\Aabc\\z", "abc", true},
            {"\\Aabc", "xabc", false},
            {"a|b", "xbx", true},
            {"^(a|bc)+$", "abca", true},
            {"^(a|bc)+$", "abcb", false},
            {"(?:ab)?c", "c", true},
            {"a{2}", "a a", false},
            {"^a{2,3}$", "aaa", true},
            {"^a{2,3}$", "aaaa", false},
            {"^a{2,}$", "aaaaaa", true},
            {"^a{0}$", "", true},
            {"^a*?b+?c??$", "aabb", true},
            {"^x{2,3}?$", "xxx", true},
            {"a{,2}", "a{,2}", true},  // not a repetition: literal braces, as in RE2
            {"a{01}", "a{01}", true},
            {"[a-c]+x", "zbcax", true},
            {"[^a-c]", "abc", false},
            {"[^a-c]", "abcd", true},
            {"[]a]", "]", true},
            {"[^]a]", "]", false},
            {"[a-]", "-", true},
            {"[\\d.]+", "1.5", true},
            {"[\\]]", "]", true},
            {"[[:alpha:]]", "1a", true},
            {"[[:^digit:]]", "123", false},
            {"[[:xdigit:]]{2}", "fF", true},
            {"\\d{3}", "ab12", false},
            {"\\D", "123", false},
            {"^\\w+@\\w+\\.io$", "ops@x.io", true},
            {"\\W", "abc_1", false},
            {"\\s", "a\tb", true},
            {"\\s", "a\vb", false},  // RE2's \s has no \v
            {"\\S", " \n", false},
            {"\\bfoo\\b", "a foo.", true},
            {"\\bfoo\\b", "afoo", false},
            {"\\Bfoo", "afoo", true},
            {"a\\.b", "axb", false},
            {"a\\.b", "a.b", true},
            {"\\\\", "a\\b", true},
            {"\\t\\n", "\t\n", true},
            {"\\x41\\x{42}", "AB", true},
            {"\\101", "A", true},  // octal
            {"\\Qa.b*\\E", "a.b*", true},
            {"\\Qa.b*\\E", "axbb", false},
            {"a.c", "a\nc", false},
            {"(?s)a.c", "a\nc", true},
            {"(?s:a.)c", "a\nc", true},
            {"^b$", "a\nb\nc", false},
            {"(?m)^b$", "a\nb\nc", true},
            {"(?m)a$", "a\n", true},
            {"(?i)HELLO", "hello", true},
            {"(?i:h)ello", "Hello", true},
            {"(?i:h)ello", "HELLO", false},
            {"a(?i)b|c", "xC", true},  // the flag holds to the end of the group, across |
            {"(a(?i)b)c", "aBC", false},
            {"(?i)[^a]", "A", false},
            {"(?i)[k-m]", "L", true},
            {"(?i-i)a", "A", false},
            {"(?P<tier>pro|team)-\\d", "team-1", true},
            {"(?<tier>pro)", "pro", true},
            {"(?:)", "", true},
            {"(a*)*b", "aaab", true},
            {"(a*)*b", "aaaa", false},
            {"(|a)+$", "a", true},
            {"^*a", "a", true},  // RE2 repeats an empty-width assertion
            // UTF-8: one code point is one character.
            {"^.$", "\xc3\xa9", true},
            {"^..$", "\xc3\xa9", false},
            {"^[^a]$", "\xe2\x82\xac", true},
            {"^\\x{20AC}$", "\xe2\x82\xac", true},
            {"^[\xc3\xa0-\xc3\xbf]+$", "\xc3\xa9\xc3\xa8", true},
            {"^\xc3\xa9+$", "\xc3\xa9\xc3\xa9", true},
            // A byte that is not UTF-8 is one character (U+FFFD) on its own.
            {"^.$", "\xff", true},
            {"^..$", "\xc3", false},
            {"^.b$", "\xc3" "b", true},
        };
        for (const auto& c : cases) {
            INFO("pattern: " << c.pattern << "  subject: " << c.subject);
            CHECK(search(c.pattern, c.subject) == c.matches);
        }
        CHECK(search("^user\\d+$", "USER12", true));
        CHECK_FALSE(search("^user\\d+$", "USER12"));
        CHECK(search("\\0", std::string("a\0b", 3)));
    }

    TEST_CASE("regex: what RE2 refuses is invalid, and matches nothing") {
        const char* const invalid[] = {
            "(a", "a)", ")", "[a", "[]", "[^]", "[z-a]", "\\", "a\\",
            "*a", "+", "?", "|*", "(*)", "{2}", "a**", "a*+", "a+?*", "a{2}{3}", "a{2}*",
            "a{1001}", "a{2,1}", "a{1,1001}", "(a{100}){100}", "((a{10}){10}){11}",
            "\\1", "(a)\\1", "\\8", "\\Z", "\\e", "\\y", "\\pL", "\\p{Greek}", "[\\pL]", "[\\b]", "[a-\\d]",
            "\\x", "\\xZ", "\\x{}", "\\x{110000}", "\\\xc3\xa9",
            "(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(?#comment)", "(?>a)", "(?P=n)", "(?P>n)",
            "(?P<>a)", "(?P<n!>a)", "(?P<n", "(?P<n>a)(?P<n>b)",
            "(?-)", "(?i-)", "(?--i)", "(?x)", "(?i", "[[:nope:]]",
            "\xff", "a\xc3", "\xed\xa0\x80",
            // The patterns of the two fuzz inputs std::regex took seconds over (regressions/).
            ":*****e****************\x08" "c\x01o", "i?+++++++++++++++++++++++++++++++++++++++++!?!!!!!!!!!!!!!!!!@",
        };
        for (const char* p : invalid) {
            INFO("pattern: " << p);
            Regex re(p);
            CHECK_FALSE(re.valid());
            CHECK_FALSE(re.error().empty());
            CHECK_FALSE(re.search(""));
            CHECK_FALSE(re.search("a"));
        }
        CHECK_FALSE(Regex(std::string("(?\0)a", 5)).valid());
        CHECK(Regex("a{1000}").valid());
        CHECK(Regex("(a{10}){100}").valid());
        CHECK(Regex("(?)").valid());
        CHECK(Regex("(?U)a*").valid());
        CHECK(Regex("\\12").valid());  // octal, not a back-reference
    }

    TEST_CASE("regex: size and nesting are bounded") {
        // 1000 × 10 literals is past 10000 instructions.
        Regex big("(?:abcdefghij){1000}");
        CHECK_FALSE(big.valid());
        CHECK(big.error().find("too large") != std::string::npos);
        CHECK(Regex(std::string(9000, 'a')).valid());
        CHECK_FALSE(Regex(std::string(20000, 'a')).valid());
        const int depth = Regex::max_nesting;
        CHECK(Regex(std::string(static_cast<std::size_t>(depth), '(') + "a" + std::string(static_cast<std::size_t>(depth), ')'))
                  .valid());
        CHECK_FALSE(Regex(std::string(static_cast<std::size_t>(depth) + 1, '(') + "a" +
                          std::string(static_cast<std::size_t>(depth) + 1, ')'))
                        .valid());
    }

    TEST_CASE("regex: time is linear in the subject, whatever the pattern") {
        const std::string as(100000, 'a');
        const std::string long_subject = as + "!";
        // Each of these makes a backtracking matcher take exponential (or quadratic) time.
        const char* const hostile[] = {"(a*)*b", "(a|a)*b", "(a|aa)+$x", "(?:a+)+b", "^(a?){30}a{30}$x",
                                       "(.*a){20}b", "(\\w+\\s?)*$x", "(?:a*){100}b"};
        const auto start = std::chrono::steady_clock::now();
        for (const char* p : hostile) {
            INFO("pattern: " << p);
            Regex re(p);
            REQUIRE(re.valid());
            CHECK_FALSE(re.search(long_subject));
        }
        CHECK(Regex("^(a?){30}a{30}$").search(std::string(30, 'a')));
        // Under sanitizers and a loaded machine this takes well under a second; a backtracking
        // engine would not finish.
        CHECK(seconds_since(start) < 20);
        // No recursion per character: a subject of 4 MB does not overflow the stack.
        CHECK(Regex("^(?:a|b)*$").search(std::string(4 << 20, 'a')));
    }

    TEST_CASE("regex: the same answers as std::regex where the two syntaxes agree") {
        PatternMaker maker(20261207);
        int compared = 0;
        for (int i = 0; i < 1500; ++i) {
            const std::string pattern = maker.pattern();
            const bool icase = i % 4 == 0;
            std::regex reference;
            try {
                reference = std::regex(pattern, icase ? std::regex::ECMAScript | std::regex::icase
                                                      : std::regex::ECMAScript);
            } catch (const std::regex_error&) {
                continue;
            }
            Regex re(pattern, icase);
            INFO("pattern: " << pattern << (icase ? " (icase)" : "") << "  error: " << re.error());
            REQUIRE(re.valid());
            for (int k = 0; k < 12; ++k) {
                const std::string subject = maker.subject();
                INFO("subject: " << subject);
                CHECK(re.search(subject) == std::regex_search(subject, reference));
                ++compared;
            }
        }
        CHECK(compared > 10000);
    }
}
