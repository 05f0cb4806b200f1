#include "flags/semver.hpp"

#include <algorithm>
#include <cctype>

namespace ctl::flags {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// 0 or no leading zero.
std::optional<unsigned long long> numeric(std::string_view s) {
    if (!all_digits(s) || (s.size() > 1 && s[0] == '0') || s.size() > 16) return std::nullopt;
    return std::stoull(std::string(s));
}

bool identifier_chars(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

}  // namespace

std::optional<SemVer> parse_semver(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (!text.empty() && text[0] == 'v') text.remove_prefix(1);
    if (auto plus = text.find('+'); plus != std::string_view::npos) {
        for (auto part : split(text.substr(plus + 1), '.'))
            if (!identifier_chars(part)) return std::nullopt;
        text = text.substr(0, plus);
    }
    SemVer v;
    if (auto dash = text.find('-'); dash != std::string_view::npos) {
        for (auto part : split(text.substr(dash + 1), '.')) {
            if (!identifier_chars(part)) return std::nullopt;
            if (all_digits(part) && !numeric(part)) return std::nullopt;  // leading zero
            v.prerelease.emplace_back(part);
        }
        text = text.substr(0, dash);
    }
    auto core = split(text, '.');
    if (core.size() != 3) return std::nullopt;
    auto a = numeric(core[0]), b = numeric(core[1]), c = numeric(core[2]);
    if (!a || !b || !c) return std::nullopt;
    v.major = *a;
    v.minor = *b;
    v.patch = *c;
    return v;
}

int compare(const SemVer& a, const SemVer& b) {
    auto cmp = [](unsigned long long x, unsigned long long y) { return x < y ? -1 : x > y ? 1 : 0; };
    if (int c = cmp(a.major, b.major)) return c;
    if (int c = cmp(a.minor, b.minor)) return c;
    if (int c = cmp(a.patch, b.patch)) return c;
    if (a.prerelease.empty() || b.prerelease.empty())
        return a.prerelease.empty() == b.prerelease.empty() ? 0 : a.prerelease.empty() ? 1 : -1;
    for (std::size_t i = 0; i < std::min(a.prerelease.size(), b.prerelease.size()); ++i) {
        const auto& x = a.prerelease[i];
        const auto& y = b.prerelease[i];
        bool nx = all_digits(x), ny = all_digits(y);
        if (nx && ny) {
            if (int c = cmp(std::stoull(x), std::stoull(y))) return c;
        } else if (nx != ny) {
            return nx ? -1 : 1;
        } else if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return cmp(a.prerelease.size(), b.prerelease.size());
}

}  // namespace ctl::flags
