#include "output/chart.hpp"

#include <doctest/doctest.h>

using namespace ctl::output;

TEST_SUITE("output charts") {
    TEST_CASE("sparkline scales between the series' minimum and maximum") {
        CHECK(sparkline({0, 7, 14}) == "▁▅█");
        CHECK(sparkline({1, 2, 3, 4, 5, 6, 7, 8}) == "▁▂▃▄▅▆▇█");
        CHECK(sparkline({5, 5, 5}) == "▄▄▄");
        CHECK(sparkline({}).empty());
        CHECK(sparkline({1, 2, 3, 100}, 2) == "▁█");  // the latest values when too long
        CHECK(display_width(sparkline({1, 2, 3, 4, 5})) == 5);
    }
    TEST_CASE("hbar draws eighths of a cell") {
        CHECK(hbar(10, 10, 4) == "████");
        CHECK(hbar(5, 10, 4) == "██");
        CHECK(hbar(1, 16, 2) == "▏");
        CHECK(hbar(0, 10, 4).empty());
        CHECK(hbar(3, 0, 4).empty());
        CHECK(hbar(20, 10, 3) == "███");  // capped at the width
    }
    TEST_CASE("SVG charts are self-contained and escape their text") {
        auto svg = svg_line_chart({"2026-01", "2026-02"}, {{"mrr <usd>", {1, 2}}});
        CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
        CHECK(svg.find("<polyline") != std::string::npos);
        CHECK(svg.find("mrr &lt;usd&gt;") != std::string::npos);
        CHECK(svg.find("href") == std::string::npos);
        auto bars = svg_bar_chart({"a", "b", "c"}, {3, -1, 2});
        CHECK(bars.find("<rect") != std::string::npos);
        CHECK(bars.find("#dc2626") != std::string::npos);  // the negative bar
    }
}
