#include "domain/audit.hpp"

#include "domain/rows.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace ctl::audit {

namespace {

using output::Column;
using output::Kind;
using output::Visibility;

const std::vector<Column>& audit_kinds() {
    static const std::vector<Column> kinds = {
        {"id", Kind::integer},
        {"at", Kind::time},
        {"before", Kind::json, Visibility::machine_only},
        {"after", Kind::json, Visibility::machine_only},
        {"changes", Kind::text, Visibility::table_only},
        {"client_addr", Kind::text, Visibility::machine_only},
        {"application", Kind::text, Visibility::machine_only},
        {"txid", Kind::integer, Visibility::machine_only},
        {"prev_hash", Kind::text, Visibility::on_request},
        {"hash", Kind::text, Visibility::on_request},
    };
    return kinds;
}

// The select list shared by list, show and export. "changes" names the changed columns for
// the table view.
constexpr const char* k_columns =
    "a.id, a.at, a.actor, a.action, a.command, a.entity_type, a.entity_id, a.reason, "
    "coalesce((SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(coalesce(a.after, a.before)) k), '') "
    "AS changes, a.before, a.after, host(a.client_addr) AS client_addr, a.application, a.txid, "
    "encode(a.prev_hash, 'hex') AS prev_hash, encode(a.hash, 'hex') AS hash";

struct Where {
    std::vector<std::string> clauses;
    db::Params params;
    std::string add(db::Param p) {
        params.push_back(std::move(p));
        return "$" + std::to_string(params.size());
    }
    std::string sql() const { return fmt::format("WHERE {}", fmt::join(clauses, " AND ")); }
};

Where where_of(const Filter& f) {
    Where w;
    w.clauses.push_back("a.id > 0");  // sealed rows only: the own transaction's are provisional
    if (f.actor) w.clauses.push_back("a.actor = " + w.add(*f.actor));
    if (f.action) w.clauses.push_back("a.action = " + w.add(*f.action));
    if (f.entity_type) w.clauses.push_back("a.entity_type = " + w.add(*f.entity_type));
    if (f.entity_id) w.clauses.push_back("a.entity_id = " + w.add(*f.entity_id));
    if (f.since) w.clauses.push_back("a.at >= " + w.add(*f.since) + "::timestamptz");
    if (f.until) w.clauses.push_back("a.at < " + w.add(*f.until) + "::timestamptz");
    if (f.reason_contains) {
        std::string like = "%";
        for (char c : *f.reason_contains) {
            if (c == '%' || c == '_' || c == '\\') like += '\\';
            like += c;
        }
        w.clauses.push_back("a.reason ILIKE " + w.add(like + "%"));
    }
    return w;
}

}  // namespace

void tag_change(db::Transaction& tx, std::string_view command, std::string_view reason) {
    tx.set_local("ctl.command", command);
    tx.set_local("ctl.reason", reason);
}

void parse_entity(std::string_view spec, Filter& filter) {
    auto colon = spec.find(':');
    std::string type(spec.substr(0, colon));
    if (type.empty()) throw UsageError("bad --entity '" + std::string(spec) + "'", "TYPE or TYPE:ID, e.g. users:42");
    filter.entity_type = type;
    if (colon != std::string_view::npos) {
        std::string id(spec.substr(colon + 1));
        if (id.empty()) throw UsageError("bad --entity '" + std::string(spec) + "'", "TYPE or TYPE:ID, e.g. users:42");
        filter.entity_id = id;
    }
}

users::Page list(db::Connection& conn, const Filter& f) {
    if (f.limit < 0) throw UsageError("--limit must be 0 or more");
    Where w = where_of(f);
    if (f.after) {
        auto [ignored, id] = domain::decode_cursor(*f.after);
        w.clauses.push_back("a.id < " + w.add(id));
    }
    std::string sql = fmt::format("SELECT {} FROM audit_log a {} ORDER BY a.id DESC", k_columns, w.sql());
    if (f.limit > 0) sql += " LIMIT " + w.add(f.limit + 1);
    auto result = conn.exec(sql, w.params);
    users::Page page;
    page.columns = domain::columns_of(result, audit_kinds());
    int n = result.rows();
    if (f.limit > 0 && n > f.limit) {
        n = static_cast<int>(f.limit);
        page.next_cursor = domain::encode_cursor("", result[n - 1].int64(0));
    }
    for (int i = 0; i < n; ++i) page.rows.push_back(domain::row_of(result[i], result.columns()));
    return page;
}

std::vector<output::Section> show(db::Connection& conn, std::int64_t id) {
    auto r = conn.exec(fmt::format("SELECT {} FROM audit_log a WHERE a.id = $1", k_columns), {id});
    if (r.empty()) throw NotFound(fmt::format("audit row {} not found", id));
    auto kinds = audit_kinds();
    for (auto& k : kinds)
        if (k.name != "changes") k.visibility = Visibility::always;
    return {domain::section_of("entry", "Audit entry", r, kinds, true)};
}

void export_rows(db::Connection& conn, const Filter& f, output::Renderer& out) {
    conn.exec("SELECT ctl_require_owner()");
    Where w = where_of(f);
    std::string sql = fmt::format("SELECT {} FROM audit_log a {} ORDER BY a.id", k_columns, w.sql());
    // Column metadata first (an empty result still gets its header), then the rows, streamed.
    auto shape = conn.exec(sql + " LIMIT 0", w.params);
    out.begin(domain::columns_of(shape, audit_kinds()));
    int ncols = shape.columns();
    conn.stream(sql, w.params, [&](const db::RowRef& row) { out.row(domain::row_of(row, ncols)); });
    out.end();
}

Verification verify(db::Connection& conn) {
    Verification v;
    // One parallel pass in the database: each row's hash recomputed from its content and its
    // stored predecessor hash, joined with the row before it (by id) to check the link and that
    // no row is missing. A join rather than a window, so PostgreSQL can split the work across
    // its parallel workers; hashing is what costs.
    auto r = conn.exec(R"sql(
        SELECT count(*),
               min(a.id) FILTER (WHERE a.hash IS DISTINCT FROM ctl_audit_hash(a.prev_hash, a)),
               min(a.id) FILTER (WHERE (p.id IS NOT NULL AND a.prev_hash IS DISTINCT FROM p.hash)
                                    OR (a.id = 1 AND a.prev_hash IS NOT NULL)),
               min(a.id) FILTER (WHERE p.id IS NULL AND a.id > 1)
        FROM audit_log a LEFT JOIN audit_log p ON p.id = a.id - 1 AND p.id > 0
        WHERE a.id > 0
    )sql");
    v.rows = r[0].int64(0);
    const char* problems[] = {"content does not match its hash", "does not link to the previous row's hash",
                              "rows are missing before it"};
    for (int i = 0; i < 3; ++i) {
        auto id = r[0].opt_int64(i + 1);
        if (id && (!v.first_broken_id || *id < *v.first_broken_id)) {
            v.first_broken_id = id;
            v.problem = problems[i];
        }
    }
    auto head = conn.exec("SELECT id, encode(hash, 'hex') FROM audit_log WHERE id > 0 ORDER BY id DESC LIMIT 1");
    if (!head.empty()) {
        v.last_id = head[0].int64(0);
        v.last_hash = std::string(head[0].text(1));
    }
    return v;
}

}  // namespace ctl::audit
