#pragma once
// What the schema says about personal data, read from pg_catalog so that tables added later are
// covered without a hand-kept list: which tables hold rows about one person (a foreign key to
// users, or to a table that has one, up to three steps away), and which columns of every table
// in the public schema could hold text (text, varchar, citext, json, jsonb, arrays, inet).

#include "db/connection.hpp"

#include <string>
#include <vector>

namespace ctl::popia {

struct LinkedTable {
    std::string name;       // unquoted table name
    std::string condition;  // SQL over the table's own columns, true for the person's rows ($1 = user id)
    int depth = 0;          // 1: a foreign key to users; 2+: through other linked tables
};

// Every table in the public schema linked to users, users itself excluded, by depth then name.
std::vector<LinkedTable> linked_tables(db::Connection& conn);

struct SearchColumn {
    std::string name;
    bool is_inet = false;  // inet/cidr: compared as addresses rather than as text
};
struct SearchTable {
    std::string name;
    std::vector<SearchColumn> columns;
};

// Every ordinary table of the public schema with its text-like columns (tables without any are
// left out), by name.
std::vector<SearchTable> searchable_tables(db::Connection& conn);

// Quotes an identifier for SQL (names come from pg_catalog, never from the user).
std::string quote_name(std::string_view name);

}  // namespace ctl::popia
