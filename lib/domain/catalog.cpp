#include "domain/catalog.hpp"

#include "domain/rows.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace ctl::billing {

namespace {

using output::Column;
using output::Kind;
using output::Visibility;

users::Page page_of(const db::Result& result, const std::vector<Column>& kinds) {
    users::Page page;
    page.columns = domain::columns_of(result, kinds);
    page.rows = domain::rows_of(result);
    return page;
}

void check_json(const std::optional<std::string>& text, bool array, const char* what) {
    if (!text) return;
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || (array ? !j.is_array() : !j.is_object()))
        throw UsageError(fmt::format("{} must be a JSON {}", what, array ? "array" : "object"),
                         array ? "e.g. '[\"priority support\", \"custom domain\"]'" : "e.g. '{\"minutes\": 1000}'");
}

void check_plan(const PlanFields& p) {
    if (p.tier && *p.tier != "matt" && *p.tier != "pro" && *p.tier != "enterprise")
        throw UsageError(fmt::format("unknown tier '{}'", *p.tier), "one of: matt, pro, enterprise");
    if (p.interval && *p.interval != "month" && *p.interval != "year")
        throw UsageError(fmt::format("unknown interval '{}'", *p.interval), "one of: month, year");
    if (p.price_cents && *p.price_cents < 0) throw UsageError("the price cannot be negative");
    if (p.trial_days && *p.trial_days < 0) throw UsageError("--trial-days must be 0 or more");
    if (p.agent_limit && *p.agent_limit <= 0) throw UsageError("--agent-limit must be 1 or more");
    check_json(p.features, true, "--features");
    check_json(p.quotas, false, "--quotas");
}

std::int64_t resolve_plan(db::Transaction& tx, std::string_view plan) {
    bool digits = !plan.empty() && std::all_of(plan.begin(), plan.end(), [](char c) { return c >= '0' && c <= '9'; });
    auto r = tx.exec(digits ? "SELECT id FROM plans WHERE id = $1::bigint FOR UPDATE"
                            : "SELECT id FROM plans WHERE code = $1 FOR UPDATE",
                     {plan});
    if (r.empty()) throw NotFound(fmt::format("plan '{}' not found", plan), "see: ctl payments plans list");
    return r[0].int64(0);
}

ActionResult plan_result(db::Transaction& tx, std::int64_t id, bool changed, std::string summary) {
    auto r = tx.exec("SELECT id, code, name, tier, interval, price_cents::text || ' ' || currency AS price, "
                     "features, quotas, archived_at FROM plans WHERE id = $1",
                     {id});
    ActionResult a;
    a.changed = changed;
    a.summary = std::move(summary);
    a.field("plan_id", Kind::integer, std::string(r[0].text(0)))
        .field("code", Kind::text, std::string(r[0].text(1)))
        .field("name", Kind::text, std::string(r[0].text(2)))
        .field("tier", Kind::text, std::string(r[0].text(3)))
        .field("interval", Kind::text, std::string(r[0].text(4)))
        .field("price", Kind::money, std::string(r[0].text(5)))
        .field("features", Kind::json, std::string(r[0].text(6)))
        .field("quotas", Kind::json, std::string(r[0].text(7)))
        .field("archived_at", Kind::time, r[0].opt_text(8))
        .field("changed", Kind::boolean, changed ? "true" : "false");
    return a;
}

}  // namespace

users::Page list_plans(db::Connection& conn, bool include_archived) {
    return page_of(conn.exec("SELECT id, code, name, tier, interval, price_cents::text || ' ' || currency AS price, "
                             "price_cents, currency, trial_days, agent_limit, features, quotas, "
                             "(SELECT count(*) FROM subscriptions s WHERE s.plan_id = p.id AND s.status <> 'canceled') "
                             "AS live_subscriptions, created_at, archived_at FROM plans p "
                             "WHERE $1 OR archived_at IS NULL ORDER BY tier, interval, price_cents, id",
                             {include_archived}),
                   {{"id", Kind::integer},
                    {"price", Kind::money, Visibility::table_only},
                    {"price_cents", Kind::integer, Visibility::machine_only},
                    {"currency", Kind::text, Visibility::machine_only},
                    {"trial_days", Kind::integer},
                    {"agent_limit", Kind::integer},
                    {"features", Kind::json, Visibility::machine_only},
                    {"quotas", Kind::json, Visibility::machine_only},
                    {"live_subscriptions", Kind::integer},
                    {"created_at", Kind::time, Visibility::on_request},
                    {"archived_at", Kind::time}});
}

