#include "analytics/table.hpp"

#include "domain/rows.hpp"

#include <stdexcept>

namespace ctl::analytics {

namespace {
bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}
bool contains(const std::vector<std::string>& names, const std::string& name) {
    for (const auto& n : names)
        if (n == name) return true;
    return false;
}
}  // namespace

std::size_t column_index(const output::Section& s, const std::string& name) {
    for (std::size_t i = 0; i < s.columns.size(); ++i)
        if (s.columns[i].name == name) return i;
    throw std::logic_error("no column " + name + " in section " + s.key);
}

void add_money_columns(output::Section& s) {
    std::optional<std::size_t> currency;
    for (std::size_t i = 0; i < s.columns.size(); ++i)
        if (s.columns[i].name == "currency") currency = i;
    if (!currency) return;
    output::Section out = s;
    out.columns.clear();
    for (auto& r : out.rows) r.clear();
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
        output::Column col = s.columns[c];
        if (ends_with(col.name, "_cents")) {
            out.columns.push_back({col.name.substr(0, col.name.size() - 6), output::Kind::money,
                                   output::Visibility::table_only});
            col.kind = output::Kind::integer;
            col.visibility = output::Visibility::machine_only;
            for (std::size_t r = 0; r < s.rows.size(); ++r) {
                const auto& v = s.rows[r][c].value;
                const auto& cur = s.rows[r][*currency].value;
                out.rows[r].push_back(v && cur ? output::Cell(*v + " " + *cur) : output::Cell::null());
            }
        }
        out.columns.push_back(col);
        for (std::size_t r = 0; r < s.rows.size(); ++r) out.rows[r].push_back(s.rows[r][c]);
    }
    s = std::move(out);
}

output::Section metric_section(std::string key, std::string title, const db::Result& result,
                               const std::vector<std::string>& numbers, const std::vector<std::string>& integers) {
    std::vector<output::Column> kinds;
    for (int c = 0; c < result.columns(); ++c) {
        std::string name = result.column_name(c);
        if (name == "period_start" || name == "period_end" || ends_with(name, "_at"))
            kinds.push_back({name, output::Kind::time});
        else if (contains(numbers, name))
            kinds.push_back({name, output::Kind::number});
        else if (contains(integers, name) || ends_with(name, "_cents"))
            kinds.push_back({name, output::Kind::integer});
    }
    output::Section s = domain::section_of(std::move(key), std::move(title), result, kinds);
    add_money_columns(s);
    return s;
}

}  // namespace ctl::analytics
