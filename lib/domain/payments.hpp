#pragma once
// Payments (issue 5): listing, showing and exporting them. Read-only; the changes live in
// payment_actions.hpp and refunds.hpp.

#include "db/connection.hpp"
#include "domain/users.hpp"
#include "output/document.hpp"
#include "output/render.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctl::payments {

inline constexpr const char* k_statuses[] = {"pending", "succeeded", "failed", "refunded", "partially_refunded",
                                             "canceled"};
inline constexpr const char* k_providers[] = {"stripe", "nowpayments", "manual"};

struct Filter {
    std::optional<std::string> status;     // one of k_statuses
    std::optional<std::string> provider;   // one of k_providers
    std::optional<std::int64_t> user_id;
    std::optional<std::string> from, to;   // RFC 3339: created_at in [from, to)
    std::optional<long long> min_cents, max_cents;
    bool failed = false;                   // status failed (shorthand)
    std::optional<std::string> pending_before;  // RFC 3339: pending and created before it
    long long limit = 50;                  // 0: no limit (list only)
    std::optional<std::string> after;      // cursor (list only)
};

// Newest first (created_at, id). Throws ctl::UsageError for unknown values, min > max, a bad
// cursor or a negative limit.
users::Page list(db::Connection& conn, const Filter& filter);

// Streams every matching payment, oldest first (id order), into `out`; memory stays flat.
void export_payments(db::Connection& conn, const Filter& filter, output::Renderer& out);

// A payment by id, or by the provider's payment id ("pi_...", a NOWPayments id). Throws
// ctl::NotFound, ctl::UsageError for an empty reference.
std::int64_t resolve(db::Connection& conn, std::string_view ref);

// The payment with its user, subscription, agent, refunds, invoices and provider data.
// Throws ctl::NotFound.
std::vector<output::Section> show(db::Connection& conn, std::int64_t payment_id);

}  // namespace ctl::payments
