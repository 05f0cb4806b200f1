#pragma once
// Repeating a command's output until it is done or interrupted (`--watch`): on a terminal the
// screen is cleared and redrawn; piped, each round follows the previous one under a "---" line
// with the time. SIGINT ends the loop with ctl's "interrupted" error (exit 130).

#include "commands/context.hpp"

#include <functional>

namespace ctl::cli {

struct WatchOptions {
    double interval_s = 5;      // pause after the first round
    double max_interval_s = 5;  // the pause doubles after each round up to this (backoff)
    long long count = 0;        // stop after this many rounds (0: no limit)
};

// Calls draw() once per round; stops when it returns false (done) or after `count` rounds.
void watch(Context& ctx, const WatchOptions& options, const std::function<bool()>& draw);

}  // namespace ctl::cli
