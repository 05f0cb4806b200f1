#include "domain/popia_requests.hpp"

#include "domain/audit.hpp"
#include "domain/rows.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>

#include <ctime>

namespace ctl::popia {

namespace {

using output::Column;
using output::Kind;
using output::Visibility;

const std::vector<std::string> k_kinds = {"access", "erasure", "correction", "objection"};
const std::vector<std::string> k_statuses = {"open", "in_progress", "completed", "rejected"};

void check_member(const std::optional<std::string>& value, const std::vector<std::string>& allowed,
                  std::string_view what) {
    if (!value) return;
    for (const auto& a : allowed)
        if (*value == a) return;
    throw UsageError(fmt::format("unknown {} '{}'", what, *value), fmt::format("one of: {}", fmt::join(allowed, ", ")));
}

// The columns of a request row; `due` is the human reading of days_left.
const char* const k_columns =
    "r.id, r.user_id, u.email, r.kind, "
    "CASE r.status WHEN 'closed' THEN 'completed' ELSE r.status END AS status, r.opened_at, r.due_at, "
    "CASE WHEN r.status IN ('open', 'in_progress') "
    "THEN (r.due_at AT TIME ZONE 'UTC')::date - (now() AT TIME ZONE 'UTC')::date END AS days_left, "
    "(r.status IN ('open', 'in_progress') AND r.due_at < now()) AS overdue, "
    "CASE WHEN r.status NOT IN ('open', 'in_progress') THEN '-' "
    "WHEN r.due_at < now() THEN 'OVERDUE ' || ((now() AT TIME ZONE 'UTC')::date - (r.due_at AT TIME ZONE 'UTC')::date) "
    "|| 'd' ELSE ((r.due_at AT TIME ZONE 'UTC')::date - (now() AT TIME ZONE 'UTC')::date) || 'd left' END AS due, "
    "r.closed_at, r.handled_by, r.details, r.resolution";

const std::vector<Column>& request_kinds() {
    static const std::vector<Column> kinds = {
        {"id", Kind::integer},
        {"user_id", Kind::integer},
        {"opened_at", Kind::time},
        {"due_at", Kind::time},
        {"days_left", Kind::integer, Visibility::machine_only},
        {"overdue", Kind::boolean, Visibility::machine_only},
        {"due", Kind::text, Visibility::table_only},
        {"closed_at", Kind::time},
        {"details", Kind::text, Visibility::machine_only},
        {"resolution", Kind::text, Visibility::machine_only},
    };
    return kinds;
}

RequestRecord record_of(db::Transaction& tx, std::int64_t id, std::string summary) {
    auto r = tx.exec(fmt::format("SELECT {} FROM popia_requests r LEFT JOIN users u ON u.id = r.user_id WHERE r.id = $1",
                                 k_columns),
                     {id});
    RequestRecord rec;
    rec.id = id;
    rec.summary = std::move(summary);
    rec.columns = domain::columns_of(r, request_kinds());
    rec.row = domain::row_of(r[0], r.columns());
    return rec;
}

struct Locked {
    std::optional<std::int64_t> user_id;
    std::string kind, status;
};

Locked lock_request(db::Transaction& tx, std::int64_t id) {
    auto r = tx.exec("SELECT user_id, kind, status FROM popia_requests WHERE id = $1 FOR UPDATE", {id});
    if (r.empty()) throw NotFound(fmt::format("request {} not found", id), "list them with: ctl popia requests list");
    return {r[0].opt_int64(0), std::string(r[0].text(1)), std::string(r[0].text(2))};
}

bool is_closed(const std::string& status) { return status != "open" && status != "in_progress"; }

}  // namespace

users::Page list_requests(db::Connection& conn, const RequestFilter& f) {
    if (f.limit < 0) throw UsageError("--limit must be 0 or more");
    check_member(f.status, k_statuses, "status");
    check_member(f.kind, k_kinds, "kind");
    std::vector<std::string> where;
    db::Params params;
    auto param = [&](db::Param p) {
        params.push_back(std::move(p));
        return "$" + std::to_string(params.size());
    };
    if (f.status) {
        if (*f.status == "completed")
            where.push_back("r.status IN ('completed', 'closed')");
        else
            where.push_back("r.status = " + param(*f.status));
    }
    if (f.kind) where.push_back("r.kind = " + param(*f.kind));
    if (f.user_id) where.push_back("r.user_id = " + param(*f.user_id));
    if (f.overdue) where.push_back("r.status IN ('open', 'in_progress') AND r.due_at < now()");
    if (f.after) {
        auto [value, id] = domain::decode_cursor(*f.after);
        where.push_back(fmt::format("(r.due_at, r.id) > ({}::timestamptz, {}::bigint)", param(value), param(id)));
    }
    std::string sql = fmt::format(
        "SELECT {}, r.due_at::text AS sort_value FROM popia_requests r LEFT JOIN users u ON u.id = r.user_id {} "
        "ORDER BY r.due_at, r.id",
        k_columns, where.empty() ? "" : "WHERE " + fmt::format("{}", fmt::join(where, " AND ")));
    if (f.limit > 0) sql += " LIMIT " + param(f.limit + 1);
    auto result = conn.exec(sql, params);
    users::Page page;
    auto all = domain::columns_of(result, request_kinds());
    int ncols = result.columns() - 1;
    page.columns.assign(all.begin(), all.begin() + ncols);
    int n = result.rows();
    if (f.limit > 0 && n > f.limit) {
        n = static_cast<int>(f.limit);
        auto last = result[n - 1];
        page.next_cursor = domain::encode_cursor(std::string(last.text(ncols)), last.int64(0));
        page.more = true;
    }
    for (int i = 0; i < n; ++i) page.rows.push_back(domain::row_of(result[i], ncols));
    return page;
}

RequestRecord open_request(db::Connection& conn, const NewRequest& req, std::string_view reason, bool dry_run) {
    std::optional<std::string> kind = req.kind;
    check_member(kind, k_kinds, "kind");
    std::optional<std::string> received;
    if (req.received) {
        received = util::parse_date_or_time(*req.received, static_cast<long long>(std::time(nullptr)));
    }
    db::Transaction tx(conn);
    audit::tag_change(tx, "popia requests open", reason);
    auto exists = tx.exec("SELECT email FROM users WHERE id = $1", {req.user_id});
    if (exists.empty()) throw NotFound(fmt::format("user {} not found", req.user_id));
    auto r = tx.exec(fmt::format("INSERT INTO popia_requests (user_id, kind, details, opened_at, due_at) "
                                 "VALUES ($1, $2, $3, coalesce($4::timestamptz, now()), "
                                 "coalesce($4::timestamptz, now()) + interval '{} days') RETURNING id, "
                                 "opened_at > now()",
                                 k_due_days),
                     {req.user_id, req.kind, req.note, received});
    if (r[0].boolean(1)) throw UsageError("--received is in the future", "give the date the request arrived");
    auto id = r[0].int64(0);
    auto rec = record_of(tx, id,
                         fmt::format("opened {} request {} for {}", req.kind, id, std::string(exists[0].text(0))));
    finish(tx, rec.summary, dry_run);
    return rec;
}

std::vector<output::Section> show_request(db::Connection& conn, std::int64_t id) {
    auto r = conn.exec(fmt::format("SELECT {} FROM popia_requests r LEFT JOIN users u ON u.id = r.user_id WHERE r.id = $1",
                                   k_columns),
                       {id});
    if (r.empty()) throw NotFound(fmt::format("request {} not found", id), "list them with: ctl popia requests list");
    auto kinds = request_kinds();
    for (auto& k : kinds)
        if (k.name == "details" || k.name == "resolution") k.visibility = Visibility::always;
    return {domain::section_of("request", "POPIA request", r, kinds, true)};
}

RequestRecord close_request(db::Connection& conn, std::int64_t id, const std::string& status,
                            std::string_view resolution, bool dry_run) {
    if (status != "completed" && status != "rejected")
        throw UsageError(fmt::format("cannot close a request as '{}'", status), "one of: completed, rejected");
    db::Transaction tx(conn);
    audit::tag_change(tx, "popia requests close", resolution);
    auto locked = lock_request(tx, id);
    if (is_closed(locked.status))
        throw Conflict(fmt::format("request {} is already closed ({})", id,
                                   locked.status == "closed" ? "completed" : locked.status),
                       "open a new request if the person asks again");
    tx.exec("UPDATE popia_requests SET status = $2, resolution = $3, closed_at = now(), handled_by = session_user "
            "WHERE id = $1",
            {id, status, resolution});
    auto rec = record_of(tx, id, fmt::format("request {} {}", id, status));
    finish(tx, rec.summary, dry_run);
    return rec;
}

void check_linked_request(db::Transaction& tx, std::int64_t request_id, std::int64_t user_id, std::string_view kind) {
    auto locked = lock_request(tx, request_id);
    if (locked.kind != kind)
        throw Conflict(fmt::format("request {} is of kind {}, not {}", request_id, locked.kind, kind));
    if (locked.user_id != user_id)
        throw Conflict(fmt::format("request {} is about another person", request_id), "check the request id");
    if (is_closed(locked.status))
        throw Conflict(fmt::format("request {} is already closed", request_id), "run without --request");
}

void finish(db::Transaction& tx, std::string& summary, bool dry_run) {
    if (dry_run) {
        summary = "dry run: " + summary + " (rolled back)";
        tx.rollback();
    } else {
        tx.commit();
    }
}

void complete_linked_request(db::Transaction& tx, std::int64_t request_id, std::string_view resolution) {
    tx.exec("UPDATE popia_requests SET status = 'completed', resolution = $2, closed_at = now(), "
            "handled_by = session_user WHERE id = $1",
            {request_id, resolution});
}

}  // namespace ctl::popia
