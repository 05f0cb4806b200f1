#pragma once
// A local fake of Stripe's API (cpp-httplib on 127.0.0.1), following its documented shapes:
// form-encoded POSTs with Bearer auth and Idempotency-Key; a repeated key returns the first
// answer again without doing anything (Stripe's idempotency), and errors are
// {"error": {"type", "code", "message"}}.
//   POST /v1/refunds                      → refund object {id re_..., amount, currency, status}
//   POST /v1/payment_intents/{id}/confirm → payment intent (status from confirm_status)
//   GET /v1/payment_intents?limit&created[gte]&created[lt]&starting_after → {object: list, data,
//       has_more}, newest first, from `intents`
// Faults for tests: `fail_next` answers 500 to that many requests; `delay_first_ms` makes the
// first call to a new key sleep (after doing its work) so the client times out.

#include "support/fakes/faults.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <algorithm>
#include <map>
#include <vector>
#include <mutex>
#include <string>
#include <thread>

namespace ctl::testing {

class FakeStripe {
public:
    explicit FakeStripe(std::string api_key = "sk_test_fake") : m_key(std::move(api_key)) {
        m_server.Post("/v1/refunds", [this](const httplib::Request& req, httplib::Response& res) {
            handle(req, res, [&](nlohmann::json& out) {
                std::string pi = req.has_param("payment_intent") ? req.get_param_value("payment_intent")
                                                                  : req.get_param_value("charge");
                if (pi.empty() || !req.has_param("amount")) {
                    res.status = 400;
                    out = error("invalid_request_error", "parameter_missing", "Missing payment_intent or amount");
                    return;
                }
                ++refunds_made;
                out = {{"id", "re_" + std::to_string(refunds_made)},
                       {"object", "refund"},
                       {"amount", std::stoll(req.get_param_value("amount"))},
                       {"currency", "usd"},
                       {"payment_intent", pi},
                       {"status", refund_status},
                       {"metadata", {{"reason", req.get_param_value("metadata[reason]")}}}};
            });
        });
        m_server.Post(R"(/v1/payment_intents/([^/]+)/confirm)", [this](const httplib::Request& req, httplib::Response& res) {
            handle(req, res, [&](nlohmann::json& out) {
                ++confirms_made;
                out = {{"id", req.matches[1].str()}, {"object", "payment_intent"}, {"amount", 1900}, {"currency", "usd"},
                       {"status", confirm_status}, {"created", 1790000000}};
                if (confirm_status != "succeeded")
                    out["last_payment_error"] = {{"message", "Your card was declined."}};
            });
        });
        m_server.Get("/v1/payment_intents", [this](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("Authorization") != "Bearer " + m_key) {
                res.status = 401;
                res.set_content(error("invalid_request_error", "api_key_invalid", "Invalid API Key provided").dump(),
                                "application/json");
                return;
            }
            long long limit = req.has_param("limit") ? std::stoll(req.get_param_value("limit")) : 10;
            long long gte = req.has_param("created[gte]") ? std::stoll(req.get_param_value("created[gte]")) : 0;
            long long lt = req.has_param("created[lt]") ? std::stoll(req.get_param_value("created[lt]")) : (1LL << 62);
            std::string after = req.get_param_value("starting_after");
            std::lock_guard lock(m_mutex);
            ++list_pages;
            auto sorted = intents;
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](const auto& a, const auto& b) { return a["created"].template get<long long>() > b["created"].template get<long long>(); });
            nlohmann::json data = nlohmann::json::array();
            bool skipping = !after.empty(), more = false;
            for (const auto& pi : sorted) {
                long long created = pi["created"];
                if (created < gte || created >= lt) continue;
                if (skipping) {
                    if (pi["id"] == after) skipping = false;
                    continue;
                }
                if (static_cast<long long>(data.size()) == limit) {
                    more = true;
                    break;
                }
                data.push_back(pi);
            }
            res.set_content(nlohmann::json{{"object", "list"}, {"data", data}, {"has_more", more}, {"url", "/v1/payment_intents"}}.dump(),
                            "application/json");
        });
        faults.install(m_server);
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeStripe() {
        m_server.stop();
        m_thread.join();
    }
    FakeStripe(const FakeStripe&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    const std::string& key() const { return m_key; }

    // Requests per Idempotency-Key (every request, also replays).
    std::map<std::string, int> calls_by_key() {
        std::lock_guard lock(m_mutex);
        return m_calls;
    }
    int requests() {
        std::lock_guard lock(m_mutex);
        int n = 0;
        for (auto& [k, v] : m_calls) n += v;
        return n;
    }

    FaultPlan faults;  // injected before or after the work (faults.hpp)
    std::atomic<int> refunds_made{0};
    std::atomic<int> confirms_made{0};
    std::atomic<int> fail_next{0};
    std::atomic<int> delay_first_ms{0};
    std::string refund_status = "succeeded";
    std::vector<nlohmann::json> intents;  // what GET /v1/payment_intents lists
    std::atomic<int> list_pages{0};
    void add_intent(const std::string& id, long long amount, const std::string& currency, const std::string& status,
                    long long created, const std::string& user_id = {}) {
        std::lock_guard lock(m_mutex);
        nlohmann::json pi = {{"id", id}, {"object", "payment_intent"}, {"amount", amount}, {"currency", currency},
                             {"status", status}, {"created", created}, {"metadata", nlohmann::json::object()}};
        if (!user_id.empty()) pi["metadata"]["user_id"] = user_id;
        intents.push_back(pi);
    }
    std::string confirm_status = "succeeded";

private:
    static nlohmann::json error(const std::string& type, const std::string& code, const std::string& message) {
        return {{"error", {{"type", type}, {"code", code}, {"message", message}}}};
    }

    template <typename Body>
    void handle(const httplib::Request& req, httplib::Response& res, Body&& body) {
        std::string idem = req.get_header_value("Idempotency-Key");
        bool first = false;
        {
            std::lock_guard lock(m_mutex);
            ++m_calls[idem];
            if (req.get_header_value("Authorization") != "Bearer " + m_key) {
                res.status = 401;
                res.set_content(error("invalid_request_error", "api_key_invalid", "Invalid API Key provided").dump(),
                                "application/json");
                return;
            }
            if (fail_next > 0) {
                --fail_next;
                res.status = 500;
                res.set_content(error("api_error", "", "Something went wrong on Stripe's end.").dump(), "application/json");
                return;
            }
            if (auto it = m_replies.find(idem); !idem.empty() && it != m_replies.end()) {
                res.set_header("Idempotent-Replayed", "true");
                res.status = it->second.first;
                res.set_content(it->second.second, "application/json");
                return;
            }
            nlohmann::json out;
            res.status = 200;
            body(out);
            if (!idem.empty()) m_replies[idem] = {res.status, out.dump()};
            res.set_content(out.dump(), "application/json");
            first = true;
        }
        if (first) faults.after_work(res);
        if (first && delay_first_ms > 0) {
            int ms = delay_first_ms.exchange(0);
            std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        }
    }

    std::string m_key;
    httplib::Server m_server;
    std::mutex m_mutex;
    std::map<std::string, int> m_calls;
    std::map<std::string, std::pair<int, std::string>> m_replies;
    std::thread m_thread;
    int m_port = 0;
};

}  // namespace ctl::testing
