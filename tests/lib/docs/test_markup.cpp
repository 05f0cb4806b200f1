#include "docs/markup.hpp"

#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace ctl::docs;

TEST_SUITE("docs::markup") {
    TEST_CASE("roff escaping: hyphens, backslashes, requests at line start, non-ASCII") {
        CHECK(roff_escape("--no-color") == "\\-\\-no\\-color");
        CHECK(roff_escape("a\\b") == "a\\eb");
        CHECK(roff_escape(".hidden") == "\\&.hidden");
        CHECK(roff_escape("'quoted'") == "\\&'quoted'");
        CHECK(roff_escape("mid. 'x'") == "mid. 'x'");
        CHECK(roff_escape("Zo\xC3\xAB \xE2\x80\x94 ok") == "Zo\\[u00EB] \\[u2014] ok");
        CHECK(roff_inline("use `--db URL` here") == "use \\fB\\-\\-db URL\\fR here");
        CHECK(roff_inline("`open") == "\\fBopen\\fR");
        CHECK(roff_quoted("say \"hi\"") == "\"say \\(dqhi\\(dq\"");
    }

    TEST_CASE("parse_markup: paragraphs, subsections, bullets, definitions, literal blocks") {
        auto blocks = parse_markup(R"(First line
continues here.

## Sub
- one
  more
- two
term
: its meaning
  continued
```
 # kept as is
```
)");
        REQUIRE(blocks.size() == 6);
        CHECK(blocks[0].kind == Block::Kind::paragraph);
        CHECK(blocks[0].text == "First line continues here.");
        CHECK(blocks[1].kind == Block::Kind::subheading);
        CHECK(blocks[1].text == "Sub");
        CHECK(blocks[2].kind == Block::Kind::bullet);
        CHECK(blocks[2].text == "one more");
        CHECK(blocks[3].text == "two");
        CHECK(blocks[4].kind == Block::Kind::definition);
        CHECK(blocks[4].term == "term");
        CHECK(blocks[4].text == "its meaning continued");
        CHECK(blocks[5].kind == Block::Kind::literal);
        CHECK(blocks[5].lines == std::vector<std::string>{" # kept as is"});
    }

    TEST_CASE("a paragraph stops before a definition") {
        auto blocks = parse_markup("Intro text.\n`-o json`\n: JSON\n");
        REQUIRE(blocks.size() == 2);
        CHECK(blocks[0].text == "Intro text.");
        CHECK(blocks[1].term == "`-o json`");
    }

    TEST_CASE("a table becomes definitions, one per row") {
        auto blocks = parse_markup("Before.\n| group | may |\n|---|---|\n| ctl_viewer | read |\n| `x` | a | b |\n");
        REQUIRE(blocks.size() == 3);
        CHECK(blocks[0].text == "Before.");
        CHECK(blocks[1].kind == Block::Kind::definition);
        CHECK(blocks[1].term == "`ctl_viewer`");
        CHECK(blocks[1].text == "read");
        CHECK(blocks[2].term == "`x`");
        CHECK(blocks[2].text == "may: a; b");
        auto three = parse_markup("| a | b | c |\n| 1 | 2 | 3 |\n");
        REQUIRE(three.size() == 1);
        CHECK(three[0].text == "b: 2; c: 3");
    }

    TEST_CASE("split_sections splits at # titles, not inside literal blocks") {
        auto sections = split_sections("# DESCRIPTION\nText.\n```\n# comment\n```\n# FILES\nMore.\n", "x.md");
        REQUIRE(sections.size() == 2);
        CHECK(sections[0].title == "DESCRIPTION");
        CHECK(sections[0].body == "Text.\n```\n# comment\n```\n");
        CHECK(sections[1].title == "FILES");
        CHECK_THROWS_AS(split_sections("stray\n# A\n", "x.md"), ctl::UsageError);
        CHECK_THROWS_AS(split_sections("# \n", "x.md"), ctl::UsageError);
    }

    TEST_CASE("render_roff emits man macros") {
        auto roff = render_roff(parse_markup("Para with `code`.\n\n- item\n\nterm\n: text\n\n```\n.literal\n```\n"));
        CHECK(roff ==
              ".PP\nPara with \\fBcode\\fR.\n"
              ".IP \\(bu 2\nitem\n"
              ".TP\nterm\ntext\n"
              ".PP\n.RS 4\n.nf\n\\&.literal\n.fi\n.RE\n");
    }

    TEST_CASE("wrap_text and render_text") {
        CHECK(wrap_text("aaa bbb ccc", 7, 2, 0) == "aaa bbb\n  ccc");
        CHECK(wrap_text("aaa bbb", 5, 0, 3) == "aaa\nbbb");
        CHECK(wrap_text("averyveryverylongword x", 5, 0, 0) == "averyveryverylongword\nx");
        CHECK(display_width("Zo\xC3\xAB") == 3);
        auto text = render_text(parse_markup("Intro `x`.\n\n`0`\n: Done.\n`10`\n: Problems.\n\n- a\n- b\n"), 40);
        CHECK(text ==
              "Intro x.\n"
              "\n"
              "  0               Done.\n"
              "  10              Problems.\n"
              "\n"
              "  - a\n"
              "  - b\n");
    }
}
