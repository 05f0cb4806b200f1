#include "domain/users.hpp"

#include "domain/rows.hpp"
#include "domain/search_page.hpp"
#include "domain/user_actions.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace ctl::users {

namespace {

using domain::SearchPlan;
using output::Column;
using output::Kind;
using output::Visibility;

const std::vector<Column>& user_kinds() {
    static const std::vector<Column> kinds = {
        {"id", Kind::integer},
        {"wallet", Kind::secret},
        {"agents", Kind::integer},
        {"credits", Kind::integer},
        {"agent_quota", Kind::integer, Visibility::on_request},
        {"api_call_quota", Kind::integer, Visibility::on_request},
        {"minute_quota", Kind::integer, Visibility::on_request},
        {"created_at", Kind::time},
        {"updated_at", Kind::time},
        {"last_login_at", Kind::time},
        {"trial_ends_at", Kind::time},
        {"deleted_at", Kind::time},
        {"phone", Kind::text, Visibility::on_request},
        {"auth_provider", Kind::text, Visibility::on_request},
        {"auth_provider_id", Kind::text, Visibility::on_request},
        {"status_reason", Kind::text, Visibility::on_request},
    };
    return kinds;
}

struct SortSpec {
    const char* field;
    const char* expr;  // matches an index expression
    const char* type;  // SQL type of the cursor value
};

constexpr SortSpec k_sorts[] = {
    {"created_at", "u.created_at", "timestamptz"},
    {"email", "u.email", "citext"},
    {"name", "coalesce(u.name, '')", "text"},
    {"last_login_at", "coalesce(u.last_login_at, '-infinity'::timestamptz)", "timestamptz"},
    {"id", "u.id", "bigint"},
};

// The WHERE clause of list, search, export and bulk: every filter, parameterised.
struct Where {
    std::vector<std::string> conditions;
    db::Params params;
    std::string param(db::Param p) {
        params.push_back(std::move(p));
        return "$" + std::to_string(params.size());
    }
    std::string sql() const {
        return conditions.empty() ? "" : fmt::format("WHERE {}", fmt::join(conditions, " AND "));
    }
};

// `u.id IN (ids)` as a filter on the walk of users in list order: the set is hashed once and the
// walk stops at a full page. Written plainly, the planner turns it into a semi-join and then
// either probes the subquery per user or hashes it and sorts every member before the page.
// IS TRUE keeps it a filter (only a bare IN is pulled up into a join).
std::string member_of(std::string_view ids) { return fmt::format("(u.id IN ({})) IS TRUE", ids); }

// Segment definitions; documented in man/prose/ctl-users.md (keep them in step). The indexes of
// migration 0012 serve them.
std::string segment_condition(const std::string& segment) {
    if (segment == "high-value")
        return "(SELECT coalesce(sum(p.amount_cents - p.refunded_cents), 0) FROM payments p WHERE p.user_id = u.id "
               "AND p.status IN ('succeeded', 'partially_refunded') AND p.created_at >= now() - interval '365 days') "
               ">= 50000";
    if (segment == "at-risk")
        return fmt::format(
            "(u.status = 'active' AND ({} OR {} OR (coalesce(u.last_login_at, u.created_at) < now() - interval '14 days' "
            "AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = u.id AND s.status IN ('active', 'trialing')))))",
            member_of("SELECT s.user_id FROM subscriptions s WHERE s.status = 'past_due'"),
            member_of("SELECT p.user_id FROM payments p WHERE p.status = 'failed' "
                      "AND p.created_at >= now() - interval '30 days'"));
    if (segment == "power")
        return "((SELECT count(*) FROM agents a WHERE a.user_id = u.id AND a.status <> 'deleted') >= 3 "
               "AND u.last_login_at >= now() - interval '7 days')";
    // The created_at bound is implied (nobody logs in before signing up); see inactive_before.
    return "(u.status = 'active' AND coalesce(u.last_login_at, u.created_at) < now() - interval '30 days' "
           "AND u.created_at < now() - interval '30 days')";
}

Where where_of(const ListFilter& f) {
    domain::check_member(f.status, k_statuses, "status");
    domain::check_member(f.plan, k_plans, "plan");
    domain::check_member(f.segment, k_segments, "segment");
    if (f.min_agents && *f.min_agents < 0) throw UsageError("--min-agents must be 0 or more");
    Where w;
    if (f.search && !f.search->empty()) {
        std::string p = w.param(domain::like_fragment(*f.search));
        w.conditions.push_back(fmt::format("u.search_doc LIKE lower({})", p));
    }
    if (f.status) w.conditions.push_back("u.status = " + w.param(*f.status));
    if (f.plan) w.conditions.push_back("u.plan = " + w.param(*f.plan));
    if (f.joined_after) w.conditions.push_back("u.created_at >= " + w.param(*f.joined_after) + "::timestamptz");
    if (f.joined_before) w.conditions.push_back("u.created_at < " + w.param(*f.joined_before) + "::timestamptz");
    if (f.active_since) w.conditions.push_back("u.last_login_at >= " + w.param(*f.active_since) + "::timestamptz");
    if (f.inactive_before) {
        // Nobody logs in before signing up, so an inactive user also signed up before the cutoff.
        // Saying so lets a list walk users_created_at_idx from the cutoff down instead of
        // filtering out every recent (and so active) signup first: 1.5 s to 20 ms on 1M users.
        std::string cutoff = w.param(*f.inactive_before);
        w.conditions.push_back(fmt::format("coalesce(u.last_login_at, u.created_at) < {0}::timestamptz AND "
                                           "u.created_at < {0}::timestamptz",
                                           cutoff));
    }
    if (f.min_agents && *f.min_agents > 0)
        w.conditions.push_back("(SELECT count(*) FROM agents a WHERE a.user_id = u.id AND a.status <> 'deleted') >= " +
                               w.param(*f.min_agents) + "::bigint");
    if (f.has_failed_payment)
        w.conditions.push_back(member_of("SELECT p.user_id FROM payments p WHERE p.status = 'failed'"));
    if (f.segment) w.conditions.push_back(segment_condition(*f.segment));
    if (f.ids) w.conditions.push_back("u.id = ANY(" + w.param(fmt::format("{{{}}}", fmt::join(*f.ids, ","))) + "::bigint[])");
    return w;
}

// The list columns, with the agent count as `agents_expr` gives it: a subquery per row for a
// page, a join for an export of many rows.
std::string list_columns(std::string_view agents_expr) {
    return fmt::format("u.id, u.email, u.name, u.company, u.status, u.plan, {} AS agents, "
                       "u.wallet, u.phone, u.auth_provider, u.auth_provider_id, u.credits, u.created_at, "
                       "u.last_login_at",
                       agents_expr);
}
const std::string k_list_columns =
    list_columns("(SELECT count(*) FROM agents a WHERE a.user_id = u.id AND a.status <> 'deleted')");

// A search's windows: the first users in list order (domain/search_page.hpp). At 1M users a row
// walked costs about 1.8 µs and a match collected 0.8 to 2 µs (less when the matches share heap
// pages): walking pays when more than one user in 150 matches, which puts a page within some
// 7,000 rows (10,000 with the margin); one in a hundred ("mosai") fills it within 5,000.
constexpr domain::SearchWindow k_search_window{500, 10000};

}  // namespace

