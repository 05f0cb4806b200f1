// Template rendering: {{ variables }}, escaping, unknown and missing variables.

#include "domain/email_render.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace ctl;

TEST_SUITE("email render") {
    TEST_CASE("email::render fills variables, escaping only in html") {
        std::map<std::string, std::string> v = {{"user.name", "Zoë <Z> & Co"}, {"app.url", "https://x.io/?a=1&b=2"}};
        CHECK(email::render("t", "Hi {{ user.name }}, see {{app.url}}.", v, false) ==
              "Hi Zoë <Z> & Co, see https://x.io/?a=1&b=2.");
        CHECK(email::render("t", "<a href=\"{{ app.url }}\">{{  user.name  }}</a>", v, true) ==
              "<a href=\"https://x.io/?a=1&amp;b=2\">Zoë &lt;Z&gt; &amp; Co</a>");
        CHECK(email::render("t", "no variables", v, true) == "no variables");
    }

    TEST_CASE("email::template_variables rejects unknown and malformed variables with a hint") {
        CHECK(email::template_variables("t", "{{ user.name }} {{ app.url }} {{ user.name }}") ==
              std::vector<std::string>{"user.name", "app.url"});
        try {
            email::template_variables("welcome", "Hello {{ user.nam }}");
            FAIL("accepted");
        } catch (const UsageError& e) {
            CHECK(std::string(e.what()) == "template welcome: unknown variable {{ user.nam }}");
            CHECK(e.hint() == "did you mean {{ user.name }}?");
        }
        CHECK_THROWS_AS(email::template_variables("t", "Hello {{ user.name"), UsageError);
        CHECK_THROWS_AS(email::template_variables("t", "Hello {{ User Name }}"), UsageError);
        CHECK_THROWS_AS(email::render("t", "{{ nope }}", {}, false), UsageError);
    }

    TEST_CASE("email::render names a variable the send does not provide") {
        try {
            email::render("invoice", "Invoice {{ invoice.number }}", {{"user.name", "A"}}, false);
            FAIL("rendered");
        } catch (const UsageError& e) {
            CHECK(std::string(e.what()).find("invoice.number") != std::string::npos);
            CHECK(e.hint() == "give it with --var invoice.number=VALUE");
        }
    }
}
