#pragma once
// A fingerprint of a whole database's data: the md5 of every table's rows in a fixed order, one
// entry per table. Two equal fingerprints mean no row was added, removed or changed anywhere
// (the audit log included), which is how reliability tests prove "nothing changed".

#include "db/connection.hpp"

#include <map>
#include <string>

namespace ctl::testing {

// table name → md5 of its rows (each row as text, sorted) and the row count.
using TableChecksums = std::map<std::string, std::string>;

inline TableChecksums table_checksums(db::Connection& conn) {
    auto tables = conn.exec(
        "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') "
        "ORDER BY 1");
    std::string sql;
    for (int i = 0; i < tables.rows(); ++i) {
        std::string t(tables[i].text(0));
        std::string literal = "'" + t + "'";  // names from the catalogue, quote_ident'ed: no quote inside
        if (!sql.empty()) sql += " UNION ALL ";
        sql += "SELECT " + literal + "::text, count(*)::text || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') FROM " + t + " r";
    }
    TableChecksums sums;
    if (sql.empty()) return sums;
    auto rows = conn.exec(sql);
    for (int i = 0; i < rows.rows(); ++i) sums[std::string(rows[i].text(0))] = std::string(rows[i].text(1));
    return sums;
}

// The tables whose checksums differ ("users, audit_log"); empty when none.
inline std::string changed_tables(const TableChecksums& before, const TableChecksums& after) {
    std::string out;
    for (const auto& [table, sum] : after) {
        auto it = before.find(table);
        if (it == before.end() || it->second != sum) out += (out.empty() ? "" : ", ") + table;
    }
    for (const auto& [table, sum] : before)
        if (!after.count(table)) out += (out.empty() ? "" : ", ") + table + " (dropped)";
    return out;
}

}  // namespace ctl::testing
