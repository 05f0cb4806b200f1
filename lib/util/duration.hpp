#pragma once
// Durations for people: the inverse, roughly, of parse_duration_seconds.

#include <string>

namespace ctl::util {

// "45s", "12m 05s", "3h 20m", "2d 4h"; negative values read as 0s.
std::string format_duration(long long seconds);

}  // namespace ctl::util
