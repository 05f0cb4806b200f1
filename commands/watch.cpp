#include "commands/watch.hpp"

#include "util/error.hpp"
#include "util/time.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace ctl::cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void on_sigint(int) { g_interrupted = 1; }

// Installs the handler for the loop's lifetime and restores the previous one.
class SigintGuard {
public:
    SigintGuard() {
        struct sigaction sa {};
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &m_previous);
        g_interrupted = 0;
    }
    ~SigintGuard() { sigaction(SIGINT, &m_previous, nullptr); }

private:
    struct sigaction m_previous {};
};

void check_interrupted() {
    if (g_interrupted) throw Error(ExitCode::interrupted, "interrupted");
}

void pause_for(double seconds) {
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
        check_interrupted();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    check_interrupted();
}

}  // namespace

void watch(Context& ctx, const WatchOptions& o, const std::function<bool()>& draw) {
    SigintGuard guard;
    const bool tty = isatty(STDOUT_FILENO) != 0;
    double delay = o.interval_s;
    for (long long round = 1;; ++round) {
        check_interrupted();
        if (tty)
            ctx.out() << "\x1b[H\x1b[2J";
        else if (round > 1)
            ctx.out() << "--- " << util::format_rfc3339_utc(util::current_epoch()) << "\n";
        bool more = draw();
        ctx.out().flush();
        if (!more || (o.count > 0 && round >= o.count)) return;
        pause_for(delay);
        delay = std::min(delay * 2, std::max(o.max_interval_s, o.interval_s));
    }
}

}  // namespace ctl::cli
