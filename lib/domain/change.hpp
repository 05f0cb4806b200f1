#pragma once
// One audited change and its record, for the agents, deployments and billing commands: a transaction
// tagged for the audit triggers (audit::tag_change), committed unless it is a dry run.

#include "db/connection.hpp"
#include "domain/audit.hpp"
#include "domain/rows.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ctl::domain {

struct Change {
    bool changed = false;  // false: already in the asked state (exit 0); on a dry run, would change
    std::string summary;   // one line for stderr
    std::vector<output::Column> columns;
    output::Row row;       // the record for stdout

    // Appends a field to the record.
    Change& field(std::string name, output::Kind kind, output::Cell value) {
        columns.push_back({std::move(name), kind});
        row.push_back(std::move(value));
        return *this;
    }
};

// The record from the first row of `result` (kinds matched by column name).
inline void set_record(Change& change, const db::Result& result, const std::vector<output::Column>& kinds) {
    change.columns = columns_of(result, kinds);
    change.row = result.empty() ? output::Row{} : row_of(result[0], result.columns());
}

// Runs `body(tx)` in one transaction tagged with `command` and `reason`; commits, or with
// dry_run rolls back and says so in the summary (`changed` then tells what would happen). Body returns a Change or another record with
// a `summary` string.
template <typename Body>
auto audited_change(db::Connection& conn, std::string_view command, std::string_view reason, bool dry_run,
                    Body&& body) {
    db::Transaction tx(conn);
    audit::tag_change(tx, command, reason);
    auto c = body(tx);
    if (dry_run) {
        c.summary = "dry run: " + c.summary + " (rolled back)";
        tx.rollback();
    } else {
        tx.commit();
    }
    return c;
}

}  // namespace ctl::domain
