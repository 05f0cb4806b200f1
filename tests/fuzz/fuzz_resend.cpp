// Resend answers: the id of a sent message, the last event of one, error bodies.
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
    try {
        CTL_FUZZ_CHECK(!parse_resend_last_event(body).empty());
    } catch (const ctl::Error& e) {
        CTL_FUZZ_CHECK(e.code() == ctl::ExitCode::unavailable);
    }
}
