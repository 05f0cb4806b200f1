// ctl flags settings: typed system settings; secrets masked, readable only by admins and owners.

#include "commands/flags_common.hpp"
#include "flags/settings.hpp"

#include <CLI/CLI.hpp>

namespace ctl::cli::flags_cmd {

namespace {

struct SettingArgs {
    std::string key, value, description, category;
    bool secret = false, not_secret = false, reveal = false;
};

const char* k_category_help = "general, pricing, email, integrations, branding, retention, limits";

}  // namespace

void register_settings(CLI::App& flags, Context& ctx) {
    auto* settings = add_command(flags, "settings", "System settings: typed JSON values; secrets masked");
    settings->require_subcommand(1);
    auto categories = CLI::IsMember({"general", "pricing", "email", "integrations", "branding", "retention", "limits"});

    auto l = std::make_shared<SettingArgs>();
    auto* list = add_command(*settings, "list", "Settings by category");
    list->add_option("--category", l->category, k_category_help)->check(categories);
    list->add_flag("--reveal", l->reveal, "Show secret values (admins and owners only; others still see [secret])");
    list->callback([&ctx, l] {
        print(ctx, flags::settings_list(ctx.db(), l->category.empty() ? std::nullopt : std::optional(l->category),
                                        l->reveal));
    });

    auto g = std::make_shared<SettingArgs>();
    auto* get = add_command(*settings, "get", "One setting");
    get->add_option("KEY", g->key, "Setting key, e.g. email.from")->required();
    get->add_flag("--reveal", g->reveal, "Show a secret value (admins and owners only)");
    get->callback([&ctx, g] {
        auto t = flags::settings_get(ctx.db(), g->key, g->reveal);
        report(ctx, {false, "", t});
    });

    auto s = std::make_shared<SettingArgs>();
    auto* set = add_command(*settings, "set", "Set a setting (VALUE is JSON; other text is a string)");
    set->add_option("KEY", s->key, "Setting key, e.g. email.from")->required();
    set->add_option("VALUE", s->value, "JSON value: 500, true, \"text\", {\"a\":1}; other text is stored as a string")
        ->required();
    auto* o_secret = set->add_flag("--secret", s->secret, "Mark the value secret (masked everywhere)");
    auto* o_public = set->add_flag("--no-secret", s->not_secret, "Mark the value not secret");
    o_secret->excludes(o_public);
    auto* o_desc = set->add_option("--description", s->description, "What the setting does");
    auto* o_cat = set->add_option("--category", s->category, k_category_help)->check(categories);
    set->callback([&ctx, s, o_secret, o_public, o_desc, o_cat] {
        flags::SettingEdit e;
        e.key = s->key;
        e.value = s->value;
        if (o_secret->count()) e.secret = true;
        if (o_public->count()) e.secret = false;
        if (o_desc->count()) e.description = s->description;
        if (o_cat->count()) e.category = s->category;
        report(ctx, flags::settings_set(ctx.db(), e, reason(ctx, "flags settings set"), ctx.options.dry_run));
    });

    auto u = std::make_shared<SettingArgs>();
    auto* unset = add_command(*settings, "unset", "Remove a setting (already absent: exit 0)");
    unset->add_option("KEY", u->key, "Setting key")->required();
    unset->callback([&ctx, u] {
        report(ctx, flags::settings_unset(ctx.db(), u->key, reason(ctx, "flags settings unset"), ctx.options.dry_run));
    });
}

}  // namespace ctl::cli::flags_cmd
