#include "domain/agents.hpp"

#include "domain/deployments.hpp"
#include "domain/rows.hpp"
#include "domain/search_page.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ctl::agents {

namespace {

using domain::SearchPlan;
using output::Column;
using output::Kind;
using output::Visibility;

const std::vector<Column>& agent_kinds() {
    static const std::vector<Column> kinds = {
        {"id", Kind::integer},           {"agent_id", Kind::integer},  {"owner_id", Kind::integer},
        {"user_id", Kind::integer},      {"verified", Kind::boolean},  {"verified_at", Kind::time},
        {"created_at", Kind::time},      {"updated_at", Kind::time},   {"deleted_at", Kind::time},
        {"subscription_end", Kind::time}, {"changed", Kind::boolean},  {"purpose", Kind::text, Visibility::on_request},
        {"subscriptions_canceled", Kind::integer},
    };
    return kinds;
}


constexpr const char* k_live = "('trialing', 'active', 'past_due')";

// The agent's main subscription: a live one first, then the latest.
constexpr const char* k_subscription_join =
    "LEFT JOIN LATERAL (SELECT s.id, s.status, s.current_period_end, s.cancel_at FROM subscriptions s "
    "WHERE s.agent_id = a.id ORDER BY (s.status IN ('trialing', 'active', 'past_due')) DESC, "
    "s.current_period_end DESC LIMIT 1) s ON true";

struct Locked {
    std::string status, name;
};

// Locks the agent's row, or with lock = false only reads it (billing may cancel subscriptions
// without any right on agents).
Locked lock_agent(db::Transaction& tx, std::int64_t id, bool lock = true) {
    auto r = tx.exec(lock ? "SELECT status, name FROM agents WHERE id = $1 FOR UPDATE"
                          : "SELECT status, name FROM agents WHERE id = $1",
                     {id});
    if (r.empty()) throw NotFound(fmt::format("agent {} not found", id), "see: ctl agents list");
    return {std::string(r[0].text(0)), std::string(r[0].text(1))};
}

void refuse_deleted(const Locked& a, std::int64_t id, const char* what) {
    if (a.status == "deleted") throw Conflict(fmt::format("agent {} is deleted; cannot {}", id, what));
}

domain::Change agent_record(db::Transaction& tx, std::int64_t id, bool changed, std::string summary,
                            long long canceled = 0) {
    domain::Change c;
    c.changed = changed;
    c.summary = std::move(summary);
    domain::set_record(c,
                       tx.exec("SELECT a.id AS agent_id, a.name, a.purpose, a.tier, a.status, a.verified, "
                               "a.bot_username, $2::boolean AS changed, $3::bigint AS subscriptions_canceled "
                               "FROM agents a WHERE a.id = $1",
                               {id, changed, canceled}),
                       agent_kinds());
    return c;
}

long long cancel_subscriptions(db::Transaction& tx, std::int64_t id) {
    return tx
        .exec("WITH c AS (UPDATE subscriptions SET status = 'canceled', canceled_at = now(), "
              "cancel_at = coalesce(cancel_at, now()), updated_at = now() "
              "WHERE agent_id = $1 AND status IN ('trialing', 'active', 'past_due', 'paused') "
              "RETURNING id, user_id, plan_id, currency) "
              "INSERT INTO subscription_events (subscription_id, user_id, plan_id, kind, status, mrr_cents, "
              "currency, effective_at) SELECT id, user_id, plan_id, 'canceled', 'canceled', 0, currency, now() FROM c",
              {id})
        .affected_rows();
}

// A search's windows: the newest agents (domain/search_page.hpp). A common fragment (say
// "gmail") fills a page among the first thousand, where collecting all its matches would read a
// large part of agents; one in a hundred ("johan") within some 5,000. At 834k agents a row walked
// costs about 0.75 µs and a match collected 1.7 µs: walking pays when more than one agent in 200
// matches, which puts a page within 10,000 rows (15,000 with search_page's margin).
constexpr domain::SearchWindow k_search_window{1000, 15000};

// The list query. Filters on the agent (and its subscription) pick a page of ids first; only the
// page's agents are then joined to their owner and subscription for display.
std::string list_sql(const ListFilter& f, db::Params& params, SearchPlan plan, long long window_rows) {
    auto param = [&](db::Param p) {
        params.push_back(std::move(p));
        return "$" + std::to_string(params.size());
    };
    std::vector<std::string> where;
    std::string after;
    if (f.after) {
        auto [value, id] = domain::decode_cursor(*f.after);
        after = fmt::format("(a.created_at, a.id) < ({}::timestamptz, {}::bigint)", param(value), param(id));
        where.push_back(after);
    }
    if (f.status) where.push_back("a.status = " + param(*f.status));
    if (f.tier) where.push_back("a.tier = " + param(*f.tier));
    if (f.owner) where.push_back("a.user_id = " + param(*f.owner));
    if (f.subscription == "active")
        where.push_back(fmt::format("s.status IN {} AND s.current_period_end > now() + interval '7 days' "
                                    "AND s.cancel_at IS NULL", k_live));
    else if (f.subscription == "expiring")
        where.push_back(fmt::format("s.status IN {} AND (s.current_period_end <= now() + interval '7 days' "
                                    "OR s.cancel_at IS NOT NULL)", k_live));
    else if (f.subscription == "expired")
        where.push_back(fmt::format("(s.status IS NULL OR s.status NOT IN {})", k_live));
    std::string subscription = f.subscription ? k_subscription_join : "";
    std::string limit = f.limit > 0 ? " LIMIT " + param(f.limit + 1) : "";
    std::string newest = "ORDER BY a.created_at DESC, a.id DESC";
    // The filtered agents from `from`, with `match` among the conditions.
    auto select = [&](std::string_view columns, std::string_view from, std::optional<std::string> match) {
        auto conditions = where;
        if (match) conditions.push_back(std::move(*match));
        return fmt::format("SELECT {} FROM {} {} {}", columns, from, subscription,
                           conditions.empty() ? "" : fmt::format("WHERE {}", fmt::join(conditions, " AND ")));
    };

    std::string page;
    if (!f.search || f.search->empty()) {
        page = fmt::format("{} {}{}", select("a.id", "agents a", std::nullopt), newest, limit);
    } else {
        // agents.search_doc (migration 0017): the name and the owner's e-mail, lower-cased.
        auto match = fmt::format("a.search_doc LIKE lower({})", param(domain::like_fragment(*f.search)));
        if (plan == SearchPlan::window) {
            auto window = fmt::format("(SELECT * FROM agents a {} {} LIMIT {}) a", after.empty() ? "" : "WHERE " + after,
                                      newest, window_rows);
            page = fmt::format("{} {}{}", select("a.id", window, std::move(match)), newest, limit);
        } else {
            // Collected first, then ordered: walking agents newest first and testing each one
            // is what the window already did, and the planner, misjudging how rare a fragment
            // is, would otherwise walk all of them for one that matches nothing (0.8 s).
            page = fmt::format("WITH m AS MATERIALIZED ({}) SELECT m.id FROM m ORDER BY m.created_at DESC, m.id DESC{}",
                               select("a.id, a.created_at", "agents a", std::move(match)), limit);
        }
    }
    return fmt::format(
        "SELECT a.id, a.name, u.email AS owner, a.user_id AS owner_id, a.status, a.tier, a.bot_username, a.verified, "
        "s.status AS subscription, s.current_period_end AS subscription_end, a.created_at, a.purpose, "
        "a.created_at::text AS sort_value FROM ({}) page JOIN agents a USING (id) JOIN users u ON u.id = a.user_id {} {}",
        page, k_subscription_join, newest);
}

}  // namespace

