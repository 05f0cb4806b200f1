// --since/--older-than style durations: "90s", "1h30m", "2w".
#include "fuzz/fuzz_target.hpp"
#include "util/duration.hpp"
#include "util/parse.hpp"

CTL_FUZZ_TARGET(duration) {
    long long seconds = 0;
    try {
        seconds = ctl::util::parse_duration_seconds(input);
    } catch (const ctl::UsageError&) {
        return;
    }
    CTL_FUZZ_CHECK(seconds >= 0);
    CTL_FUZZ_CHECK(!ctl::util::format_duration(seconds).empty());
    // Whole seconds read back exactly.
    CTL_FUZZ_CHECK(ctl::util::parse_duration_seconds(std::to_string(seconds) + "s") == seconds);
}
