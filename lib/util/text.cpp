#include "util/text.hpp"
#include "util/one_line.hpp"

#include <algorithm>

namespace ctl::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates, std::size_t max_distance) {
    std::string best;
    std::size_t best_distance = max_distance;
    for (const auto& candidate : candidates) {
        std::size_t d = candidate.rfind(word, 0) == 0 ? 0 : edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

// Length of the valid UTF-8 sequence at the start of `s`, or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s) {
    auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    unsigned char c = b(0);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || n > s.size()) return 0;
    for (std::size_t i = 1; i < n; ++i)
        if ((b(i) & 0xC0) != 0x80) return 0;
    if (n == 2 && c < 0xC2) return 0;                      // overlong
    if (n == 3 && c == 0xE0 && b(1) < 0xA0) return 0;      // overlong
    if (n == 3 && c == 0xED && b(1) >= 0xA0) return 0;     // surrogates
    if (n == 4 && (c > 0xF4 || (c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) >= 0x90))) return 0;
    return n;
}

}  // namespace

std::string one_line(std::string_view text, std::size_t max_bytes) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(std::min(text.size(), max_bytes) + 8);
    std::size_t i = 0;
    while (i < text.size()) {
        if (out.size() >= max_bytes) {
            out += "...";
            break;
        }
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = utf8_sequence(text.substr(i));
        if (n == 0 || c < 0x20 || c == 0x7F) {
            out += "\\x";
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0, n = 0; i < text.size(); i += n)
        if ((n = utf8_sequence(text.substr(i))) == 0) return false;
    return true;
}

}  // namespace ctl::util
