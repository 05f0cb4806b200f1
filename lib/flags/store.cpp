#include "flags/store.hpp"

#include "domain/audit.hpp"
#include "domain/rows.hpp"
#include "flags/model.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

namespace ctl::flags {

namespace {

using output::Kind;

const std::vector<output::Column> k_kinds = {
    {"enabled", Kind::boolean},   {"strategies", Kind::json}, {"variants", Kind::json},
    {"dependencies", Kind::json}, {"constraints", Kind::json}, {"parameters", Kind::json},
    {"payload", Kind::json},      {"before", Kind::json},      {"after", Kind::json},
    {"updated_at", Kind::time},   {"created_at", Kind::time},  {"ends_at", Kind::time},
    {"at", Kind::time},           {"id", Kind::integer},       {"weight", Kind::integer},
    {"last_change_at", Kind::time}, {"variant_count", Kind::integer}};

Table table_of(const db::Result& r) { return {domain::columns_of(r, k_kinds), domain::rows_of(r)}; }

bool is_production(const std::string& env) { return env.empty() || env == k_default_environment; }

// The environment's state of one flag, locked for the transaction.
struct FlagState {
    bool enabled = false;
    nlohmann::json strategies = nlohmann::json::array();
    nlohmann::json variants = nlohmann::json::array();
    bool operator==(const FlagState& o) const {
        return enabled == o.enabled && strategies == o.strategies && variants == o.variants;
    }
};

void require_flag(db::Transaction& tx, const std::string& name) {
    if (tx.exec("SELECT 1 FROM feature_flags WHERE name = $1 FOR UPDATE", {name}).empty())
        throw NotFound(fmt::format("flag '{}' not found", name), "create it with: ctl flags set " + name);
}

FlagState read_state(db::Transaction& tx, const std::string& name, const std::string& env) {
    require_flag(tx, name);
    auto r = is_production(env)
                 ? tx.exec("SELECT enabled, strategies, variants FROM feature_flags WHERE name = $1", {name})
                 : tx.exec("SELECT enabled, strategies, variants FROM feature_flag_environments "
                           "WHERE flag_name = $1 AND environment = $2 FOR UPDATE",
                           {name, env});
    FlagState s;
    if (!r.empty()) {
        s.enabled = r[0].boolean(0);
        s.strategies = r[0].json(1);
        s.variants = r[0].json(2);
    }
    return s;
}

void write_state(db::Transaction& tx, const std::string& name, const std::string& env, const FlagState& s) {
    if (is_production(env)) {
        tx.exec("UPDATE feature_flags SET enabled = $2, strategies = $3::jsonb, variants = $4::jsonb, "
                "updated_at = now(), updated_by = session_user WHERE name = $1",
                {name, s.enabled, s.strategies, s.variants});
    } else {
        tx.exec("INSERT INTO feature_flag_environments (flag_name, environment, enabled, strategies, variants) "
                "VALUES ($1, $2, $3, $4::jsonb, $5::jsonb) ON CONFLICT (flag_name, environment) DO UPDATE SET "
                "enabled = EXCLUDED.enabled, strategies = EXCLUDED.strategies, variants = EXCLUDED.variants, "
                "updated_at = now(), updated_by = session_user",
                {name, env, s.enabled, s.strategies, s.variants});
    }
}

Table state_record(const std::string& name, const std::string& env, const FlagState& s) {
    return {{{"name"}, {"environment"}, {"enabled", Kind::boolean}, {"strategies", Kind::json}, {"variants", Kind::json}},
            {{name, env, s.enabled ? "true" : "false", s.strategies.dump(), s.variants.dump()}}};
}

// Runs `edit` on the flag's state in one audited transaction. `edit` changes the state and
// returns {what was done, what "already" means}; an unchanged state writes nothing.
template <typename Edit>
Change mutate(db::Connection& conn, std::string_view command, const std::string& name, const std::string& env,
              std::string_view reason, bool dry_run, Edit&& edit) {
    check_environment(env);
    db::Transaction tx(conn);
    audit::tag_change(tx, command, reason);
    FlagState state = read_state(tx, name, env);
    FlagState before = state;
    auto [done, already] = edit(state);
    Change c;
    c.changed = !(state == before);
    if (c.changed) write_state(tx, name, env, state);
    c.summary = c.changed ? done : already;
    c.record = state_record(name, env, state);
    finish_change(tx, c, dry_run);
    return c;
}

std::string env_suffix(const std::string& env) { return is_production(env) ? "" : " in " + env; }

std::string format_percent(double p) {
    return std::floor(p) == p ? fmt::format("{}", static_cast<long long>(p)) : fmt::format("{}", p);
}

}  // namespace

void finish_change(db::Transaction& tx, Change& change, bool dry_run) {
    if (dry_run) {
        change.summary = "dry run: " + change.summary + " (rolled back)";
        tx.rollback();
    } else {
        tx.commit();
    }
}

// ---- maintenance ----

namespace {

Maintenance maintenance_of(const db::Result& r, int first) {
    if (r.empty()) throw NotFound("the maintenance_mode flag is missing", "run: ctl db migrate");
    return {r[0].boolean(first), std::string(r[0].text(first + 1)), r[0].opt_text(first + 2), r[0].opt_text(first + 3),
            r[0].opt_text(first + 4)};
}

}  // namespace

Maintenance maintenance_status(db::Connection& conn) {
    return maintenance_of(conn.exec("SELECT * FROM ctl_maintenance_state"), 0);
}

Table maintenance_record(const Maintenance& m) {
    return {{{"maintenance", Kind::boolean}, {"message"}, {"ends_at", Kind::time}, {"updated_at", Kind::time},
             {"updated_by"}},
            {{m.on ? "true" : "false", m.on ? output::Cell(m.message) : output::Cell::null(), m.ends_at, m.updated_at,
              m.updated_by}}};
}

Change set_maintenance(db::Connection& conn, bool on, const std::optional<std::string>& message,
                       const std::optional<std::string>& ends_at, std::string_view reason, bool dry_run) {
    // One statement (migration 0018) sets the audit context, changes the flag and returns the
    // state it leaves: CI's toggle costs what `psql -c` calling ctl_set_maintenance costs. A dry
    // run wraps the same statement in a transaction it rolls back.
    const std::string sql = "SELECT * FROM ctl_maintenance_change($1, $2, $3, $4, $5::timestamptz)";
    const db::Params params = {on ? "flags maintenance on" : "flags maintenance off", reason, on, message, ends_at};
    std::optional<db::Transaction> tx;
    if (dry_run) tx.emplace(conn);
    auto r = tx ? tx->exec(sql, params) : conn.exec(sql, params);
    Change c;
    c.changed = !r.empty() && r[0].boolean(0);
    c.record = maintenance_record(maintenance_of(r, 1));
    c.summary = c.changed ? (on ? "maintenance is on" : "maintenance is off")
                          : (on ? "maintenance is already on" : "maintenance is already off");
    if (tx) finish_change(*tx, c, dry_run);
    return c;
}

// ---- definitions ----

void check_type(std::string_view type) {
    for (const char* t : k_types)
        if (type == t) return;
    throw UsageError(fmt::format("unknown flag type '{}'", type),
                     "one of release, experiment, operational, kill-switch, permission");
}

namespace {

// Whether `s` is a name: at most 200 bytes, the first one accepted by `first`, the others by
// `rest`. Written out rather than with std::regex, whose matcher recurses once per character
// and overflows the stack on a long argument.
template <typename First, typename Rest>
bool is_name(std::string_view s, First first, Rest rest) {
    if (s.empty() || s.size() > 200 || !first(s.front())) return false;
    for (char c : s.substr(1))
        if (!rest(c)) return false;
    return true;
}

bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return lower(c) || digit(c) || (c >= 'A' && c <= 'Z'); }

}  // namespace

