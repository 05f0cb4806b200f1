#pragma once
// Shared by the files of the `ctl popia` group (popia.cpp registers them all).

#include "commands/context.hpp"

namespace ctl::cli::popia_cmd {

void register_requests(CLI::App& popia, Context& ctx);
void register_consent(CLI::App& popia, Context& ctx);
void register_retention(CLI::App& popia, Context& ctx);

}  // namespace ctl::cli::popia_cmd
