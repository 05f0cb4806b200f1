#pragma once
// Operators: PostgreSQL login roles, each a member of one ctl group role. Changes go through
// SECURITY DEFINER functions that only owners may execute; the database audits them.

#include "db/connection.hpp"
#include "output/document.hpp"
#include "output/value.hpp"

#include <string>
#include <vector>

namespace ctl::admins {

inline constexpr const char* k_roles[] = {"viewer", "support", "billing", "admin", "owner", "ci"};

// Throws ctl::UsageError unless `role` is one of k_roles.
void check_role(std::string_view role);

struct Table {
    std::vector<output::Column> columns;
    std::vector<output::Row> rows;
};

Table list(db::Connection& conn);

// Creates a login role in group ctl_<role>. The password is turned into a SCRAM verifier on the
// client; the server never sees it. Conflict (4) when the name exists; 5 for non-owners.
void add(db::Connection& conn, const std::string& name, const std::string& role, const std::string& password,
         std::string_view reason);

// Moves an operator to another group. Returns false when they are already in it.
bool set_role(db::Connection& conn, const std::string& name, const std::string& role, std::string_view reason);

// Drops the operator's login role. NotFound (3) when absent.
void remove(db::Connection& conn, const std::string& name, std::string_view reason);

// Who am I: session role, groups, and what the groups allow.
std::vector<output::Section> me(db::Connection& conn);

}  // namespace ctl::admins
