#pragma once
// RFC 5322 / MIME text of an e-mail, for SMTP delivery: multipart/mixed around a
// multipart/alternative (text, html) plus one base64 part per attachment. Header values that are
// not plain ASCII are RFC 2047 encoded; bodies are base64 in 76-character lines, so any bytes
// survive any relay.

#include <string>
#include <string_view>

namespace ctl::providers {

struct EmailMessage;

// The bare address of "Name <addr>" or "addr". Throws ctl::UsageError when there is none.
std::string mailbox_address(std::string_view from_or_to);

// The whole message, CRLF line ends, dot-stuffing left to the transport. `message_id` goes to
// the Message-ID header (with angle brackets added); `date` is an RFC 5322 date.
std::string build_mime(const EmailMessage& message, std::string_view message_id, std::string_view date);

// base64 with CRLF every 76 characters (the MIME body encoding).
std::string base64_lines(std::string_view bytes);

}  // namespace ctl::providers
