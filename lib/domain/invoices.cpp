#include "domain/invoices.hpp"

#include "domain/billing_query.hpp"
#include "domain/rows.hpp"
#include "providers/email.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace ctl::billing {

namespace {

using output::Column;
using output::Kind;
using output::Visibility;

constexpr const char* k_invoice_statuses[] = {"draft", "open", "paid", "void"};

const std::vector<Column>& invoice_kinds() {
    static const std::vector<Column> kinds = {
        {"id", Kind::integer},
        {"user_id", Kind::integer},
        {"payment_id", Kind::integer},
        {"subscription_id", Kind::integer, Visibility::on_request},
        {"amount", Kind::money, Visibility::table_only},
        {"tax", Kind::money, Visibility::table_only},
        {"total", Kind::money, Visibility::table_only},
        {"amount_cents", Kind::integer, Visibility::machine_only},
        {"tax_cents", Kind::integer, Visibility::machine_only},
        {"total_cents", Kind::integer, Visibility::machine_only},
        {"currency", Kind::text, Visibility::machine_only},
        {"issued_at", Kind::time},
        {"due_at", Kind::time},
        {"paid_at", Kind::time},
        {"sent_at", Kind::time},
    };
    return kinds;
}

constexpr const char* k_columns =
    "i.id, 'INV-' || i.number AS number, i.status, i.user_id, u.email, i.payment_id, i.subscription_id, "
    "i.amount_cents::text || ' ' || i.currency AS amount, i.tax_cents::text || ' ' || i.currency AS tax, "
    "(i.amount_cents + i.tax_cents)::text || ' ' || i.currency AS total, i.amount_cents, i.tax_cents, "
    "i.amount_cents + i.tax_cents AS total_cents, i.currency, i.issued_at, i.due_at, i.paid_at, i.sent_at";

std::string setting(db::Connection& conn, const char* key) {
    auto r = conn.exec("SELECT value #>> '{}' FROM settings_visible WHERE key = $1", {key});
    return r.empty() || r[0].is_null(0) ? std::string() : std::string(r[0].text(0));
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace

users::Page list_invoices(db::Connection& conn, const InvoiceFilter& f) {
    if (f.status && std::none_of(std::begin(k_invoice_statuses), std::end(k_invoice_statuses),
                                 [&](const char* s) { return *f.status == s; }))
        throw UsageError(fmt::format("unknown invoice status '{}'", *f.status), "one of: draft, open, paid, void");
    Clause c;
    if (f.user_id) c.conditions.push_back("i.user_id = " + c.add(*f.user_id) + "::bigint");
    if (f.status) c.conditions.push_back("i.status = " + c.add(*f.status));
    if (f.year) c.conditions.push_back("i.year = " + c.add(*f.year) + "::integer");
    add_cursor(c, "i.issued_at", "i.id", f.after);
    return keyset_page(conn,
                       fmt::format("SELECT {}, i.issued_at::text AS sort_value FROM invoices i "
                                   "JOIN users u ON u.id = i.user_id {} ORDER BY i.issued_at DESC, i.id DESC",
                                   k_columns, c.where()),
                       c, invoice_kinds(), f.limit);
}

std::int64_t resolve_invoice(db::Connection& conn, std::string_view ref) {
    std::string s(ref);
    if (s.rfind("INV-", 0) == 0 || s.rfind("inv-", 0) == 0) s = s.substr(4);
    db::Result r;
    if (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) && s.size() < 19)
        r = conn.exec("SELECT id FROM invoices WHERE id = $1::bigint", {s});
    else
        r = conn.exec("SELECT id FROM invoices WHERE number = $1", {s});
    if (r.empty())
        throw NotFound(fmt::format("invoice '{}' not found", ref), "list them with: ctl payments invoices list");
    return r[0].int64(0);
}

std::vector<output::Section> show_invoice(db::Connection& conn, std::int64_t invoice_id) {
    std::vector<output::Section> doc;
    auto kinds = invoice_kinds();
    for (auto& k : kinds)
        if (k.visibility != Visibility::table_only) k.visibility = Visibility::always;
    doc.push_back(domain::section_of(
        "invoice", "Invoice",
        conn.exec(fmt::format("SELECT {} FROM invoices i JOIN users u ON u.id = i.user_id WHERE i.id = $1", k_columns),
                  {invoice_id}),
        kinds, true));
    if (doc.back().rows.empty()) throw NotFound(fmt::format("invoice {} not found", invoice_id));
    doc.push_back(domain::section_of(
        "payment", "Payment",
        conn.exec("SELECT p.id, p.provider, p.provider_payment_id, p.status, "
                  "p.amount_cents::text || ' ' || p.currency AS amount, p.paid_at FROM invoices i "
                  "JOIN payments p ON p.id = i.payment_id WHERE i.id = $1",
                  {invoice_id}),
        {{"id", Kind::integer}, {"amount", Kind::money}, {"paid_at", Kind::time}}, true));
    return doc;
}

ActionResult create_invoice(db::Connection& conn, const InvoiceRequest& req, std::string_view reason, bool dry_run) {
    if (!(req.tax_percent >= 0 && req.tax_percent <= 100))
        throw UsageError("--tax must be between 0 and 100 (percent)");
    return audited(conn, "payments invoices create", reason, dry_run, [&](db::Transaction& tx) {
        auto p = tx.exec("SELECT user_id, subscription_id, amount_cents, currency, status, paid_at FROM payments "
                         "WHERE id = $1 FOR UPDATE",
                         {req.payment_id});
        if (p.empty()) throw NotFound(fmt::format("payment {} not found", req.payment_id));
        std::string status(p[0].text(4));
        auto existing = tx.exec("SELECT id, 'INV-' || number FROM invoices WHERE payment_id = $1 AND status <> 'void'",
                                {req.payment_id});
        ActionResult r;
        if (!existing.empty()) {
            r.summary = fmt::format("payment {} is already invoiced as {}", req.payment_id, existing[0].text(1));
            r.field("invoice_id", Kind::integer, std::string(existing[0].text(0)))
                .field("number", Kind::text, std::string(existing[0].text(1)))
                .field("changed", Kind::boolean, "false");
            return r;
        }
        if (status == "failed" || status == "canceled")
            throw Conflict(fmt::format("payment {} is {}; only a received or pending payment is invoiced",
                                       req.payment_id, status));
        long long total = p[0].int64(2);
        // The payment's amount includes the tax: net = total / (1 + rate), rounded to the cent.
        auto net = static_cast<long long>(std::llround(static_cast<double>(total) * 100.0 / (100.0 + req.tax_percent)));
        long long tax = total - net;
        std::string currency(p[0].text(3));
        bool paid = status != "pending";
        // The number: this year's counter, taken under its row lock (gap-free; see the header).
        auto seq = tx.exec("INSERT INTO invoice_sequences AS s (year, last_seq) "
                           "VALUES (extract(year FROM now() AT TIME ZONE 'UTC')::integer, 1) "
                           "ON CONFLICT (year) DO UPDATE SET last_seq = s.last_seq + 1 RETURNING year, last_seq");
        auto inserted = tx.exec(
            "INSERT INTO invoices (year, seq, user_id, payment_id, subscription_id, amount_cents, tax_cents, currency, "
            "status, due_at, paid_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
            "CASE WHEN $10::bigint IS NULL THEN NULL ELSE now() + make_interval(secs => $10::bigint) END, $11) "
            "RETURNING id, 'INV-' || number",
            {seq[0].int64(0), seq[0].int64(1), p[0].int64(0), req.payment_id, p[0].opt_text(1), net, tax, currency,
             paid ? "paid" : "open", paid ? std::optional<long long>() : req.due_in_s,
             paid ? db::Param(p[0].opt_text(5).value_or("now")) : db::Param()});
        r.changed = true;
        r.summary = fmt::format("created invoice {} for payment {}", inserted[0].text(1), req.payment_id);
        r.field("invoice_id", Kind::integer, std::string(inserted[0].text(0)))
            .field("number", Kind::text, std::string(inserted[0].text(1)))
            .field("changed", Kind::boolean, "true")
            .field("status", Kind::text, paid ? "paid" : "open")
            .field("amount", Kind::money, money_cell(net, currency))
            .field("tax", Kind::money, money_cell(tax, currency))
            .field("total", Kind::money, money_cell(total, currency));
        return r;
    });
}

invoice::Document invoice_document(db::Connection& conn, std::int64_t invoice_id) {
    auto r = conn.exec(
        "SELECT 'INV-' || i.number, i.status, to_char(i.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
        "coalesce(to_char(i.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), ''), "
        "coalesce(to_char(i.paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), ''), i.currency, i.amount_cents, i.tax_cents, "
        "coalesce(nullif(u.name, ''), u.email::text), coalesce(u.company, ''), u.email::text, "
        "coalesce(p.description, pl.name || ' (' || pl.interval || 'ly)', 'Payment ' || i.payment_id::text, 'Services') "
        "FROM invoices i JOIN users u ON u.id = i.user_id LEFT JOIN payments p ON p.id = i.payment_id "
        "LEFT JOIN subscriptions s ON s.id = coalesce(i.subscription_id, p.subscription_id) "
        "LEFT JOIN plans pl ON pl.id = s.plan_id WHERE i.id = $1",
        {invoice_id});
    if (r.empty()) throw NotFound(fmt::format("invoice {} not found", invoice_id));
    auto row = r[0];
    invoice::Document d;
    d.number = row.text(0);
    d.status = row.text(1);
    d.issued_on = row.text(2);
    d.due_on = row.text(3);
    d.paid_on = row.text(4);
    d.currency = row.text(5);
    d.subtotal_cents = row.int64(6);
    d.tax_cents = row.int64(7);
    d.total_cents = d.subtotal_cents + d.tax_cents;
    if (d.subtotal_cents > 0 && d.tax_cents > 0)
        d.tax_label = fmt::format("Tax ({:.2f}%)", 100.0 * static_cast<double>(d.tax_cents) /
                                                        static_cast<double>(d.subtotal_cents));
    d.buyer = {std::string(row.text(8)), {std::string(row.text(9)), std::string(row.text(10))}};
    d.lines = {{std::string(row.text(11)), d.subtotal_cents}};
    d.seller.name = setting(conn, "billing.seller_name");
    if (d.seller.name.empty()) d.seller.name = "Seller";
    d.seller.lines = lines_of(setting(conn, "billing.seller_address"));
    if (auto tax_id = setting(conn, "billing.seller_tax_id"); !tax_id.empty()) d.seller.lines.push_back("Tax number: " + tax_id);
    return d;
}

ActionResult send_invoice(db::Connection& conn, std::int64_t invoice_id, providers::EmailSender& sender,
                          const SendSettings& s, std::string_view reason, bool dry_run) {
    auto r = conn.exec("SELECT i.user_id, u.email::text, coalesce(floor(extract(epoch FROM i.sent_at))::bigint, 0), "
                       "i.status FROM invoices i JOIN users u ON u.id = i.user_id WHERE i.id = $1",
                       {invoice_id});
    if (r.empty()) throw NotFound(fmt::format("invoice {} not found", invoice_id));
    std::int64_t user_id = r[0].int64(0);
    std::string to = s.to.value_or(std::string(r[0].text(1)));
    long long sent_epoch = r[0].int64(2);
    if (std::string(r[0].text(3)) == "draft" || std::string(r[0].text(3)) == "void")
        throw Conflict(fmt::format("invoice {} is {}; it is not sent", invoice_id, r[0].text(3)));
    auto doc = invoice_document(conn, invoice_id);
    ActionResult result;
    result.field("invoice_id", Kind::integer, std::to_string(invoice_id))
        .field("number", Kind::text, doc.number)
        .field("to", Kind::text, to);
    if (sent_epoch > 0 && !s.again) {
        result.summary = fmt::format("{} was already sent (pass --again to send it once more)", doc.number);
        result.field("changed", Kind::boolean, "false").field("provider_id", Kind::text, output::Cell::null());
        return result;
    }
    if (s.from.empty())
        throw UsageError("no sender address is configured", "set CTL_EMAIL_FROM (or email.from)");
    providers::EmailMessage m;
    m.from = s.from;
    m.to = to;
    m.subject = fmt::format("Invoice {} from {}", doc.number, doc.seller.name);
    std::string total = util::format_money(doc.total_cents, doc.currency);
    m.text = fmt::format("Hello {},\n\nPlease find attached invoice {} ({}, {}).\n\nThank you,\n{}\n", doc.buyer.name,
                         doc.number, total, doc.status, doc.seller.name);
    m.html = fmt::format("<p>Please find attached invoice <b>{}</b> ({}, {}).</p>", doc.number, total, doc.status);
    m.idempotency_key = fmt::format("ctl-invoice-{}-{}", invoice_id, sent_epoch);
    m.attachments.push_back({doc.number + ".pdf", "application/pdf", invoice::render_pdf(doc)});
    if (dry_run) {
        result.summary = fmt::format("dry run: would e-mail {} to {} (nothing sent)", doc.number, to);
        result.field("changed", Kind::boolean, "false").field("provider_id", Kind::text, output::Cell::null());
        return result;
    }
    auto record = [&](const std::optional<std::string>& provider_id, const char* status,
                      const std::optional<std::string>& error) {
        db::Transaction tx(conn);
        audit::tag_change(tx, "payments invoices send", reason);
        tx.exec("INSERT INTO email_log (user_id, to_address, template, subject, provider, provider_id, status, error) "
                "VALUES ($1, $2, 'invoice', $3, $4, $5, $6, $7)",
                {user_id, to, m.subject, sender.provider(), provider_id, status, error});
        if (provider_id) tx.exec("UPDATE invoices SET sent_at = now() WHERE id = $1", {invoice_id});
        tx.commit();
    };
    std::string provider_id;
    try {
        provider_id = sender.send(m);
    } catch (const Error& e) {
        record(std::nullopt, "failed", std::string(e.what()));
        throw;
    }
    record(provider_id, "sent", std::nullopt);
    result.changed = true;
    result.summary = fmt::format("e-mailed {} to {} ({})", doc.number, to, provider_id);
    result.field("changed", Kind::boolean, "true").field("provider_id", Kind::text, provider_id);
    return result;
}

}  // namespace ctl::billing
