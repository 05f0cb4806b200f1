#pragma once
// Shared by the files of the `ctl flags` group (flags.cpp registers them all).

#include "commands/context.hpp"
#include "flags/store.hpp"

#include <string>

namespace ctl::cli::flags_cmd {

// --env, else flags.environment from the profile/environment, else production.
std::string environment(Context& ctx, const std::string& given);
// --reason; required when the profile is marked production.
std::string reason(Context& ctx, const std::string& command);
// The change's summary on stderr and its record on stdout (json: one object).
void report(Context& ctx, const flags::Change& change);
// A table on stdout in the chosen format.
void print(Context& ctx, const flags::Table& table);

void register_definitions(CLI::App& flags, Context& ctx);
void register_operations(CLI::App& flags, Context& ctx);
void register_settings(CLI::App& flags, Context& ctx);
void register_evaluation(CLI::App& flags, Context& ctx);

}  // namespace ctl::cli::flags_cmd
