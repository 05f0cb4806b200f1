#include "domain/popia_erase.hpp"

#include "domain/audit.hpp"
#include "domain/popia_catalog.hpp"
#include "domain/popia_requests.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>

namespace ctl::popia {

namespace {

// What erasure does to each table it knows ($1 user id; the users row is changed last). Tables with an
// audit trigger are changed only in columns the trigger redacts, so that the erasure itself does
// not copy personal data into the append-only trail.
struct Rule {
    const char* table;
    const char* action;
    const char* sql;  // empty: kept as it is
};

const Rule k_rules[] = {
    {"impersonations", "tokens revoked",
     "UPDATE impersonations SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL"},
    {"logins", "deleted", "DELETE FROM logins WHERE user_id = $1"},
    {"activity", "details cleared", "UPDATE activity SET data = '{}' WHERE user_id = $1 AND data <> '{}'"},
    {"admin_notes", "deleted", "DELETE FROM admin_notes WHERE user_id = $1"},
    {"email_log", "deleted", "DELETE FROM email_log WHERE user_id = $1 OR lower(to_address) = "
     "(SELECT lower(email::text) FROM users WHERE id = $1)"},
    {"consents", "IP addresses cleared", "UPDATE consents SET ip = NULL WHERE user_id = $1 AND ip IS NOT NULL"},
    {"popia_requests", "request details cleared",
     "UPDATE popia_requests SET details = NULL WHERE user_id = $1 AND details IS NOT NULL"},
    {"subscriptions", "kept (financial record, pseudonymous)", ""},
    {"subscription_events", "kept (financial record, pseudonymous)", ""},
    {"payments", "kept (financial record, pseudonymous)", ""},
    {"refunds", "kept (financial record, pseudonymous)", ""},
    {"invoices", "kept (financial record, pseudonymous)", ""},
    {"usage", "kept (no personal fields)", ""},
};

long long count_rows(db::Transaction& tx, const LinkedTable& t, std::int64_t user_id) {
    return tx.exec(fmt::format("SELECT count(*) FROM {} WHERE {}", quote_name(t.name), t.condition), {user_id})[0]
        .int64(0);
}

std::string describe(const std::vector<Leftover>& left) {
    std::vector<std::string> parts;
    for (const auto& l : left) parts.push_back(fmt::format("{} in {}.{} ({} rows)", l.kind, l.table, l.column, l.rows));
    return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

ErasureResult erase_person(db::Connection& conn, std::int64_t user_id, std::string_view reason,
                           std::optional<std::int64_t> request_id, bool dry_run) {
    ErasureResult result;
    result.user_id = user_id;
    result.columns = {{"table"}, {"action"}, {"rows", output::Kind::integer}};

    db::Transaction tx(conn);
    audit::tag_change(tx, "popia erase", reason);
    auto u = tx.exec("SELECT status FROM users WHERE id = $1 FOR UPDATE", {user_id});
    if (u.empty()) throw NotFound(fmt::format("user {} not found", user_id));
    if (request_id) check_linked_request(tx, *request_id, user_id, "erasure");
    if (u[0].text(0) == "erased") {
        result.already_erased = true;
        result.summary = fmt::format("user {} is already erased", user_id);
        if (request_id && !dry_run) {
            complete_linked_request(tx, *request_id, "already erased");
            tx.commit();
        }
        return result;
    }

    Identifiers ids = identifiers_of(tx, user_id);
    std::set<std::string> handled;
    for (const auto& linked : linked_tables(conn)) {
        const Rule* rule = nullptr;
        for (const auto& r : k_rules)
            if (linked.name == r.table) rule = &r;
        ErasureStep step{linked.name, rule ? rule->action : "kept (no erasure rule; proof decides)", 0};
        if (rule && *rule->sql)
            step.rows = tx.exec(rule->sql, {user_id}).affected_rows();
        else
            step.rows = count_rows(tx, linked, user_id);
        result.steps.push_back(step);
    }
    tx.exec("UPDATE users SET email = 'erased-' || id || '@invalid', name = NULL, company = NULL, phone = NULL, "
            "wallet = NULL, auth_provider_id = NULL, status = 'erased', status_reason = NULL, "
            "deleted_at = coalesce(deleted_at, now()), updated_at = now() WHERE id = $1",
            {user_id});
    result.steps.insert(result.steps.begin(), {"users", "anonymised (erased-" + std::to_string(user_id) + "@invalid)", 1});

    if (request_id) complete_linked_request(tx, *request_id, "personal data erased");
    nlohmann::json summary = nlohmann::json::object();
    for (const auto& s : result.steps) summary[s.table] = {{"action", s.action}, {"rows", s.rows}};
    tx.exec("SELECT ctl_popia_record('popia.erase', 'users', $1, $2::jsonb)", {std::to_string(user_id), summary.dump()});

    auto left = find_leftovers(tx, user_id, ids);
    if (!left.empty())
        throw Error(ExitCode::failure,
                    fmt::format("erasure of user {} not proven, nothing changed: {}", user_id, describe(left)),
                    "teach the erasure about these columns, or clear them first (the --reason must not name the person)");

    for (const auto& s : result.steps)
        result.rows.push_back({s.table, s.action, std::to_string(s.rows)});
    if (dry_run) {
        result.summary = fmt::format("dry run: would erase user {}; the proof passed (rolled back)", user_id);
        tx.rollback();
    } else {
        tx.commit();
        result.committed = true;
        result.summary = fmt::format("erased user {}: no trace of the former e-mail, name, phone, wallet or {} IP "
                                     "address(es) remains",
                                     user_id, ids.ips.size());
    }
    return result;
}

}  // namespace ctl::popia