Page list(db::Connection& conn, const ListFilter& f) {
    if (f.limit < 0) throw UsageError("--limit must be 0 or more");

    bool desc = !f.sort.empty() && f.sort[0] == '-';
    std::string field = desc ? f.sort.substr(1) : f.sort;
    const SortSpec* sort = nullptr;
    for (const auto& s : k_sorts)
        if (field == s.field) sort = &s;
    if (!sort) {
        std::optional<std::string> bad = field;
        domain::check_member(bad, k_sort_fields, "sort field");
    }

    // A page is chosen by ids first, then its rows are read: the walk that finds the page reads
    // only the index it follows when the filters are on indexed columns (status, created_at,
    // last_login_at), rather than a heap page for every user it skips.
    std::string order = fmt::format("ORDER BY {0} {1}, u.id {1}", sort->expr, desc ? "DESC" : "ASC");
    auto list_sql = [&](Where& w, SearchPlan plan, long long window_rows) {
        std::string cursor;
        if (f.after) {
            auto [value, id] = domain::decode_cursor(*f.after);
            cursor = fmt::format("({}, u.id) {} ({}::{}, {}::bigint)", sort->expr, desc ? "<" : ">", w.param(value),
                                 sort->type, w.param(id));
        }
        std::string from;
        if (plan == SearchPlan::window) {
            from = fmt::format("(SELECT u.id FROM (SELECT * FROM users u {} {} LIMIT {}) u {} {} LIMIT {}) page "
                               "JOIN users u USING (id)",
                               cursor.empty() ? "" : "WHERE " + cursor, order, window_rows, w.sql(), order,
                               w.param(f.limit + 1));
        } else {
            if (!cursor.empty()) w.conditions.push_back(cursor);
            if (plan == SearchPlan::matches)
                from = fmt::format("(WITH m AS MATERIALIZED (SELECT u.id, {0} AS k FROM users u {1}) SELECT m.id "
                                   "FROM m ORDER BY m.k {2}, m.id {2}{3}) page JOIN users u USING (id)",
                                   sort->expr, w.sql(), desc ? "DESC" : "ASC",
                                   f.limit > 0 ? " LIMIT " + w.param(f.limit + 1) : "");
            else if (f.limit > 0)
                from = fmt::format("(SELECT u.id FROM users u {} {} LIMIT {}) page JOIN users u USING (id)", w.sql(),
                                   order, w.param(f.limit + 1));
            else
                from = "users u " + w.sql();
        }
        return fmt::format("SELECT {}, {}::text AS sort_value FROM {} {}", k_list_columns, sort->expr, from, order);
    };

    auto run = [&](SearchPlan plan, long long window_rows) {
        Where w = where_of(f);
        return conn.exec(list_sql(w, plan, window_rows), w.params);
    };
    db::Result result = f.search && !f.search->empty() ? domain::search_page(f.limit, k_search_window, run)
                                                        : run(SearchPlan::walk, 0);
    Page page;
    auto all_columns = domain::columns_of(result, user_kinds());
    int ncols = result.columns() - 1;  // sort_value is for the cursor only
    page.columns.assign(all_columns.begin(), all_columns.begin() + ncols);
    int n = result.rows();
    if (f.limit > 0 && n > f.limit) {
        n = static_cast<int>(f.limit);
        auto last = result[n - 1];
        page.next_cursor = domain::encode_cursor(std::string(last.text(ncols)), last.int64(0));
    }
    page.rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) page.rows.push_back(domain::row_of(result[i], ncols));
    return page;
}

