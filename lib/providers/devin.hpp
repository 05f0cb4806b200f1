#pragma once
// The Devin v1 API (DESIGN §9): Bearer auth, JSON bodies, errors as {"detail": string | list}.
// Sessions are polled (no webhooks). Status values Devin adds later are kept as given and never
// break parsing. Retries and timeouts come from the shared http::Client.
//
// Errors thrown by every call: ctl::Unavailable (6) when Devin cannot be reached or keeps
// answering 429/5xx; ctl::Error with exit 5 when the key is refused (401/403); ctl::NotFound (3)
// for an unknown session; ctl::Error (1) for any other refusal, quoting Devin's `detail`.

#include "http/client.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ctl::config {
class Config;
}

namespace ctl::providers {

struct DevinSettings {
    std::string api_url = "https://api.devin.ai/v1";
    std::string api_key;
};

struct DevinMessage {
    std::string type;       // author kind: "user_message", "devin_message", ...
    std::string event_id;
    std::string message;
    std::string timestamp;  // as Devin sent it
};

struct DevinSession {
    std::string session_id;
    std::string url;
    std::string status;       // free text
    std::string status_enum;  // working, blocked, expired, finished, ... or anything newer
    std::string title;
    std::string created_at, updated_at;
    std::vector<std::string> tags;
    std::optional<std::string> pull_request_url;
    nlohmann::json structured_output;  // null when absent
    std::vector<DevinMessage> messages;
    nlohmann::json raw;                // the body exactly as received
};

// What a finished deployment session reports in structured_output; fields absent stay empty.
struct DeploymentResult {
    std::optional<std::string> bot_username;
    std::optional<std::string> auth_code;
};
DeploymentResult parse_deployment_result(const nlohmann::json& structured_output);

// Parses a session object (GET /sessions/{id} or an element of GET /sessions). Missing fields
// are empty; throws ctl::Unavailable (6, a malformed answer) only when the body is not an object
// with a session_id.
DevinSession parse_session(const nlohmann::json& body);

// True for status_enum values after which the session does no more work.
bool is_terminal_status(const std::string& status_enum);

// The human message of an error body: `detail` as a string, or a list of {msg, loc} / strings
// joined with "; "; "HTTP <status>" when there is none.
std::string error_detail(long status, const std::string& body);

struct NewSession {
    std::string prompt;
    std::string title;
    std::vector<std::string> tags;
    nlohmann::json structured_output_schema;  // null: none
    std::optional<long long> max_acu_limit;
    bool idempotent = true;
};

struct CreatedSession {
    std::string session_id;
    std::string url;
    bool is_new_session = true;
};

// The answers of POST /sessions and GET /sessions as received (bodies of 2xx responses). Throw
// ctl::Unavailable (6, a malformed answer) when the body is not what the API documents.
CreatedSession parse_created_session(const std::string& body);
std::vector<DevinSession> parse_session_list(const std::string& body);

class DevinClient {
public:
    DevinClient(DevinSettings settings, http::Client& client);

    CreatedSession create_session(const NewSession& session);
    DevinSession get_session(const std::string& session_id);
    // One page of GET /sessions?limit&offset, newest first as Devin orders them.
    std::vector<DevinSession> list_sessions(int limit, int offset);
    // The newest session carrying all of `tags`, among the first page of GET /sessions (100,
    // newest first): how a session whose creation answer was garbled is found again.
    std::optional<DevinSession> find_recent_tagged(const std::vector<std::string>& tags);
    // DELETE /sessions/{id}. A session Devin no longer knows (404) counts as already gone.
    void terminate_session(const std::string& session_id);

private:
    http::Response call(const std::string& method, const std::string& path, const std::string& body = {});
    DevinSettings m_settings;
    http::Client& m_client;
};

// Settings from devin.api_url and devin.api_key (CTL_DEVIN_API_KEY). Throws ctl::UsageError (2)
// when no key is configured.
DevinSettings devin_settings(const config::Config& cfg);

}  // namespace ctl::providers
