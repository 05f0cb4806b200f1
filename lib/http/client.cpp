#include "http/client.hpp"

#include "util/error.hpp"
#include "util/time.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
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

std::optional<double> parse_retry_after(const std::string& value, long long now_epoch) {
    long long seconds = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec == std::errc() && end == value.data() + value.size()) {
        if (seconds < 0) return std::nullopt;
        return static_cast<double>(seconds);
    }
    // IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
    static constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char wday[4] = {}, mon[4] = {}, zone[4] = {};
    int day = 0, year = 0, hh = 0, mm = 0, ss = 0, consumed = 0;
    if (std::sscanf(value.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n", wday, &day, mon, &year, &hh, &mm, &ss, zone,
                    &consumed) != 8 ||
        static_cast<std::size_t>(consumed) != value.size() || std::string(zone) != "GMT" ||
        std::string(wday).size() != 3)
        return std::nullopt;
    int month = 0;
    for (int i = 0; i < 12; ++i)
        if (std::string(mon) == k_months[i]) month = i + 1;
    if (month == 0 || !util::is_valid_date(year, month, day) || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    long long at = util::days_from_civil(year, month, day) * 86400 + hh * 3600 + mm * 60 + ss;
    return static_cast<double>(std::max(0LL, at - now_epoch));
}

std::optional<double> parse_retry_after(const std::string& value) {
    return parse_retry_after(value, util::current_epoch());
}

std::string percent_encode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string describe_header(const std::string& name, const std::string& value) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    bool secret = lower == "authorization" || lower == "cookie";
    for (const char* word : {"key", "token", "secret", "password"})
        if (lower.find(word) != std::string::npos && lower != "idempotency-key") secret = true;
    if (!secret) return name + ": " + value;
    // "Bearer abcd…": the scheme and a short prefix say which credential without revealing it.
    auto space = value.find(' ');
    std::string scheme = space == std::string::npos ? "" : value.substr(0, space + 1);
    std::string credential = space == std::string::npos ? value : value.substr(space + 1);
    return name + ": " + scheme + credential.substr(0, std::min<std::size_t>(4, credential.size() / 4)) + "****";
}

std::string describe_request(const Request& request) {
    std::string url = request.url;
    // Query parameters that look like credentials keep their name only.
    for (const char* word : {"key=", "token=", "secret=", "password="}) {
        for (auto at = url.find(word); at != std::string::npos; at = url.find(word, at + 1)) {
            auto value_start = at + std::string(word).size();
            auto value_end = url.find('&', value_start);
            url.replace(value_start, value_end == std::string::npos ? std::string::npos : value_end - value_start, "****");
        }
    }
    std::string line = request.method + " " + url;
    for (const auto& [name, value] : request.headers) line += " [" + describe_header(name, value) + "]";
    return line;
}

Client::Client(ClientOptions options) : m_options(std::move(options)) {
    global_init();
    if (!m_options.sleep)
        m_options.sleep = [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); };
}

Response Client::send(const Request& request) {
    std::string last_error;
    double waited = 0;
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
            if (m_options.log)
                m_options.log(describe_request(request) + " -> " + std::to_string(response.status) + " (attempt " +
                              std::to_string(attempt) + ")");
            bool retryable = response.status == 429 || response.status >= 500;
            if (!retryable || attempt == m_options.retry.max_attempts) return response;
            if (auto it = response.headers.find("retry-after"); it != response.headers.end())
                retry_after = parse_retry_after(it->second);
        } else {
            last_error = curl_easy_strerror(rc);
            if (m_options.log)
                m_options.log(describe_request(request) + " -> " + last_error + " (attempt " + std::to_string(attempt) + ")");
            if (attempt == m_options.retry.max_attempts) break;
        }
        double delay = backoff_delay(attempt, m_options.retry, retry_after, jitter());
        if (waited + delay > m_options.retry.max_total_wait_s) {
            // Waiting any longer would break the bound: report what the last attempt got.
            if (rc == CURLE_OK) return response;
            break;
        }
        waited += delay;
        m_options.sleep(delay);
    }
    throw Unavailable("cannot reach " + host_of(request.url) + ": " + last_error, "check the URL and network; safe to retry");
}

}  // namespace ctl::http
