#pragma once
// Stripe (DESIGN §9): form-encoded POSTs with "Authorization: Bearer <secret key>" and an
// Idempotency-Key on every POST; errors {error:{type, code, message}}. Base URL configurable
// (stripe.api_url) so tests point at a local fake.

#include "http/client.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ctl::config {
class Config;
}

namespace ctl::providers {

struct StripeSettings {
    std::string api_url = "https://api.stripe.com";
    std::string api_key;
};

struct StripeRefund {
    std::string id;  // re_...
    long long amount_cents = 0;
    std::string currency;  // upper-case
    std::string status;    // pending, succeeded, failed, canceled, requires_action
};

struct StripePaymentIntent {
    std::string id;  // pi_...
    long long amount_cents = 0;
    std::string currency;  // upper-case
    std::string status;    // succeeded, requires_payment_method, processing, canceled, ...
    long long created = 0;  // epoch seconds
    std::optional<std::string> last_error;
    std::string user_id;  // metadata[user_id], when the platform set it
};

// Stripe's answers as received (bodies of 2xx responses). Throw ctl::Unavailable (6: the work may
// have been done, a re-run with the same idempotency key is safe) for a refund or payment intent
// without an id, ctl::Error (1) for a list without "data".
StripeRefund parse_stripe_refund(const std::string& body);
StripePaymentIntent parse_stripe_payment_intent(const std::string& body);
struct StripeIntentPage {
    std::vector<StripePaymentIntent> intents;
    bool has_more = false;
};
StripeIntentPage parse_stripe_intent_page(const std::string& body);
// error.message of an error body, else "HTTP <status>".
std::string stripe_error_message(long status, const std::string& body);

// Normalised payment status of DESIGN §7 for a payment intent's status.
std::string normalise_stripe_status(const std::string& status);

class Stripe {
public:
    Stripe(StripeSettings settings, http::Client& client);

    // POST /v1/refunds for a payment intent ("pi_...") or a charge ("ch_..."). The same
    // idempotency_key always yields the same refund at Stripe. Throws ctl::Error: Unavailable (6)
    // when Stripe cannot be reached or keeps answering 429/5xx, UsageError (2) for a rejected
    // key, failure (1) with Stripe's message when it refuses the refund.
    StripeRefund create_refund(const std::string& payment_ref, long long amount_cents, const std::string& reason,
                               const std::map<std::string, std::string>& metadata,
                               const std::string& idempotency_key);

    // POST /v1/payment_intents/{id}/confirm: another attempt at a failed payment with the
    // payment method on file. Idempotent through idempotency_key. Errors as create_refund.
    StripePaymentIntent confirm_payment_intent(const std::string& id, const std::string& idempotency_key);

    // Every payment intent created in [created_gte, created_lt) (epoch seconds), all pages of
    // GET /v1/payment_intents (limit 100, starting_after), newest first. Errors as create_refund.
    std::vector<StripePaymentIntent> list_payment_intents(long long created_gte, long long created_lt);

private:
    // Sends a request and returns the parsed JSON of a 2xx answer; maps everything else to ctl::Error.
    std::string call(const std::string& method, const std::string& path, const std::string& form,
                     const std::string& idempotency_key);

    StripeSettings m_settings;
    http::Client& m_client;
};

// Stripe as configured (stripe.api_url, stripe.api_key). Throws ctl::UsageError (2) when no key
// is configured.
Stripe make_stripe(const config::Config& cfg, http::Client& client);

// application/x-www-form-urlencoded: key=value pairs joined by '&', percent-encoded.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace ctl::providers
