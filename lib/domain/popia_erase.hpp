#pragma once
// Erasure (DESIGN §12): anonymises one person in one audited transaction, then proves it with
// popia::find_leftovers. Financial records (subscriptions, payments, refunds, invoices) stay
// under the pseudonymous user id, as tax law requires; tables the erasure has no rule for are
// left alone and must therefore hold nothing identifying, or the proof fails.
// Errors: NotFound (3); Conflict (4) for a --request that is not an open erasure request of
// this person; ctl::Error exit 1 when the proof fails (everything rolled back); DatabaseError
// exit 5 when the operator's role may not make a change.

#include "db/connection.hpp"
#include "domain/popia_verify.hpp"
#include "output/value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctl::popia {

struct ErasureStep {
    std::string table;
    std::string action;  // "deleted", "cleared data", "kept (financial record)", ...
    long long rows = 0;
};

struct ErasureResult {
    std::int64_t user_id = 0;
    bool already_erased = false;
    bool committed = false;
    std::string summary;
    std::vector<ErasureStep> steps;
    std::vector<output::Column> columns;  // table, action, rows
    std::vector<output::Row> rows;
};

ErasureResult erase_person(db::Connection& conn, std::int64_t user_id, std::string_view reason,
                           std::optional<std::int64_t> request_id, bool dry_run);

}  // namespace ctl::popia
