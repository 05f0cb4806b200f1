#include "flags/settings.hpp"

#include "domain/audit.hpp"
#include "domain/rows.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <regex>

namespace ctl::flags {

namespace {

const std::vector<output::Column> k_kinds = {
    {"value", output::Kind::json}, {"secret", output::Kind::boolean}, {"updated_at", output::Kind::time}};

// Secret values stay masked unless revealed; the view has already masked them for non-admins.
const char* k_select =
    "SELECT key, category, CASE WHEN secret AND NOT $1 THEN to_jsonb('[secret]'::text) ELSE value END AS value, "
    "secret, description, updated_at, updated_by FROM settings_visible ";

void check_key(const std::string& key) {
    // By hand, not std::regex: its matcher recurses per character and a long key overflows the stack.
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    bool ok = !key.empty() && key.size() <= 200 && lower(key.front());
    for (char c : key) ok = ok && (lower(c) || (c >= '0' && c <= '9') || c == '_' || c == '.');
    if (!ok)
        throw UsageError(fmt::format("bad setting key '{}'", key), "lower-case letters, digits, _ and ., e.g. email.from");
}

void check_category(const std::string& category) {
    for (const char* c : k_categories)
        if (category == c) return;
    throw UsageError(fmt::format("unknown category '{}'", category),
                     "one of general, pricing, email, integrations, branding, retention, limits");
}

template <typename Body>
Change in_transaction(db::Connection& conn, std::string_view command, std::string_view reason, bool dry_run,
                      Body&& body) {
    db::Transaction tx(conn);
    audit::tag_change(tx, command, reason);
    Change c = body(tx);
    finish_change(tx, c, dry_run);
    return c;
}

Table table_of(const db::Result& r) { return {domain::columns_of(r, k_kinds), domain::rows_of(r)}; }

}  // namespace

Table settings_list(db::Connection& conn, const std::optional<std::string>& category, bool reveal) {
    if (category) check_category(*category);
    return table_of(conn.exec(std::string(k_select) + "WHERE ($2::text IS NULL OR category = $2) ORDER BY category, key",
                              {reveal, category}));
}

Table settings_get(db::Connection& conn, const std::string& key, bool reveal) {
    auto r = conn.exec(std::string(k_select) + "WHERE key = $2", {reveal, key});
    if (r.empty()) throw NotFound(fmt::format("setting '{}' not found", key), "see: ctl flags settings list");
    return table_of(r);
}

Change settings_set(db::Connection& conn, const SettingEdit& e, std::string_view reason, bool dry_run) {
    check_key(e.key);
    if (e.category) check_category(*e.category);
    auto value = nlohmann::json::parse(e.value, nullptr, false);
    if (value.is_discarded()) value = e.value;
    return in_transaction(conn, "flags settings set", reason, dry_run, [&](db::Transaction& tx) {
        auto current = tx.exec("SELECT value, secret, description, category FROM settings WHERE key = $1 FOR UPDATE",
                               {e.key});
        Change c;
        if (!current.empty()) {
            auto old = current[0].json(0);
            if (old.type() != value.type() && !(old.is_number() && value.is_number()))
                throw UsageError(fmt::format("setting '{}' holds a {}, not a {}", e.key, old.type_name(), value.type_name()),
                                 "quote strings as JSON (\"'\\\"text\\\"'\") or unset the key first");
            bool same = old == value && (!e.secret || *e.secret == current[0].boolean(1)) &&
                        (!e.description || *e.description == current[0].text(2)) &&
                        (!e.category || *e.category == current[0].text(3));
            c.changed = !same;
        } else {
            c.changed = true;
        }
        if (c.changed)
            tx.exec("INSERT INTO settings (key, value, secret, description, category) "
                    "VALUES ($1, $2::jsonb, coalesce($3, false), coalesce($4, ''), coalesce($5, 'general')) "
                    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, secret = coalesce($3, settings.secret), "
                    "description = coalesce($4, settings.description), category = coalesce($5, settings.category), "
                    "updated_at = now(), updated_by = session_user",
                    {e.key, value, e.secret, e.description, e.category});
        c.summary = c.changed ? (current.empty() ? "added setting " : "changed setting ") + e.key
                              : "setting " + e.key + " already has this value";
        c.record = table_of(tx.exec(std::string(k_select) + "WHERE key = $2", {false, e.key}));
        return c;
    });
}

Change settings_unset(db::Connection& conn, const std::string& key, std::string_view reason, bool dry_run) {
    check_key(key);
    return in_transaction(conn, "flags settings unset", reason, dry_run, [&](db::Transaction& tx) {
        Change c;
        c.record = table_of(tx.exec("WITH gone AS (DELETE FROM settings WHERE key = $2 RETURNING *) "
                                    "SELECT key, category, CASE WHEN secret AND NOT $1 THEN to_jsonb('[secret]'::text) "
                                    "ELSE value END AS value, secret, description, updated_at, updated_by FROM gone",
                                    {false, key}));
        c.changed = !c.record.rows.empty();
        c.summary = c.changed ? "removed setting " + key : "setting " + key + " is already unset";
        return c;
    });
}

}  // namespace ctl::flags
