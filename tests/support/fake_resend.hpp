#pragma once
// A local fake of Resend's e-mail API (cpp-httplib on 127.0.0.1) for CLI tests.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ctl::testing {

// Answers POST /emails like Resend: `throttle_first` requests get 429 with retry-after: 0,
// then 200 {"id": ...}. Records what it accepted.
class FakeResend {
public:
    explicit FakeResend(int throttle_first) : m_throttle(throttle_first) {
        m_server.Post("/emails", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_mutex);
            requests.push_back({req.get_header_value("Authorization"), req.get_header_value("Idempotency-Key"),
                                nlohmann::json::parse(req.body, nullptr, false)});
            if (m_throttle-- > 0) {
                res.status = 429;
                res.set_header("retry-after", "0");
                res.set_content(R"({"statusCode":429,"message":"Too many requests","name":"rate_limit_exceeded"})",
                                "application/json");
                return;
            }
            delivered.push_back(requests.back());
            res.set_content(R"({"id":"em_0001"})", "application/json");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeResend() {
        m_server.stop();
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    struct Seen {
        std::string authorization, idempotency_key;
        nlohmann::json body;
    };
    std::vector<Seen> requests, delivered;

private:
    httplib::Server m_server;
    std::mutex m_mutex;
    std::thread m_thread;
    int m_port = 0;
    int m_throttle;
};

}  // namespace ctl::testing
