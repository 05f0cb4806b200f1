// Filter expressions: flag targeting constraints ("tier IN pro,enterprise", "NOT email
// STR_ENDS_WITH/i @x.io"), variant specs ("blue:500:{...}") and the --after cursors of every
// listing. The first byte picks the parser.
#include "domain/rows.hpp"
#include "flags/evaluate.hpp"
#include "flags/model.hpp"
#include "flags/spec.hpp"
#include "fuzz/fuzz_target.hpp"

CTL_FUZZ_TARGET(filter) {
    if (input.empty()) return;
    const char which = input.front();
    const std::string_view text = input.substr(1);
    try {
        switch (static_cast<unsigned char>(which) % 3) {
            case 0: {
                auto json = ctl::flags::parse_constraint_spec(text);
                // Stored as JSON text, then read back and evaluated like any constraint.
                auto stored = nlohmann::json::parse(json.dump());
                auto constraint = ctl::flags::parse_constraint(stored);
                ctl::flags::Context context;
                context.user_id = "42";
                context.set("tier", "pro");
                context.set("email", "ops@example.com");
                context.current_time = "2026-10-01T12:00:00Z";
                (void)ctl::flags::check_constraint(constraint, context);
                break;
            }
            case 1: {
                auto json = ctl::flags::parse_variant_spec(text, "default");
                auto variant = ctl::flags::parse_variant(nlohmann::json::parse(json.dump()));
                CTL_FUZZ_CHECK(!variant.name.empty());
                break;
            }
            default: {
                auto [sort_value, id] = ctl::domain::decode_cursor(std::string(text));
                CTL_FUZZ_CHECK(id > 0);
                auto again = ctl::domain::decode_cursor(ctl::domain::encode_cursor(sort_value, id));
                CTL_FUZZ_CHECK(again.first == sort_value && again.second == id);
                break;
            }
        }
    } catch (const ctl::Error&) {
    }
}
