#pragma once
// Sending e-mail over SMTP through libcurl (smtp:// with STARTTLS when the server offers it, or
// smtps://), for teams with their own relay (DESIGN §9).

#include "providers/email.hpp"

#include <functional>
#include <string>

namespace ctl::providers {

struct SmtpSettings {
    std::string url;        // smtp://relay.example.com:587 or smtps://relay.example.com:465
    std::string user;       // empty: no AUTH
    std::string password;
    bool require_tls = false;  // refuse to send when STARTTLS is not available (smtp://)
    std::string ca_file;       // PEM file of the CAs to trust for the relay (empty: the system's)
    double timeout_s = 30;
    double connect_timeout_s = 10;
    http::RetryPolicy retry;
    std::function<void(double seconds)> sleep;  // default: really sleep
};

// SMTP has no idempotency key: the message's Message-ID is derived from
// EmailMessage::idempotency_key, so a retry after a lost reply carries the same id (receivers and
// relays that deduplicate on it deliver once) and email_log records that id. Transport failures
// and 4xx replies are retried with backoff; a 5xx reply is a refusal (not retried).
class SmtpSender : public EmailSender {
public:
    explicit SmtpSender(SmtpSettings settings);
    const char* provider() const override { return "smtp"; }
    // Returns the Message-ID (without angle brackets). Throws like EmailSender::send: UsageError
    // for rejected credentials or a malformed address, Unavailable after the last transient
    // failure, failure (1) when the server refuses the message. Without TLS when require_tls is
    // set (the server offers no STARTTLS), or with a certificate that cannot be verified, it
    // throws Unavailable at once, having sent nothing.
    std::string send(const EmailMessage& message) override;
    std::string check() override;  // connect, log in, NOOP (one attempt)

private:
    SmtpSettings m_settings;
};

// The Message-ID SmtpSender uses for an idempotency key: <sha256-prefix>@<domain of from>.
std::string smtp_message_id(const EmailMessage& message);

}  // namespace ctl::providers
