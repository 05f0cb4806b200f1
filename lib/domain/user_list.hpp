#pragma once
// The user lists of `users bulk --ids-from FILE|-`: one user per line, named by id, e-mail,
// wallet or auth-provider id. Reading the list needs no database; resolving the names does.

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace ctl::users {

struct ListedUser {
    std::string text;     // the line, trimmed of spaces, tabs and CR
    std::int64_t id = 0;  // > 0 when the line is a decimal user id; else 0 and text names the user
};

// Every line that is not blank and does not start with '#', in order. Never throws.
std::vector<ListedUser> parse_user_list(std::istream& in);

}  // namespace ctl::users