users::Page list(db::Connection& conn, const ListFilter& f) {
    if (f.limit < 0) throw UsageError("--limit must be 0 or more");
    domain::check_member(f.status, k_statuses, "agent status");
    domain::check_member(f.tier, k_tiers, "tier");
    domain::check_member(f.subscription, k_subscription_states, "subscription state");
    auto run = [&](SearchPlan plan, long long window_rows) {
        db::Params params;
        auto sql = list_sql(f, params, plan, window_rows);
        return conn.exec(sql, params);
    };
    db::Result result = f.search && !f.search->empty() ? domain::search_page(f.limit, k_search_window, run)
                                                        : run(SearchPlan::walk, 0);
    users::Page page;
    int ncols = result.columns() - 1;
    auto all = domain::columns_of(result, agent_kinds());
    page.columns.assign(all.begin(), all.begin() + ncols);
    int n = result.rows();
    if (f.limit > 0 && n > f.limit) {
        n = static_cast<int>(f.limit);
        page.next_cursor = domain::encode_cursor(std::string(result[n - 1].text(ncols)), result[n - 1].int64(0));
        page.more = true;
    }
    for (int i = 0; i < n; ++i) page.rows.push_back(domain::row_of(result[i], ncols));
    return page;
}

std::int64_t resolve(db::Connection& conn, const std::string& ref) {
    bool digits = !ref.empty() && ref.size() < 19 &&
                  std::all_of(ref.begin(), ref.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) throw UsageError(fmt::format("'{}' is not an agent id", ref), "agents are named by id: ctl agents list");
    auto r = conn.exec("SELECT id FROM agents WHERE id = $1::bigint", {ref});
    if (r.empty()) throw NotFound(fmt::format("agent {} not found", ref), "see: ctl agents list --search <name>");
    return r[0].int64(0);
}