void check_environment(std::string_view env) {
    if (!env.empty() && !is_name(env, lower, [](char c) { return lower(c) || digit(c) || c == '_' || c == '-'; }))
        throw UsageError(fmt::format("bad environment name '{}'", env), "lower-case letters, digits, _ and -");
}

EnvironmentView environment_view(std::string_view env) {
    return {fmt::format("CASE WHEN {} = 'production' THEN ctl_flag_in_force(f.enabled, f.ends_at) "
                        "ELSE coalesce(e.enabled, false) END",
                        env),
            fmt::format("CASE WHEN {} = 'production' THEN f.strategies ELSE coalesce(e.strategies, '[]') END", env),
            fmt::format("CASE WHEN {} = 'production' THEN f.variants ELSE coalesce(e.variants, '[]') END", env)};
}

Table list(db::Connection& conn, const std::optional<std::string>& type, const std::string& env) {
    if (type) check_type(*type);
    check_environment(env);
    auto view = environment_view("$1");
    return table_of(conn.exec(
        fmt::format("SELECT f.name, f.type, $1::text AS environment, {} AS enabled, "
                    "(SELECT string_agg(s ->> 'name' || coalesce('(' || (s -> 'parameters' ->> 'rollout') || '%)', ''), "
                    "', ') FROM jsonb_array_elements({}) s) AS strategy_summary, "
                    "jsonb_array_length({}) AS variant_count, "
                    "f.description, coalesce(e.updated_at, f.updated_at) AS updated_at "
                    "FROM feature_flags f LEFT JOIN feature_flag_environments e ON e.flag_name = f.name AND "
                    "e.environment = $1 WHERE ($2::text IS NULL OR f.type = $2) ORDER BY f.name",
                    view.enabled, view.strategies, view.variants),
        {is_production(env) ? std::string(k_default_environment) : env, type}));
}

