#pragma once
// A provider's answer other than 2xx, after the HTTP client's retries, as ctl's error: a refused
// key or login is the provider's `key_code` (bad usage, exit 2; Devin: permission, exit 5),
// throttling or a server error is unavailable (exit 6), anything else is refused (exit 1).

#include "http/client.hpp"
#include "util/error.hpp"

#include <string>

namespace ctl::providers {

struct Refusal {
    std::string provider;                 // "Stripe": "Stripe refused the API key: ..."
    std::string key = "API key";          // what a 401 or 403 refused
    std::string key_hint;                 // where to set it
    ExitCode key_code = ExitCode::usage;
    std::string retry_hint = "safe to retry";
    std::string refused;                  // any other answer: "<refused>: <message>"
};

// Throws for `res`, with `message` the provider's own words (or "HTTP <status>").
[[noreturn]] void throw_refusal(const http::Response& res, const std::string& message, const Refusal& r);

}  // namespace ctl::providers
