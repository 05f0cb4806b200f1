#pragma once
// The integration harness: one throwaway PostgreSQL cluster per test run (started by
// integration_main.cpp, as the postgres account when root), a migrated template database built
// once, and a fresh database per test cloned from it.

#include "db/connection.hpp"

#include <string>

namespace ctl::testing {

// A database of its own for one test; dropped on destruction.
class TestDatabase {
public:
    explicit TestDatabase(std::string name);
    TestDatabase(TestDatabase&& other) noexcept;
    TestDatabase(const TestDatabase&) = delete;
    ~TestDatabase();

    const std::string& name() const { return m_name; }
    std::string conninfo;
    db::Connection connect() const;

private:
    std::string m_name;
};

// A new database cloned from the migrated template.
TestDatabase fresh_database();
// A new database with nothing in it (no migrations), for migration tests.
TestDatabase empty_database();

// conninfo of a database of the harness cluster, e.g. "postgres".
std::string cluster_conninfo(const std::string& database);
// The cluster's directory (for tests that stop/start it or read its log).
std::string cluster_dir();

}  // namespace ctl::testing
