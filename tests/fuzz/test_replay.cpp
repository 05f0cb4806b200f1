// Replays the committed seed corpus and the kept crash inputs of every fuzz target through the
// targets themselves (built here with the normal compiler, without libFuzzer), so each test run
// checks that no fixed crash has come back.

#include "fuzz/fuzz_target.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <vector>

namespace fs = std::filesystem;

namespace ctl::fuzz {

namespace {

std::map<std::string, Body>& targets() {
    static std::map<std::string, Body> all;
    return all;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The inputs of `kind` ("corpus" or "regressions"), per target directory.
std::map<std::string, std::vector<fs::path>> inputs(const char* kind) {
    std::map<std::string, std::vector<fs::path>> out;
    const fs::path root = fs::path(CTL_FUZZ_DIR) / kind;
    if (!fs::exists(root)) return out;
    for (const auto& dir : fs::directory_iterator(root)) {
        if (!dir.is_directory()) continue;
        auto& files = out[dir.path().filename().string()];
        for (const auto& f : fs::directory_iterator(dir.path()))
            if (f.is_regular_file()) files.push_back(f.path());
        std::sort(files.begin(), files.end());
    }
    return out;
}

void replay(const char* kind) {
    for (const auto& [target, files] : inputs(kind)) {
        INFO("target: " << target);
        auto it = targets().find(target);
        REQUIRE_MESSAGE(it != targets().end(), "tests/fuzz/" << kind << "/" << target << " names no fuzz target");
        for (const auto& file : files) {
            INFO("input: " << file.string());
            const std::string data = read_file(file);
            CHECK_NOTHROW(it->second(data));
        }
    }
}

}  // namespace

bool register_target(const char* name, Body body) {
    targets().emplace(name, body);
    return true;
}

TEST_SUITE("fuzz") {
    TEST_CASE("fuzz: every target has a seed corpus") {
        auto corpus = inputs("corpus");
        REQUIRE(targets().size() >= 12);
        for (const auto& [name, body] : targets()) {
            INFO("target: " << name);
            CHECK(!corpus[name].empty());
        }
    }

    TEST_CASE("fuzz: the seed corpus replays cleanly") { replay("corpus"); }

    TEST_CASE("fuzz: kept crash inputs stay fixed") { replay("regressions"); }

    TEST_CASE("fuzz: a target's broken invariant fails the replay") {
        auto it = targets().find("money");
        REQUIRE(it != targets().end());
        // A well-formed amount passes; the check macro itself reports a failure as an exception.
        CHECK_NOTHROW(it->second("10.50"));
        CHECK_THROWS_AS(CTL_FUZZ_CHECK(1 + 1 == 3), InvariantFailed);
    }
}

}  // namespace ctl::fuzz
