// MurmurHash3 x86_32 against published vectors, and Unleash's normalisation.

#include "flags/murmur3.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ctl::flags;

TEST_SUITE("flags murmur3") {
    TEST_CASE("known vectors of MurmurHash3 x86_32") {
        CHECK(murmur3_32("", 0) == 0u);
        CHECK(murmur3_32("", 1) == 0x514E28B7u);
        CHECK(murmur3_32("", 0xffffffffu) == 0x81F16F39u);
        CHECK(murmur3_32(std::string(4, '\0'), 0) == 0x2362F9DEu);
        CHECK(murmur3_32("aaaa", 0x9747b28cu) == 0x5A97808Au);
        CHECK(murmur3_32("abc", 0) == 0xB3DD93FAu);
        CHECK(murmur3_32("Hello, world!", 0x9747b28cu) == 0x24884CBAu);
        CHECK(murmur3_32("The quick brown fox jumps over the lazy dog", 0x9747b28cu) == 0x2FA826CDu);
    }

    TEST_CASE("Unleash normalisation: murmur3(groupId:id) % 100 + 1") {
        CHECK(normalized_value("123", "gr1", 100) == 73u);
        CHECK(normalized_value("999", "groupX", 100) == 25u);
        for (int i = 0; i < 1000; ++i) {
            auto v = normalized_value(std::to_string(i), "g", 100);
            CHECK((v >= 1 && v <= 100));
        }
        CHECK(normalized_value("u", "g", 1000, k_variant_seed) ==
              murmur3_32("g:u", 86028157u) % 1000 + 1);
    }
}
