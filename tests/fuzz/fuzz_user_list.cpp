// The user lists imported by `users bulk --ids-from FILE|-` (one id, e-mail, wallet or
// provider id a line; blank lines and # comments skipped).
#include "domain/user_list.hpp"
#include "fuzz/fuzz_target.hpp"

#include <sstream>

CTL_FUZZ_TARGET(user_list) {
    std::istringstream in{std::string(input)};
    for (const auto& user : ctl::users::parse_user_list(in)) {
        CTL_FUZZ_CHECK(!user.text.empty() && user.text.front() != '#');
        for (char edge : {user.text.front(), user.text.back()}) CTL_FUZZ_CHECK(edge != ' ' && edge != '\t' && edge != '\r');
        CTL_FUZZ_CHECK(user.text.find('\n') == std::string::npos);
        if (user.id > 0)
            for (char c : user.text) CTL_FUZZ_CHECK(c >= '0' && c <= '9');
    }
}
