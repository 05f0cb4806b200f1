#include "domain/payments.hpp"

#include "domain/billing_query.hpp"
#include "domain/rows.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ctl::payments {

namespace {

using output::Column;
using output::Kind;
using output::Visibility;
using billing::Clause;

const std::vector<Column>& payment_kinds() {
    static const std::vector<Column> kinds = {
        {"id", Kind::integer},
        {"user_id", Kind::integer},
        {"subscription_id", Kind::integer},
        {"amount", Kind::money, Visibility::table_only},
        {"refunded", Kind::money, Visibility::table_only},
        {"amount_cents", Kind::integer, Visibility::machine_only},
        {"refunded_cents", Kind::integer, Visibility::machine_only},
        {"currency", Kind::text, Visibility::machine_only},
        {"pay_amount", Kind::number, Visibility::on_request},
        {"pay_currency", Kind::text, Visibility::on_request},
        {"description", Kind::text, Visibility::on_request},
        {"failure_reason", Kind::text, Visibility::on_request},
        {"paid_at", Kind::time},
        {"created_at", Kind::time},
        {"updated_at", Kind::time, Visibility::on_request},
    };
    return kinds;
}

template <std::size_t N>
void check_member(const std::optional<std::string>& value, const char* const (&allowed)[N], const char* what) {
    if (!value) return;
    if (std::any_of(std::begin(allowed), std::end(allowed), [&](const char* a) { return *value == a; })) return;
    throw UsageError(fmt::format("unknown {} '{}'", what, *value),
                     fmt::format("one of: {}", fmt::join(std::begin(allowed), std::end(allowed), ", ")));
}

Clause clause_of(const Filter& f) {
    check_member(f.status, k_statuses, "status");
    check_member(f.provider, k_providers, "provider");
    if (f.min_cents && f.max_cents && *f.min_cents > *f.max_cents)
        throw UsageError("--min is above --max", "give a range such as --min 10 --max 100");
    if (f.failed && f.status && *f.status != "failed")
        throw UsageError("--failed contradicts --status " + *f.status);
    Clause c;
    if (f.status) c.conditions.push_back("p.status = " + c.add(*f.status));
    if (f.failed) c.conditions.push_back("p.status = 'failed'");
    if (f.pending_before)
        c.conditions.push_back("p.status = 'pending' AND p.created_at < " + c.add(*f.pending_before) + "::timestamptz");
    if (f.provider) c.conditions.push_back("p.provider = " + c.add(*f.provider));
    if (f.user_id) c.conditions.push_back("p.user_id = " + c.add(*f.user_id) + "::bigint");
    if (f.from) c.conditions.push_back("p.created_at >= " + c.add(*f.from) + "::timestamptz");
    if (f.to) c.conditions.push_back("p.created_at < " + c.add(*f.to) + "::timestamptz");
    if (f.min_cents) c.conditions.push_back("p.amount_cents >= " + c.add(*f.min_cents) + "::bigint");
    if (f.max_cents) c.conditions.push_back("p.amount_cents <= " + c.add(*f.max_cents) + "::bigint");
    return c;
}

constexpr const char* k_columns =
    "p.id, p.user_id, u.email, p.provider, p.provider_payment_id, p.status, p.provider_status, "
    "p.amount_cents::text || ' ' || p.currency AS amount, p.refunded_cents::text || ' ' || p.currency AS refunded, "
    "p.amount_cents, p.refunded_cents, p.currency, p.subscription_id, p.pay_amount, p.pay_currency, p.description, "
    "p.failure_reason, p.paid_at, p.created_at, p.updated_at";

}  // namespace

users::Page list(db::Connection& conn, const Filter& f) {
    Clause c = clause_of(f);
    billing::add_cursor(c, "p.created_at", "p.id", f.after);
    return billing::keyset_page(conn,
                                fmt::format("SELECT {}, p.created_at::text AS sort_value FROM payments p "
                                            "JOIN users u ON u.id = p.user_id {} ORDER BY p.created_at DESC, p.id DESC",
                                            k_columns, c.where()),
                                c, payment_kinds(), f.limit);
}

void export_payments(db::Connection& conn, const Filter& f, output::Renderer& out) {
    Clause c = clause_of(f);
    std::string sql = fmt::format("SELECT {} FROM payments p JOIN users u ON u.id = p.user_id {} ORDER BY p.id",
                                  k_columns, c.where());
    auto shape = conn.exec(sql + " LIMIT 0", c.params);
    auto columns = domain::columns_of(shape, payment_kinds());
    for (auto& col : columns)
        if (col.visibility == Visibility::on_request) col.visibility = Visibility::always;
    out.begin(columns);
    int ncols = shape.columns();
    conn.stream(sql, c.params, [&](const db::RowRef& row) { out.row(domain::row_of(row, ncols)); });
    out.end();
}

