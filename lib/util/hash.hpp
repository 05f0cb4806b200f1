#pragma once
#include <string>
#include <string_view>

namespace ctl::util {

// Lower-case hex SHA-256 of the bytes (libsodium).
std::string sha256_hex(std::string_view data);

}  // namespace ctl::util
