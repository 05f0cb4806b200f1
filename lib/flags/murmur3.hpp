#pragma once
// MurmurHash3 x86_32, the hash Unleash SDKs use to place a user in a rollout or a variant.

#include <cstdint>
#include <string_view>

namespace ctl::flags {

std::uint32_t murmur3_32(std::string_view data, std::uint32_t seed);

// Unleash's normalisation: murmur3("<group_id>:<id>", seed) % normalizer + 1, in 1..normalizer.
inline constexpr std::uint32_t k_variant_seed = 86028157;
std::uint32_t normalized_value(std::string_view id, std::string_view group_id, std::uint32_t normalizer,
                               std::uint32_t seed = 0);

}  // namespace ctl::flags