std::vector<output::Section> get(db::Connection& conn, const std::string& name, const std::string& env) {
    check_environment(env);
    std::string e = is_production(env) ? k_default_environment : env;
    auto view = environment_view("$2");
    auto flag = conn.exec(
        fmt::format("SELECT f.name, f.description, f.type, $2::text AS environment, {} AS enabled, f.message, "
                    "f.ends_at, f.created_at, coalesce(e.updated_at, f.updated_at) AS updated_at, "
                    "coalesce(e.updated_by, f.updated_by) AS updated_by, {} AS strategies, {} AS variants, "
                    "f.dependencies FROM feature_flags f LEFT JOIN feature_flag_environments e ON e.flag_name = f.name "
                    "AND e.environment = $2 WHERE f.name = $1",
                    view.enabled, view.strategies, view.variants),
        {name, e});
    if (flag.empty()) throw NotFound(fmt::format("flag '{}' not found", name), "see: ctl flags list");
    std::vector<output::Section> doc;
    auto main = domain::section_of("flag", "Flag", flag, k_kinds, true);
    // The last change, from the audit trail when this role may read it.
    bool may_read_audit = conn.exec("SELECT has_table_privilege('audit_log', 'SELECT')")[0].boolean(0);
    std::vector<std::pair<std::string, output::Cell>> last = {
        {"last_change_at", output::Cell::null()}, {"last_change_by", output::Cell::null()},
        {"last_change_command", output::Cell::null()}, {"last_change_reason", output::Cell::null()}};
    if (may_read_audit) {
        auto r = conn.exec("SELECT at, actor, command, reason FROM audit_log "
                           "WHERE entity_type IN ('feature_flags', 'feature_flag_environments') AND entity_id = $1 "
                           "ORDER BY at DESC, id DESC LIMIT 1",
                           {name});
        if (!r.empty())
            for (int i = 0; i < 4; ++i) last[static_cast<std::size_t>(i)].second = r[0].opt_text(i);
    }
    for (auto& [col, cell] : last) {
        main.columns.push_back({col, col == "last_change_at" ? Kind::time : Kind::text});
        main.rows[0].push_back(cell);
    }
    doc.push_back(std::move(main));
    auto strategies = flag[0].json(10);
    Table st{{{"name"}, {"parameters", Kind::json}, {"constraints", Kind::json}, {"segments", Kind::json},
              {"variants", Kind::json}},
             {}};
    for (const auto& s : strategies)
        st.rows.push_back({s.value("name", ""), s.value("parameters", nlohmann::json::object()).dump(),
                           s.value("constraints", nlohmann::json::array()).dump(),
                           s.value("segments", nlohmann::json::array()).dump(),
                           s.value("variants", nlohmann::json::array()).dump()});
    doc.push_back({"strategies", "Strategies", st.columns, st.rows, false});
    Table vt{{{"name"}, {"weight", Kind::integer}, {"stickiness"}, {"payload", Kind::json}}, {}};
    for (const auto& v : flag[0].json(11))
        vt.rows.push_back({v.value("name", ""), std::to_string(v.value("weight", 0LL)), v.value("stickiness", "default"),
                           v.contains("payload") ? output::Cell(v["payload"].dump()) : output::Cell::null()});
    doc.push_back({"variants", "Variants", vt.columns, vt.rows, false});
    Table dt{{{"feature"}, {"enabled", Kind::boolean}, {"variants", Kind::json}}, {}};
    for (const auto& d : flag[0].json(12))
        dt.rows.push_back({d.value("feature", ""), d.value("enabled", true) ? "true" : "false",
                           d.value("variants", nlohmann::json::array()).dump()});
    doc.push_back({"dependencies", "Depends on", dt.columns, dt.rows, false});
    // strategies/variants/dependencies are shown as sections; drop the raw columns from the record.
    auto& record = doc.front();
    for (const char* col : {"dependencies", "variants", "strategies"}) {
        for (std::size_t i = 0; i < record.columns.size(); ++i)
            if (record.columns[i].name == col) {
                record.columns.erase(record.columns.begin() + static_cast<long>(i));
                record.rows[0].erase(record.rows[0].begin() + static_cast<long>(i));
                break;
            }
    }
    return doc;
}

