// NOWPayments answers: the payment list pages, /auth, error bodies.
#include "fuzz/fuzz_target.hpp"
#include "providers/nowpayments.hpp"

CTL_FUZZ_TARGET(nowpayments) {
    using namespace ctl::providers;
    const std::string body(input);
    CTL_FUZZ_CHECK(!nowpayments_error_message(500, body).empty());
    try {
        (void)parse_nowpayments_token(body);
    } catch (const ctl::Error&) {
    }
    try {
        auto page = parse_nowpayments_page(body);
        for (const auto& p : page.payments) {
            CTL_FUZZ_CHECK(p.price_cents >= 0);
            (void)normalise_nowpayments_status(p.payment_status);
        }
    } catch (const ctl::Error&) {
    }
}
