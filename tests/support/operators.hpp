#pragma once
// Operator login roles for CLI tests that run as a member of one ctl group.

#include "support/pg_harness.hpp"

#include <string>
#include <unistd.h>

namespace ctl::testing {

// A role name unique to this test process.
inline std::string unique_role(const std::string& base) {
    static int n = 0;
    return base + "_" + std::to_string(getpid()) + "_" + std::to_string(++n);
}

// Creates a login role in group ctl_<group> and drops it on destruction; conninfo connects as it.
class Operator {
public:
    Operator(const TestDatabase& tdb, const std::string& group) : m_tdb(tdb), name(unique_role(group)) {
        auto c = tdb.connect();
        c.exec_script("CREATE ROLE " + c.quote_identifier(name) + " LOGIN IN ROLE " + c.quote_identifier("ctl_" + group));
        conninfo = tdb.conninfo + " user=" + name;
    }
    Operator(const Operator&) = delete;
    db::Connection connect() const { return db::Connection({conninfo, 5, 0, {}}); }
    ~Operator() {
        try {
            auto c = m_tdb.connect();
            c.exec_script("DROP OWNED BY " + c.quote_identifier(name) + "; DROP ROLE IF EXISTS " + c.quote_identifier(name));
        } catch (...) {
        }
    }

private:
    const TestDatabase& m_tdb;

public:
    std::string name;
    std::string conninfo;
};

}  // namespace ctl::testing