Change define(db::Connection& conn, const std::string& name, const std::optional<std::string>& description,
              const std::optional<std::string>& type, std::string_view reason, bool dry_run) {
    if (type) check_type(*type);
    if (!is_name(name, alnum, [](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; }))
        throw UsageError(fmt::format("bad flag name '{}'", name), "letters, digits, . _ -; starting with a letter or digit");
    db::Transaction tx(conn);
    audit::tag_change(tx, "flags set", reason);
    auto existing = tx.exec("SELECT description, type FROM feature_flags WHERE name = $1 FOR UPDATE", {name});
    Change c;
    if (existing.empty()) {
        tx.exec("INSERT INTO feature_flags (name, description, type, enabled) VALUES ($1, coalesce($2, ''), "
                "coalesce($3, 'release'), false)",
                {name, description, type});
        c.changed = true;
        c.summary = "created flag " + name + " (disabled)";
    } else {
        bool same = (!description || *description == existing[0].text(0)) && (!type || *type == existing[0].text(1));
        if (!same)
            tx.exec("UPDATE feature_flags SET description = coalesce($2, description), type = coalesce($3, type), "
                    "updated_at = now(), updated_by = session_user WHERE name = $1",
                    {name, description, type});
        c.changed = !same;
        c.summary = same ? "flag " + name + " is already so" : "updated flag " + name;
    }
    c.record = table_of(tx.exec("SELECT name, description, type, enabled, updated_at FROM feature_flags WHERE name = $1",
                                {name}));
    finish_change(tx, c, dry_run);
    return c;
}

Change set_enabled(db::Connection& conn, const std::string& name, const std::string& env, bool enabled,
                   std::string_view command, std::string_view reason, bool dry_run) {
    return mutate(conn, command, name, env, reason, dry_run, [&](FlagState& s) {
        s.enabled = enabled;
        const char* word = enabled ? "enabled" : "disabled";
        return std::pair(fmt::format("{} {}{}", word, name, env_suffix(env)),
                         fmt::format("{} is already {}{}", name, word, env_suffix(env)));
    });
}

Change rollout(db::Connection& conn, const std::string& name, const std::string& env, double percent,
               const std::string& stickiness, std::string_view reason, bool dry_run) {
    if (!(percent >= 0 && percent <= 100)) throw UsageError("a rollout is between 0% and 100%");
    return mutate(conn, "flags rollout", name, env, reason, dry_run, [&](FlagState& s) {
        nlohmann::json kept = nlohmann::json::array();
        nlohmann::json* rollout = nullptr;
        nlohmann::json constraints = nlohmann::json::array();
        for (auto& st : s.strategies) {
            if (st.value("name", "") == "default") {
                // A default strategy turns everyone on: the rollout replaces it, keeping its constraints.
                if (st.contains("constraints")) constraints = st["constraints"];
                continue;
            }
            kept.push_back(st);
        }
        for (auto& st : kept)
            if (st.value("name", "") == "flexibleRollout" && !rollout) rollout = &st;
        std::string pct = format_percent(percent);
        if (!rollout) {
            kept.push_back({{"name", "flexibleRollout"},
                            {"parameters", {{"rollout", pct}, {"stickiness", stickiness}, {"groupId", name}}},
                            {"constraints", constraints}});
        } else {
            auto& p = (*rollout)["parameters"];
            p["rollout"] = pct;
            p["stickiness"] = stickiness;
            if (!p.contains("groupId") || p["groupId"].get<std::string>().empty()) p["groupId"] = name;
        }
        s.strategies = std::move(kept);
        return std::pair(fmt::format("{} rolled out to {}%{}", name, pct, env_suffix(env)),
                         fmt::format("{} is already at {}%{}", name, pct, env_suffix(env)));
    });
}

