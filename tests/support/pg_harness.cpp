#include "support/pg_harness.hpp"

#include "db/local_cluster.hpp"

#include <atomic>
#include <cstdlib>
#include <unistd.h>

namespace ctl::testing {

namespace {

std::atomic<int> g_counter{0};

std::string harness_dir() {
    const char* dir = std::getenv("CTL_TEST_CLUSTER_DIR");
    return dir ? dir : "";
}

db::Connection admin() { return db::Connection({cluster_conninfo("postgres"), 10, 0, {}}); }

TestDatabase create(const std::string& template_db) {
    std::string name = "t_" + std::to_string(getpid()) + "_" + std::to_string(++g_counter);
    auto conn = admin();
    conn.exec_script("CREATE DATABASE " + conn.quote_identifier(name) + " TEMPLATE " +
                     conn.quote_identifier(template_db) + " STRATEGY FILE_COPY");
    return TestDatabase(name);
}

}  // namespace

std::string cluster_dir() { return harness_dir(); }

std::string cluster_conninfo(const std::string& database) {
    db::LocalCluster cluster({harness_dir()});
    return cluster.conninfo(database);
}

TestDatabase::TestDatabase(std::string name) : conninfo(cluster_conninfo(name)), m_name(std::move(name)) {}

TestDatabase::TestDatabase(TestDatabase&& other) noexcept
    : conninfo(std::move(other.conninfo)), m_name(std::move(other.m_name)) {
    other.m_name.clear();
}

TestDatabase::~TestDatabase() {
    if (m_name.empty()) return;
    try {
        auto conn = admin();
        conn.exec_script("DROP DATABASE IF EXISTS " + conn.quote_identifier(m_name) + " WITH (FORCE)");
    } catch (...) {
        // The whole cluster is removed at the end of the run anyway.
    }
}

db::Connection TestDatabase::connect() const { return db::Connection({conninfo, 10, 0, {}}); }

TestDatabase fresh_database() { return create("ctl_template"); }
TestDatabase empty_database() { return create("template0"); }

}  // namespace ctl::testing