namespace {

// users.search_doc (migration 0016): e-mail, name, company, phone, wallet and auth-provider id,
// lower-cased, joined by U+001F, in that order.
constexpr int k_search_fields = 6;

// How well a field that contains the term matches it, cheaply (no trigram arithmetic per row, and
// float8, not numeric: a third of the ranking's cost over 10,000 matches): 1 for the whole field,
// 0.5–1 for a prefix, below 0.5 inside, longer fields lower. Both are lower-cased already.
std::string containment_score(std::string_view field, std::string_view term) {
    return fmt::format("CASE strpos({0}, {1}) WHEN 0 THEN 0 WHEN 1 THEN 0.5 + 0.5 * length({1}) / length({0})::float8 "
                       "ELSE 0.5 * length({1}) / length({0})::float8 END",
                       field, term);
}

}  // namespace

Page search(db::Connection& conn, const std::string& term, const ListFilter& f) {
    auto trimmed = term.substr(0, term.find_last_not_of(' ') + 1);
    if (trimmed.find_first_not_of(' ') == std::string::npos)
        throw UsageError("empty search term", "ctl users search alice");
    if (f.limit < 0) throw UsageError("--limit must be 0 or more");
    Where w = where_of(f);
    std::string t = w.param(trimmed);
    std::string like = w.param(domain::like_fragment(trimmed));
    std::string lowered = "lower(" + t + ")";
    std::vector<std::string> scores;
    for (int i = 1; i <= k_search_fields; ++i)
        scores.push_back(containment_score(fmt::format("split_part(u.search_doc, E'\\x1f', {})", i), lowered));
    std::string containment = fmt::format("u.search_doc LIKE lower({})", like);
    std::string limit = f.limit > 0 ? " LIMIT " + w.param(f.limit + 1) : "";
    std::string filters = w.sql().empty() ? "WHERE " : w.sql() + " AND ";

    // First the users with a field containing the term, through the trigram index, best first:
    // every match is scored, and only the page's users are then read for display.
    auto result = conn.exec(fmt::format("SELECT {}, round(page.score::numeric, 3) AS score FROM (SELECT u.id, "
                                        "greatest({}) AS score FROM users u {}{} ORDER BY score DESC, u.id{}) page "
                                        "JOIN users u USING (id) ORDER BY page.score DESC, u.id",
                                        k_list_columns, fmt::join(scores, ", "), filters, containment, limit),
                            w.params);
    auto kinds = user_kinds();
    kinds.push_back({"score", Kind::number});
    Page page;
    page.columns = domain::columns_of(result, kinds);
    auto take = [&](const db::Result& r) {
        for (int i = 0; i < r.rows(); ++i) {
            if (f.limit > 0 && static_cast<long long>(page.rows.size()) == f.limit) {
                page.more = true;  // no cursor: a ranking is not a key; raise --limit
                return;
            }
            page.rows.push_back(domain::row_of(r[i], r.columns()));
        }
    };
    take(result);
    // Near misses only when nothing contains the term: they are for typos ("Carol Chenn"). Beside
    // real matches they are noise (every "james.murphyN" for "james.murphy6", every address of
    // the same domain for an address), and the similarity search is the costly one: its index
    // finds thousands of candidates to recheck on a large table.
    if (!page.rows.empty()) return page;

    // Near misses: trigram similarity of at least 0.5 on e-mail, name or company, ranked by it.
    // pg_trgm's default threshold, 0.3, lets a term's common trigrams (" co" of every ".com")
    // bring a hundred thousand candidates to recheck: 0.9 s for "Acme Corp" on 1M users, and
    // noise. A typo of one or two letters stays well above 0.5.
    conn.exec("SELECT set_config('pg_trgm.similarity_threshold', '0.5', false)");
    Where near = where_of(f);
    t = near.param(trimmed);
    limit = f.limit > 0 ? " LIMIT " + near.param(f.limit + 1) : "";
    result = conn.exec(fmt::format("SELECT {0}, round(greatest(similarity(u.email::text, {1}), "
                                   "similarity(coalesce(u.name, ''), {1}), similarity(coalesce(u.company, ''), {1}))"
                                   "::numeric, 3) AS score FROM users u {2}(u.email::text % {1} OR u.name % {1} OR "
                                   "u.company % {1}) ORDER BY score DESC, u.id{3}",
                                   k_list_columns, t, filters, limit),
                       near.params);
    take(result);
    return page;
}

