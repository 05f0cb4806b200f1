#pragma once
// Building the filtered, keyset-paged listings of the billing commands.

#include "db/connection.hpp"
#include "domain/users.hpp"
#include "output/value.hpp"

#include <string>
#include <vector>

namespace ctl::billing {

// A WHERE clause assembled from optional filters, every value a parameter.
struct Clause {
    std::vector<std::string> conditions;
    db::Params params;
    // Adds a parameter and returns its placeholder ("$3").
    std::string add(db::Param p);
    std::string where() const;  // "" or "WHERE a AND b"
};

// Runs `select` (a SELECT whose last column is `sort_value`, the text of the ordering key, and
// whose first column is the id), newest first, `limit` rows (0: all) plus a cursor when cut.
// `c` must already hold the filters and the cursor condition; the LIMIT is added here.
users::Page keyset_page(db::Connection& conn, std::string select, Clause& c, const std::vector<output::Column>& kinds,
                        long long limit);

// Adds "(key, id) < (cursor)" for a cursor from keyset_page; key is a timestamptz expression.
void add_cursor(Clause& c, const std::string& key, const std::string& id, const std::optional<std::string>& cursor);

}  // namespace ctl::billing
