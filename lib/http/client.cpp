#include "http/client.hpp"

#include "util/error.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <memory>
#include <thread>

namespace ctl::http {

namespace {

void global_init() {
    static const bool done = [] {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        return true;
    }();
    (void)done;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    std::string line(data, size * n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        auto b = value.find_first_not_of(" \t");
        auto e = value.find_last_not_of(" \t\r\n");
        (*static_cast<std::map<std::string, std::string>*>(user))[name] =
            b == std::string::npos ? "" : value.substr(b, e - b + 1);
    }
    return size * n;
}

std::string host_of(const std::string& url) {
    auto start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    return url.substr(start, url.find('/', start) - start);
}

double jitter() {
    return 0.5 + 0.5 * (static_cast<double>(randombytes_uniform(1000001)) / 1000000.0);
}

}  // namespace

double backoff_delay(int retry, const RetryPolicy& policy, std::optional<double> retry_after, double jitter01) {
    if (retry_after) return std::clamp(*retry_after, 0.0, policy.max_delay_s);
    double d = policy.base_delay_s * std::pow(2.0, std::max(0, retry - 1)) * std::clamp(jitter01, 0.5, 1.0);
    return std::min(d, policy.max_delay_s);
}

std::optional<double> parse_retry_after(const std::string& value) {
    long long seconds = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || end != value.data() + value.size() || seconds < 0) return std::nullopt;
    return static_cast<double>(seconds);
}

Client::Client(ClientOptions options) : m_options(std::move(options)) {
    global_init();
    if (!m_options.sleep)
        m_options.sleep = [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); };
}

Response Client::send(const Request& request) {
    std::string last_error;
    for (int attempt = 1; attempt <= m_options.retry.max_attempts; ++attempt) {
        std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
        if (!curl) throw Error(ExitCode::failure, "cannot initialise libcurl");
        curl_slist* raw_headers = nullptr;
        for (const auto& [name, value] : request.headers)
            raw_headers = curl_slist_append(raw_headers, (name + ": " + value).c_str());
        std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw_headers, curl_slist_free_all);
        Response response;
        CURL* c = curl.get();
        curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        if (!request.body.empty() || request.method == "POST") {
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        }
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, &response.headers);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.timeout_s * 1000));
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connect_timeout_s * 1000));
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "ctl/" CTL_VERSION);
        CURLcode rc = curl_easy_perform(c);
        std::optional<double> retry_after;
        if (rc == CURLE_OK) {
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
            response.attempts = attempt;
            bool retryable = response.status == 429 || response.status >= 500;
            if (!retryable || attempt == m_options.retry.max_attempts) return response;
            if (auto it = response.headers.find("retry-after"); it != response.headers.end())
                retry_after = parse_retry_after(it->second);
        } else {
            last_error = curl_easy_strerror(rc);
            if (attempt == m_options.retry.max_attempts) break;
        }
        m_options.sleep(backoff_delay(attempt, m_options.retry, retry_after, jitter()));
    }
    throw Unavailable("cannot reach " + host_of(request.url) + ": " + last_error, "check the URL and network; safe to retry");
}

}  // namespace ctl::http
