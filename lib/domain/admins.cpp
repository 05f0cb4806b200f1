#include "domain/admins.hpp"

#include "domain/audit.hpp"
#include "domain/rows.hpp"
#include "util/error.hpp"

#include <libpq-fe.h>

namespace ctl::admins {

void check_role(std::string_view role) {
    for (const char* r : k_roles)
        if (role == r) return;
    throw UsageError("unknown role '" + std::string(role) + "'", "one of viewer, support, billing, admin, owner, ci");
}

Table list(db::Connection& conn) {
    auto r = conn.exec("SELECT name, role, can_login, valid_until FROM ctl_operators ORDER BY name, role");
    return {domain::columns_of(r, {{"can_login", output::Kind::boolean}, {"valid_until", output::Kind::time}}),
            domain::rows_of(r)};
}

void add(db::Connection& conn, const std::string& name, const std::string& role, const std::string& password,
         std::string_view reason) {
    check_role(role);
    if (password.size() < 12)
        throw UsageError("the password is too short", "use at least 12 characters");
    char* verifier = PQencryptPasswordConn(conn.raw(), password.c_str(), name.c_str(), "scram-sha-256");
    if (!verifier) throw Error(ExitCode::failure, "cannot hash the password", PQerrorMessage(conn.raw()));
    std::string scram(verifier);
    PQfreemem(verifier);
    db::Transaction tx(conn);
    audit::tag_change(tx, "admins add", reason);
    tx.exec("SELECT ctl_operator_add($1, $2, $3)", {name, role, scram});
    tx.commit();
}

bool set_role(db::Connection& conn, const std::string& name, const std::string& role, std::string_view reason) {
    check_role(role);
    db::Transaction tx(conn);
    audit::tag_change(tx, "admins role", reason);
    bool changed = tx.exec("SELECT ctl_operator_set_role($1, $2)", {name, role})[0].boolean(0);
    tx.commit();
    return changed;
}

void remove(db::Connection& conn, const std::string& name, std::string_view reason) {
    db::Transaction tx(conn);
    audit::tag_change(tx, "admins remove", reason);
    tx.exec("SELECT ctl_operator_remove($1)", {name});
    tx.commit();
}

std::vector<output::Section> me(db::Connection& conn) {
    std::vector<output::Section> doc;
    doc.push_back(domain::section_of(
        "me", "Operator",
        conn.exec("SELECT session_user AS name, "
                  "coalesce((SELECT string_agg(role, ',' ORDER BY role) FROM ctl_operators WHERE name = session_user), "
                  "CASE WHEN r.rolsuper THEN 'superuser' ELSE '' END) AS role, r.rolsuper AS superuser, "
                  "current_database() AS database FROM pg_roles r WHERE r.rolname = session_user"),
        {{"superuser", output::Kind::boolean}}, true));
    doc.push_back(domain::section_of(
        "groups", "Effective groups",
        conn.exec("SELECT g AS group, pg_has_role(session_user, g, 'MEMBER') AS member FROM unnest(ARRAY["
                  "'ctl_viewer','ctl_support','ctl_billing','ctl_admin','ctl_owner','ctl_ci']) g"),
        {{"member", output::Kind::boolean}}));
    return doc;
}

}  // namespace ctl::admins
