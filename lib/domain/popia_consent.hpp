#pragma once
// Consent (DESIGN §12): every grant and withdrawal is a new row of `consents`; the history is
// never overwritten (a trigger of migration 0008 refuses updates other than clearing the IP).
// Purposes come from the setting popia.consent_purposes.

#include "db/connection.hpp"
#include "domain/users.hpp"

#include <cstdint>
#include <string>

namespace ctl::popia {

// Oldest first: id, purpose, granted, source, ip, recorded_by, created_at.
users::Page consent_history(db::Connection& conn, std::int64_t user_id);

struct ConsentChange {
    std::int64_t user_id = 0;
    std::string purpose;
    bool grant = true;
    std::string source;  // where the person said so: "signup form", "support call 2026-11-02"
};

struct ConsentResult {
    bool changed = false;  // false: already in that state (exit 0)
    std::string summary;
    std::vector<output::Column> columns;
    output::Row row;
};

// UsageError for a purpose not in the setting or an empty source; NotFound for the user.
ConsentResult change_consent(db::Connection& conn, const ConsentChange& change, std::string_view reason,
                             bool dry_run);

}  // namespace ctl::popia
