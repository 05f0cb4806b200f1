#pragma once
// What every billing change returns, and the one audited transaction each runs in.

#include "db/connection.hpp"
#include "domain/audit.hpp"
#include "domain/change.hpp"
#include "output/value.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ctl::billing {

// A change's outcome: a one-line summary for stderr and one record for stdout.
using ActionResult = domain::Change;

// Runs `body(tx)` in one transaction tagged for the audit triggers with `command` and `reason`;
// commits unless dry_run (then the summary says it was rolled back).
template <typename Body>
ActionResult audited(db::Connection& conn, std::string_view command, std::string_view reason, bool dry_run,
                     Body&& body) {
    return domain::audited_change(conn, command, reason, dry_run, std::forward<Body>(body));
}

// The record of a status change: <id_field>, status_before, status, changed.
inline ActionResult status_change(const char* id_field, long long id, bool changed, std::string summary,
                                  const std::string& before, const std::string& after) {
    ActionResult r;
    r.changed = changed;
    r.summary = std::move(summary);
    r.field(id_field, output::Kind::integer, std::to_string(id))
        .field("status_before", output::Kind::text, before)
        .field("status", output::Kind::text, after)
        .field("changed", output::Kind::boolean, changed ? "true" : "false");
    return r;
}

// "4900 USD": the text of an output::Kind::money cell.
inline std::string money_cell(long long cents, std::string_view currency) {
    return std::to_string(cents) + " " + std::string(currency);
}

}  // namespace ctl::billing

