#include "docs/man_page.hpp"

#include "docs/completion_script.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace ctl::docs;

namespace {

// ctl with global --db, and "things" with "list --kind {a,b}" and "sub deep".
CommandDoc sample_tree() {
    CommandDoc root;
    root.name = "ctl";
    root.description = "ctl: the sample";
    OptionDoc db;
    db.names = {"--db"};
    db.value_name = "TEXT";
    db.description = "Database";
    db.group = "Global options";
    root.options.push_back(db);

    CommandDoc things;
    things.name = "things";
    things.path = {"things"};
    things.description = "Manage things";
    CommandDoc list;
    list.name = "list";
    list.path = {"things", "list"};
    list.description = "List things";
    OptionDoc kind;
    kind.names = {"-k", "--kind"};
    kind.value_name = "KIND";
    kind.description = "Only this kind";
    kind.choices = {"a", "b"};
    kind.default_value = "a";
    list.options.push_back(kind);
    CommandDoc sub;
    sub.name = "sub";
    sub.path = {"things", "sub"};
    sub.description = "Nested";
    CommandDoc deep;
    deep.name = "deep";
    deep.path = {"things", "sub", "deep"};
    deep.description = "Deepest";
    OptionDoc id;
    id.names = {"ID"};
    id.value_name = "ID";
    id.description = "Which one";
    id.positional = true;
    id.required = true;
    deep.positionals.push_back(id);
    sub.subcommands.push_back(deep);
    things.subcommands.push_back(list);
    things.subcommands.push_back(sub);
    root.subcommands.push_back(things);
    return root;
}

std::string page_text(const std::vector<GeneratedFile>& pages, const std::string& name) {
    for (const auto& p : pages)
        if (p.name == name) return p.text;
    FAIL("no page " << name);
    return {};
}

}  // namespace

TEST_SUITE("docs::man_page") {
    TEST_CASE("one page for the program and one per top-level command, every command and option in it") {
        auto root = sample_tree();
        CHECK(man_page_names(root) == std::vector<std::string>{"ctl", "ctl-things"});
        auto pages = man_pages(root, {"1.2.3", {}});
        REQUIRE(pages.size() == 2);
        auto things = page_text(pages, "ctl-things.1");
        CHECK(things.find(".TH \"CTL\\-THINGS\" 1 \"version 1.2.3\"") != std::string::npos);
        CHECK(things.find(".SS \"ctl things list\"") != std::string::npos);
        CHECK(things.find(".SS \"ctl things sub deep\"") != std::string::npos);
        CHECK(
            things.find("\\fB\\-k\\fR, \\fB\\-\\-kind\\fR \\fIKIND\\fR\nOnly this kind. One of: \\fBa\\fR, \\fBb\\fR. "
                        "Default: \\fBa\\fR.\n") != std::string::npos);
        CHECK(things.find(".B ctl things sub deep\n[\\fIOPTIONS\\fR] \\fIID\\fR\n") != std::string::npos);
        auto ctl = page_text(pages, "ctl.1");
        CHECK(ctl.find("ctl \\- the sample\n") != std::string::npos);
        CHECK(ctl.find(".SH \"GLOBAL OPTIONS\"") != std::string::npos);
        CHECK(ctl.find("\\fB\\-\\-db\\fR \\fITEXT\\fR") != std::string::npos);
        CHECK(ctl.find(".SH \"EXIT STATUS\"") != std::string::npos);
        CHECK(ctl.find("\\fBctl\\-things\\fR(1)") != std::string::npos);
    }

    TEST_CASE("prose is merged by section title, in the conventional order") {
        auto root = sample_tree();
        auto pages = man_pages(root, {"1",
                                      {{"ctl-things",
                                        "# EXTRA\nExtra words.\n# SEE ALSO\n`psql`(1)\n"
                                        "# DESCRIPTION\nMore about things.\n"}}});
        auto things = page_text(pages, "ctl-things.1");
        auto description = things.find(".SH \"DESCRIPTION\"");
        auto more = things.find("More about things.");
        auto commands = things.find(".SH \"COMMANDS\"");
        auto extra = things.find(".SH \"EXTRA\"");
        auto see_also = things.find(".SH \"SEE ALSO\"");
        CHECK(description < more);
        CHECK(more < commands);
        CHECK(things.find("Manage things.") == std::string::npos);  // the prose replaced it
        CHECK(commands < extra);
        CHECK(extra < see_also);
        CHECK(things.find("\\fBctl\\fR(1),\n\\fBpsql\\fR(1)\n") != std::string::npos);
        CHECK_THROWS_AS(man_pages(root, {"1", {{"ctl-nothing", "# X\ny\n"}}}), ctl::UsageError);
    }

    TEST_CASE("completion scripts name every command and option") {
        auto root = sample_tree();
        for (const auto& shell : completion_shells()) {
            CAPTURE(shell);
            auto script = completion_script(root, shell);
            REQUIRE(script);
            for (const char* word : {"things", "list", "sub", "deep", "--kind", "--db"})
                CHECK(script->find(word) != std::string::npos);
        }
        CHECK_FALSE(completion_script(root, "tcsh"));
        auto bash = *completion_script(root, "bash");
        CHECK(bash.find("'things list|--kind'|'things list '*'|--kind') _ctl_words='a b' ;;") != std::string::npos);
    }
}
