#pragma once
// Applies the embedded migrations in order. Each migration runs in its own transaction; a
// session advisory lock serialises concurrent migrators. A migration already applied whose
// checksum changed is reported, never re-run.

#include "db/connection.hpp"

#include <string>
#include <vector>

namespace ctl::schema {

struct Migration {
    int version = 0;        // from the file name's leading digits
    std::string name;       // file name without version and extension: "platform"
    std::string checksum;   // sha256 hex of the file's text
    std::string_view sql;
};

// The embedded migrations, parsed; throws ctl::Error if two share a version.
std::vector<Migration> known_migrations();

enum class MigrationState { applied, pending, changed, unknown };

struct MigrationStatus {
    int version = 0;
    std::string name;
    MigrationState state = MigrationState::pending;
    std::string checksum;        // the embedded file's checksum (empty for unknown)
    std::string applied_checksum;
    std::string applied_at;      // timestamptz text, empty when pending
};

const char* to_string(MigrationState state);

// Status of every known migration plus any applied one this binary does not know (a newer ctl).
std::vector<MigrationStatus> migration_status(db::Connection& conn);

struct MigrateResult {
    std::vector<MigrationStatus> applied_now;
    std::vector<MigrationStatus> changed;  // applied earlier with another checksum: not re-run
};

// Applies every pending migration. Returns what it did; a checksum mismatch is reported in
// `changed` (the caller exits 10) and does not stop the others.
MigrateResult migrate(db::Connection& conn);

// True when every known migration is applied with a matching checksum.
bool schema_is_current(db::Connection& conn);

}  // namespace ctl::schema
