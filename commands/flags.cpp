// ctl flags: feature flags (Unleash model), maintenance mode, operational switches and settings.
// This file registers the group and the commands that define and change flags.

#include "commands/flags_common.hpp"
#include "commands/users_common.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace ctl::cli {

namespace flags_cmd {

std::string environment(Context& ctx, const std::string& given) {
    if (!given.empty()) return given;
    auto configured = ctx.config().get("flags.environment");
    return configured && !configured->empty() ? *configured : flags::k_default_environment;
}

std::string reason(Context& ctx, const std::string& command) {
    if (ctx.config().production()) return ctx.require_reason(command);
    return ctx.options.reason;
}

void report(Context& ctx, const flags::Change& change) {
    if (!change.summary.empty()) ctx.info(change.summary);
    if (change.record.rows.empty()) return;
    users_cmd::render_record(ctx, change.record.columns, change.record.rows.front());
}

void print(Context& ctx, const flags::Table& table) {
    output::render(ctx.out(), ctx.render_options(), table.columns, table.rows);
}

namespace {

struct FlagArgs {
    std::string name, env, description, type, stickiness = "default", percent;
    std::vector<std::string> users, tiers, constraints, add, remove;
    bool clear = false;
    long long limit = 50;
};

CLI::Option* add_flag_name(CLI::App& cmd, std::string& name) {
    return cmd.add_option("FLAG", name, "Flag name")->required();
}

void add_env(CLI::App& cmd, std::string& env) {
    cmd.add_option("--env", env, "Environment (default: flags.environment of the profile, else production)");
}

double parse_percent(const std::string& text) {
    std::string t = text;
    if (!t.empty() && t.back() == '%') t.pop_back();
    try {
        std::size_t used = 0;
        double v = std::stod(t, &used);
        if (used == t.size() && v >= 0 && v <= 100) return v;
    } catch (...) {
    }
    throw UsageError(fmt::format("bad percentage '{}'", text), "0 to 100, e.g. 25%");
}

}  // namespace

void register_definitions(CLI::App& flags, Context& ctx) {
    auto a = std::make_shared<FlagArgs>();
    auto* list = add_command(flags, "list", "Flags with their state in an environment");
    list->add_option("--type", a->type, "Only flags of this type")
        ->check(CLI::IsMember({"release", "experiment", "operational", "kill-switch", "permission"}));
    add_env(*list, a->env);
    list->callback([&ctx, a] {
        print(ctx, flags::list(ctx.db(), a->type.empty() ? std::nullopt : std::optional(a->type),
                               environment(ctx, a->env)));
    });

    auto g = std::make_shared<FlagArgs>();
    auto* get = add_command(flags, "get", "A flag: state, strategies, variants, dependencies, last change");
    add_flag_name(*get, g->name);
    add_env(*get, g->env);
    get->callback([&ctx, g] {
        output::render_document(ctx.out(), ctx.render_options(), flags::get(ctx.db(), g->name, environment(ctx, g->env)));
    });

    auto s = std::make_shared<FlagArgs>();
    auto* set = add_command(flags, "set", "Create a flag (disabled) or change its description or type");
    add_flag_name(*set, s->name);
    auto* o_desc = set->add_option("--description", s->description, "What the flag is for");
    auto* o_type = set->add_option("--type", s->type, "release, experiment, operational, kill-switch, permission")
                       ->check(CLI::IsMember({"release", "experiment", "operational", "kill-switch", "permission"}));
    set->callback([&ctx, s, o_desc, o_type] {
        report(ctx, flags::define(ctx.db(), s->name, o_desc->count() ? std::optional(s->description) : std::nullopt,
                                  o_type->count() ? std::optional(s->type) : std::nullopt, reason(ctx, "flags set"),
                                  ctx.options.dry_run));
    });

    for (const char* verb : {"enable", "disable"}) {
        auto e = std::make_shared<FlagArgs>();
        bool on = std::string(verb) == "enable";
        auto* cmd = add_command(flags, verb, on ? "Turn a flag on in an environment" : "Turn a flag off in an environment");
        add_flag_name(*cmd, e->name);
        add_env(*cmd, e->env);
        std::string command = std::string("flags ") + verb;
        cmd->callback([&ctx, e, on, command] {
            report(ctx, flags::set_enabled(ctx.db(), e->name, environment(ctx, e->env), on, command,
                                           reason(ctx, command), ctx.options.dry_run));
        });
    }

    auto r = std::make_shared<FlagArgs>();
    auto* rollout = add_command(flags, "rollout", "Roll a flag out to a percentage of users (sticky)");
    add_flag_name(*rollout, r->name);
    rollout->add_option("PERCENT", r->percent, "0% to 100%")->required();
    rollout->add_option("--stickiness", r->stickiness, "Context field that keeps a user in: default, userId, sessionId, ...")
        ->capture_default_str();
    add_env(*rollout, r->env);
    rollout->callback([&ctx, r] {
        report(ctx, flags::rollout(ctx.db(), r->name, environment(ctx, r->env), parse_percent(r->percent),
                                   r->stickiness, reason(ctx, "flags rollout"), ctx.options.dry_run));
    });

    auto t = std::make_shared<FlagArgs>();
    auto* target = add_command(flags, "target", "Target users, tiers or any context with constraints");
    add_flag_name(*target, t->name);
    target->add_option("--users", t->users, "User ids (userWithId strategy)")->delimiter(',');
    target->add_option("--tiers", t->tiers, "Only these tiers (constraint tier IN ...)")->delimiter(',');
    target->add_option("--constraint", t->constraints, "CONTEXT [NOT] OPERATOR[/i] VALUES, e.g. 'tier IN pro,enterprise'");
    target->add_flag("--clear", t->clear, "Drop the existing constraints first");
    add_env(*target, t->env);
    target->callback([&ctx, t] {
        flags::Targeting spec;
        spec.users = t->users;
        spec.constraints = t->constraints;
        spec.clear = t->clear;
        if (!t->tiers.empty()) {
            std::string tiers;
            for (const auto& x : t->tiers) tiers += (tiers.empty() ? "" : ",") + x;
            spec.constraints.push_back("tier IN " + tiers);
        }
        report(ctx, flags::target(ctx.db(), t->name, environment(ctx, t->env), spec, reason(ctx, "flags target"),
                                  ctx.options.dry_run));
    });

    auto v = std::make_shared<FlagArgs>();
    auto* variants = add_command(flags, "variants", "Add, replace or remove a flag's variants");
    add_flag_name(*variants, v->name);
    variants->add_option("--add", v->add, "NAME:WEIGHT[:PAYLOAD] (repeatable; replaces a variant of that name)");
    variants->add_option("--remove", v->remove, "Variant name to remove (repeatable)");
    variants->add_flag("--clear", v->clear, "Remove all variants first");
    variants->add_option("--stickiness", v->stickiness, "Stickiness of added variants")->capture_default_str();
    add_env(*variants, v->env);
    variants->callback([&ctx, v] {
        flags::VariantEdit edit{v->add, v->remove, v->clear, v->stickiness};
        report(ctx, flags::edit_variants(ctx.db(), v->name, environment(ctx, v->env), edit, reason(ctx, "flags variants"),
                                         ctx.options.dry_run));
    });

    auto d = std::make_shared<FlagArgs>();
    auto* del = add_command(flags, "delete", "Delete a flag in every environment (needs --reason)");
    add_flag_name(*del, d->name);
    del->callback([&ctx, d] {
        const auto& why = ctx.require_reason("flags delete");
        if (!ctx.options.dry_run) ctx.confirm("delete flag " + d->name + " in every environment?");
        report(ctx, flags::remove(ctx.db(), d->name, why, ctx.options.dry_run));
    });

    auto h = std::make_shared<FlagArgs>();
    auto* history = add_command(flags, "history", "A flag's changes, from the audit trail (newest first)");
    add_flag_name(*history, h->name);
    history->add_option("--limit", h->limit, "Rows (0: all)")->check(CLI::Range(0LL, 1000000000LL))->capture_default_str();
    history->callback([&ctx, h] { print(ctx, flags::history(ctx.db(), h->name, h->limit)); });
}

}  // namespace flags_cmd

void register_flags(CLI::App& root, Context& ctx) {
    auto* flags = add_command(root, "flags", "Feature flags, maintenance mode, operational switches and settings");
    flags->require_subcommand(1);
    flags_cmd::register_definitions(*flags, ctx);
    flags_cmd::register_evaluation(*flags, ctx);
    flags_cmd::register_operations(*flags, ctx);
    flags_cmd::register_settings(*flags, ctx);
}

}  // namespace ctl::cli
