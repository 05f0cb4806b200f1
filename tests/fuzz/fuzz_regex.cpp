// REGEX constraint patterns (RE2 syntax, from flag state documents) and the values they are
// matched against: the first line is the pattern, the rest the value. Every pattern compiles or
// is refused with a reason; a refused one matches nothing; a match never backtracks (the fuzzer's
// timeout catches one that would).
#include "flags/regex.hpp"
#include "fuzz/fuzz_target.hpp"

CTL_FUZZ_TARGET(regex) {
    const std::size_t newline = input.find('\n');
    const std::string_view pattern = input.substr(0, newline);
    const std::string_view subject = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
    for (bool case_insensitive : {false, true}) {
        const ctl::flags::Regex re(pattern, case_insensitive);
        CTL_FUZZ_CHECK(re.valid() == re.error().empty());
        const bool found = re.search(subject);
        CTL_FUZZ_CHECK(re.valid() || !found);
    }
}
