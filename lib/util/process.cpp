#include "util/process.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ctl::util {

bool running_as_root() { return geteuid() == 0; }

std::string current_user_name() {
    if (passwd* pw = getpwuid(geteuid())) return pw->pw_name;
    if (const char* u = std::getenv("USER")) return u;
    return "ctl";
}

std::string find_on_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    if (!path) return {};
    std::string_view rest(path);
    while (!rest.empty()) {
        auto colon = rest.find(':');
        std::string dir(rest.substr(0, colon));
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
        if (dir.empty()) continue;
        std::filesystem::path candidate = std::filesystem::path(dir) / name;
        if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return {};
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::optional<std::string>& as_user) {
    if (argv.empty()) throw Error(ExitCode::failure, "run_process: empty command");
    uid_t uid = 0;
    gid_t gid = 0;
    std::string home;
    bool drop = as_user && running_as_root();
    if (drop) {
        passwd* pw = getpwnam(as_user->c_str());
        if (!pw)
            throw Error(ExitCode::failure, "user '" + *as_user + "' does not exist",
                        "create it (useradd --system " + *as_user + ") to run PostgreSQL as root");
        uid = pw->pw_uid;
        gid = pw->pw_gid;
        home = pw->pw_dir;
    }
    int pipefd[2];
    if (pipe(pipefd) != 0) throw Error(ExitCode::failure, std::string("pipe: ") + std::strerror(errno));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    pid_t pid = fork();
    if (pid < 0) throw Error(ExitCode::failure, std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        close(pipefd[0]);
        dup2(pipefd[1], STDOUT_FILENO);
        dup2(pipefd[1], STDERR_FILENO);
        close(pipefd[1]);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, STDIN_FILENO);
        if (drop) {
            if (setgid(gid) != 0 || initgroups(as_user->c_str(), gid) != 0 || setuid(uid) != 0) _exit(126);
            setenv("HOME", home.c_str(), 1);
            setenv("USER", as_user->c_str(), 1);
            setenv("LOGNAME", as_user->c_str(), 1);
            // The child may not be allowed into root's working directory.
            if (chdir("/") != 0) _exit(126);
        }
        execv(args[0], args.data());
        _exit(127);
    }
    close(pipefd[1]);
    ProcessResult result;
    char buf[4096];
    for (;;) {
        ssize_t n = read(pipefd[0], buf, sizeof buf);
        if (n > 0) {
            result.output.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        break;
    }
    close(pipefd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (result.exit_code == 127) throw Error(ExitCode::failure, "cannot run " + argv[0]);
    return result;
}

}  // namespace ctl::util
