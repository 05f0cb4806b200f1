#pragma once
// Faults for the fake provider servers: a queue of what goes wrong with the next requests, put
// in front of (before_work) or behind (after_work) a fake's routes, so a test can tell apart a
// request the provider never handled from one it handled but whose answer was lost. The second
// kind is what idempotency keys exist for: the fake did the work, the client saw a failure and
// must not make the provider do it twice.
//
//   throttle       429 with Retry-After: 1, before the work
//   server_error   500 with a JSON error, before the work
//   reset          the connection drops mid-answer, before the work
//   slow           no answer within the client's timeout, before the work
//   lost_answer    the work is done, then the connection drops mid-answer
//   late_answer    the work is done, the answer comes after the client's timeout
//   malformed      the work is done, the answer is 200 with a body that is not JSON

#include <httplib.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace ctl::testing {

enum class Fault { throttle, server_error, reset, slow, lost_answer, late_answer, malformed };

class FaultPlan {
public:
    // Installs the plan on a server (before its routes start answering). `slow_ms`: how long
    // `slow` and `late_answer` hold the answer back; more than the client's timeout.
    void install(httplib::Server& server, int slow_ms = 1500) {
        m_slow_ms = slow_ms;
        server.set_pre_routing_handler([this](const httplib::Request&, httplib::Response& res) {
            Fault f;
            if (!take(true, f)) return httplib::Server::HandlerResponse::Unhandled;
            switch (f) {
                case Fault::throttle:
                    res.status = 429;
                    res.set_header("Retry-After", "1");
                    res.set_content(R"({"error":{"type":"rate_limit_error","message":"Too many requests"},"message":"Too many requests","detail":"Too many requests"})",
                                    "application/json");
                    break;
                case Fault::server_error:
                    res.status = 500;
                    res.set_content(R"({"error":{"type":"api_error","message":"Something went wrong"},"message":"Something went wrong","detail":"Something went wrong"})",
                                    "application/json");
                    break;
                case Fault::reset:
                    drop(res);
                    break;
                default:  // slow
                    std::this_thread::sleep_for(std::chrono::milliseconds(m_slow_ms));
                    res.status = 503;
                    res.set_content(R"({"detail":"too late"})", "application/json");
                    break;
            }
            return httplib::Server::HandlerResponse::Handled;
        });
    }

    // Called by a fake at the end of a handler that did its work: spoils the answer when the
    // next fault is one of the after-the-work kinds.
    void after_work(httplib::Response& res) {
        if (res.status >= 300) return;  // only answers of work that was done
        Fault f;
        if (!take(false, f)) return;
        if (f == Fault::lost_answer) {
            drop(res);
        } else if (f == Fault::late_answer) {
            std::this_thread::sleep_for(std::chrono::milliseconds(m_slow_ms));
        } else {
            res.set_content("{\"id\": \"re_", "application/json");  // cut off: not JSON
        }
    }

    // Queues `count` faults of kind `f` for the next requests.
    void add(Fault f, int count = 1) {
        std::lock_guard lock(m_mutex);
        for (int i = 0; i < count; ++i) m_queue.push_back(f);
    }
    int injected() {
        std::lock_guard lock(m_mutex);
        return m_injected;
    }
    bool empty() {
        std::lock_guard lock(m_mutex);
        return m_queue.empty();
    }

private:
    static bool before_work(Fault f) {
        return f == Fault::throttle || f == Fault::server_error || f == Fault::reset || f == Fault::slow;
    }
    bool take(bool before, Fault& f) {
        std::lock_guard lock(m_mutex);
        if (m_queue.empty() || before_work(m_queue.front()) != before) return false;
        f = m_queue.front();
        m_queue.pop_front();
        ++m_injected;
        return true;
    }
    // Headers, then a body that stops half-way and a closed connection.
    static void drop(httplib::Response& res) {
        res.status = 200;
        res.body.clear();  // a body would be sent instead of the provider
        res.set_content_provider(
            1000, "application/json",
            [](size_t offset, size_t, httplib::DataSink& sink) {
                if (offset == 0) sink.write("{\"id\":", 6);
                return false;
            });
    }

    std::mutex m_mutex;
    std::deque<Fault> m_queue;
    int m_injected = 0;
    int m_slow_ms = 1500;
};

}  // namespace ctl::testing
