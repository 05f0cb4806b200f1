#pragma once
// Users: finding, listing and showing them.

#include "db/connection.hpp"
#include "output/document.hpp"
#include "output/render.hpp"
#include "output/value.hpp"
#include "security/notes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctl::users {

// The sortable fields; "-name" sorts descending.
inline constexpr const char* k_sort_fields[] = {"created_at", "email", "name", "last_login_at", "id"};
inline constexpr const char* k_statuses[] = {"active", "suspended", "banned", "deleted", "erased"};
inline constexpr const char* k_plans[] = {"free", "matt", "pro", "enterprise"};
inline constexpr const char* k_segments[] = {"high-value", "at-risk", "power", "inactive"};

struct ListFilter {
    std::optional<std::string> search;         // fragment of e-mail, name or company
    std::optional<std::string> status;
    std::optional<std::string> plan;
    std::optional<std::string> joined_after;   // RFC 3339
    std::optional<std::string> joined_before;  // RFC 3339
    std::optional<std::string> active_since;     // RFC 3339: last login at or after
    std::optional<std::string> inactive_before;  // RFC 3339: no login (or signup) since
    std::optional<long long> min_agents;         // at least this many agents (not deleted)
    bool has_failed_payment = false;
    std::optional<std::string> segment;          // one of k_segments (definitions in ctl-users(1))
    std::optional<std::vector<std::int64_t>> ids;  // only these users (bulk export)
    std::string sort = "-created_at";
    long long limit = 50;                      // 0: no limit
    std::optional<std::string> after;          // cursor from a previous page
};

struct Page {
    std::vector<output::Column> columns;
    std::vector<output::Row> rows;
    std::optional<std::string> next_cursor;  // set when the limit cut the list
    bool more = false;                       // the limit cut the list (also without a cursor)
};

// Throws ctl::UsageError for an unknown status, plan or sort field, or a bad cursor.
Page list(db::Connection& conn, const ListFilter& filter);

// Users matching `term` in e-mail, name, company, phone, wallet or auth-provider id (fragment or
// trigram similarity), best match first, with the list filters applied (sort and cursor are
// ignored). Throws ctl::UsageError for an empty term or bad filters.
Page search(db::Connection& conn, const std::string& term, const ListFilter& filter);

// Streams every user matching the filter (no limit, id order) into `out`: begin, rows, end.
// Memory stays flat (single-row mode).
void export_users(db::Connection& conn, const ListFilter& filter, output::Renderer& out);

// Ids of every user matching the filter, in id order (for bulk actions).
std::vector<std::int64_t> matching_ids(db::Connection& conn, const ListFilter& filter);

// Finds a user by id, e-mail, wallet address or auth-provider id. Throws ctl::NotFound.
std::int64_t resolve(db::Connection& conn, std::string_view ref);

// One screen about one user: profile (plan, trial, credits), quotas with the last 30 days of
// usage, agents, subscriptions, the last 10 payments and logins, open POPIA requests and the
// admin notes (decrypted with `notes_key` when given and matching; otherwise shown as unreadable).
std::vector<output::Section> show(db::Connection& conn, std::int64_t user_id,
                                  const std::optional<security::NotesKey>& notes_key = std::nullopt);

}  // namespace ctl::users
