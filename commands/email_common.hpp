#pragma once
// Sending a template to users, shared by `ctl email send` and `ctl users bulk email`.

#include "commands/context.hpp"
#include "domain/email_send.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ctl::cli::email_cmd {

// email.from and the values every template may use: app.name (default "our platform") and
// app.url (default http://localhost:3000).
std::map<std::string, std::string> app_values(Context& ctx);

struct SendArgs {
    std::string template_name;
    std::vector<std::string> vars;  // name=value
    std::string campaign;           // default "<template>-<UTC date>"
    std::size_t batch_size = 100;
};

// Registers --template, --var, --campaign and --batch-size.
void add_send_options(CLI::App& cmd, SendArgs& args, bool template_required);

// Renders for every user first (a missing variable fails before anything is sent); --dry-run
// lists who would get what; otherwise asks (or --yes), sends with progress on stderr and prints
// the totals.
void send_to_users(Context& ctx, const SendArgs& args, const std::vector<std::int64_t>& ids, const std::string& command);

}  // namespace ctl::cli::email_cmd
