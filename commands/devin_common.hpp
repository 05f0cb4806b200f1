#pragma once
// Shared by `ctl devin` and `ctl agents`: the Devin client configured from devin.api_url and
// devin.api_key (CTL_DEVIN_API_KEY), and how a change's record is printed.

#include "commands/context.hpp"
#include "domain/change.hpp"
#include "providers/devin.hpp"

#include <memory>

namespace ctl::cli {

class DevinAccess {
public:
    // Throws ctl::UsageError (2) when no key is configured.
    explicit DevinAccess(Context& ctx)
        : m_http(ctx.http_options()), m_client(providers::devin_settings(ctx.config()), m_http) {}
    providers::DevinClient& client() { return m_client; }

private:
    http::Client m_http;
    providers::DevinClient m_client;
};

// Summary on stderr, the record on stdout (json: one object).
void report_change(Context& ctx, const domain::Change& change);

// An agent's newest deployment's session messages, or a session's (`devin logs`, `agents logs`).
void print_session_messages(Context& ctx, const std::string& session_id);

void register_devin_actions(CLI::App& devin, Context& ctx);

}  // namespace ctl::cli