ActionResult create_plan(db::Connection& conn, const PlanFields& p, std::string_view reason, bool dry_run) {
    if (!p.code || !p.name || !p.tier || !p.interval || !p.price_cents)
        throw UsageError("a plan needs --code, --name, --tier, --interval and --price");
    check_plan(p);
    return audited(conn, "payments plans create", reason, dry_run, [&](db::Transaction& tx) {
        if (!tx.exec("SELECT 1 FROM plans WHERE code = $1", {*p.code}).empty())
            throw Conflict(fmt::format("plan '{}' exists", *p.code), "edit it with: ctl payments plans edit");
        auto r = tx.exec("INSERT INTO plans (code, name, tier, interval, price_cents, currency, trial_days, agent_limit, "
                         "features, quotas) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::jsonb, '[]'), "
                         "coalesce($10::jsonb, '{}')) RETURNING id",
                         {*p.code, *p.name, *p.tier, *p.interval, *p.price_cents, p.currency.value_or("USD"),
                          p.trial_days.value_or(0), p.agent_limit, p.features, p.quotas});
        return plan_result(tx, r[0].int64(0), true, "created plan " + *p.code);
    });
}

ActionResult edit_plan(db::Connection& conn, std::string_view plan, const PlanFields& p, std::string_view reason,
                       bool dry_run) {
    if (!p.name && !p.price_cents && !p.currency && !p.trial_days && !p.agent_limit && !p.features && !p.quotas)
        throw UsageError("nothing to change", "give --name, --price, --currency, --trial-days, --agent-limit, --features or --quotas");
    check_plan(p);
    return audited(conn, "payments plans edit", reason, dry_run, [&](db::Transaction& tx) {
        auto id = resolve_plan(tx, plan);
        auto r = tx.exec("UPDATE plans SET name = coalesce($2, name), price_cents = coalesce($3::bigint, price_cents), "
                         "currency = coalesce($4, currency), trial_days = coalesce($5::integer, trial_days), "
                         "agent_limit = coalesce($6::integer, agent_limit), features = coalesce($7::jsonb, features), "
                         "quotas = coalesce($8::jsonb, quotas) WHERE id = $1 AND (name, price_cents, currency, "
                         "trial_days, agent_limit, features, quotas) IS DISTINCT FROM (coalesce($2, name), "
                         "coalesce($3::bigint, price_cents), coalesce($4, currency), coalesce($5::integer, trial_days), "
                         "coalesce($6::integer, agent_limit), coalesce($7::jsonb, features), coalesce($8::jsonb, quotas))",
                         {id, p.name, p.price_cents, p.currency, p.trial_days, p.agent_limit, p.features, p.quotas});
        bool changed = r.affected_rows() > 0;
        return plan_result(tx, id, changed, changed ? fmt::format("edited plan {}", plan)
                                                    : fmt::format("plan {} already has these values", plan));
    });
}

ActionResult archive_plan(db::Connection& conn, std::string_view plan, std::string_view reason, bool dry_run) {
    return audited(conn, "payments plans archive", reason, dry_run, [&](db::Transaction& tx) {
        auto id = resolve_plan(tx, plan);
        auto r = tx.exec("UPDATE plans SET archived_at = now() WHERE id = $1 AND archived_at IS NULL", {id});
        bool changed = r.affected_rows() > 0;
        return plan_result(tx, id, changed, changed ? fmt::format("archived plan {} (subscriptions on it stay)", plan)
                                                    : fmt::format("plan {} is already archived", plan));
    });
}

