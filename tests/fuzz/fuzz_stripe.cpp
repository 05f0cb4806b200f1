// Stripe answers: refunds, payment intents, intent list pages, error bodies.
#include "fuzz/fuzz_target.hpp"
#include "providers/stripe.hpp"

CTL_FUZZ_TARGET(stripe) {
    using namespace ctl::providers;
    const std::string body(input);
    CTL_FUZZ_CHECK(!stripe_error_message(402, body).empty());
    try {
        CTL_FUZZ_CHECK(!parse_stripe_refund(body).id.empty());
    } catch (const ctl::Error&) {
    }
    try {
        auto pi = parse_stripe_payment_intent(body);
        CTL_FUZZ_CHECK(!pi.id.empty());
        (void)normalise_stripe_status(pi.status);
    } catch (const ctl::Error&) {
    }
    try {
        for (const auto& pi : parse_stripe_intent_page(body).intents) (void)normalise_stripe_status(pi.status);
    } catch (const ctl::Error&) {
    }
}
