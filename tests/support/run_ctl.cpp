#include "support/run_ctl.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ctl::testing {

namespace {

// The longest one ctl run may take in a test: CTL_TEST_RUN_TIMEOUT seconds, default 300.
long long run_timeout_s() {
    const char* v = std::getenv("CTL_TEST_RUN_TIMEOUT");
    long long s = v ? std::atoll(v) : 0;
    return s > 0 ? s : 300;
}

}  // namespace

CtlRun run_ctl(const std::vector<std::string>& args, const std::string& conninfo,
               const std::map<std::string, std::string>& env, const std::string& stdin_data) {
    std::map<std::string, std::string> vars;
    // The sanitizer settings reach ctl too, so a sanitizer build checks the binary as it checks the tests.
    for (const char* keep : {"PATH", "HOME", "USER", "LANG", "TZ", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"})
        if (const char* v = std::getenv(keep)) vars[keep] = v;
    std::string scratch = std::string(std::getenv("CTL_TEST_CLUSTER_DIR") ? std::getenv("CTL_TEST_CLUSTER_DIR") : "/tmp") + "/../home";
    vars["CTL_HOME"] = scratch;
    vars["XDG_CONFIG_HOME"] = scratch + "/config";
    vars["XDG_STATE_HOME"] = scratch + "/state";
    vars["NO_COLOR"] = "1";
    if (!conninfo.empty()) vars["CTL_DATABASE_URL"] = conninfo;
    for (const auto& [k, v] : env) {
        if (v.empty())
            vars.erase(k);
        else
            vars[k] = v;
    }
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : vars) env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = {CTL_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    int out_pipe[2], err_pipe[2], in_pipe[2];
    if (pipe(out_pipe) || pipe(err_pipe) || pipe(in_pipe)) return {};
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
        std::signal(SIGPIPE, SIG_DFL);  // as a shell would start it
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    // Feed stdin while draining stdout and stderr, so neither side blocks on a full pipe; a
    // command that exits without reading its input only closes the pipe (the test process
    // ignores SIGPIPE; see integration_main.cpp).
    CtlRun run;
    std::size_t written = 0;
    if (stdin_data.empty()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
    } else {
        fcntl(in_pipe[1], F_SETFL, fcntl(in_pipe[1], F_GETFL) | O_NONBLOCK);
    }
    pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
    char buf[65536];
    // A run that hangs is killed (exit 137) and says so, rather than stalling the whole suite.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(run_timeout_s());
    bool killed = false;
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 && !killed) {
            kill(pid, SIGKILL);
            killed = true;
            run.err += "run_ctl: killed after " + std::to_string(run_timeout_s()) + " s\n";
        }
        if (poll(fds, 3, killed ? 1000 : static_cast<int>(std::min<long long>(left.count(), 1000))) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLHUP | POLLERR))) {
            ssize_t n = write(fds[2].fd, stdin_data.data() + written, stdin_data.size() - written);
            if (n > 0) written += static_cast<std::size_t>(n);
            if ((n < 0 && errno != EAGAIN) || n == 0 || written == stdin_data.size()) {
                close(fds[2].fd);
                fds[2].fd = -1;
            }
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                (i == 0 ? run.out : run.err).append(buf, static_cast<std::size_t>(n));
            } else {
                close(fds[i].fd);
                fds[i].fd = -1;
            }
        }
    }
    if (fds[2].fd >= 0) close(fds[2].fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

}  // namespace ctl::testing
