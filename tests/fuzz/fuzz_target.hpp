#pragma once
// One fuzz target is one function over the raw input bytes. Built with CTL_LIBFUZZER (clang,
// tests/fuzz/CMakeLists.txt) the function becomes the libFuzzer entry point; in the normal build
// it registers itself, and test_replay.cpp runs it over the committed seed corpus and every kept
// crash input (tests/fuzz/{corpus,regressions}/<target>/), so a fixed crash stays fixed.
//
// A target catches ctl::Error, the documented answer to bad input (one line, an exit code).
// Anything else escaping (a std::out_of_range, a JSON type_error, a broken invariant) is a bug:
// it would reach main as "unexpected failure" (exit 1) instead of exit 2.

#include "util/error.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ctl::fuzz {

using Body = void (*)(std::string_view input);

// Records a target for the replay test; returns true so it can initialise a static.
bool register_target(const char* name, Body body);

// A property of the parser's answer that does not hold.
struct InvariantFailed : std::logic_error {
    using std::logic_error::logic_error;
};

}  // namespace ctl::fuzz

#define CTL_FUZZ_STRINGIFY2(x) #x
#define CTL_FUZZ_STRINGIFY(x) CTL_FUZZ_STRINGIFY2(x)
#define CTL_FUZZ_CHECK(cond)                                                                              \
    ((cond) ? void(0)                                                                                     \
            : throw ::ctl::fuzz::InvariantFailed(__FILE__ ":" CTL_FUZZ_STRINGIFY(__LINE__) ": " #cond))

#ifdef CTL_LIBFUZZER
#define CTL_FUZZ_TARGET(name)                                                                   \
    static void ctl_fuzz_##name(std::string_view input);                                        \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {         \
        ctl_fuzz_##name(std::string_view(reinterpret_cast<const char*>(data), size));           \
        return 0;                                                                               \
    }                                                                                           \
    static void ctl_fuzz_##name(std::string_view input)
#else
#define CTL_FUZZ_TARGET(name)                                                                   \
    static void ctl_fuzz_##name(std::string_view input);                                        \
    [[maybe_unused]] static const bool ctl_fuzz_registered_##name =                             \
        ::ctl::fuzz::register_target(#name, ctl_fuzz_##name);                                   \
    static void ctl_fuzz_##name(std::string_view input)
#endif
