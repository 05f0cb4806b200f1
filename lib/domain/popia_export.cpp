#include "domain/popia_export.hpp"

#include "domain/audit.hpp"
#include "domain/popia_catalog.hpp"
#include "domain/popia_requests.hpp"
#include "domain/user_actions.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ctl::popia {

namespace {

nlohmann::json notes_of(db::Transaction& tx, std::int64_t user_id, const std::optional<security::NotesKey>& key,
                        ExportResult& result) {
    auto table = users::notes(tx.connection(), user_id, key);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : table.rows) {
        nlohmann::json note = nlohmann::json::object();
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const auto& v = row[c].value;
            const auto& name = table.columns[c].name;
            if (!v)
                note[name] = nullptr;
            else if (name == "id")
                note[name] = std::stoll(*v);
            else if (name == "readable")
                note[name] = (*v == "true" || *v == "t");
            else
                note[name] = *v;
        }
        if (!note.value("readable", false)) ++result.unreadable_notes;
        out.push_back(std::move(note));
    }
    if (result.unreadable_notes == 0)
        result.notes_status = out.empty() ? "no admin notes" : "decrypted";
    else if (!key)
        result.notes_status = fmt::format("{} admin note(s) are held encrypted and could not be decrypted: "
                                          "CTL_NOTES_KEY was not available to this export",
                                          result.unreadable_notes);
    else
        result.notes_status = fmt::format("{} admin note(s) are sealed with another key (this key is {}) and "
                                          "could not be decrypted",
                                          result.unreadable_notes, key->id);
    return out;
}

}  // namespace

ExportResult export_person(db::Connection& conn, std::int64_t user_id,
                           const std::optional<security::NotesKey>& notes_key, std::optional<std::int64_t> request_id,
                           const std::function<void(const nlohmann::json&)>& write) {
    ExportResult result;
    db::Transaction tx(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    auto profile = tx.exec("SELECT to_jsonb(u), to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                           "FROM users u WHERE u.id = $1", {user_id});
    if (profile.empty()) throw NotFound(fmt::format("user {} not found", user_id));
    // Every export of a person's data is on the audit record, with or without a request.
    audit::tag_change(tx, "popia export",
                      request_id ? "access request " + std::to_string(*request_id) : "export without a request");
    if (request_id) check_linked_request(tx, *request_id, user_id, "access");

    nlohmann::json doc = {{"format", "ctl-popia-export/1"},
                          {"generated_at", std::string(profile[0].text(1))},
                          {"user_id", user_id},
                          {"profile", profile[0].json(0)}};
    nlohmann::json tables = nlohmann::json::object();
    for (const auto& t : linked_tables(conn)) {
        if (t.name == "admin_notes") continue;  // below, decrypted
        std::string condition = t.condition;
        if (t.name == "email_log")  // also what was sent to the address after the user link was lost
            condition = "(" + condition + " OR lower(to_address) = (SELECT lower(email::text) FROM users WHERE id = $1))";
        auto r = tx.exec(fmt::format("SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]') FROM {} t WHERE {}",
                                     quote_name(t.name), condition),
                         {user_id});
        auto rows = r[0].json(0);
        result.rows += static_cast<long long>(rows.size());
        tables[t.name] = std::move(rows);
        ++result.tables;
    }
    doc["tables"] = std::move(tables);
    doc["admin_notes"] = notes_of(tx, user_id, notes_key, result);
    doc["admin_notes_status"] = result.notes_status;

    nlohmann::json summary = {{"tables", result.tables}, {"rows", result.rows}};
    if (request_id) summary["request_id"] = *request_id;
    tx.exec("SELECT ctl_popia_record('popia.export', 'users', $1, $2::jsonb)", {std::to_string(user_id), summary.dump()});
    write(doc);
    if (request_id) complete_linked_request(tx, *request_id, "export of all personal data produced");
    tx.commit();
    return result;
}

}  // namespace ctl::popia
