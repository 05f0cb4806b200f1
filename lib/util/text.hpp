#pragma once
// Small text helpers that know nothing of ctl.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::util {

// Levenshtein distance (insertions, deletions, substitutions; bytes, not characters).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` for a "did you mean ...?" hint: a candidate that starts with
// `word` counts as distance 0, otherwise the edit distance; only distances below
// `max_distance` qualify and the first of equally near candidates wins. Empty when none does.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates,
                          std::size_t max_distance = 3);

// Escapes &, <, > and " for HTML/XML text and attribute values.
std::string html_escape(std::string_view text);

// True when text is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF), as JSON text and PostgreSQL's text require.
bool is_valid_utf8(std::string_view text);

}  // namespace ctl::util
