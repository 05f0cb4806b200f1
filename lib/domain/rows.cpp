#include "domain/rows.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <sodium.h>

namespace ctl::domain {

std::vector<output::Column> columns_of(const db::Result& result, const std::vector<output::Column>& kinds) {
    std::vector<output::Column> out;
    for (int c = 0; c < result.columns(); ++c) {
        std::string name = result.column_name(c);
        output::Column col{name, output::Kind::text, output::Visibility::always};
        for (const auto& k : kinds)
            if (k.name == name) col = k;
        out.push_back(col);
    }
    return out;
}

output::Row row_of(const db::RowRef& row, int columns) {
    output::Row r;
    r.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) r.emplace_back(row.opt_text(c));
    return r;
}

std::vector<output::Row> rows_of(const db::Result& result) {
    std::vector<output::Row> out;
    out.reserve(static_cast<std::size_t>(result.rows()));
    for (int i = 0; i < result.rows(); ++i) out.push_back(row_of(result[i], result.columns()));
    return out;
}

output::Section section_of(std::string key, std::string title, const db::Result& result,
                           const std::vector<output::Column>& kinds, bool single) {
    output::Section s;
    s.key = std::move(key);
    s.title = std::move(title);
    s.columns = columns_of(result, kinds);
    s.rows = rows_of(result);
    s.single = single;
    return s;
}

std::string encode_cursor(const std::string& sort_value, std::int64_t id) {
    std::string raw = std::to_string(id) + "|" + sort_value;
    std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

std::pair<std::string, std::int64_t> decode_cursor(const std::string& cursor) {
    std::string raw(cursor.size(), '\0');
    std::size_t len = 0;
    if (cursor.empty() ||
        sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), cursor.data(), cursor.size(),
                          nullptr, &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        throw UsageError("bad --after cursor", "use the cursor printed after 'more rows:'");
    raw.resize(len);
    auto bar = raw.find('|');
    std::int64_t id = 0;
    if (bar == std::string::npos ||
        std::from_chars(raw.data(), raw.data() + bar, id).ec != std::errc() || id <= 0)
        throw UsageError("bad --after cursor", "use the cursor printed after 'more rows:'");
    return {raw.substr(bar + 1), id};
}

std::string like_fragment(std::string_view s) {
    std::string out = "%";
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

void check_member(const std::optional<std::string>& value, const std::vector<std::string_view>& allowed,
                  const char* what) {
    if (!value || std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return;
    throw UsageError(fmt::format("unknown {} '{}'", what, *value), fmt::format("one of: {}", fmt::join(allowed, ", ")));
}

}  // namespace ctl::domain
