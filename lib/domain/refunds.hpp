#pragma once
// Refunding a payment (issue 5), full or partial. Shared with `agents delete --refund`.
//
// The payment row is locked (SELECT ... FOR UPDATE) for the whole transaction, so concurrent
// refunds of one payment are serialised: the sum of refunds can never exceed the payment, and of
// twenty simultaneous full refunds exactly one succeeds while the others find it refunded
// (ctl::Conflict, exit 4).
//
// Stripe payments are refunded through POST /v1/refunds, inside that transaction, with the
// Idempotency-Key "ctl-refund-<payment id>-<n>" (n: the refund's ordinal for that payment). When
// the call fails or times out the transaction rolls back, so the retry takes the same ordinal and
// key and Stripe answers with the refund it already made: a retry never refunds twice.
// NOWPayments has no refund call and manual payments have no provider: their refunds are
// recorded with status "manual" (paid out by hand) and the result says so.

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

struct RefundRequest {
    std::int64_t payment_id = 0;
    std::optional<long long> amount_cents;  // nullopt: everything not yet refunded
    std::string reason;                     // required; recorded on the refund and in the audit trail
    bool dry_run = false;                   // check and report, call no provider, change nothing
    std::string command = "payments refund";  // the audit trail's command tag
};

// Refunds a payment in one audited transaction: inserts the refund row, adds to
// payments.refunded_cents and sets the payment's status to refunded or partially_refunded.
// Result fields: payment_id, refund_id, amount, status (of the refund), provider,
// provider_refund_id, idempotency_key, manual, payment_status, refunded.
// Throws: ctl::UsageError (2) for an empty reason, an amount <= 0 or above the payment, or no
// Stripe key for a Stripe payment; ctl::NotFound (3); ctl::Conflict (4) when the payment is
// already refunded, is not a succeeded payment, or less than the amount is left to refund;
// ctl::Unavailable (6) when Stripe cannot be reached (nothing changed; safe to retry);
// ctl::Error (1) when Stripe refuses (nothing changed) or answers failed/canceled (the refund row
// is kept with that status, the payment unchanged); DatabaseError (5) when the role may not.
// `cfg` supplies stripe.api_url and stripe.api_key; `client` is used only for Stripe payments.
ActionResult refund_payment(db::Connection& conn, const RefundRequest& request, const config::Config& cfg,
                            http::Client& client);

}  // namespace ctl::billing
