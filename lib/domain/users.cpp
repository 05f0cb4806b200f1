#include "domain/users.hpp"

#include "domain/rows.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ctl::users {

namespace {

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

template <std::size_t N>
void check_member(const std::optional<std::string>& value, const char* const (&allowed)[N], const char* what) {
    if (!value) return;
    for (const char* a : allowed)
        if (*value == a) return;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    throw UsageError(fmt::format("unknown {} '{}'", what, *value), "one of: " + list);
}

// Escapes LIKE wildcards so a fragment matches literally.
std::string like_fragment(std::string_view s) {
    std::string out = "%";
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

}  // namespace

Page list(db::Connection& conn, const ListFilter& f) {
    check_member(f.status, k_statuses, "status");
    check_member(f.plan, k_plans, "plan");
    if (f.limit < 0) throw UsageError("--limit must be 0 or more");

    bool desc = !f.sort.empty() && f.sort[0] == '-';
    std::string field = desc ? f.sort.substr(1) : f.sort;
    const SortSpec* sort = nullptr;
    for (const auto& s : k_sorts)
        if (field == s.field) sort = &s;
    if (!sort) {
        std::optional<std::string> bad = field;
        check_member(bad, k_sort_fields, "sort field");
    }

    std::vector<std::string> where;
    db::Params params;
    auto param = [&](db::Param p) {
        params.push_back(std::move(p));
        return "$" + std::to_string(params.size());
    };
    if (f.search && !f.search->empty()) {
        std::string p = param(like_fragment(*f.search));
        where.push_back(fmt::format("(u.email::text ILIKE {0} OR u.name ILIKE {0} OR u.company ILIKE {0})", p));
    }
    if (f.status) where.push_back("u.status = " + param(*f.status));
    if (f.plan) where.push_back("u.plan = " + param(*f.plan));
    if (f.joined_after) where.push_back("u.created_at >= " + param(*f.joined_after) + "::timestamptz");
    if (f.joined_before) where.push_back("u.created_at < " + param(*f.joined_before) + "::timestamptz");
    if (f.after) {
        auto [value, id] = domain::decode_cursor(*f.after);
        where.push_back(fmt::format("({}, u.id) {} ({}::{}, {}::bigint)", sort->expr, desc ? "<" : ">",
                                    param(value), sort->type, param(id)));
    }
    std::string sql = fmt::format(
        "SELECT u.id, u.email, u.name, u.company, u.status, u.plan, "
        "(SELECT count(*) FROM agents a WHERE a.user_id = u.id AND a.status <> 'deleted') AS agents, "
        "u.wallet, u.phone, u.auth_provider, u.auth_provider_id, u.credits, u.created_at, u.last_login_at, "
        "{0}::text AS sort_value "
        "FROM users u {1} ORDER BY {0} {2}, u.id {2}",
        sort->expr, where.empty() ? "" : "WHERE " + fmt::format("{}", fmt::join(where, " AND ")),
        desc ? "DESC" : "ASC");
    if (f.limit > 0) sql += " LIMIT " + param(f.limit + 1);

    auto result = conn.exec(sql, params);
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

std::vector<output::Section> show(db::Connection& conn, std::int64_t user_id) {
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
    return doc;
}

}  // namespace ctl::users
