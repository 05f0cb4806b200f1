#pragma once
// Text for one line of a terminal, whatever it quotes.

#include <cstddef>
#include <string>
#include <string_view>

namespace ctl::util {

// `text` made safe for one line of a terminal: control characters (newlines, NUL, ESC, ...) and
// bytes that are not valid UTF-8 become "\xNN" escapes, and the result is cut to about
// `max_bytes` (with "..." at the cut), so an error that quotes hostile input stays one short line.
std::string one_line(std::string_view text, std::size_t max_bytes = 300);

}  // namespace ctl::util