std::vector<output::Section> show(db::Connection& conn, std::int64_t id) {
    std::vector<output::Section> doc;
    db::Params p{id};
    auto kinds = agent_kinds();
    for (auto& k : kinds) k.visibility = Visibility::always;
    doc.push_back(domain::section_of(
        "agent", "Agent",
        conn.exec("SELECT a.id, a.name, a.purpose, a.tier, a.status, a.bot_username, "
                  "CASE WHEN a.bot_username IS NOT NULL THEN 'https://t.me/' || a.bot_username END AS telegram_link, "
                  "a.verified, a.verified_at, a.created_at, a.updated_at, a.deleted_at FROM agents a WHERE a.id = $1",
                  p),
        kinds, true));
    if (doc.back().rows.empty()) throw NotFound(fmt::format("agent {} not found", id), "see: ctl agents list");
    doc.push_back(domain::section_of(
        "owner", "Owner",
        conn.exec("SELECT u.id AS user_id, u.email, u.name, u.status, u.plan FROM agents a "
                  "JOIN users u ON u.id = a.user_id WHERE a.id = $1",
                  p),
        kinds, true));
    doc.push_back(domain::section_of(
        "subscription", "Subscription",
        conn.exec(fmt::format("SELECT s.id, pl.code AS plan, x.status, x.price_cents::text || ' ' || x.currency AS price, "
                              "x.interval, x.current_period_start, x.current_period_end, "
                              "CASE WHEN x.status IN {} AND x.cancel_at IS NULL THEN x.current_period_end END "
                              "AS next_billing_at, x.cancel_at, x.canceled_at FROM agents a {} "
                              "JOIN subscriptions x ON x.id = s.id JOIN plans pl ON pl.id = x.plan_id WHERE a.id = $1",
                              k_live, k_subscription_join),
                  p),
        {{"id", Kind::integer},
         {"price", Kind::money},
         {"current_period_start", Kind::time},
         {"current_period_end", Kind::time},
         {"next_billing_at", Kind::time},
         {"cancel_at", Kind::time},
         {"canceled_at", Kind::time}},
        true));
    auto history = conn.exec(
        "SELECT d.id, d.attempt, d.status, d.devin_session_id AS session_id, d.created_at, d.started_at, d.finished_at, "
        "extract(epoch FROM d.finished_at - d.started_at)::bigint AS duration_s, d.error, "
        "d.output ->> 'bot_username' AS bot_username FROM deployments d WHERE d.agent_id = $1 ORDER BY d.attempt DESC",
        p);
    auto deployments = domain::section_of("deployments", "Deployments", history,
                                          {{"id", Kind::integer},
                                           {"attempt", Kind::integer},
                                           {"created_at", Kind::time},
                                           {"started_at", Kind::time},
                                           {"finished_at", Kind::time},
                                           {"duration_s", Kind::integer, Visibility::machine_only}});
    deployments::append_duration(deployments.columns, deployments.rows, "duration_s", "duration");
    doc.push_back(std::move(deployments));
    return doc;
}

