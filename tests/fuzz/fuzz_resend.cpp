// Resend answers: the id of a sent message, error bodies.
#include "fuzz/fuzz_target.hpp"
#include "providers/email.hpp"

CTL_FUZZ_TARGET(resend) {
    using namespace ctl::providers;
    const std::string body(input);
    CTL_FUZZ_CHECK(!resend_error_message(422, body).empty());
    try {
        (void)parse_resend_message_id(body);
    } catch (const ctl::Error&) {
    }
}
