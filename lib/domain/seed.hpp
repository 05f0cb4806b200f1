#pragma once
// Deterministic demo data for the platform schema (`ctl db seed`): users, logins, agents,
// deployments, plans, coupons, subscriptions and their event history, payments, refunds,
// invoices, activity, usage and a little back-office data (settings, feature flags, consents,
// POPIA requests, e-mail log). Same options (same seed, same anchor day) give byte-identical
// rows. The library never prints; progress lines go to the optional callback.

#include "db/connection.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::seed {

struct SeedOptions {
    long long users = 2000;          // 1 .. 10,000,000
    unsigned long long seed = 42;
    int months = 18;                 // signups spread over this many months before the anchor (1 .. 120)
    long long anchor_epoch = 0;      // "now" for the data (seconds, UTC); 0 = today's 00:00 UTC
    bool reset = false;              // empty the platform tables first
};

struct TableCount {
    std::string table;
    long long rows;
};

struct SeedReport {
    std::vector<TableCount> tables;  // in the order they were written
    double seconds;
};

// Fills the platform tables in one transaction: the seeded tables' secondary indexes, unique
// and foreign-key constraints are dropped, every table is written with COPY, then the indexes
// and constraints are rebuilt (and validated), identity sequences are moved past the largest
// id and the tables are analysed. User triggers on the seeded tables (audit, notify) are
// disabled for the load and re-enabled before commit, so the seed leaves no audit rows.
//
// Without `reset`, the seeded tables must be empty, else ctl::Conflict (exit 4). With `reset`,
// they are truncated in the same transaction (with admin_notes and impersonations, which hang
// off users). feature_flags and settings are configuration, not demo data: they are never
// emptied, and the seed's flags and keys are only added where absent. The row counts reported
// for them are the rows added.
//
// Throws ctl::UsageError for options out of range, ctl::db::DatabaseError for database
// failures (nothing is committed then). Not thread-safe with respect to `conn`.
SeedReport seed_demo_data(ctl::db::Connection& conn, const SeedOptions& options,
                          const std::function<void(std::string_view)>& progress = {});

namespace detail {
// True when every combination of the built-in first and last names gives a distinct e-mail
// local part, and no built-in text needs COPY escaping. E-mail uniqueness rests on it.
bool name_lists_are_sound();
}  // namespace detail

}  // namespace ctl::seed
