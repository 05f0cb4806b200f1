#pragma once
// Changes to payments other than refunds (issue 5): a support case's manual entry, marking a
// payment paid, and another attempt at a failed Stripe payment. Each is one audited transaction
// (billing::audited); dry_run reports and rolls back. Nothing is printed here.

#include "db/connection.hpp"
#include "domain/billing.hpp"
#include "http/client.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ctl::config {
class Config;
}

namespace ctl::billing {

struct ManualPayment {
    std::int64_t user_id = 0;
    long long amount_cents = 0;    // > 0
    std::string currency;          // ISO 4217, upper-case
    std::string provider = "manual";  // manual, stripe or nowpayments (money taken elsewhere)
    std::string reference;         // the provider's or the bank's id; unique per provider
    std::optional<std::int64_t> subscription_id;  // must belong to the user
    std::string description;
};

// Records a succeeded payment (paid now). Throws UsageError for an amount <= 0 or an unknown
// provider, NotFound for a subscription of someone else, Conflict when the reference is already
// recorded for that provider.
ActionResult record_manual_payment(db::Connection& conn, const ManualPayment& payment, std::string_view reason,
                                   bool dry_run);

// pending or failed → succeeded (paid_at now, failure_reason cleared). Already succeeded: no
// change (exit 0). Conflict for refunded, partially refunded or canceled payments.
ActionResult mark_paid(db::Connection& conn, std::int64_t payment_id, std::string_view reason, bool dry_run);

// A failed Stripe payment is confirmed again (POST /v1/payment_intents/{id}/confirm) with the
// Idempotency-Key "ctl-retry-<payment id>-<epoch of the failure's updated_at>", so retrying the
// same failure twice makes one attempt at Stripe. succeeded → succeeded; processing → pending;
// anything else stays failed with Stripe's message (ctl::Error, exit 1, after recording it).
// Conflict for other providers (checked first) or states; already succeeded: no change (exit 0).
ActionResult retry_payment(db::Connection& conn, std::int64_t payment_id, std::string_view reason, bool dry_run,
                           const config::Config& cfg, http::Client& client);

}  // namespace ctl::billing
