#include "domain/popia_catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace ctl::popia {

std::string quote_name(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::vector<LinkedTable> linked_tables(db::Connection& conn) {
    // Single-column foreign keys between ordinary tables of the public schema.
    auto fks = conn.exec(
        "SELECT ch.relname, a.attname, pa.relname, pk.attname "
        "FROM pg_constraint c "
        "JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_namespace n ON n.oid = ch.relnamespace "
        "JOIN pg_class pa ON pa.oid = c.confrelid "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute pk ON pk.attrelid = c.confrelid AND pk.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND n.nspname = 'public' AND cardinality(c.conkey) = 1 "
        "ORDER BY 1, 2");
    struct Fk {
        std::string child, column, parent, parent_column;
    };
    std::vector<Fk> edges;
    for (int i = 0; i < fks.rows(); ++i)
        edges.push_back({std::string(fks[i].text(0)), std::string(fks[i].text(1)), std::string(fks[i].text(2)),
                         std::string(fks[i].text(3))});

    std::map<std::string, LinkedTable> found;
    std::map<std::string, std::string> condition_of = {{"users", "\"id\" = $1"}};
    for (int depth = 1; depth <= 3; ++depth) {
        std::map<std::string, std::vector<std::string>> next;
        for (const auto& e : edges) {
            if (e.child == "users" || condition_of.count(e.child) > 0) continue;
            auto parent = condition_of.find(e.parent);
            if (parent == condition_of.end()) continue;
            if (e.parent == "users" && e.parent_column == "id") {
                next[e.child].push_back(quote_name(e.column) + " = $1");
            } else {
                next[e.child].push_back(fmt::format("{} IN (SELECT {} FROM {} WHERE {})", quote_name(e.column),
                                                    quote_name(e.parent_column), quote_name(e.parent),
                                                    parent->second));
            }
        }
        if (next.empty()) break;
        for (auto& [table, conditions] : next) {
            std::string condition = conditions.size() == 1 ? conditions[0]
                                                           : "(" + fmt::format("{}", fmt::join(conditions, " OR ")) + ")";
            condition_of[table] = condition;
            found[table] = {table, condition, depth};
        }
    }
    std::vector<LinkedTable> out;
    for (auto& [name, t] : found) out.push_back(t);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.depth < b.depth; });
    return out;
}

std::vector<SearchTable> searchable_tables(db::Connection& conn) {
    auto r = conn.exec(
        "SELECT c.relname, a.attname, b.typcategory = 'I' "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "JOIN pg_type t ON t.oid = a.atttypid "
        "JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
        "AND (b.typcategory IN ('S', 'I', 'A') OR b.typname IN ('json', 'jsonb')) "
        "ORDER BY c.relname, a.attnum");
    std::vector<SearchTable> out;
    for (int i = 0; i < r.rows(); ++i) {
        std::string table(r[i].text(0));
        if (out.empty() || out.back().name != table) out.push_back({table, {}});
        out.back().columns.push_back({std::string(r[i].text(1)), r[i].boolean(2)});
    }
    return out;
}

}  // namespace ctl::popia
