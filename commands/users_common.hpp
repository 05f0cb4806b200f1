#pragma once
// Shared by the files of the `ctl users` group (users.cpp registers them all).

#include "commands/context.hpp"
#include "security/notes.hpp"

#include <cstdint>
#include <string>
#include <optional>
#include <vector>

namespace ctl::cli::users_cmd {

// Prints a change's record on stdout (json: one object) and its summary on stderr.
void render_record(Context& ctx, const std::vector<output::Column>& columns, const output::Row& row);

// The notes key from CTL_NOTES_KEY / notes.key, if configured (UsageError when malformed).
std::optional<security::NotesKey> notes_key(Context& ctx);

void register_actions(CLI::App& users, Context& ctx);

}  // namespace ctl::cli::users_cmd
