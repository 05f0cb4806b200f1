#pragma once
// A small SMTP server on 127.0.0.1 for delivery tests (RFC 5321 subset: EHLO/HELO, AUTH PLAIN
// and LOGIN, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT). It records every accepted
// message; `busy_first` connections get "451" at MAIL FROM, so retries can be tested, and after
// `busy_after` accepted messages (when >= 0) every MAIL FROM gets "451" (an outage mid-run).
// Given a certificate, it also advertises STARTTLS and upgrades the connection with OpenSSL.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

struct ssl_ctx_st;

namespace ctl::testing {

struct SmtpReceived {
    std::string mail_from;
    std::vector<std::string> rcpt_to;
    std::string auth_user, auth_password;
    std::string data;  // the message as received, CRLF line ends, without the final "."
    bool tls = false;  // received after STARTTLS
};

// A certificate and its key (PEM files) for STARTTLS.
struct SmtpTls {
    std::string cert_file, key_file;
};

// Writes a self-signed certificate for 127.0.0.1 (the CA file a client must trust) and its key
// into `dir` with the openssl command; nullopt when the command is not installed.
std::optional<SmtpTls> make_test_certificate(const std::string& dir);

class FakeSmtp {
public:
    // With a user, AUTH is advertised and required; other credentials get 535.
    explicit FakeSmtp(std::string user = {}, std::string password = {}, int busy_first = 0, int busy_after = -1);
    // With STARTTLS (and AUTH when a user is given).
    FakeSmtp(const SmtpTls& tls, std::string user, std::string password);
    FakeSmtp(const FakeSmtp&) = delete;
    ~FakeSmtp();

    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }
    std::vector<SmtpReceived> messages() const;
    int connections() const { return m_connections; }

private:
    void start();
    void serve();
    void session(int fd);

    std::string m_user, m_password;
    std::atomic<int> m_busy;
    int m_busy_after;
    std::atomic<int> m_connections{0};
    std::atomic<bool> m_stop{false};
    int m_listen = -1;
    int m_port = 0;
    mutable std::mutex m_mutex;
    std::vector<SmtpReceived> m_messages;
    std::thread m_thread;
    std::shared_ptr<ssl_ctx_st> m_tls;  // null: no STARTTLS
};

// The decoded body of the first MIME part whose headers contain `content_type`
// (base64 parts only, as ctl writes them); empty when there is none.
std::string mime_part(const std::string& message, const std::string& content_type);

}  // namespace ctl::testing