void export_users(db::Connection& conn, const ListFilter& f, output::Renderer& out) {
    Where w = where_of(f);
    // One pass over agents merged with users in id order, rather than a lookup per user.
    std::string sql = fmt::format(
        "SELECT {}, u.trial_ends_at, u.agent_quota, u.api_call_quota, u.minute_quota, u.country, u.updated_at, "
        "u.deleted_at FROM users u LEFT JOIN (SELECT a.user_id, count(*) AS n FROM agents a "
        "WHERE a.status <> 'deleted' GROUP BY a.user_id) ac ON ac.user_id = u.id {} ORDER BY u.id",
        list_columns("coalesce(ac.n, 0)"), w.sql());
    // Column metadata first (an empty result still gets its header), then the rows, streamed.
    auto shape = conn.exec(sql + " LIMIT 0", w.params);
    auto columns = domain::columns_of(shape, user_kinds());
    for (auto& c : columns)
        if (c.visibility == Visibility::on_request) c.visibility = Visibility::always;
    out.begin(columns);
    int ncols = shape.columns();
    conn.stream(sql, w.params, [&](const db::RowRef& row) { out.row(domain::row_of(row, ncols)); });
    out.end();
}

std::vector<std::int64_t> matching_ids(db::Connection& conn, const ListFilter& f) {
    Where w = where_of(f);
    auto r = conn.exec(fmt::format("SELECT u.id FROM users u {} ORDER BY u.id", w.sql()), w.params);
    std::vector<std::int64_t> ids;
    ids.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r[i].int64(0));
    return ids;
}

std::int64_t resolve(db::Connection& conn, std::string_view ref) {
    if (ref.empty()) throw UsageError("empty user reference", "give an id, e-mail, wallet or auth-provider id");
    bool digits = std::all_of(ref.begin(), ref.end(), [](char c) { return c >= '0' && c <= '9'; });
    db::Result r;
    if (digits && ref.size() < 19) {
        r = conn.exec("SELECT id FROM users WHERE id = $1::bigint", {ref});
    } else if (ref.find('@') != std::string_view::npos) {
        r = conn.exec("SELECT id FROM users WHERE email = $1::citext", {ref});
    } else {
        r = conn.exec("SELECT id FROM users WHERE lower(wallet) = lower($1) OR auth_provider_id = $1 LIMIT 1", {ref});
    }
    if (r.empty())
        throw NotFound(fmt::format("user '{}' not found", ref), "search with: ctl users list --search <fragment>");
    return r[0].int64(0);
}

