#pragma once
// Users: finding, listing and showing them.

#include "db/connection.hpp"
#include "output/document.hpp"
#include "output/value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ctl::users {

// The sortable fields; "-name" sorts descending.
inline constexpr const char* k_sort_fields[] = {"created_at", "email", "name", "last_login_at", "id"};
inline constexpr const char* k_statuses[] = {"active", "suspended", "banned", "deleted"};
inline constexpr const char* k_plans[] = {"free", "matt", "pro", "enterprise"};

struct ListFilter {
    std::optional<std::string> search;         // fragment of e-mail, name or company
    std::optional<std::string> status;
    std::optional<std::string> plan;
    std::optional<std::string> joined_after;   // RFC 3339
    std::optional<std::string> joined_before;  // RFC 3339
    std::string sort = "-created_at";
    long long limit = 50;                      // 0: no limit
    std::optional<std::string> after;          // cursor from a previous page
};

struct Page {
    std::vector<output::Column> columns;
    std::vector<output::Row> rows;
    std::optional<std::string> next_cursor;  // set when the limit cut the list
};

// Throws ctl::UsageError for an unknown status, plan or sort field, or a bad cursor.
Page list(db::Connection& conn, const ListFilter& filter);

// Finds a user by id, e-mail, wallet address or auth-provider id. Throws ctl::NotFound.
std::int64_t resolve(db::Connection& conn, std::string_view ref);

// Profile, agents, subscriptions, last payments and last logins of one user.
std::vector<output::Section> show(db::Connection& conn, std::int64_t user_id);

}  // namespace ctl::users
