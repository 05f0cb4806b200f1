#pragma once
// A local fake of NOWPayments' API (cpp-httplib on 127.0.0.1), following its documented shapes:
//   POST /auth {email, password}  → {token}; 401 {status:false, statusCode, code, message} otherwise
//   GET /payment/?limit&page&sortBy&orderBy&dateFrom&dateTo  (x-api-key and Bearer token)
//       → {data, limit, page, pagesCount, total}
// Faults for tests: `throttle_next` answers 429 with Retry-After (seconds, or an HTTP date when
// `retry_after_date`), `fail_next` answers 500.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ctl::testing {

class FakeNowPayments {
public:
    FakeNowPayments() {
        m_server.Post("/auth", [this](const httplib::Request& req, httplib::Response& res) {
            auto body = nlohmann::json::parse(req.body, nullptr, false);
            ++auth_calls;
            if (!body.is_object() || body.value("email", "") != email || body.value("password", "") != password) {
                res.status = 401;
                res.set_content(error(401, "INVALID_CREDENTIALS", "Invalid email or password"), "application/json");
                return;
            }
            res.set_content(nlohmann::json{{"token", token}}.dump(), "application/json");
        });
        m_server.Get("/payment/", [this](const httplib::Request& req, httplib::Response& res) {
            ++list_calls;
            if (req.get_header_value("x-api-key") != api_key || req.get_header_value("Authorization") != "Bearer " + token) {
                res.status = 401;
                res.set_content(error(401, "AUTH_REQUIRED", "Authorization header is empty (Bearer JWTtoken is required)"),
                                "application/json");
                return;
            }
            if (throttle_next > 0) {
                --throttle_next;
                res.status = 429;
                res.set_header("Retry-After", retry_after_date ? "Thu, 01 Jan 1970 00:00:00 GMT" : "0");
                res.set_content(error(429, "TOO_MANY_REQUESTS", "Too many requests"), "application/json");
                return;
            }
            if (fail_next > 0) {
                --fail_next;
                res.status = 500;
                res.set_content(error(500, "INTERNAL_ERROR", "Internal server error"), "application/json");
                return;
            }
            long long limit = std::stoll(req.has_param("limit") ? req.get_param_value("limit") : "10");
            long long page = std::stoll(req.has_param("page") ? req.get_param_value("page") : "0");
            std::string from = req.get_param_value("dateFrom"), to = req.get_param_value("dateTo");
            std::lock_guard lock(m_mutex);
            nlohmann::json all = nlohmann::json::array();
            for (const auto& p : payments) {
                std::string at = p["created_at"];
                if ((from.empty() || at.substr(0, 10) >= from.substr(0, 10)) && (to.empty() || at.substr(0, 10) <= to.substr(0, 10)))
                    all.push_back(p);
            }
            long long total = static_cast<long long>(all.size());
            nlohmann::json data = nlohmann::json::array();
            for (long long i = page * limit; i < std::min(total, (page + 1) * limit); ++i) data.push_back(all[static_cast<std::size_t>(i)]);
            pages_served.push_back(page);
            res.set_content(nlohmann::json{{"data", data}, {"limit", limit}, {"page", page},
                                           {"pagesCount", (total + limit - 1) / limit}, {"total", total}}
                                .dump(),
                            "application/json");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeNowPayments() {
        m_server.stop();
        m_thread.join();
    }
    FakeNowPayments(const FakeNowPayments&) = delete;
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    // A payment as GET /payment/ lists it.
    void add(long long id, const std::string& status, double price, const std::string& currency,
             const std::string& order_id, const std::string& created_at) {
        std::lock_guard lock(m_mutex);
        payments.push_back({{"payment_id", id}, {"payment_status", status}, {"price_amount", price},
                            {"price_currency", currency}, {"pay_amount", 0.0012}, {"pay_currency", "btc"},
                            {"actually_paid", 0.0012}, {"order_id", order_id}, {"created_at", created_at},
                            {"updated_at", created_at}});
    }

    std::string api_key = "np_key", email = "ops@example.com", password = "pw", token = "jwt.np.token";
    std::vector<nlohmann::json> payments;
    std::vector<long long> pages_served;
    std::atomic<int> auth_calls{0}, list_calls{0}, throttle_next{0}, fail_next{0};
    bool retry_after_date = false;

private:
    static std::string error(int code, const std::string& name, const std::string& message) {
        return nlohmann::json{{"status", false}, {"statusCode", code}, {"code", name}, {"message", message}}.dump();
    }

    httplib::Server m_server;
    std::mutex m_mutex;
    std::thread m_thread;
    int m_port = 0;
};

}  // namespace ctl::testing