std::vector<output::Section> show(db::Connection& conn, std::int64_t user_id,
                                  const std::optional<security::NotesKey>& notes_key) {
    std::vector<output::Section> doc;
    db::Params id{user_id};
    doc.push_back(domain::section_of(
        "profile", "User",
        conn.exec("SELECT u.id, u.email, u.name, u.company, u.phone, u.wallet, u.auth_provider, u.auth_provider_id, "
                  "u.status, u.status_reason, u.plan, u.trial_ends_at, u.credits, u.agent_quota, u.api_call_quota, "
                  "u.minute_quota, u.country, u.created_at, u.updated_at, u.last_login_at, u.deleted_at "
                  "FROM users u WHERE u.id = $1",
                  id),
        [] {
            auto k = user_kinds();
            for (auto& c : k) c.visibility = Visibility::always;
            return k;
        }(),
        true));
    if (doc.back().rows.empty()) throw NotFound(fmt::format("user {} not found", user_id));
    doc.push_back(domain::section_of(
        "usage", "Quotas and usage (last 30 days)",
        conn.exec("SELECT u.minute_quota, coalesce(g.minutes, 0) AS minutes_30d, u.api_call_quota, "
                  "coalesce(g.api_calls, 0) AS api_calls_30d, u.agent_quota, "
                  "(SELECT count(*) FROM agents a WHERE a.user_id = u.id AND a.status <> 'deleted') AS agents, "
                  "g.storage_bytes, g.cost AS cost_30d FROM users u LEFT JOIN LATERAL ("
                  "SELECT sum(x.minutes) AS minutes, sum(x.api_calls) AS api_calls, max(x.storage_bytes) AS storage_bytes, "
                  "sum(x.cost_cents)::text || ' ' || min(x.currency) AS cost FROM usage x "
                  "WHERE x.user_id = u.id AND x.day > current_date - 30) g ON true WHERE u.id = $1",
                  id),
        {{"minute_quota", Kind::integer},
         {"minutes_30d", Kind::integer},
         {"api_call_quota", Kind::integer},
         {"api_calls_30d", Kind::integer},
         {"agent_quota", Kind::integer},
         {"agents", Kind::integer},
         {"storage_bytes", Kind::integer},
         {"cost_30d", Kind::money}},
        true));
    doc.push_back(domain::section_of(
        "agents", "Agents",
        conn.exec("SELECT a.id, a.name, a.tier, a.status, a.bot_username, a.verified, a.created_at, "
                  "(SELECT d.status FROM deployments d WHERE d.agent_id = a.id ORDER BY d.attempt DESC LIMIT 1) "
                  "AS last_deployment FROM agents a WHERE a.user_id = $1 ORDER BY a.created_at, a.id",
                  id),
        {{"id", Kind::integer}, {"verified", Kind::boolean}, {"created_at", Kind::time}}));
    doc.push_back(domain::section_of(
        "subscriptions", "Subscriptions",
        conn.exec("SELECT s.id, p.code AS plan, s.status, s.agent_id, "
                  "s.price_cents::text || ' ' || s.currency AS price, s.interval, s.trial_ends_at, "
                  "s.current_period_end, s.cancel_at FROM subscriptions s JOIN plans p ON p.id = s.plan_id "
                  "WHERE s.user_id = $1 ORDER BY s.created_at, s.id",
                  id),
        {{"id", Kind::integer},
         {"agent_id", Kind::integer},
         {"price", Kind::money},
         {"trial_ends_at", Kind::time},
         {"current_period_end", Kind::time},
         {"cancel_at", Kind::time}}));
    doc.push_back(domain::section_of(
        "payments", "Last payments",
        conn.exec("SELECT p.id, p.created_at, p.amount_cents::text || ' ' || p.currency AS amount, p.status, "
                  "p.provider, p.provider_payment_id FROM payments p WHERE p.user_id = $1 "
                  "ORDER BY p.created_at DESC, p.id DESC LIMIT 10",
                  id),
        {{"id", Kind::integer}, {"created_at", Kind::time}, {"amount", Kind::money}}));
    doc.push_back(domain::section_of(
        "logins", "Last logins",
        conn.exec("SELECT l.logged_in_at, host(l.ip) AS ip, l.user_agent, l.success FROM logins l "
                  "WHERE l.user_id = $1 ORDER BY l.logged_in_at DESC LIMIT 10",
                  id),
        {{"logged_in_at", Kind::time}, {"success", Kind::boolean}}));
    doc.push_back(domain::section_of(
        "popia_requests", "Open POPIA requests",
        conn.exec("SELECT r.id, r.kind, r.status, r.opened_at, r.due_at FROM popia_requests r "
                  "WHERE r.user_id = $1 AND r.status IN ('open', 'in_progress') ORDER BY r.due_at, r.id",
                  id),
        {{"id", Kind::integer}, {"opened_at", Kind::time}, {"due_at", Kind::time}}));
    auto n = notes(conn, user_id, notes_key);
    doc.push_back({"notes", "Admin notes", std::move(n.columns), std::move(n.rows), false});
    return doc;
}

}  // namespace ctl::users
