#include "domain/reconcile.hpp"

#include "domain/audit.hpp"
#include "domain/billing.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

namespace ctl::billing {

namespace {

using output::Kind;

struct Local {
    std::int64_t id = 0;
    std::string status, currency;
    long long amount = 0;
    bool in_window = false;
};

// A text[] literal with every element quoted.
std::string text_array(const std::vector<RemotePayment>& remote) {
    std::string out = "{";
    for (const auto& r : remote) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (char c : r.provider_payment_id) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

bool statuses_agree(const std::string& here, const std::string& there) {
    if (here == there) return true;
    return (here == "refunded" || here == "partially_refunded") && (there == "succeeded" || there == "refunded");
}

}  // namespace

std::optional<std::int64_t> user_of_order_id(const std::string& order_id) {
    std::string_view s = order_id;
    for (std::string_view prefix : {"user:", "user-"})
        if (s.substr(0, prefix.size()) == prefix) s.remove_prefix(prefix.size());
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc() || id <= 0) return std::nullopt;
    if (end != s.data() + s.size() && *end != ':' && *end != '-') return std::nullopt;
    return id;
}

ReconcileResult reconcile(db::Connection& conn, const std::string& provider, const std::string& from,
                          const std::string& to, const std::vector<RemotePayment>& remote, bool fix,
                          std::string_view reason) {
    ReconcileResult out;
    out.columns = {{"kind"},
                   {"provider"},
                   {"provider_payment_id"},
                   {"payment_id", Kind::integer},
                   {"status_here"},
                   {"status_there"},
                   {"amount_here", Kind::money},
                   {"amount_there", Kind::money},
                   {"detail"}};
    auto rows = conn.exec("SELECT id, provider_payment_id, status, amount_cents, currency, "
                          "created_at >= $2::timestamptz AND created_at < $3::timestamptz FROM payments "
                          "WHERE provider = $1 AND provider_payment_id IS NOT NULL AND "
                          "((created_at >= $2::timestamptz AND created_at < $3::timestamptz) "
                          "OR provider_payment_id = ANY($4::text[]))",
                          {provider, from, to, text_array(remote)});
    std::map<std::string, Local> local;
    for (int i = 0; i < rows.rows(); ++i)
        local[std::string(rows[i].text(1))] = {rows[i].int64(0), std::string(rows[i].text(2)),
                                               std::string(rows[i].text(4)), rows[i].int64(3), rows[i].boolean(5)};
    std::map<std::string, const RemotePayment*> there;
    for (const auto& r : remote) there[r.provider_payment_id] = &r;
    out.compared = static_cast<long long>(local.size());

    auto add = [&](const char* kind, const std::string& pid, const Local* l, const RemotePayment* r, std::string detail) {
        out.rows.push_back({kind, provider, pid, l ? output::Cell(std::to_string(l->id)) : output::Cell::null(),
                            l ? output::Cell(l->status) : output::Cell::null(),
                            r ? output::Cell(r->status + (r->provider_status.empty() ? "" : " (" + r->provider_status + ")"))
                              : output::Cell::null(),
                            l ? output::Cell(money_cell(l->amount, l->currency)) : output::Cell::null(),
                            r ? output::Cell(money_cell(r->amount_cents, r->currency)) : output::Cell::null(),
                            std::move(detail)});
    };

    std::vector<const RemotePayment*> to_import;
    for (const auto& [pid, r] : there) {
        auto it = local.find(pid);
        if (it == local.end()) {
            ++out.compared;
            to_import.push_back(r);
            continue;
        }
        const Local& l = it->second;
        if (!statuses_agree(l.status, r->status)) add("status_mismatch", pid, &l, r, "");
        if (l.amount != r->amount_cents || l.currency != r->currency) add("amount_mismatch", pid, &l, r, "");
    }
    for (const auto& [pid, l] : local)
        if (l.in_window && !there.count(pid)) add("missing_there", pid, &l, nullptr, "");

    if (!fix) {
        for (const auto* r : to_import) add("missing_here", r->provider_payment_id, nullptr, r, "");
        return out;
    }
    db::Transaction tx(conn);
    audit::tag_change(tx, "payments reconcile", reason);
    for (const auto* r : to_import) {
        std::string detail = "not imported: no known user";
        bool user_exists = r->user_id && !tx.exec("SELECT 1 FROM users WHERE id = $1", {*r->user_id}).empty();
        if (user_exists) {
            tx.exec("INSERT INTO payments (user_id, provider, provider_payment_id, amount_cents, currency, status, "
                    "provider_status, pay_amount, pay_currency, created_at, paid_at, description, refunded_cents) "
                    "VALUES ($1, $2, $3, $4::bigint, $5, $6, $7, $8::numeric, $9, coalesce($10::timestamptz, now()), "
                    "CASE WHEN $6 IN ('succeeded', 'refunded') THEN coalesce($10::timestamptz, now()) END, "
                    "'imported by payments reconcile', CASE WHEN $6 = 'refunded' THEN $4::bigint ELSE 0 END)",
                    {*r->user_id, provider, r->provider_payment_id, r->amount_cents, r->currency, r->status,
                     r->provider_status, r->pay_amount, r->pay_currency, r->created_at});
            ++out.imported;
            detail = "imported";
        }
        add("missing_here", r->provider_payment_id, nullptr, r, detail);
    }
    tx.commit();
    return out;
}

}  // namespace ctl::billing
