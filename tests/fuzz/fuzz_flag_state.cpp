// Unleash client-API state documents (`flags import FILE`, `flags eval --state FILE`): parsed,
// then every feature evaluated for a few contexts, as `flags eval` would.
#include "flags/evaluate.hpp"
#include "flags/model.hpp"
#include "fuzz/fuzz_target.hpp"

CTL_FUZZ_TARGET(flag_state) {
    auto document = nlohmann::json::parse(input, nullptr, false);
    if (document.is_discarded()) return;
    ctl::flags::State state;
    try {
        state = ctl::flags::parse_state(document);
    } catch (const ctl::Error&) {
        return;
    }
    ctl::flags::Context contexts[3];
    contexts[1].user_id = "42";
    contexts[1].session_id = "s-1";
    contexts[1].remote_address = "10.1.2.3";
    contexts[1].current_time = "2026-10-01T12:00:00Z";
    contexts[1].set("tier", "pro");
    contexts[2].user_id = "7";
    contexts[2].set("appVersion", "1.2.3");
    contexts[2].set("seats", "150");
    contexts[2].set("email", "OPS@X.IO");
    for (const auto& [name, feature] : state.features)
        for (const auto& context : contexts) {
            auto e = ctl::flags::evaluate(state, name, context);
            CTL_FUZZ_CHECK(e.enabled || e.variant.name == "disabled");
            (void)ctl::flags::to_json(e).dump();
        }
}
