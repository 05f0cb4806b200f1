// The Unleash client-API document: export for SDKs and `flags eval --state`, import as an upsert.

#include "domain/audit.hpp"
#include "flags/model.hpp"
#include "flags/store.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace ctl::flags {

namespace {

// The flags as environment $1 sees them.
std::string state_sql() {
    auto view = environment_view("$1");
    return fmt::format("SELECT f.name, f.description, f.type, {}, {}, {}, f.dependencies FROM feature_flags f "
                       "LEFT JOIN feature_flag_environments e ON e.flag_name = f.name AND e.environment = $1 ",
                       view.enabled, view.strategies, view.variants);
}

std::string env_or_default(const std::string& env) { return env.empty() ? k_default_environment : env; }

nlohmann::json feature_json(const db::RowRef& r) {
    nlohmann::json f = {{"name", r.text(0)},          {"description", r.text(1)}, {"type", r.text(2)},
                        {"project", "default"},        {"enabled", r.boolean(3)}, {"stale", false},
                        {"impressionData", false},     {"strategies", r.json(4)}, {"variants", r.json(5)}};
    auto deps = r.json(6);
    if (!deps.empty()) f["dependencies"] = deps;
    return f;
}

}  // namespace

nlohmann::json export_state(db::Connection& conn, const std::string& env) {
    check_environment(env);
    auto e = env_or_default(env);
    nlohmann::json features = nlohmann::json::array();
    auto r = conn.exec(state_sql() + "ORDER BY f.name", {e});
    for (int i = 0; i < r.rows(); ++i) features.push_back(feature_json(r[i]));
    nlohmann::json segments = nlohmann::json::array();
    auto s = conn.exec("SELECT id, name, constraints FROM feature_segments ORDER BY id");
    for (int i = 0; i < s.rows(); ++i)
        segments.push_back({{"id", s[i].int64(0)}, {"name", s[i].text(1)}, {"constraints", s[i].json(2)}});
    return {{"version", 2}, {"features", features}, {"segments", segments},
            {"meta", {{"environment", e}, {"source", "ctl"}}}};
}

Table import_state(db::Connection& conn, const nlohmann::json& document, const std::string& env,
                   std::string_view reason, bool dry_run) {
    check_environment(env);
    auto e = env_or_default(env);
    parse_state(document);  // refuses what is not a client-API document before anything changes
    for (const auto& f : document["features"]) {
        auto type = f.value("type", std::string("release"));
        check_type(type);
    }
    Table out{{{"name"}, {"action"}, {"changes"}}, {}};
    db::Transaction tx(conn);
    audit::tag_change(tx, "flags import", reason);
    if (document.contains("segments") && document["segments"].is_array())
        for (const auto& s : document["segments"]) {
            auto seg = parse_segment(s);
            tx.exec("INSERT INTO feature_segments (id, name, constraints) VALUES ($1, $2, $3::jsonb) "
                    "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, constraints = EXCLUDED.constraints, "
                    "updated_at = now(), updated_by = session_user "
                    "WHERE (feature_segments.name, feature_segments.constraints) IS DISTINCT FROM "
                    "(EXCLUDED.name, EXCLUDED.constraints)",
                    {seg.id, seg.name.empty() ? fmt::format("segment-{}", seg.id) : seg.name,
                     s.value("constraints", nlohmann::json::array())});
        }
    for (const auto& f : document["features"]) {
        std::string name = f["name"].get<std::string>();
        nlohmann::json want = {{"description", f.value("description", std::string())},
                               {"type", f.value("type", std::string("release"))},
                               {"enabled", f.value("enabled", false)},
                               {"strategies", f.value("strategies", nlohmann::json::array())},
                               {"variants", f.value("variants", nlohmann::json::array())},
                               {"dependencies", f.value("dependencies", nlohmann::json::array())}};
        auto current = tx.exec(state_sql() + "WHERE f.name = $2 FOR UPDATE OF f", {e, name});
        std::vector<std::string> changed;
        if (current.empty()) {
            tx.exec("INSERT INTO feature_flags (name, description, type, dependencies) VALUES ($1, $2, $3, $4::jsonb)",
                    {name, want["description"].get<std::string>(), want["type"].get<std::string>(), want["dependencies"]});
            changed = {"created"};
        } else {
            auto have = feature_json(current[0]);
            if (!have.contains("dependencies")) have["dependencies"] = nlohmann::json::array();
            for (const char* k : {"description", "type", "enabled", "strategies", "variants", "dependencies"})
                if (have[k] != want[k]) changed.emplace_back(k);
        }
        tx.exec("UPDATE feature_flags SET description = $2, type = $3, dependencies = $4::jsonb, "
                "updated_at = CASE WHEN (description, type, dependencies) IS DISTINCT FROM ($2, $3, $4::jsonb) "
                "THEN now() ELSE updated_at END WHERE name = $1 "
                "AND (description, type, dependencies) IS DISTINCT FROM ($2, $3, $4::jsonb)",
                {name, want["description"].get<std::string>(), want["type"].get<std::string>(), want["dependencies"]});
        if (e == k_default_environment)
            tx.exec("UPDATE feature_flags SET enabled = $2, strategies = $3::jsonb, variants = $4::jsonb, "
                    "updated_at = now(), updated_by = session_user WHERE name = $1 "
                    "AND (enabled, strategies, variants) IS DISTINCT FROM ($2, $3::jsonb, $4::jsonb)",
                    {name, want["enabled"].get<bool>(), want["strategies"], want["variants"]});
        else
            tx.exec("INSERT INTO feature_flag_environments (flag_name, environment, enabled, strategies, variants) "
                    "VALUES ($1, $2, $3, $4::jsonb, $5::jsonb) ON CONFLICT (flag_name, environment) DO UPDATE SET "
                    "enabled = EXCLUDED.enabled, strategies = EXCLUDED.strategies, variants = EXCLUDED.variants, "
                    "updated_at = now(), updated_by = session_user "
                    "WHERE (feature_flag_environments.enabled, feature_flag_environments.strategies, "
                    "feature_flag_environments.variants) IS DISTINCT FROM "
                    "(EXCLUDED.enabled, EXCLUDED.strategies, EXCLUDED.variants)",
                    {name, e, want["enabled"].get<bool>(), want["strategies"], want["variants"]});
        std::string list;
        for (const auto& c : changed) list += (list.empty() ? "" : ",") + c;
        out.rows.push_back({name, current.empty() ? "create" : changed.empty() ? "unchanged" : "update",
                            current.empty() ? output::Cell::null() : output::Cell(list)});
    }
    if (dry_run)
        tx.rollback();
    else
        tx.commit();
    return out;
}

}  // namespace ctl::flags
