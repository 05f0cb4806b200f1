#include "providers/smtp.hpp"

#include "providers/mime.hpp"
#include "util/error.hpp"
#include "util/hash.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <random>
#include <thread>

namespace ctl::providers {

namespace {

struct Upload {
    const std::string* data;
    std::size_t pos = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
    auto* u = static_cast<Upload*>(user);
    size_t n = std::min(size * count, u->data->size() - u->pos);
    std::copy_n(u->data->data() + u->pos, n, buffer);
    u->pos += n;
    return n;
}

std::string rfc5322_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return buf;
}

struct Attempt {
    CURLcode code = CURLE_OK;
    long reply = 0;  // the last SMTP reply code
    std::string error;
};

// Which failures are worth another attempt: the server or the network, not the message.
bool transient(const Attempt& a) {
    if (a.code == CURLE_OK) return false;
    if (a.reply >= 400 && a.reply < 500) return true;
    if (a.reply >= 500) return false;
    switch (a.code) {
        case CURLE_LOGIN_DENIED:
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_USE_SSL_FAILED:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM:
            return false;
        default:
            return true;
    }
}

size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

// Connection options every SMTP call shares.
void common_options(CURL* c, const SmtpSettings& s, char* errbuf) {
    curl_easy_setopt(c, CURLOPT_URL, s.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (!s.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, s.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, s.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_USE_SSL, s.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
    if (!s.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, s.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(s.timeout_s * 1000));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(s.connect_timeout_s * 1000));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
}

// The ctl::Error for a failed attempt.
[[noreturn]] void throw_for(const Attempt& last, int attempts) {
    std::string what = last.reply ? fmt::format("{} (reply {})", last.error, last.reply) : last.error;
    if (last.code == CURLE_LOGIN_DENIED)
        throw UsageError("the SMTP server refused the login: " + what, "check email.smtp_user and email.smtp_password");
    if (last.code == CURLE_URL_MALFORMAT || last.code == CURLE_UNSUPPORTED_PROTOCOL)
        throw UsageError("bad SMTP URL: " + what, "email.smtp_url is smtp://host:587 or smtps://host:465");
    if (last.code == CURLE_USE_SSL_FAILED)
        throw Unavailable("the SMTP server does not offer STARTTLS and email.smtp_require_tls is set: nothing was sent",
                          "use a relay that offers STARTTLS, or smtps://");
    if (last.code == CURLE_PEER_FAILED_VERIFICATION || last.code == CURLE_SSL_CACERT_BADFILE ||
        last.code == CURLE_SSL_CERTPROBLEM)
        throw Unavailable("the SMTP server's TLS certificate cannot be verified (trust its CA with "
                          "email.smtp_ca_file): " + what,
                          "set email.smtp_ca_file to the PEM file of the relay's CA");
    if (transient(last))
        throw Unavailable(fmt::format("the SMTP server is unavailable after {} attempt(s): {}", attempts, what),
                          "safe to retry");
    throw Error(ExitCode::failure, "the SMTP server refused the message: " + what);
}

}  // namespace

std::string smtp_message_id(const EmailMessage& m) {
    auto from = mailbox_address(m.from);
    auto key = m.idempotency_key.empty() ? m.to + "\n" + m.subject + "\n" + m.text : m.idempotency_key;
    return "ctl." + util::sha256_hex(key).substr(0, 32) + from.substr(from.find('@'));
}

SmtpSender::SmtpSender(SmtpSettings settings) : m_settings(std::move(settings)) {
    if (!m_settings.sleep)
        m_settings.sleep = [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); };
}

std::string SmtpSender::send(const EmailMessage& m) {
    const std::string from = mailbox_address(m.from);
    const std::string to = "<" + mailbox_address(m.to) + ">";
    const std::string id = smtp_message_id(m);
    const std::string text = build_mime(m, id, rfc5322_now());
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::mt19937 rng(std::random_device{}());
    Attempt last;
    int attempts = 0;
    for (;;) {
        ++attempts;
        std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
        if (!curl) throw Error(ExitCode::failure, "cannot initialise libcurl");
        std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(curl_slist_append(nullptr, to.c_str()),
                                                                         curl_slist_free_all);
        CURL* c = curl.get();
        Upload upload{&text};
        char errbuf[CURL_ERROR_SIZE] = "";
        std::string mail_from = "<" + from + ">";
        common_options(c, m_settings, errbuf);
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
        curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
        curl_easy_setopt(c, CURLOPT_READDATA, &upload);
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
        last = {};
        last.code = curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &last.reply);
        if (last.code == CURLE_OK) return id;
        last.error = errbuf[0] ? errbuf : curl_easy_strerror(last.code);
        if (!transient(last) || attempts >= m_settings.retry.max_attempts) break;
        double jitter = std::uniform_real_distribution<double>(0, 1)(rng);
        m_settings.sleep(http::backoff_delay(attempts, m_settings.retry, std::nullopt, jitter));
    }
    throw_for(last, attempts);
}

std::string SmtpSender::check() {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw Error(ExitCode::failure, "cannot initialise libcurl");
    char errbuf[CURL_ERROR_SIZE] = "";
    common_options(curl.get(), m_settings, errbuf);
    curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, "NOOP");
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard);
    Attempt a;
    a.code = curl_easy_perform(curl.get());
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &a.reply);
    if (a.code == CURLE_OK) return m_settings.user.empty() ? "smtp: server answers" : "smtp: login accepted";
    a.error = errbuf[0] ? errbuf : curl_easy_strerror(a.code);
    throw_for(a, 1);
}

}  // namespace ctl::providers
