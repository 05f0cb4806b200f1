#include "providers/refusal.hpp"

#include <fmt/format.h>

namespace ctl::providers {

void throw_refusal(const http::Response& res, const std::string& message, const Refusal& r) {
    if (res.status == 401 || res.status == 403) {
        std::string text = fmt::format("{} refused the {}: {}", r.provider, r.key, message);
        if (r.key_code == ExitCode::usage) throw UsageError(text, r.key_hint);
        throw Error(r.key_code, text, r.key_hint);
    }
    if (res.status == 429 || res.status >= 500)
        throw Unavailable(fmt::format("{} is unavailable after {} attempts: {}", r.provider, res.attempts, message),
                          r.retry_hint);
    throw Error(ExitCode::failure, r.refused + ": " + message);
}

}  // namespace ctl::providers
