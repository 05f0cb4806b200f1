#pragma once
// Flags in the database (issue 8): maintenance mode, the named operational switches, flag
// definitions and their per-environment state, history from the audit trail, and the Unleash
// client-API document they export to and import from. Every change is one transaction tagged for
// the audit triggers; the database's triggers send NOTIFY ctl_flags in it. Errors: NotFound (3)
// for an unknown flag, UsageError (2) for bad input, Conflict (4) for a protected flag, exit 5
// when the operator's role may not make the change. Nothing is printed here.

#include "db/connection.hpp"
#include "flags/spec.hpp"
#include "output/document.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ctl::flags {

inline constexpr const char* k_default_environment = "production";

// A flag as an environment sees it, as SQL over `feature_flags f LEFT JOIN
// feature_flag_environments e` for the environment named by the SQL expression `env` ("$1"):
// production reads the flag's own columns, where a flag past its ends_at is off
// (ctl_flag_in_force, migration 0020, as for maintenance mode's status); any other
// environment reads its row of feature_flag_environments, off and empty when it has none.
struct EnvironmentView {
    std::string enabled, strategies, variants;
};
EnvironmentView environment_view(std::string_view env);

struct Table {
    std::vector<output::Column> columns;
    std::vector<output::Row> rows;
};

// What a change did: a one-line summary for stderr and the resulting record for stdout.
struct Change {
    bool changed = false;  // false: already in the asked state (exit 0)
    std::string summary;
    Table record;
};

// Commits the change, or with dry_run rolls it back and says so in its summary.
void finish_change(db::Transaction& tx, Change& change, bool dry_run);

// ---- maintenance and the operational switches ----

struct Maintenance {
    bool on = false;  // enabled and not past its end
    std::string message;
    std::optional<std::string> ends_at, updated_at, updated_by;
};
Maintenance maintenance_status(db::Connection& conn);
Table maintenance_record(const Maintenance& m);
// Through ctl_set_maintenance(): allowed for ctl_ci. `ends_at` is a timestamp PostgreSQL reads.
Change set_maintenance(db::Connection& conn, bool on, const std::optional<std::string>& message,
                       const std::optional<std::string>& ends_at, std::string_view reason, bool dry_run);

// ---- flag definitions and state ----

inline constexpr const char* k_types[] = {"release", "experiment", "operational", "kill-switch", "permission"};
void check_type(std::string_view type);
void check_environment(std::string_view env);

Table list(db::Connection& conn, const std::optional<std::string>& type, const std::string& env);
// Definition, state in `env`, strategies, variants, dependencies, last change.
std::vector<output::Section> get(db::Connection& conn, const std::string& name, const std::string& env);

// Creates the flag (disabled) when it does not exist, else changes description/type.
Change define(db::Connection& conn, const std::string& name, const std::optional<std::string>& description,
              const std::optional<std::string>& type, std::string_view reason, bool dry_run);
Change set_enabled(db::Connection& conn, const std::string& name, const std::string& env, bool enabled,
                   std::string_view command, std::string_view reason, bool dry_run);
// flexibleRollout at `percent` (0..100) with a groupId fixed to the flag's name, so raising the
// percentage keeps everyone who was in. Replaces "default" strategies, keeps the others.
Change rollout(db::Connection& conn, const std::string& name, const std::string& env, double percent,
               const std::string& stickiness, std::string_view reason, bool dry_run);

struct Targeting {
    std::vector<std::string> users;        // userWithId strategy (replaces its list)
    std::vector<std::string> constraints;  // "tier IN pro,enterprise", "NOT email STR_ENDS_WITH/i @x.io"
    bool clear = false;                    // drop all constraints first
};
Change target(db::Connection& conn, const std::string& name, const std::string& env, const Targeting& t,
              std::string_view reason, bool dry_run);

struct VariantEdit {
    std::vector<std::string> add;     // name:weight[:payload]
    std::vector<std::string> remove;  // names
    bool clear = false;
    std::string stickiness = "default";
};
Change edit_variants(db::Connection& conn, const std::string& name, const std::string& env, const VariantEdit& e,
                     std::string_view reason, bool dry_run);

Change remove(db::Connection& conn, const std::string& name, std::string_view reason, bool dry_run);

// The flag's changes from the audit trail, newest first.
Table history(db::Connection& conn, const std::string& name, long long limit);

// ---- the Unleash client-API document ----

// {"version":2,"features":[..],"segments":[..],"meta":{..}} for `env`.
nlohmann::json export_state(db::Connection& conn, const std::string& env);
// Upserts every feature of the document into `env` (and its segments); one transaction. Returns
// one row per flag: name, action (create|update|unchanged), what changed.
Table import_state(db::Connection& conn, const nlohmann::json& document, const std::string& env,
                   std::string_view reason, bool dry_run);

}  // namespace ctl::flags