std::int64_t resolve(db::Connection& conn, std::string_view ref) {
    if (ref.empty()) throw UsageError("empty payment reference", "give a payment id or the provider's payment id");
    bool digits = std::all_of(ref.begin(), ref.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (digits && ref.size() < 19) {
        auto r = conn.exec("SELECT id FROM payments WHERE id = $1::bigint", {ref});
        if (!r.empty()) return r[0].int64(0);
    }
    auto r = conn.exec("SELECT id FROM payments WHERE provider_payment_id = $1 ORDER BY id LIMIT 2", {ref});
    if (r.rows() > 1)
        throw UsageError(fmt::format("payment '{}' is ambiguous", ref), "name it by ctl's payment id");
    if (r.empty())
        throw NotFound(fmt::format("payment '{}' not found", ref), "list them with: ctl payments list --user USER");
    return r[0].int64(0);
}

std::vector<output::Section> show(db::Connection& conn, std::int64_t payment_id) {
    std::vector<output::Section> doc;
    db::Params id{payment_id};
    auto kinds = payment_kinds();
    for (auto& k : kinds)
        if (k.visibility != Visibility::table_only) k.visibility = Visibility::always;
    doc.push_back(domain::section_of(
        "payment", "Payment", conn.exec(fmt::format("SELECT {} FROM payments p JOIN users u ON u.id = p.user_id "
                                                    "WHERE p.id = $1",
                                                    k_columns),
                                        id),
        kinds, true));
    if (doc.back().rows.empty()) throw NotFound(fmt::format("payment {} not found", payment_id));
    doc.push_back(domain::section_of(
        "user", "User",
        conn.exec("SELECT u.id, u.email, u.name, u.company, u.status, u.plan, u.created_at FROM payments p "
                  "JOIN users u ON u.id = p.user_id WHERE p.id = $1",
                  id),
        {{"id", Kind::integer}, {"created_at", Kind::time}}, true));
    doc.push_back(domain::section_of(
        "subscription", "Subscription",
        conn.exec("SELECT s.id, pl.code AS plan, s.status, s.interval, s.price_cents::text || ' ' || s.currency AS price, "
                  "s.current_period_start, s.current_period_end, s.cancel_at FROM payments p "
                  "JOIN subscriptions s ON s.id = p.subscription_id JOIN plans pl ON pl.id = s.plan_id WHERE p.id = $1",
                  id),
        {{"id", Kind::integer},
         {"price", Kind::money},
         {"current_period_start", Kind::time},
         {"current_period_end", Kind::time},
         {"cancel_at", Kind::time}},
        true));
    doc.push_back(domain::section_of(
        "agent", "Agent",
        conn.exec("SELECT a.id, a.name, a.tier, a.status, a.bot_username FROM payments p "
                  "JOIN subscriptions s ON s.id = p.subscription_id JOIN agents a ON a.id = s.agent_id WHERE p.id = $1",
                  id),
        {{"id", Kind::integer}}, true));
    doc.push_back(domain::section_of(
        "refunds", "Refunds",
        conn.exec("SELECT r.id, r.amount_cents::text || ' ' || r.currency AS amount, r.status, r.reason, "
                  "r.provider_refund_id, r.idempotency_key, r.created_by, r.created_at FROM refunds r "
                  "WHERE r.payment_id = $1 ORDER BY r.id",
                  id),
        {{"id", Kind::integer}, {"amount", Kind::money}, {"created_at", Kind::time}}));
    doc.push_back(domain::section_of(
        "invoices", "Invoices",
        conn.exec("SELECT i.id, 'INV-' || i.number AS number, i.status, "
                  "(i.amount_cents + i.tax_cents)::text || ' ' || i.currency AS total, i.issued_at, i.sent_at "
                  "FROM invoices i WHERE i.payment_id = $1 ORDER BY i.id",
                  id),
        {{"id", Kind::integer}, {"total", Kind::money}, {"issued_at", Kind::time}, {"sent_at", Kind::time}}));
    doc.push_back(domain::section_of(
        "provider", "Provider data",
        conn.exec("SELECT p.provider, p.provider_payment_id, p.provider_status, p.pay_amount, p.pay_currency, "
                  "p.failure_reason FROM payments p WHERE p.id = $1",
                  id),
        {{"pay_amount", Kind::number}}, true));
    return doc;
}

}  // namespace ctl::payments
