#pragma once
// A local fake of Resend's POST /emails (cpp-httplib on 127.0.0.1) that keeps every accepted
// message, attachments included, and replays the first answer for a repeated Idempotency-Key.

#include "support/fakes/faults.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ctl::testing {

class FakeResendInbox {
public:
    FakeResendInbox() {
        m_server.Post("/emails", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_mutex);
            auto key = req.get_header_value("Idempotency-Key");
            ++calls[key];
            if (auto it = m_ids.find(key); it != m_ids.end()) {
                res.set_content(nlohmann::json{{"id", it->second}}.dump(), "application/json");
                return;
            }
            std::string id = "em_" + std::to_string(delivered.size() + 1);
            delivered.push_back(nlohmann::json::parse(req.body, nullptr, false));
            m_ids[key] = id;
            res.set_content(nlohmann::json{{"id", id}}.dump(), "application/json");
            faults.after_work(res);
        });
        faults.install(m_server);
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeResendInbox() {
        m_server.stop();
        m_thread.join();
    }
    FakeResendInbox(const FakeResendInbox&) = delete;
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    FaultPlan faults;  // injected before or after the work (faults.hpp)
    std::vector<nlohmann::json> delivered;
    std::map<std::string, int> calls;  // by Idempotency-Key

private:
    httplib::Server m_server;
    std::mutex m_mutex;
    std::map<std::string, std::string> m_ids;
    std::thread m_thread;
    int m_port = 0;
};

}  // namespace ctl::testing
