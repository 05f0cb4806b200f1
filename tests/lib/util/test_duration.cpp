#include "util/duration.hpp"

#include <doctest/doctest.h>

TEST_SUITE("util duration") {
    TEST_CASE("format_duration picks the two largest units") {
        using ctl::util::format_duration;
        CHECK(format_duration(-5) == "0s");
        CHECK(format_duration(45) == "45s");
        CHECK(format_duration(725) == "12m 05s");
        CHECK(format_duration(3 * 3600 + 20 * 60 + 9) == "3h 20m");
        CHECK(format_duration(2 * 86400 + 4 * 3600 + 59) == "2d 4h");
    }
}
