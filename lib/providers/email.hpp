#pragma once
// Sending e-mail through a provider. Resend (DESIGN §9): POST {api_url}/emails with
// "Authorization: Bearer <api_key>" and JSON {from, to, subject, html, text}; the
// Idempotency-Key header makes a retried send deliver once. SMTP: providers/smtp.hpp.

#include "http/client.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ctl::config {
class Config;
}

namespace ctl::providers {

struct EmailAttachment {
    std::string filename;      // e.g. "INV-2026-000042.pdf"
    std::string content_type;  // e.g. "application/pdf"
    std::string content;       // raw bytes
};

struct EmailMessage {
    std::string from;
    std::string to;
    std::string subject;
    std::string html;
    std::string text;
    std::string idempotency_key;  // the same key for every attempt of one message
    std::vector<EmailAttachment> attachments;
};

class EmailSender {
public:
    virtual ~EmailSender() = default;
    virtual const char* provider() const = 0;  // as email_log.provider names it
    // Returns the provider's message id. Throws ctl::Error: Unavailable (6) when the provider
    // cannot be reached or keeps answering 429/5xx, failure (1) when it refuses the message
    // (its own message quoted), UsageError (2) for a rejected key (401/403).
    virtual std::string send(const EmailMessage& message) = 0;
    // Checks that the provider answers and accepts the credentials, sending nothing; returns a
    // short description. Throws like send.
    virtual std::string check() = 0;
};

struct ResendSettings {
    std::string api_url = "https://api.resend.com";
    std::string api_key;
};

class ResendSender : public EmailSender {
public:
    ResendSender(ResendSettings settings, http::Client& client);
    const char* provider() const override { return "resend"; }
    std::string send(const EmailMessage& message) override;
    std::string check() override;  // GET /domains

    // The last event Resend recorded for a message it accepted: GET /emails/{id} → last_event
    // (sent, delivered, delivery_delayed, bounced, complained, opened, clicked, ...; new ones may
    // come). nullopt when Resend does not know the id (404). Throws like send; a 2xx answer
    // without a last_event is Unavailable (6).
    std::optional<std::string> last_event(const std::string& message_id);

private:
    ResendSettings m_settings;
    http::Client& m_client;
};

// The id of a 2xx answer to POST /emails; throws ctl::Unavailable (6, safe to retry) when there is none.
std::string parse_resend_message_id(const std::string& body);
// The last_event of a 2xx answer to GET /emails/{id}; throws ctl::Unavailable (6) when there is none.
std::string parse_resend_last_event(const std::string& body);
// The "message" of a Resend error body, else "HTTP <status>".
std::string resend_error_message(long status, const std::string& body);

// Resend's settings from the configuration (email.api_url, email.api_key), whatever
// email.provider names. Throws ctl::UsageError (2) when the key is not configured.
ResendSettings resend_settings(const config::Config& cfg);

// The sender the configuration names (email.provider: "resend", the default, with email.api_url
// and email.api_key; or "smtp" with email.smtp_url, email.smtp_user, email.smtp_password and
// email.smtp_require_tls, email.smtp_ca_file). Throws
// ctl::UsageError (2) when the provider is unknown or its key is not configured.
std::unique_ptr<EmailSender> make_email_sender(const config::Config& cfg, http::Client& client);

}  // namespace ctl::providers
