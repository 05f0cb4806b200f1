#include "providers/devin.hpp"

#include "config/config.hpp"
#include "providers/refusal.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ctl::providers {

namespace {

using nlohmann::json;

std::string string_of(const json& object, const char* key) {
    if (!object.is_object()) return {};
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}

std::optional<std::string> non_empty(std::string s) {
    return s.empty() ? std::nullopt : std::optional(std::move(s));
}

// Session ids go into the URL path: letters, digits, '-' and '_' only.
const std::string& checked_id(const std::string& id) {
    bool ok = !id.empty() && id.size() <= 128;
    for (char c : id)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    if (!ok) throw UsageError(fmt::format("'{}' is not a Devin session id", id), "e.g. devin-0a1b2c3d");
    return id;
}

}  // namespace

DeploymentResult parse_deployment_result(const json& output) {
    DeploymentResult r;
    if (!output.is_object()) return r;
    r.bot_username = non_empty(string_of(output, "bot_username"));
    if (r.bot_username && r.bot_username->front() == '@') r.bot_username->erase(0, 1);
    r.auth_code = non_empty(string_of(output, "auth_code"));
    return r;
}

DevinSession parse_session(const json& body) {
    // Garbage where a session should be is the provider failing (exit 6), as for Stripe and Resend.
    if (!body.is_object() || string_of(body, "session_id").empty())
        throw Unavailable("Devin sent a malformed answer (not a session)", "safe to retry");
    DevinSession s;
    s.raw = body;
    s.session_id = string_of(body, "session_id");
    s.url = string_of(body, "url");
    s.status = string_of(body, "status");
    s.status_enum = string_of(body, "status_enum");
    s.title = string_of(body, "title");
    s.created_at = string_of(body, "created_at");
    s.updated_at = string_of(body, "updated_at");
    if (auto t = body.find("tags"); t != body.end() && t->is_array())
        for (const auto& tag : *t)
            if (tag.is_string()) s.tags.push_back(tag.get<std::string>());
    if (auto pr = body.find("pull_request"); pr != body.end() && pr->is_object())
        s.pull_request_url = non_empty(string_of(*pr, "url"));
    if (auto so = body.find("structured_output"); so != body.end()) s.structured_output = *so;
    if (auto m = body.find("messages"); m != body.end() && m->is_array())
        for (const auto& item : *m)
            s.messages.push_back({string_of(item, "type"), string_of(item, "event_id"), string_of(item, "message"),
                                  string_of(item, "timestamp")});
    return s;
}

bool is_terminal_status(const std::string& status_enum) {
    return status_enum == "finished" || status_enum == "expired";
}

std::string error_detail(long status, const std::string& body) {
    auto j = json::parse(body, nullptr, false);
    if (j.is_object()) {
        auto d = j.find("detail");
        if (d != j.end() && d->is_string() && !d->get<std::string>().empty()) return d->get<std::string>();
        if (d != j.end() && d->is_array()) {
            std::string out;
            for (const auto& item : *d) {
                std::string text = item.is_string() ? item.get<std::string>() : string_of(item, "msg");
                if (item.is_object() && item.contains("loc") && item["loc"].is_array()) {
                    std::string loc;
                    for (const auto& part : item["loc"])
                        loc += (loc.empty() ? "" : ".") + (part.is_string() ? part.get<std::string>() : part.dump());
                    if (!loc.empty()) text = loc + ": " + text;
                }
                if (!text.empty()) out += (out.empty() ? "" : "; ") + text;
            }
            if (!out.empty()) return out;
        }
    }
    return fmt::format("HTTP {}", status);
}

DevinClient::DevinClient(DevinSettings settings, http::Client& client)
    : m_settings(std::move(settings)), m_client(client) {
    while (!m_settings.api_url.empty() && m_settings.api_url.back() == '/') m_settings.api_url.pop_back();
}

