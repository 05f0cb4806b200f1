#include "providers/mime.hpp"

#include "providers/email.hpp"
#include "util/error.hpp"
#include "util/hash.hpp"

#include <sodium.h>

#include <fmt/format.h>

#include <algorithm>

namespace ctl::providers {

namespace {

std::string base64(std::string_view bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);
    return out;
}

bool plain_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7f;
    });
}

// RFC 2047 "encoded word" when needed; header injection (CR/LF) is impossible either way.
std::string header_value(std::string_view s) {
    if (plain_ascii(s)) return std::string(s);
    return "=?UTF-8?B?" + base64(s) + "?=";
}

// "Name <addr>" with the display name encoded when needed.
std::string address_header(std::string_view mailbox) {
    auto lt = mailbox.rfind('<');
    if (lt == std::string_view::npos || lt == 0) return std::string(mailbox_address(mailbox));
    auto name = mailbox.substr(0, lt);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    std::string n(name);
    if (n.size() >= 2 && n.front() == '"' && n.back() == '"') n = n.substr(1, n.size() - 2);
    return (plain_ascii(n) ? "\"" + n + "\"" : header_value(n)) + " <" + mailbox_address(mailbox) + ">";
}

void part(std::string& out, std::string_view boundary, std::string_view headers, std::string_view body) {
    out += fmt::format("--{}\r\n{}\r\nContent-Transfer-Encoding: base64\r\n\r\n{}", boundary, headers,
                       base64_lines(body));
}

}  // namespace

std::string mailbox_address(std::string_view s) {
    auto lt = s.rfind('<');
    auto gt = s.rfind('>');
    std::string_view addr = s;
    if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) addr = s.substr(lt + 1, gt - lt - 1);
    while (!addr.empty() && addr.front() == ' ') addr.remove_prefix(1);
    while (!addr.empty() && addr.back() == ' ') addr.remove_suffix(1);
    bool ok = addr.find('@') != std::string_view::npos && plain_ascii(addr) &&
              addr.find_first_of(" <>\r\n") == std::string_view::npos;
    if (!ok) throw UsageError(fmt::format("'{}' is not an e-mail address", s), "use addr@example.com or Name <addr@example.com>");
    return std::string(addr);
}

std::string base64_lines(std::string_view bytes) {
    auto b = base64(bytes);
    std::string out;
    out.reserve(b.size() + b.size() / 38 + 2);
    for (std::size_t i = 0; i < b.size(); i += 76) out.append(b, i, 76).append("\r\n");
    return out;
}

std::string build_mime(const EmailMessage& m, std::string_view message_id, std::string_view date) {
    auto seed = util::sha256_hex(std::string(message_id));
    std::string mixed = "=_ctl_mixed_" + seed.substr(0, 24);
    std::string alt = "=_ctl_alt_" + seed.substr(24, 24);
    std::string out;
    out += "From: " + address_header(m.from) + "\r\n";
    out += "To: " + address_header(m.to) + "\r\n";
    out += "Subject: " + header_value(m.subject) + "\r\n";
    out += fmt::format("Date: {}\r\nMessage-ID: <{}>\r\nMIME-Version: 1.0\r\n", date, message_id);
    out += fmt::format("Content-Type: multipart/mixed; boundary=\"{}\"\r\n\r\n", mixed);
    out += "This is a multi-part message in MIME format.\r\n";
    out += fmt::format("--{}\r\nContent-Type: multipart/alternative; boundary=\"{}\"\r\n\r\n", mixed, alt);
    part(out, alt, "Content-Type: text/plain; charset=UTF-8", m.text);
    part(out, alt, "Content-Type: text/html; charset=UTF-8", m.html);
    out += "--" + alt + "--\r\n";
    for (const auto& a : m.attachments) {
        std::string name = a.filename;
        std::replace(name.begin(), name.end(), '"', '\'');
        name = header_value(name);
        std::string type = a.content_type.empty() ? "application/octet-stream" : a.content_type;
        part(out, mixed,
             fmt::format("Content-Type: {}; name=\"{}\"\r\nContent-Disposition: attachment; filename=\"{}\"", type,
                         name, name),
             a.content);
    }
    out += "--" + mixed + "--\r\n";
    return out;
}

}  // namespace ctl::providers
