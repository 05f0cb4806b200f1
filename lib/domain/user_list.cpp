#include "domain/user_list.hpp"

#include <charconv>

namespace ctl::users {

std::vector<ListedUser> parse_user_list(std::istream& in) {
    std::vector<ListedUser> users;
    std::string line;
    while (std::getline(in, line)) {
        auto b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos || line[b] == '#') continue;
        ListedUser user;
        user.text = line.substr(b, line.find_last_not_of(" \t\r") - b + 1);
        std::int64_t id = 0;
        const char* end = user.text.data() + user.text.size();
        auto [ptr, ec] = std::from_chars(user.text.data(), end, id);
        if (ec == std::errc() && ptr == end && id > 0) user.id = id;
        users.push_back(std::move(user));
    }
    return users;
}

}  // namespace ctl::users
