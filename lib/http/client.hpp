#pragma once
// A small HTTP client over libcurl (DESIGN §9): a timeout on every call; 429, 5xx and transport
// failures retried with exponential backoff and jitter, honouring Retry-After; the caller's
// Idempotency-Key header is sent unchanged on every attempt, so a retry never does a thing twice.
// Not thread-safe: one Client per thread.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ctl::http {

struct Request {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Idempotency-Key", "..."}
    std::string body;
};

struct Response {
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // names lower-cased; the last value wins
    int attempts = 0;                            // how many requests were made
};

struct RetryPolicy {
    int max_attempts = 4;        // including the first
    double base_delay_s = 0.25;  // before the first retry; doubles each time
    double max_delay_s = 30;     // cap, also for Retry-After
};

struct ClientOptions {
    double timeout_s = 30;
    double connect_timeout_s = 10;
    RetryPolicy retry;
    std::function<void(double seconds)> sleep;  // default: really sleep (tests may record instead)
};

// The pause before retry number `retry` (1 = first retry): Retry-After when the server gave one,
// else base × 2^(retry-1) scaled by a jitter factor in [0.5, 1]; never above max_delay_s.
double backoff_delay(int retry, const RetryPolicy& policy, std::optional<double> retry_after, double jitter01);

// Seconds from a Retry-After value (delta-seconds only); nullopt otherwise.
std::optional<double> parse_retry_after(const std::string& value);

class Client {
public:
    explicit Client(ClientOptions options = {});
    // Sends with retries. Returns the final response (whatever its status); throws
    // ctl::Unavailable (exit 6) when no response came after the last attempt (connection
    // refused, timeout, DNS), naming the host but never a header value.
    Response send(const Request& request);

private:
    ClientOptions m_options;
};

}  // namespace ctl::http
