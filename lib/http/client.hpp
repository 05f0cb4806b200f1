#pragma once
// A small HTTP client over libcurl (DESIGN §9): a timeout on every call; 429, 5xx and transport
// failures retried with exponential backoff and jitter, honouring Retry-After; the caller's
// Idempotency-Key header is sent unchanged on every attempt, so a retry never does a thing twice.
// The total time spent waiting between attempts is bounded (RetryPolicy::max_total_wait_s).
// With ClientOptions::log set (`-v`), each attempt is described in one line with secrets masked.
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
    double max_total_wait_s = 60;  // no further retry once the waits would add up to more
};

struct ClientOptions {
    double timeout_s = 30;
    double connect_timeout_s = 10;
    RetryPolicy retry;
    std::function<void(double seconds)> sleep;  // default: really sleep (tests may record instead)
    std::function<void(const std::string& line)> log;  // -v: one line per attempt, secrets masked
};

// The pause before retry number `retry` (1 = first retry): Retry-After when the server gave one,
// else base × 2^(retry-1) scaled by a jitter factor in [0.5, 1]; never above max_delay_s.
double backoff_delay(int retry, const RetryPolicy& policy, std::optional<double> retry_after, double jitter01);

// Seconds from a Retry-After value: delta-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT", counted from now_epoch; 0 when already past); nullopt for
// anything else.
std::optional<double> parse_retry_after(const std::string& value, long long now_epoch);
std::optional<double> parse_retry_after(const std::string& value);  // from the real clock

// `text` percent-encoded for a URL path segment or a form field: every byte but RFC 3986's
// unreserved characters (letters, digits, - _ . ~) as %XX.
std::string percent_encode(std::string_view text);

// A header as -v prints it: the value of Authorization, x-api-key, and any header whose name
// holds "key", "token", "secret" or "password" is masked (its first 4 characters kept).
std::string describe_header(const std::string& name, const std::string& value);
// The request line for -v: method, URL with secret query parameters masked, masked headers.
std::string describe_request(const Request& request);

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