users::Page list_coupons(db::Connection& conn, bool include_disabled) {
    return page_of(conn.exec("SELECT id, code, percent_off, amount_off_cents::text || ' ' || currency AS amount_off, "
                             "amount_off_cents, currency, duration, duration_months, max_redemptions, redeemed_count, "
                             "expires_at, disabled_at, created_at FROM coupons "
                             "WHERE $1 OR (disabled_at IS NULL AND (expires_at IS NULL OR expires_at > now())) "
                             "ORDER BY created_at DESC, id DESC",
                             {include_disabled}),
                   {{"id", Kind::integer},
                    {"percent_off", Kind::integer},
                    {"amount_off", Kind::money, Visibility::table_only},
                    {"amount_off_cents", Kind::integer, Visibility::machine_only},
                    {"currency", Kind::text, Visibility::machine_only},
                    {"duration_months", Kind::integer},
                    {"max_redemptions", Kind::integer},
                    {"redeemed_count", Kind::integer},
                    {"expires_at", Kind::time},
                    {"disabled_at", Kind::time},
                    {"created_at", Kind::time, Visibility::on_request}});
}

ActionResult create_coupon(db::Connection& conn, const CouponFields& c, std::string_view reason, bool dry_run) {
    if (c.code.empty()) throw UsageError("a coupon needs --code");
    if (c.percent_off.has_value() == c.amount_off_cents.has_value())
        throw UsageError("give either --percent-off or --amount-off");
    if (c.percent_off && (*c.percent_off < 1 || *c.percent_off > 100))
        throw UsageError("--percent-off must be from 1 to 100");
    if (c.amount_off_cents && *c.amount_off_cents <= 0) throw UsageError("--amount-off must be above 0");
    if (c.amount_off_cents && !c.currency) throw UsageError("--amount-off needs --currency");
    if (c.duration != "once" && c.duration != "repeating" && c.duration != "forever")
        throw UsageError(fmt::format("unknown duration '{}'", c.duration), "one of: once, repeating, forever");
    if ((c.duration == "repeating") != c.duration_months.has_value())
        throw UsageError("--duration-months goes with --duration repeating (and only with it)");
    if (c.duration_months && *c.duration_months <= 0) throw UsageError("--duration-months must be 1 or more");
    if (c.max_redemptions && *c.max_redemptions <= 0) throw UsageError("--max-redemptions must be 1 or more");
    return audited(conn, "payments coupons create", reason, dry_run, [&](db::Transaction& tx) {
        if (!tx.exec("SELECT 1 FROM coupons WHERE code = $1::citext", {c.code}).empty())
            throw Conflict(fmt::format("coupon '{}' exists", c.code));
        auto r = tx.exec("INSERT INTO coupons (code, percent_off, amount_off_cents, currency, duration, duration_months, "
                         "max_redemptions, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                         {c.code, c.percent_off, c.amount_off_cents, c.currency, c.duration, c.duration_months,
                          c.max_redemptions, c.expires_at});
        ActionResult a;
        a.changed = true;
        a.summary = "created coupon " + c.code;
        a.field("coupon_id", Kind::integer, std::string(r[0].text(0)))
            .field("code", Kind::text, c.code)
            .field("duration", Kind::text, c.duration)
            .field("changed", Kind::boolean, "true");
        return a;
    });
}

ActionResult disable_coupon(db::Connection& conn, std::string_view code, std::string_view reason, bool dry_run) {
    return audited(conn, "payments coupons disable", reason, dry_run, [&](db::Transaction& tx) {
        auto r = tx.exec("SELECT id, disabled_at IS NOT NULL FROM coupons WHERE code = $1::citext FOR UPDATE", {code});
        if (r.empty()) throw NotFound(fmt::format("coupon '{}' not found", code), "see: ctl payments coupons list");
        bool changed = !r[0].boolean(1);
        if (changed) tx.exec("UPDATE coupons SET disabled_at = now() WHERE id = $1", {r[0].int64(0)});
        ActionResult a;
        a.changed = changed;
        a.summary = changed ? fmt::format("disabled coupon {} (subscriptions using it keep their discount)", code)
                            : fmt::format("coupon {} is already disabled", code);
        a.field("coupon_id", Kind::integer, std::string(r[0].text(0)))
            .field("code", Kind::text, std::string(code))
            .field("changed", Kind::boolean, changed ? "true" : "false");
        return a;
    });
}

}  // namespace ctl::billing
