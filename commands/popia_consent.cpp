// ctl popia consent and retention: the consent history of a person, and the retention policy.

#include "commands/popia_common.hpp"
#include "commands/users_common.hpp"
#include "domain/popia_consent.hpp"
#include "domain/popia_retention.hpp"
#include "domain/users.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace ctl::cli::popia_cmd {

namespace {

struct ConsentArgs {
    std::string user, action, purpose, source;
};

}  // namespace

void register_consent(CLI::App& popia, Context& ctx) {
    auto a = std::make_shared<ConsentArgs>();
    auto* cmd = add_command(popia, "consent",
                            "A person's consent history, or record a grant or withdrawal (never overwritten)");
    cmd->add_option("USER", a->user, "Id, e-mail, wallet or auth-provider id")->required();
    cmd->add_option("ACTION", a->action, "grant or withdraw (none: show the history)")
        ->check(CLI::IsMember({"grant", "withdraw"}));
    cmd->add_option("PURPOSE", a->purpose, "A purpose of the setting popia.consent_purposes, e.g. marketing_email");
    cmd->add_option("--source", a->source, "Where the person said so, e.g. 'support call 2026-11-02'");
    cmd->callback([&ctx, a] {
        auto id = users::resolve(ctx.db(), a->user);
        if (a->action.empty()) {
            auto options = ctx.render_options();
            auto page = popia::consent_history(ctx.db(), id);
            output::render(ctx.out(), options, page.columns, page.rows);
            return;
        }
        if (a->purpose.empty()) throw UsageError("popia consent " + a->action + " needs PURPOSE", "e.g. marketing_email");
        popia::ConsentChange change{id, a->purpose, a->action == "grant", a->source};
        auto r = popia::change_consent(ctx.db(), change, ctx.options.reason, ctx.options.dry_run);
        ctx.info(r.summary);
        users_cmd::render_record(ctx, r.columns, r.row);
    });
}

void register_retention(CLI::App& popia, Context& ctx) {
    auto* retention = add_command(popia, "retention", "How long personal data is kept, and the purge");
    retention->require_subcommand(1);

    add_command(*retention, "status", "Per data class: policy, oldest record, records past retention")->callback([&ctx] {
        auto options = ctx.render_options();
        ctx.allow_long_statements();
        auto t = popia::retention_status(ctx.db());
        output::render(ctx.out(), options, t.columns, t.rows);
    });

    add_command(*retention, "run", "Delete or anonymise what is past its retention period (for a daily cron job)")
        ->callback([&ctx] {
            auto options = ctx.render_options();
            if (!ctx.options.dry_run) ctx.confirm("delete personal data past its retention period?");
            ctx.allow_long_statements();
            auto t = popia::retention_run(ctx.db(), ctx.options.reason, ctx.options.dry_run);
            output::render(ctx.out(), options, t.columns, t.rows);
            ctx.info(fmt::format("{}{} record(s) past retention {}", ctx.options.dry_run ? "dry run: " : "", t.total,
                                 ctx.options.dry_run ? "would be deleted or anonymised (rolled back)"
                                                     : "deleted or anonymised"));
        });
}

}  // namespace ctl::cli::popia_cmd