http::Response DevinClient::call(const std::string& method, const std::string& path, const std::string& body) {
    http::Request req;
    req.method = method;
    req.url = m_settings.api_url + path;
    req.headers = {{"Authorization", "Bearer " + m_settings.api_key}, {"Accept", "application/json"}};
    if (!body.empty()) req.headers.emplace_back("Content-Type", "application/json");
    req.body = body;
    auto res = m_client.send(req);
    if (res.status >= 200 && res.status < 300) return res;
    std::string detail = error_detail(res.status, res.body);
    if (res.status == 404) throw NotFound("Devin: " + detail, "check the session id");
    throw_refusal(res, detail,
                  {.provider = "Devin",
                   .key_hint = "check devin.api_key (CTL_DEVIN_API_KEY)",
                   .key_code = ExitCode::permission_denied,
                   .refused = fmt::format("Devin refused the request (HTTP {})", res.status)});
}

CreatedSession DevinClient::create_session(const NewSession& s) {
    json body = {{"prompt", s.prompt}, {"idempotent", s.idempotent}};
    if (!s.title.empty()) body["title"] = s.title;
    if (!s.tags.empty()) body["tags"] = s.tags;
    if (!s.structured_output_schema.is_null()) body["structured_output_schema"] = s.structured_output_schema;
    if (s.max_acu_limit) body["max_acu_limit"] = *s.max_acu_limit;
    auto answer = call("POST", "/sessions", body.dump());
    try {
        return parse_created_session(answer.body);
    } catch (const Unavailable& garbled) {
        // Devin accepted the request (a 2xx answer) and made the session, but its answer is
        // garbled: find the session by its tags rather than leave it running unrecorded while
        // the caller gives up (a retry is a new attempt, with a new prompt, so a second session).
        if (s.tags.empty()) throw;
        std::optional<DevinSession> made;
        try {
            made = find_recent_tagged(s.tags);
        } catch (const Error&) {
            throw garbled;
        }
        if (!made) throw;
        CreatedSession c;
        c.session_id = made->session_id;
        c.url = made->url;
        return c;
    }
}

CreatedSession parse_created_session(const std::string& body) {
    auto j = json::parse(body, nullptr, false);
    CreatedSession c;
    c.session_id = string_of(j, "session_id");
    // Sent with idempotent: true, so a re-run gets the same session back rather than a second one.
    if (c.session_id.empty())
        throw Unavailable("Devin sent a malformed answer (no session_id)", "safe to retry: the request is idempotent");
    c.url = string_of(j, "url");
    if (j.contains("is_new_session") && j["is_new_session"].is_boolean()) c.is_new_session = j["is_new_session"].get<bool>();
    return c;
}

DevinSession DevinClient::get_session(const std::string& session_id) {
    auto res = call("GET", "/sessions/" + checked_id(session_id));
    return parse_session(json::parse(res.body, nullptr, false));
}

std::vector<DevinSession> DevinClient::list_sessions(int limit, int offset) {
    return parse_session_list(call("GET", fmt::format("/sessions?limit={}&offset={}", limit, offset)).body);
}

std::optional<DevinSession> DevinClient::find_recent_tagged(const std::vector<std::string>& tags) {
    for (auto& s : list_sessions(100, 0))
        if (std::all_of(tags.begin(), tags.end(),
                        [&](const auto& t) { return std::find(s.tags.begin(), s.tags.end(), t) != s.tags.end(); }))
            return std::move(s);
    return std::nullopt;
}

std::vector<DevinSession> parse_session_list(const std::string& body) {
    auto j = json::parse(body, nullptr, false);
    std::vector<DevinSession> out;
    if (!j.is_object() || !j.contains("sessions") || !j["sessions"].is_array())
        throw Unavailable("Devin sent a malformed answer (no \"sessions\" array)", "safe to retry");
    for (const auto& item : j["sessions"]) out.push_back(parse_session(item));
    return out;
}

void DevinClient::terminate_session(const std::string& session_id) {
    try {
        call("DELETE", "/sessions/" + checked_id(session_id));
    } catch (const NotFound&) {
        // Already gone: what a cancel wanted.
    }
}

DevinSettings devin_settings(const config::Config& cfg) {
    DevinSettings s;
    s.api_url = cfg.get_or("devin.api_url", s.api_url);
    s.api_key = cfg.get("devin.api_key").value_or("");
    if (s.api_key.empty())
        throw UsageError("no Devin API key is configured", "set CTL_DEVIN_API_KEY (or devin.api_key)");
    return s;
}

}  // namespace ctl::providers
