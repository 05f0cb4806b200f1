#include "domain/billing_query.hpp"

#include "domain/rows.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace ctl::billing {

std::string Clause::add(db::Param p) {
    params.push_back(std::move(p));
    return "$" + std::to_string(params.size());
}

std::string Clause::where() const {
    return conditions.empty() ? "" : fmt::format("WHERE {}", fmt::join(conditions, " AND "));
}

void add_cursor(Clause& c, const std::string& key, const std::string& id, const std::optional<std::string>& cursor) {
    if (!cursor) return;
    auto [value, last_id] = domain::decode_cursor(*cursor);
    c.conditions.push_back(fmt::format("({}, {}) < ({}::timestamptz, {}::bigint)", key, id, c.add(value), c.add(last_id)));
}

users::Page keyset_page(db::Connection& conn, std::string select, Clause& c, const std::vector<output::Column>& kinds,
                        long long limit) {
    if (limit < 0) throw UsageError("--limit must be 0 or more");
    if (limit > 0) select += " LIMIT " + c.add(limit + 1);
    auto result = conn.exec(select, c.params);
    users::Page page;
    int ncols = result.columns() - 1;  // sort_value is for the cursor only
    auto all = domain::columns_of(result, kinds);
    page.columns.assign(all.begin(), all.begin() + ncols);
    int n = result.rows();
    if (limit > 0 && n > limit) {
        n = static_cast<int>(limit);
        page.next_cursor = domain::encode_cursor(std::string(result[n - 1].text(ncols)), result[n - 1].int64(0));
        page.more = true;
    }
    page.rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) page.rows.push_back(domain::row_of(result[i], ncols));
    return page;
}

}  // namespace ctl::billing
