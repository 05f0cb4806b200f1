#pragma once
// A local fake of the Devin v1 API (DESIGN §9) on 127.0.0.1, for tests. It checks the Bearer
// key (401 with {"detail": "..."} otherwise), validates POST /sessions (422 with a `detail` list
// when the prompt is missing), and moves each session through a script of status_enum values,
// one step per GET of that session, so a test sees a session progress as a poller would.
// POST /sessions with "idempotent": true returns the session already made for the same prompt,
// as Devin does. `faults` injects the provider faults of faults.hpp before or after the work.
// Thread-safe: the server runs on its own thread.

#include "support/fakes/faults.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ctl::testing {

struct FakeSessionScript {
    std::vector<std::string> statuses = {"working", "working", "finished"};  // one per poll; the last repeats
    nlohmann::json structured_output;  // returned once the status is "finished"
    std::vector<nlohmann::json> messages = {
        {{"type", "user_message"}, {"event_id", "ev-1"}, {"message", "Deploy the bot"}, {"timestamp", "2026-11-20T10:00:00Z"}},
        {{"type", "devin_message"}, {"event_id", "ev-2"}, {"message", "Creating the Telegram bot"}, {"timestamp", "2026-11-20T10:01:30Z"}}};
};

class FakeDevin {
public:
    explicit FakeDevin(std::string api_key = "devin-test-key");
    ~FakeDevin();
    FakeDevin(const FakeDevin&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    const std::string& api_key() const { return m_key; }

    // The script of the sessions POST /sessions creates from now on.
    void set_next_script(FakeSessionScript script);
    // A session that exists already (as seeded deployments reference).
    void add_session(const std::string& id, FakeSessionScript script);
    // The next `count` requests (any route) answer `status` with {"detail": "..."}.
    void fail_next(int count, int status = 500);

    FaultPlan faults;  // injected before or after the work (faults.hpp)

    struct Seen {
        std::string method, path, authorization;
        nlohmann::json body;
    };
    std::vector<Seen> requests() const;
    int polls(const std::string& id) const;
    bool deleted(const std::string& id) const;
    std::size_t session_count() const;

private:
    struct Session {
        std::string id;
        std::string prompt, title;
        nlohmann::json tags = nlohmann::json::array();
        FakeSessionScript script;
        int polls = 0;
        bool deleted = false;
        long long order = 0;
    };
    nlohmann::json session_json(const Session& s) const;
    bool gate(const httplib::Request& req, httplib::Response& res);
    // The session named in the path, or nullptr after answering 404. Caller holds m_mutex.
    Session* find(const httplib::Request& req, httplib::Response& res);

    std::string m_key;
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    mutable std::mutex m_mutex;
    FakeSessionScript m_next;
    std::map<std::string, Session> m_sessions;
    std::vector<Seen> m_requests;
    int m_fail_count = 0, m_fail_status = 500;
    long long m_created = 0;
};

}  // namespace ctl::testing
