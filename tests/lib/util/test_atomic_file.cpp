#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using ctl::util::AtomicFile;

namespace {
std::size_t entries(const std::filesystem::path& dir) {
    return static_cast<std::size_t>(
        std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()));
}
}  // namespace

TEST_SUITE("util atomic file") {
    TEST_CASE("the file appears only on commit; an abandoned write leaves nothing") {
        auto dir = std::filesystem::temp_directory_path() / ("ctl-atomic-" + std::to_string(getpid()));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        auto path = (dir / "out.csv").string();
        {
            AtomicFile f(path);
            f.stream() << "half";
        }
        CHECK(entries(dir) == 0);
        {
            AtomicFile f(path);
            f.stream() << "first\n";
            f.commit();
        }
        {
            AtomicFile f(path);
            f.stream() << "second, abandoned\n";
        }
        std::ifstream in(path);
        std::string line;
        std::getline(in, line);
        CHECK(line == "first");
        CHECK(entries(dir) == 1);
        CHECK_THROWS_AS(AtomicFile((dir / "no" / "such").string()), ctl::Error);
        std::filesystem::remove_all(dir);
    }
}
