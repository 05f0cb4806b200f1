// Devin API answers: sessions, session lists, created sessions, structured output, error bodies.
#include "fuzz/fuzz_target.hpp"
#include "providers/devin.hpp"

CTL_FUZZ_TARGET(devin) {
    using namespace ctl::providers;
    const std::string body(input);
    CTL_FUZZ_CHECK(!error_detail(422, body).empty());
    try {
        auto created = parse_created_session(body);
        CTL_FUZZ_CHECK(!created.session_id.empty());
    } catch (const ctl::Error&) {
    }
    try {
        for (const auto& s : parse_session_list(body)) CTL_FUZZ_CHECK(!s.session_id.empty());
    } catch (const ctl::Error&) {
    }
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded()) return;
    try {
        auto s = parse_session(json);
        CTL_FUZZ_CHECK(!s.session_id.empty());
        auto result = parse_deployment_result(s.structured_output);
        if (result.bot_username) CTL_FUZZ_CHECK(!result.bot_username->empty());
        (void)is_terminal_status(s.status_enum);
    } catch (const ctl::Error&) {
    }
    (void)parse_deployment_result(json);
}
