// Runs the integration suites against a throwaway PostgreSQL. The parent process owns the
// cluster's lifetime: it starts the cluster, runs the tests in a child, and removes the cluster
// however the child ends (failure, crash, signal). Exit 125 (skip) when PostgreSQL is missing.

#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "db/connection.hpp"
#include "db/local_cluster.hpp"
#include "schema/migrator.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

pid_t g_child = 0;

void forward_signal(int sig) {
    if (g_child > 0) kill(g_child, sig);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        ctl::db::find_pg_program("initdb");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "skipping integration tests: %s\n", e.what());
        return 125;
    }
    char tmpl[] = "/tmp/ctl-test-XXXXXX";
    if (!mkdtemp(tmpl)) {
        std::perror("mkdtemp");
        return 1;
    }
    chmod(tmpl, 0755);  // the postgres account must reach the cluster when we are root
    std::string dir = std::string(tmpl) + "/pg";
    setenv("CTL_TEST_CLUSTER_DIR", dir.c_str(), 1);
    ctl::db::LocalCluster cluster({dir, "ctl_template", false, 5432});

    int code = 1;
    try {
        cluster.up();
        ctl::db::Connection conn({cluster.conninfo(), 10, 0, {}});
        ctl::schema::migrate(conn);
    } catch (const ctl::Error& e) {
        std::fprintf(stderr, "cannot start the test database: %s (%s)\n", e.what(), e.hint().c_str());
        cluster.destroy();
        std::filesystem::remove_all(tmpl);
        return 1;
    }

    g_child = fork();
    if (g_child == 0) {
        // A peer that goes away (a ctl that exits before reading its stdin, a client that
        // drops a fake server's connection) must fail a write, not kill the test process.
        std::signal(SIGPIPE, SIG_IGN);
        doctest::Context context(argc, argv);
        std::_Exit(context.run());
    }
    std::signal(SIGINT, forward_signal);
    std::signal(SIGTERM, forward_signal);
    int status = 0;
    while (waitpid(g_child, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status))
        code = WEXITSTATUS(status);
    else
        std::fprintf(stderr, "integration tests died with signal %d\n", WTERMSIG(status));
    cluster.destroy();
    std::filesystem::remove_all(tmpl);
    return code;
}
