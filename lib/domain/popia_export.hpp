#pragma once
// Access requests (DESIGN §12): everything held about one person as one JSON document.
//   {"format": "ctl-popia-export/1", "generated_at", "user_id",
//    "profile": {users row},
//    "tables": {"<table>": [rows as JSON objects], ...}   every table linked to users (catalog)
//    "admin_notes": [{id, created_at, author, key_id, readable, note}],
//    "admin_notes_status": "decrypted" | a plain sentence saying why they are not}
// admin_notes appear only in "admin_notes", decrypted with the key when it matches.

#include "db/connection.hpp"
#include "security/notes.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace ctl::popia {

struct ExportResult {
    std::size_t tables = 0;
    long long rows = 0;
    long long unreadable_notes = 0;
    std::string notes_status;
};

// Reads a consistent snapshot, calls `write` with the document, then completes the linked
// access request (when given) in the same transaction: a failed write completes nothing.
// Throws NotFound; Conflict for a --request that is not an open access request of this person.
ExportResult export_person(db::Connection& conn, std::int64_t user_id,
                           const std::optional<security::NotesKey>& notes_key, std::optional<std::int64_t> request_id,
                           const std::function<void(const nlohmann::json&)>& write);

}  // namespace ctl::popia
