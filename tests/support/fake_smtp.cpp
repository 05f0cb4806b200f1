#include "support/fake_smtp.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sodium.h>

#include <stdexcept>

namespace ctl::testing {

namespace {

bool send_line(int fd, const std::string& line) {
    std::string s = line + "\r\n";
    return ::send(fd, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
}

// Reads one CRLF-terminated line (without it); false on EOF or after 10 s of silence.
bool read_line(int fd, std::string& buffer, std::string& line) {
    for (;;) {
        auto eol = buffer.find("\r\n");
        if (eol != std::string::npos) {
            line = buffer.substr(0, eol);
            buffer.erase(0, eol + 2);
            return true;
        }
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 10000) <= 0) return false;
        char chunk[4096];
        auto n = ::recv(fd, chunk, sizeof chunk, 0);
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

void FakeSmtp::session(int fd) {
    std::string buffer, line;
    SmtpReceived current;
    bool authed = m_user.empty();
    send_line(fd, "220 127.0.0.1 fake ESMTP ready");
    while (read_line(fd, buffer, line)) {
        std::string verb = upper(line.substr(0, line.find(' ')));
        if (verb == "EHLO") {
            send_line(fd, "250-127.0.0.1 hello");
            if (!m_user.empty()) send_line(fd, "250-AUTH PLAIN LOGIN");
            send_line(fd, "250 8BITMIME");
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

}  // namespace ctl::testing
