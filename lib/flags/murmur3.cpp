#include "flags/murmur3.hpp"

#include <cstring>
#include <string>

namespace ctl::flags {

namespace {

constexpr std::uint32_t rotl(std::uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

}  // namespace

std::uint32_t murmur3_32(std::string_view data, std::uint32_t seed) {
    constexpr std::uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    const std::size_t len = data.size();
    const std::size_t blocks = len / 4;
    std::uint32_t h = seed;
    for (std::size_t i = 0; i < blocks; ++i) {
        std::uint32_t k = static_cast<std::uint32_t>(bytes[4 * i]) | static_cast<std::uint32_t>(bytes[4 * i + 1]) << 8 |
                          static_cast<std::uint32_t>(bytes[4 * i + 2]) << 16 |
                          static_cast<std::uint32_t>(bytes[4 * i + 3]) << 24;
        k *= c1;
        k = rotl(k, 15);
        k *= c2;
        h ^= k;
        h = rotl(h, 13);
        h = h * 5 + 0xe6546b64;
    }
    const unsigned char* tail = bytes + blocks * 4;
    std::uint32_t k = 0;
    switch (len & 3) {
        case 3: k ^= static_cast<std::uint32_t>(tail[2]) << 16; [[fallthrough]];
        case 2: k ^= static_cast<std::uint32_t>(tail[1]) << 8; [[fallthrough]];
        case 1:
            k ^= tail[0];
            k *= c1;
            k = rotl(k, 15);
            k *= c2;
            h ^= k;
    }
    h ^= static_cast<std::uint32_t>(len);
    h ^= h >> 16;
    h *= 0x85ebca6b;
    h ^= h >> 13;
    h *= 0xc2b2ae35;
    h ^= h >> 16;
    return h;
}

std::uint32_t normalized_value(std::string_view id, std::string_view group_id, std::uint32_t normalizer,
                               std::uint32_t seed) {
    std::string key;
    key.reserve(group_id.size() + 1 + id.size());
    key.append(group_id).push_back(':');
    key.append(id);
    return murmur3_32(key, seed) % normalizer + 1;
}

}  // namespace ctl::flags
