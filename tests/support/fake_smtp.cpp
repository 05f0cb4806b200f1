#include "support/fake_smtp.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace ctl::testing {

namespace {

// One client connection: plain, or TLS once STARTTLS went through.
struct Channel {
    int fd;
    SSL* ssl = nullptr;
    ~Channel() {
        if (ssl) {
            SSL_shutdown(ssl);
            SSL_free(ssl);
        }
    }
};

bool send_line(Channel& c, const std::string& line) {
    std::string s = line + "\r\n";
    if (c.ssl) return SSL_write(c.ssl, s.data(), static_cast<int>(s.size())) == static_cast<int>(s.size());
    return ::send(c.fd, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
}

// Reads one CRLF-terminated line (without it); false on EOF or after 10 s of silence.
bool read_line(Channel& c, std::string& buffer, std::string& line) {
    for (;;) {
        auto eol = buffer.find("\r\n");
        if (eol != std::string::npos) {
            line = buffer.substr(0, eol);
            buffer.erase(0, eol + 2);
            return true;
        }
        if (!(c.ssl && SSL_pending(c.ssl) > 0)) {
            pollfd p{c.fd, POLLIN, 0};
            if (::poll(&p, 1, 10000) <= 0) return false;
        }
        char chunk[4096];
        auto n = c.ssl ? SSL_read(c.ssl, chunk, sizeof chunk) : ::recv(c.fd, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

std::string b64decode(const std::string& s) {
    std::string out(s.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), s.data(), s.size(), "\r\n ", &len,
                          nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return {};
    out.resize(len);
    return out;
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

FakeSmtp::FakeSmtp(std::string user, std::string password, int busy_first, int busy_after)
    : m_user(std::move(user)), m_password(std::move(password)), m_busy(busy_first), m_busy_after(busy_after) {
    start();
}

FakeSmtp::FakeSmtp(const SmtpTls& tls, std::string user, std::string password)
    : m_user(std::move(user)), m_password(std::move(password)), m_busy(0), m_busy_after(-1) {
    m_tls.reset(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
    if (!m_tls || SSL_CTX_use_certificate_chain_file(m_tls.get(), tls.cert_file.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(m_tls.get(), tls.key_file.c_str(), SSL_FILETYPE_PEM) != 1)
        throw std::runtime_error("fake SMTP server: cannot load the TLS certificate " + tls.cert_file);
    start();
}

void FakeSmtp::start() {
    m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(m_listen, 8) != 0)
        throw std::runtime_error("fake SMTP server: cannot listen on 127.0.0.1");
    socklen_t len = sizeof addr;
    ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { serve(); });
}

FakeSmtp::~FakeSmtp() {
    m_stop = true;
    m_thread.join();
    ::close(m_listen);
}

std::vector<SmtpReceived> FakeSmtp::messages() const {
    std::lock_guard lock(m_mutex);
    return m_messages;
}

void FakeSmtp::serve() {
    while (!m_stop) {
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        int fd = ::accept(m_listen, nullptr, nullptr);
        if (fd < 0) continue;
        ++m_connections;
        session(fd);
        ::close(fd);
    }
}

void FakeSmtp::session(int socket) {
    Channel fd{socket};
    std::string buffer, line;
    SmtpReceived current;
    bool authed = m_user.empty();
    send_line(fd, "220 127.0.0.1 fake ESMTP ready");
    while (read_line(fd, buffer, line)) {
        std::string verb = upper(line.substr(0, line.find(' ')));
        if (verb == "EHLO") {
            send_line(fd, "250-127.0.0.1 hello");
            if (m_tls && !fd.ssl) send_line(fd, "250-STARTTLS");
            if (!m_user.empty()) send_line(fd, "250-AUTH PLAIN LOGIN");
            send_line(fd, "250 8BITMIME");
        } else if (verb == "STARTTLS" && m_tls && !fd.ssl) {
            send_line(fd, "220 2.0.0 ready to start TLS");
            buffer.clear();  // RFC 3207: nothing sent before the handshake counts
            fd.ssl = SSL_new(m_tls.get());
            SSL_set_fd(fd.ssl, socket);
            if (SSL_accept(fd.ssl) != 1) return;
            current.tls = true;
            authed = m_user.empty();
        } else if (verb == "HELO" || verb == "NOOP") {
            send_line(fd, "250 ok");
        } else if (verb == "AUTH") {
            std::string rest = line.substr(5);
            std::string mech = upper(rest.substr(0, rest.find(' ')));
            std::string user, pass;
            if (mech == "PLAIN") {
                std::string payload = rest.size() > 6 ? rest.substr(6) : "";
                if (payload.empty()) {
                    send_line(fd, "334 ");
                    if (!read_line(fd, buffer, payload)) return;
                }
                auto raw = b64decode(payload);  // authzid \0 user \0 password
                auto a = raw.find('\0'), b = raw.find('\0', a + 1);
                if (a != std::string::npos && b != std::string::npos) {
                    user = raw.substr(a + 1, b - a - 1);
                    pass = raw.substr(b + 1);
                }
            } else if (mech == "LOGIN") {
                std::string u, p;
                std::string initial = rest.size() > 6 ? rest.substr(6) : "";
                if (initial.empty()) {
                    send_line(fd, "334 VXNlcm5hbWU6");
                    if (!read_line(fd, buffer, u)) return;
                } else {
                    u = initial;
                }
                send_line(fd, "334 UGFzc3dvcmQ6");
                if (!read_line(fd, buffer, p)) return;
                user = b64decode(u);
                pass = b64decode(p);
            }
            if (!m_user.empty() && user == m_user && pass == m_password) {
                authed = true;
                current.auth_user = user;
                current.auth_password = pass;
                send_line(fd, "235 2.7.0 authenticated");
            } else {
                send_line(fd, "535 5.7.8 authentication failed");
            }
        } else if (verb == "MAIL") {
            if (!authed) {
                send_line(fd, "530 5.7.0 authentication required");
            } else if (m_busy > 0 || (m_busy_after >= 0 && static_cast<int>(messages().size()) >= m_busy_after)) {
                if (m_busy > 0) --m_busy;
                send_line(fd, "451 4.3.0 try again later");
            } else {
                auto lt = line.find('<'), gt = line.find('>');
                current.mail_from = line.substr(lt + 1, gt - lt - 1);
                send_line(fd, "250 ok");
            }
        } else if (verb == "RCPT") {
            auto lt = line.find('<'), gt = line.find('>');
            current.rcpt_to.push_back(line.substr(lt + 1, gt - lt - 1));
            send_line(fd, "250 ok");
        } else if (verb == "DATA") {
            send_line(fd, "354 end data with <CR><LF>.<CR><LF>");
            std::string data;
            while (read_line(fd, buffer, line) && line != ".") {
                if (!line.empty() && line[0] == '.') line.erase(0, 1);
                data += line + "\r\n";
            }
            current.data = std::move(data);
            {
                std::lock_guard lock(m_mutex);
                m_messages.push_back(current);
            }
            current.mail_from.clear();
            current.rcpt_to.clear();
            send_line(fd, "250 ok queued");
        } else if (verb == "RSET") {
            current.mail_from.clear();
            current.rcpt_to.clear();
            send_line(fd, "250 ok");
        } else if (verb == "QUIT") {
            send_line(fd, "221 bye");
            return;
        } else {
            send_line(fd, "502 5.5.1 unrecognised command");
        }
    }
}

std::string mime_part(const std::string& message, const std::string& content_type) {
    auto at = message.find("Content-Type: " + content_type);
    if (at == std::string::npos) return {};
    auto body = message.find("\r\n\r\n", at);
    if (body == std::string::npos) return {};
    body += 4;
    auto end = message.find("\r\n--", body);
    return b64decode(message.substr(body, end == std::string::npos ? std::string::npos : end - body));
}

std::optional<SmtpTls> make_test_certificate(const std::string& dir) {
    if (std::system("command -v openssl >/dev/null 2>&1") != 0) return std::nullopt;
    SmtpTls out{dir + "/smtp-cert.pem", dir + "/smtp-key.pem"};
    std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
                          "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '" +
                          out.key_file + "' -out '" + out.cert_file + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0 || !std::filesystem::exists(out.cert_file))
        throw std::runtime_error("fake SMTP server: openssl could not make a test certificate in " + dir);
    return out;
}

}  // namespace ctl::testing