domain::Change edit(db::Connection& conn, std::int64_t id, const Edit& e, const std::string& reason, bool dry_run) {
    if (!e.name && !e.purpose && !e.tier) throw UsageError("nothing to change", "give --name, --purpose or --tier");
    if (e.name && (e.name->empty() || e.name->size() > 200)) throw UsageError("--name must be 1 to 200 characters");
    domain::check_member(e.tier, k_tiers, "tier");
    return domain::audited_change(conn, "agents edit", reason, dry_run, [&](db::Transaction& tx) {
        auto a = lock_agent(tx, id);
        refuse_deleted(a, id, "edit it");
        auto r = tx.exec("WITH old AS (SELECT name, purpose, tier FROM agents WHERE id = $1) "
                         "UPDATE agents a SET name = coalesce($2, a.name), "
                         "purpose = CASE WHEN $3::text IS NULL THEN a.purpose ELSE nullif($3, '') END, "
                         "tier = coalesce($4, a.tier), updated_at = now() FROM old WHERE a.id = $1 "
                         "RETURNING (old.name, old.purpose, old.tier) IS DISTINCT FROM (a.name, a.purpose, a.tier)",
                         {id, e.name, e.purpose, e.tier});
        bool changed = r[0].boolean(0);
        return agent_record(tx, id, changed,
                            changed ? fmt::format("edited agent {}", id) : fmt::format("agent {} already has these values", id));
    });
}

domain::Change verify(db::Connection& conn, std::int64_t id, const std::string& reason, bool dry_run) {
    return domain::audited_change(conn, "agents verify", reason, dry_run, [&](db::Transaction& tx) {
        auto a = lock_agent(tx, id);
        refuse_deleted(a, id, "verify it");
        bool changed = tx.exec("UPDATE agents SET verified = true, verified_at = now(), updated_at = now() "
                               "WHERE id = $1 AND NOT verified",
                               {id})
                           .affected_rows() > 0;
        return agent_record(tx, id, changed,
                            changed ? fmt::format("verified agent {} by hand", id) : fmt::format("agent {} is already verified", id));
    });
}

domain::Change cancel(db::Connection& conn, std::int64_t id, const std::string& reason, bool dry_run) {
    return domain::audited_change(conn, "agents cancel", reason, dry_run, [&](db::Transaction& tx) {
        lock_agent(tx, id, false);
        auto n = cancel_subscriptions(tx, id);
        return agent_record(tx, id, n > 0,
                            n > 0 ? fmt::format("cancelled {} subscription(s) of agent {}", n, id)
                                  : fmt::format("agent {} has no live subscription", id),
                            n);
    });
}

domain::Change remove(db::Connection& conn, std::int64_t id, const std::string& reason, bool dry_run) {
    return domain::audited_change(conn, "agents delete", reason, dry_run, [&](db::Transaction& tx) {
        auto a = lock_agent(tx, id);
        if (a.status == "deleted") return agent_record(tx, id, false, fmt::format("agent {} is already deleted", id));
        auto running = tx.exec("SELECT id FROM deployments WHERE agent_id = $1 AND status IN ('queued', 'running')", {id});
        if (!running.empty())
            throw Conflict(fmt::format("deployment {} of agent {} is still in flight", running[0].int64(0), id),
                           fmt::format("cancel it first: ctl devin cancel {} --reason ...", running[0].int64(0)));
        auto n = cancel_subscriptions(tx, id);
        tx.exec("UPDATE agents SET status = 'deleted', deleted_at = now(), updated_at = now() WHERE id = $1", {id});
        return agent_record(tx, id, true, fmt::format("deleted agent {} ({} subscription(s) cancelled)", id, n), n);
    });
}

std::optional<std::int64_t> refundable_payment(db::Connection& conn, std::int64_t id) {
    auto r = conn.exec("SELECT p.id FROM payments p JOIN subscriptions s ON s.id = p.subscription_id "
                       "WHERE s.agent_id = $1 AND p.status IN ('succeeded', 'partially_refunded') "
                       "ORDER BY p.created_at DESC, p.id DESC LIMIT 1",
                       {id});
    if (r.empty()) return std::nullopt;
    return r[0].int64(0);
}

}  // namespace ctl::agents
