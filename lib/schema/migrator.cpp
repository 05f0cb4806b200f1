#include "schema/migrator.hpp"

#include "schema/embedded.hpp"
#include "util/hash.hpp"

#include <algorithm>
#include <map>

namespace ctl::schema {

namespace {

// Key of the advisory lock that serialises migrators: "ctl" + "migr" in ASCII.
constexpr const char* k_lock_key = "7310557834637838962";

void ensure_table(db::Connection& conn) {
    conn.exec_script(R"(
        CREATE TABLE IF NOT EXISTS ctl_schema_migrations (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        ))");
}

struct Applied {
    std::string name, checksum, applied_at;
};

std::map<int, Applied> applied_migrations(db::Connection& conn) {
    std::map<int, Applied> out;
    auto exists = conn.exec("SELECT to_regclass('ctl_schema_migrations') IS NOT NULL");
    if (!exists[0].boolean(0)) return out;
    auto r = conn.exec("SELECT version, name, checksum, applied_at FROM ctl_schema_migrations");
    for (int i = 0; i < r.rows(); ++i)
        out[static_cast<int>(r[i].int64(0))] = {std::string(r[i].text(1)), std::string(r[i].text(2)),
                                                std::string(r[i].text(3))};
    return out;
}

}  // namespace

const char* to_string(MigrationState state) {
    switch (state) {
        case MigrationState::applied: return "applied";
        case MigrationState::pending: return "pending";
        case MigrationState::changed: return "changed";
        case MigrationState::unknown: return "unknown";
    }
    return "unknown";
}

std::vector<Migration> known_migrations() {
    std::vector<Migration> out;
    for (const auto& m : embedded_migrations()) {
        std::string_view file = m.file;
        auto underscore = file.find('_');
        auto dot = file.rfind('.');
        Migration mig;
        mig.version = std::stoi(std::string(file.substr(0, underscore)));
        mig.name = std::string(file.substr(underscore + 1, dot - underscore - 1));
        mig.checksum = util::sha256_hex(m.sql);
        mig.sql = m.sql;
        for (const auto& other : out)
            if (other.version == mig.version)
                throw Error(ExitCode::failure, "two migrations share version " + std::to_string(mig.version));
        out.push_back(std::move(mig));
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
    return out;
}

std::vector<MigrationStatus> migration_status(db::Connection& conn) {
    auto applied = applied_migrations(conn);
    std::vector<MigrationStatus> out;
    for (const auto& m : known_migrations()) {
        MigrationStatus s{m.version, m.name, MigrationState::pending, m.checksum, {}, {}};
        if (auto it = applied.find(m.version); it != applied.end()) {
            s.applied_checksum = it->second.checksum;
            s.applied_at = it->second.applied_at;
            s.state = it->second.checksum == m.checksum ? MigrationState::applied : MigrationState::changed;
            applied.erase(it);
        }
        out.push_back(std::move(s));
    }
    for (const auto& [version, a] : applied)
        out.push_back({version, a.name, MigrationState::unknown, {}, a.checksum, a.applied_at});
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
    return out;
}

MigrateResult migrate(db::Connection& conn) {
    MigrateResult result;
    conn.exec(std::string("SELECT pg_advisory_lock(") + k_lock_key + ")");
    struct Unlock {
        db::Connection& c;
        ~Unlock() {
            try {
                c.exec(std::string("SELECT pg_advisory_unlock(") + k_lock_key + ")");
            } catch (...) {
                // The lock dies with the session anyway.
            }
        }
    } unlock{conn};

    ensure_table(conn);
    // Read the state only under the lock: another migrator may have just finished.
    auto applied = applied_migrations(conn);
    for (const auto& m : known_migrations()) {
        if (auto it = applied.find(m.version); it != applied.end()) {
            if (it->second.checksum != m.checksum)
                result.changed.push_back({m.version, m.name, MigrationState::changed, m.checksum,
                                          it->second.checksum, it->second.applied_at});
            continue;
        }
        db::Transaction tx(conn);
        conn.exec_script(m.sql);
        auto r = tx.exec("INSERT INTO ctl_schema_migrations (version, name, checksum) VALUES ($1, $2, $3) "
                         "RETURNING applied_at",
                         {m.version, m.name, m.checksum});
        tx.commit();
        result.applied_now.push_back({m.version, m.name, MigrationState::applied, m.checksum, m.checksum,
                                      std::string(r[0].text(0))});
    }
    return result;
}

bool schema_is_current(db::Connection& conn) {
    for (const auto& s : migration_status(conn))
        if (s.state != MigrationState::applied) return false;
    return true;
}

}  // namespace ctl::schema
