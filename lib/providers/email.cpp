#include "providers/email.hpp"

#include "config/config.hpp"
#include "providers/refusal.hpp"
#include "providers/smtp.hpp"
#include "util/error.hpp"

#include <sodium.h>


#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ctl::providers {

namespace {

std::string base64(const std::string& bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

// A Resend answer other than 2xx; `refused` begins the message of an answer that is neither
// a refused key nor unavailability.
[[noreturn]] void throw_resend_error(const http::Response& res, std::string refused) {
    throw_refusal(res, resend_error_message(res.status, res.body),
                  {.provider = "Resend",
                   .key_hint = "check email.api_key (CTL_EMAIL_API_KEY)",
                   .refused = std::move(refused)});
}

}  // namespace

ResendSender::ResendSender(ResendSettings settings, http::Client& client)
    : m_settings(std::move(settings)), m_client(client) {
    while (!m_settings.api_url.empty() && m_settings.api_url.back() == '/') m_settings.api_url.pop_back();
}

std::string ResendSender::send(const EmailMessage& m) {
    nlohmann::json body = {{"from", m.from}, {"to", nlohmann::json::array({m.to})}, {"subject", m.subject},
                           {"html", m.html}, {"text", m.text}};
    if (!m.attachments.empty()) {
        auto& list = body["attachments"] = nlohmann::json::array();
        for (const auto& a : m.attachments)
            list.push_back({{"filename", a.filename}, {"content", base64(a.content)}, {"content_type", a.content_type}});
    }
    http::Request req;
    req.method = "POST";
    req.url = m_settings.api_url + "/emails";
    req.headers = {{"Authorization", "Bearer " + m_settings.api_key},
                   {"Content-Type", "application/json"},
                   {"Idempotency-Key", m.idempotency_key}};
    req.body = body.dump();
    auto res = m_client.send(req);
    if (res.status >= 200 && res.status < 300) return parse_resend_message_id(res.body);
    throw_resend_error(res, "Resend refused the message");
}

std::string parse_resend_message_id(const std::string& body) {
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_object() && json.contains("id") && json["id"].is_string()) return json["id"].get<std::string>();
    // It may have been sent: a re-run sends the same idempotency key and Resend replays.
    throw Unavailable("Resend sent a malformed answer (no message id)",
                      "safe to retry: the idempotency key prevents a second e-mail");
}

std::string parse_resend_last_event(const std::string& body) {
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_object() && json.contains("last_event") && json["last_event"].is_string() &&
        !json["last_event"].get<std::string>().empty())
        return json["last_event"].get<std::string>();
    throw Unavailable("Resend sent a malformed answer (no last_event)", "safe to retry");
}

std::string resend_error_message(long status, const std::string& body) {
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_object() && json.contains("message") && json["message"].is_string() &&
        !json["message"].get<std::string>().empty())
        return json["message"].get<std::string>();
    return fmt::format("HTTP {}", status);
}

std::string ResendSender::check() {
    http::Request req;
    req.url = m_settings.api_url + "/domains";
    req.headers = {{"Authorization", "Bearer " + m_settings.api_key}};
    auto res = m_client.send(req);
    if (res.status >= 200 && res.status < 300) return fmt::format("resend: key accepted (HTTP {})", res.status);
    if (res.status == 401 || res.status == 403)
        throw UsageError(fmt::format("Resend refused the API key (HTTP {})", res.status), "check email.api_key");
    throw Unavailable(fmt::format("Resend answered HTTP {}", res.status));
}

std::optional<std::string> ResendSender::last_event(const std::string& message_id) {
    http::Request req;
    req.url = m_settings.api_url + "/emails/" + http::percent_encode(message_id);
    req.headers = {{"Authorization", "Bearer " + m_settings.api_key}};
    auto res = m_client.send(req);
    if (res.status >= 200 && res.status < 300) return parse_resend_last_event(res.body);
    if (res.status == 404) return std::nullopt;
    throw_resend_error(res, fmt::format("Resend refused to show e-mail {}", message_id));
}

ResendSettings resend_settings(const config::Config& cfg) {
    auto key = cfg.get("email.api_key").value_or("");
    if (key.empty())
        throw UsageError("no e-mail provider key is configured", "set CTL_EMAIL_API_KEY (or email.api_key)");
    return {cfg.get_or("email.api_url", "https://api.resend.com"), key};
}

std::unique_ptr<EmailSender> make_email_sender(const config::Config& cfg, http::Client& client) {
    auto provider = cfg.get_or("email.provider", "resend");
    if (provider == "resend") return std::make_unique<ResendSender>(resend_settings(cfg), client);
    if (provider == "smtp") {
        SmtpSettings s;
        s.url = cfg.get("email.smtp_url").value_or("");
        if (s.url.empty())
            throw UsageError("no SMTP server is configured", "set CTL_EMAIL_SMTP_URL (or email.smtp_url), e.g. smtp://relay:587");
        s.user = cfg.get("email.smtp_user").value_or("");
        s.password = cfg.get("email.smtp_password").value_or("");
        s.require_tls = cfg.get_or("email.smtp_require_tls", "false") == "true";
        s.ca_file = cfg.get("email.smtp_ca_file").value_or("");
        return std::make_unique<SmtpSender>(std::move(s));
    }
    throw UsageError(fmt::format("unknown e-mail provider '{}'", provider), "email.provider is resend or smtp");
}

}  // namespace ctl::providers
