#include "support/fakes/devin_server.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace ctl::testing {

using nlohmann::json;

namespace {

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

}  // namespace

FakeDevin::FakeDevin(std::string api_key) : m_key(std::move(api_key)) {
    m_server.Post("/sessions", [this](const httplib::Request& req, httplib::Response& res) {
        if (!gate(req, res)) return;
        std::lock_guard lock(m_mutex);
        auto body = json::parse(req.body, nullptr, false);
        if (!body.is_object() || !body.contains("prompt") || !body["prompt"].is_string()) {
            reply(res, 422, {{"detail", json::array({{{"loc", {"body", "prompt"}}, {"msg", "field required"},
                                                      {"type", "value_error.missing"}}})}});
            return;
        }
        std::string prompt = body["prompt"];
        if (body.value("idempotent", false)) {
            for (const auto& [id, s] : m_sessions)
                if (s.prompt == prompt) {
                    reply(res, 200, {{"session_id", id}, {"url", "https://app.devin.ai/sessions/" + id},
                                     {"is_new_session", false}});
                    faults.after_work(res);
                    return;
                }
        }
        Session s;
        s.id = fmt::format("devin-fake{:04}", ++m_created);
        s.prompt = prompt;
        s.title = body.value("title", "");
        if (body.contains("tags")) s.tags = body["tags"];
        s.script = m_next;
        s.order = m_created;
        m_sessions[s.id] = s;
        reply(res, 200, {{"session_id", s.id}, {"url", "https://app.devin.ai/sessions/" + s.id}, {"is_new_session", true}});
        faults.after_work(res);
    });
    m_server.Get(R"(/sessions/([A-Za-z0-9_-]+))", [this](const httplib::Request& req, httplib::Response& res) {
        if (!gate(req, res)) return;
        std::lock_guard lock(m_mutex);
        if (auto* s = find(req, res)) {
            ++s->polls;
            reply(res, 200, session_json(*s));
            faults.after_work(res);
        }
    });
    m_server.Get("/sessions", [this](const httplib::Request& req, httplib::Response& res) {
        if (!gate(req, res)) return;
        std::lock_guard lock(m_mutex);
        auto number = [&](const char* name, int fallback) {
            return req.has_param(name) ? std::stoi(req.get_param_value(name)) : fallback;
        };
        int limit = number("limit", 100), offset = number("offset", 0);
        std::vector<const Session*> all;
        for (const auto& [id, s] : m_sessions) all.push_back(&s);
        std::sort(all.begin(), all.end(), [](const Session* a, const Session* b) { return a->order > b->order; });
        json list = json::array();
        for (int i = offset; i < static_cast<int>(all.size()) && i < offset + limit; ++i) {
            auto item = session_json(*all[static_cast<std::size_t>(i)]);
            item.erase("messages");
            list.push_back(item);
        }
        reply(res, 200, {{"sessions", list}});
        faults.after_work(res);
    });
    m_server.Delete(R"(/sessions/([A-Za-z0-9_-]+))", [this](const httplib::Request& req, httplib::Response& res) {
        if (!gate(req, res)) return;
        std::lock_guard lock(m_mutex);
        if (auto* s = find(req, res)) {
            s->deleted = true;
            reply(res, 200, {{"detail", "Session terminated"}});
            faults.after_work(res);
        }
    });
    faults.install(m_server);
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeDevin::~FakeDevin() {
    m_server.stop();
    m_thread.join();
}

bool FakeDevin::gate(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(m_mutex);
    m_requests.push_back({req.method, req.path, req.get_header_value("Authorization"),
                          json::parse(req.body, nullptr, false)});
    if (req.get_header_value("Authorization") != "Bearer " + m_key) {
        reply(res, 401, {{"detail", "Invalid API key"}});
        return false;
    }
    if (m_fail_count > 0) {
        --m_fail_count;
        reply(res, m_fail_status, {{"detail", "Internal server error"}});
        return false;
    }
    return true;
}

FakeDevin::Session* FakeDevin::find(const httplib::Request& req, httplib::Response& res) {
    auto it = m_sessions.find(req.matches[1]);
    if (it != m_sessions.end()) return &it->second;
    reply(res, 404, {{"detail", "Session not found"}});
    return nullptr;
}

json FakeDevin::session_json(const Session& s) const {
    const auto& steps = s.script.statuses;
    std::string status = steps.empty() ? "working"
                                       : steps[static_cast<std::size_t>(
                                             std::clamp(s.polls - 1, 0, static_cast<int>(steps.size()) - 1))];
    if (s.deleted) status = "expired";
    json j = {{"session_id", s.id},
              {"url", "https://app.devin.ai/sessions/" + s.id},
              {"status", status == "finished" ? "Finished" : "Running"},
              {"status_enum", status},
              {"title", s.title},
              {"created_at", "2026-11-20T10:00:00Z"},
              {"updated_at", "2026-11-20T10:05:00Z"},
              {"tags", s.tags},
              {"pull_request", nullptr},
              {"structured_output", status == "finished" ? s.script.structured_output : json()},
              {"messages", s.script.messages}};
    return j;
}

void FakeDevin::set_next_script(FakeSessionScript script) {
    std::lock_guard lock(m_mutex);
    m_next = std::move(script);
}

void FakeDevin::add_session(const std::string& id, FakeSessionScript script) {
    std::lock_guard lock(m_mutex);
    Session s;
    s.id = id;
    s.prompt = "seeded " + id;
    s.script = std::move(script);
    s.order = ++m_created;
    m_sessions[id] = s;
}

void FakeDevin::fail_next(int count, int status) {
    std::lock_guard lock(m_mutex);
    m_fail_count = count;
    m_fail_status = status;
}

std::vector<FakeDevin::Seen> FakeDevin::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

int FakeDevin::polls(const std::string& id) const {
    std::lock_guard lock(m_mutex);
    auto it = m_sessions.find(id);
    return it == m_sessions.end() ? 0 : it->second.polls;
}

bool FakeDevin::deleted(const std::string& id) const {
    std::lock_guard lock(m_mutex);
    auto it = m_sessions.find(id);
    return it != m_sessions.end() && it->second.deleted;
}

std::size_t FakeDevin::session_count() const {
    std::lock_guard lock(m_mutex);
    return m_sessions.size();
}

}  // namespace ctl::testing
