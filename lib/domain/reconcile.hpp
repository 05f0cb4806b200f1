#pragma once
// Reconciliation (issue 5): a provider's payments against the database's, for a time window.
// The provider's side is fetched by the caller (providers::Stripe / providers::NowPayments) and
// handed over normalised, so this compares data only.
//
// Differences, one row each (kind):
//   missing_here      the provider has it, the database does not
//   missing_there     the database has it (created in the window), the provider does not
//   status_mismatch   normalised statuses differ (a refunded or partially refunded payment here
//                     matches a succeeded one there: refunds may be recorded in ctl only)
//   amount_mismatch   amount or currency differ
// With fix, each missing_here payment whose user is known (and exists) is imported in one
// audited transaction ("imported" in detail); nothing is ever deleted or overwritten.

#include "db/connection.hpp"
#include "output/value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctl::billing {

struct RemotePayment {
    std::string provider_payment_id;
    std::string status;           // normalised (pending, succeeded, failed, refunded, canceled)
    std::string provider_status;  // as the provider said it
    long long amount_cents = 0;
    std::string currency;         // upper-case
    std::optional<std::int64_t> user_id;  // from the provider's metadata or order id, when known
    std::optional<std::string> created_at;  // ISO 8601
    std::optional<std::string> pay_amount, pay_currency;
};

struct ReconcileResult {
    std::vector<output::Column> columns;
    std::vector<output::Row> rows;  // the differences
    long long compared = 0;         // payments seen on either side
    long long imported = 0;
};

// from/to: RFC 3339, the window [from, to) of created_at. Throws DatabaseError (5) when fixing
// without the right to insert payments.
ReconcileResult reconcile(db::Connection& conn, const std::string& provider, const std::string& from,
                          const std::string& to, const std::vector<RemotePayment>& remote, bool fix,
                          std::string_view reason);

// The user an order id names: "user:42", "user-42" or a leading "42:"/"42-"; nullopt otherwise.
std::optional<std::int64_t> user_of_order_id(const std::string& order_id);

}  // namespace ctl::billing
