#pragma once
// The catalogue (issue 5): plans (price, currency, interval month|year, tier, features and
// quotas as JSON) and coupons (percent or amount off; duration once|repeating|forever; maximum
// redemptions; expiry). Changes are audited transactions; archiving a plan and disabling a
// coupon are idempotent (already so: changed = false) and never delete anything.

#include "db/connection.hpp"
#include "domain/billing.hpp"
#include "domain/users.hpp"

#include <optional>
#include <string>

namespace ctl::billing {

// All plans (archived ones only with include_archived), by tier and price.
users::Page list_plans(db::Connection& conn, bool include_archived);

struct PlanFields {
    std::optional<std::string> code, name, tier, interval, currency;
    std::optional<long long> price_cents, trial_days, agent_limit;
    std::optional<std::string> features;  // JSON array text
    std::optional<std::string> quotas;    // JSON object text
};

// Create needs code, name, tier, interval and price. UsageError for malformed values (JSON of
// the wrong shape, unknown tier or interval, negative numbers); Conflict for a taken code.
ActionResult create_plan(db::Connection& conn, const PlanFields& plan, std::string_view reason, bool dry_run);
// Changes the given fields of a plan (by code or id); code, tier and interval stay. Existing
// subscriptions keep their price. NotFound; UsageError when nothing is given.
ActionResult edit_plan(db::Connection& conn, std::string_view plan, const PlanFields& fields,
                       std::string_view reason, bool dry_run);
ActionResult archive_plan(db::Connection& conn, std::string_view plan, std::string_view reason, bool dry_run);

users::Page list_coupons(db::Connection& conn, bool include_disabled);

struct CouponFields {
    std::string code;
    std::optional<long long> percent_off;      // 1..100
    std::optional<long long> amount_off_cents;  // with currency
    std::optional<std::string> currency;
    std::string duration = "once";             // once, repeating, forever
    std::optional<long long> duration_months;  // repeating only
    std::optional<long long> max_redemptions;
    std::optional<std::string> expires_at;     // RFC 3339
};

ActionResult create_coupon(db::Connection& conn, const CouponFields& coupon, std::string_view reason, bool dry_run);
ActionResult disable_coupon(db::Connection& conn, std::string_view code, std::string_view reason, bool dry_run);

}  // namespace ctl::billing
