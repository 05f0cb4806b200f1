#pragma once
// A local fake of Resend's POST /emails (cpp-httplib on 127.0.0.1) that keeps every accepted
// message, attachments included, and replays the first answer for a repeated Idempotency-Key.
// GET /emails/{id} answers as Resend's "retrieve email" does, with the last_event a test sets
// (set_last_event; "delivered" by default), or 404 for an id it never gave out.

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
            m_by_id[id] = delivered.back();
            res.set_content(nlohmann::json{{"id", id}}.dump(), "application/json");
            faults.after_work(res);
        });
        m_server.Get(R"(/emails/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_mutex);
            std::string id = req.matches[1];
            ++lookups[id];
            auto it = m_by_id.find(id);
            if (it == m_by_id.end()) {
                res.status = 404;
                res.set_content(R"({"statusCode":404,"message":"Email not found","name":"not_found"})",
                                "application/json");
                return;
            }
            const auto& sent = it->second;
            auto event = m_events.count(id) ? m_events[id] : std::string("delivered");
            nlohmann::json body = {{"object", "email"},
                                   {"id", id},
                                   {"to", sent.value("to", nlohmann::json::array())},
                                   {"from", sent.value("from", "")},
                                   {"created_at", "2026-11-22 10:00:00.000000+00"},
                                   {"subject", sent.value("subject", "")},
                                   {"html", sent.value("html", "")},
                                   {"text", sent.value("text", "")},
                                   {"bcc", nullptr},
                                   {"cc", nullptr},
                                   {"reply_to", nullptr},
                                   {"last_event", event},
                                   {"scheduled_at", nullptr},
                                   {"tags", nlohmann::json::array()}};
            res.set_content(body.dump(), "application/json");
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

    void set_last_event(const std::string& id, const std::string& event) {
        std::lock_guard lock(m_mutex);
        m_events[id] = event;
    }

    FaultPlan faults;  // injected before or after the work (faults.hpp)
    std::vector<nlohmann::json> delivered;
    std::map<std::string, int> calls;    // by Idempotency-Key
    std::map<std::string, int> lookups;  // GET /emails/{id}, by id

private:
    httplib::Server m_server;
    std::mutex m_mutex;
    std::map<std::string, std::string> m_ids;
    std::map<std::string, nlohmann::json> m_by_id;
    std::map<std::string, std::string> m_events;
    std::thread m_thread;
    int m_port = 0;
};

}  // namespace ctl::testing