Change target(db::Connection& conn, const std::string& name, const std::string& env, const Targeting& t,
              std::string_view reason, bool dry_run) {
    std::vector<nlohmann::json> constraints;
    for (const auto& spec : t.constraints) constraints.push_back(parse_constraint_spec(spec));
    if (t.users.empty() && constraints.empty() && !t.clear)
        throw UsageError("nothing to target", "give --users, --tiers, --constraint or --clear");
    return mutate(conn, "flags target", name, env, reason, dry_run, [&](FlagState& s) {
        if (!t.users.empty()) {
            std::string ids;
            for (const auto& u : t.users) ids += (ids.empty() ? "" : ",") + u;
            bool found = false;
            for (auto& st : s.strategies)
                if (st.value("name", "") == "userWithId") {
                    st["parameters"]["userIds"] = ids;
                    found = true;
                }
            if (!found)
                s.strategies.push_back({{"name", "userWithId"}, {"parameters", {{"userIds", ids}}},
                                        {"constraints", nlohmann::json::array()}});
        }
        if (t.clear || !constraints.empty()) {
            // Constraints narrow the audience strategy (a rollout, else an on-for-everyone default).
            nlohmann::json* audience = nullptr;
            for (auto& st : s.strategies)
                if (st.value("name", "") != "userWithId" && !audience) audience = &st;
            if (!audience && !constraints.empty()) {
                s.strategies.push_back({{"name", "default"}, {"parameters", nlohmann::json::object()},
                                        {"constraints", nlohmann::json::array()}});
                audience = &s.strategies.back();
            }
            if (audience) {
                if (t.clear || !audience->contains("constraints")) (*audience)["constraints"] = nlohmann::json::array();
                for (const auto& c : constraints) {
                    // The same context and operator replaces the earlier constraint.
                    auto& list = (*audience)["constraints"];
                    bool replaced = false;
                    for (auto& old : list)
                        if (old.value("contextName", "") == c["contextName"] && old.value("operator", "") == c["operator"]) {
                            old = c;
                            replaced = true;
                        }
                    if (!replaced) list.push_back(c);
                }
            }
        }
        return std::pair(fmt::format("targeted {}{}", name, env_suffix(env)),
                         fmt::format("{} is already targeted so{}", name, env_suffix(env)));
    });
}

Change edit_variants(db::Connection& conn, const std::string& name, const std::string& env, const VariantEdit& e,
                     std::string_view reason, bool dry_run) {
    std::vector<nlohmann::json> added;
    for (const auto& spec : e.add) added.push_back(parse_variant_spec(spec, e.stickiness));
    if (added.empty() && e.remove.empty() && !e.clear)
        throw UsageError("no variant change given", "use --add NAME:WEIGHT[:PAYLOAD], --remove NAME or --clear");
    return mutate(conn, "flags variants", name, env, reason, dry_run, [&](FlagState& s) {
        nlohmann::json out = nlohmann::json::array();
        if (!e.clear)
            for (const auto& v : s.variants) {
                auto n = v.value("name", "");
                bool drop = std::find(e.remove.begin(), e.remove.end(), n) != e.remove.end();
                for (const auto& a : added) drop = drop || a["name"] == n;
                if (!drop) out.push_back(v);
            }
        for (auto& a : added) out.push_back(a);
        s.variants = std::move(out);
        return std::pair(fmt::format("{} has {} variant(s){}", name, s.variants.size(), env_suffix(env)),
                         fmt::format("{} already has these variants{}", name, env_suffix(env)));
    });
}

Change remove(db::Connection& conn, const std::string& name, std::string_view reason, bool dry_run) {
    for (const char* p : {"maintenance_mode", "signups", "waitlist"})
        if (name == p)
            throw Conflict(fmt::format("flag '{}' is built in and cannot be deleted", name), "disable it instead");
    db::Transaction tx(conn);
    audit::tag_change(tx, "flags delete", reason);
    require_flag(tx, name);
    auto dependants = tx.exec("SELECT string_agg(name, ', ' ORDER BY name) FROM feature_flags "
                              "WHERE dependencies @> jsonb_build_array(jsonb_build_object('feature', $1::text))",
                              {name});
    if (!dependants[0].is_null(0))
        throw Conflict(fmt::format("flag '{}' is a parent of {}", name, dependants[0].text(0)),
                       "remove the dependency first");
    Change c;
    c.record = table_of(tx.exec("DELETE FROM feature_flags WHERE name = $1 RETURNING name, type, enabled, description",
                                {name}));
    c.changed = true;
    c.summary = "deleted flag " + name;
    finish_change(tx, c, dry_run);
    return c;
}

Table history(db::Connection& conn, const std::string& name, long long limit) {
    return table_of(conn.exec(
        "SELECT id, at, actor, action, entity_type, command, reason, before, after FROM audit_log "
        "WHERE entity_type IN ('feature_flags', 'feature_flag_environments') AND entity_id = $1 "
        "ORDER BY at DESC, id DESC LIMIT $2",
        {name, limit > 0 ? limit : 1000000000LL}));
}

}  // namespace ctl::flags
