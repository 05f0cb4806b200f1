// SmtpSender against a local SMTP server (tests/support/fake_smtp): the message as received.

#include "providers/mime.hpp"
#include "providers/smtp.hpp"
#include "support/fake_smtp.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace ctl;
using providers::EmailMessage;
using providers::SmtpSender;
using providers::SmtpSettings;

namespace {

EmailMessage sample() {
    EmailMessage m;
    m.from = "Support Team <support@example.com>";
    m.to = "alice@acme.io";
    m.subject = "Rechnung für Zoë";
    m.text = "Hello Alice,\n.\nA line that starts with a dot.\n";
    m.html = "<p>Hello <b>Alice</b></p>";
    m.idempotency_key = "invoice-42";
    m.attachments.push_back({"INV-2026-000042.pdf", "application/pdf", std::string("%PDF-1.4\0\x01\xff", 11)});
    return m;
}

SmtpSettings settings(const testing::FakeSmtp& server) {
    SmtpSettings s;
    s.url = server.url();
    s.user = "relay-user";
    s.password = "relay-secret";
    s.timeout_s = 10;
    s.sleep = [](double) {};
    return s;
}

}  // namespace

TEST_SUITE("providers smtp") {
    TEST_CASE("SmtpSender delivers text, html and attachments as MIME, authenticated") {
        testing::FakeSmtp server("relay-user", "relay-secret");
        SmtpSender sender(settings(server));
        auto id = sender.send(sample());
        auto got = server.messages();
        REQUIRE(got.size() == 1);
        CHECK(got[0].mail_from == "support@example.com");
        CHECK(got[0].rcpt_to == std::vector<std::string>{"alice@acme.io"});
        CHECK(got[0].auth_user == "relay-user");
        const auto& d = got[0].data;
        CHECK(d.find("From: \"Support Team\" <support@example.com>\r\n") != std::string::npos);
        CHECK(d.find("To: alice@acme.io\r\n") != std::string::npos);
        CHECK(d.find("Subject: =?UTF-8?B?") != std::string::npos);
        CHECK(d.find("Message-ID: <" + id + ">\r\n") != std::string::npos);
        CHECK(id == providers::smtp_message_id(sample()));
        CHECK(id.find("@example.com") != std::string::npos);
        CHECK(testing::mime_part(d, "text/plain") == sample().text);
        CHECK(testing::mime_part(d, "text/html") == sample().html);
        CHECK(testing::mime_part(d, "application/pdf") == sample().attachments[0].content);
        CHECK(d.find("filename=\"INV-2026-000042.pdf\"") != std::string::npos);
    }

    TEST_CASE("SmtpSender retries a 451 with the same Message-ID and delivers once") {
        testing::FakeSmtp server("relay-user", "relay-secret", 2);
        SmtpSender sender(settings(server));
        auto id = sender.send(sample());
        CHECK(server.connections() == 3);
        REQUIRE(server.messages().size() == 1);
        CHECK(server.messages()[0].data.find("<" + id + ">") != std::string::npos);
    }

    TEST_CASE("SmtpSender errors: bad login (2), server gone (6), bad address (2)") {
        testing::FakeSmtp server("relay-user", "relay-secret");
        auto s = settings(server);
        s.password = "wrong";
        try {
            SmtpSender(s).send(sample());
            FAIL("no error");
        } catch (const Error& e) {
            CHECK(e.code() == ExitCode::usage);
            CHECK(std::string(e.what()).find("wrong") == std::string::npos);
        }
        CHECK(server.messages().empty());

        auto gone = settings(server);
        gone.url = "smtp://127.0.0.1:1";
        try {
            SmtpSender(gone).send(sample());
            FAIL("no error");
        } catch (const Error& e) {
            CHECK(e.code() == ExitCode::unavailable);
        }

        auto m = sample();
        m.to = "not an address";
        CHECK_THROWS_AS(SmtpSender(settings(server)).send(m), UsageError);
    }
}
