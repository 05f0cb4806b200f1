#pragma once
// The platform's recent events in one time-ordered feed: user activity (activity), payments,
// deployments and, for those who may read it, admin actions from the audit trail. Each event is
// "<source>:<id>"; per-source ids are the cursor that lets a follower catch up after a gap.

#include "db/connection.hpp"
#include "output/value.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctl::activity {

inline constexpr const char* k_types[] = {"signup", "login", "payment", "deploy", "agent", "admin", "other"};
inline constexpr std::size_t k_sources = 4;  // activity, payment, deployment, audit

struct Filter {
    std::vector<std::string> types;         // empty: all (each one of k_types)
    std::optional<std::int64_t> user_id;
    std::optional<std::string> since;       // RFC 3339
    long long limit = 50;                   // newest N (0: all); follow catch-up ignores it
    bool include_admin = false;             // the audit trail too (see may_read_audit)
};

// The last id seen per source (activity, payment, deployment, audit).
using Cursor = std::array<std::int64_t, k_sources>;

struct Events {
    std::vector<output::Column> columns;  // event, at, type, user_id, summary, source, source_id
    std::vector<output::Row> rows;        // oldest first
};

// UsageError for an unknown type.
void check_filter(const Filter& filter);

// The newest ids now (the follow starting point).
Cursor current_cursor(db::Connection& conn);

// Events with ids in (after, upto] per source matching the filter, oldest first; with
// `newest_only` the filter's limit keeps the newest.
Events events(db::Connection& conn, const Filter& filter, const Cursor& after, const std::optional<Cursor>& upto,
              bool newest_only);

// Whether the session may read audit_log (admins and owners).
bool may_read_audit(db::Connection& conn);

// Moves the cursor past the events (source and source_id columns).
void advance(Cursor& cursor, const Events& events);

}  // namespace ctl::activity
