// ctl popia: data-subject requests under POPIA / GDPR — export of everything held about a
// person, provable erasure, consent and retention (DESIGN §12). register_popia() registers the
// whole group; requests, consent and retention live in their own files.

#include "commands/popia_common.hpp"
#include "commands/users_common.hpp"
#include "domain/popia_erase.hpp"
#include "domain/popia_export.hpp"
#include "domain/users.hpp"
#include "util/atomic_file.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ctl::cli {

namespace {

struct ExportArgs {
    std::string user, out;
    long long request = 0;
};

struct EraseArgs {
    std::string user;
    long long request = 0;
};

std::optional<std::int64_t> request_of(long long id) { return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt; }

void register_export(CLI::App& popia, Context& ctx) {
    auto a = std::make_shared<ExportArgs>();
    auto* cmd = add_command(popia, "export", "Everything held about a person, as one JSON document");
    cmd->add_option("USER", a->user, "Id, e-mail, wallet or auth-provider id")->required();
    cmd->add_option("--out", a->out, "Write to this file (appears only when complete)");
    cmd->add_option("--request", a->request, "The access request this answers (completed by the export)")
        ->check(CLI::PositiveNumber);
    cmd->callback([&ctx, a] {
        auto key = users_cmd::notes_key(ctx);
        ctx.allow_long_statements();
        auto id = users::resolve(ctx.db(), a->user);
        std::unique_ptr<util::AtomicFile> file;
        if (!a->out.empty()) file = std::make_unique<util::AtomicFile>(a->out);
        auto result = popia::export_person(ctx.db(), id, key, request_of(a->request), [&](const nlohmann::json& doc) {
            std::ostream& out = file ? file->stream() : ctx.out();
            out << doc.dump(2) << "\n";
            out.flush();
            if (file) file->commit();
        });
        ctx.info(fmt::format("exported user {}: {} rows from {} tables{}", id, result.rows, result.tables,
                             a->out.empty() ? "" : " to " + a->out));
        ctx.info("admin notes: " + result.notes_status);
        if (a->request > 0) ctx.info(fmt::format("access request {} completed", a->request));
    });
}

void register_erase(CLI::App& popia, Context& ctx) {
    auto a = std::make_shared<EraseArgs>();
    auto* cmd = add_command(popia, "erase",
                            "Anonymise a person everywhere and prove it (financial records kept under a pseudonym)");
    cmd->add_option("USER", a->user, "Id, e-mail, wallet or auth-provider id")->required();
    cmd->add_option("--request", a->request, "The erasure request this answers (completed by the erasure)")
        ->check(CLI::PositiveNumber);
    cmd->callback([&ctx, a] {
        const auto& reason = ctx.require_reason("popia erase");
        auto id = users::resolve(ctx.db(), a->user);
        if (!ctx.options.dry_run) ctx.confirm(fmt::format("erase user {} for good?", id));
        ctx.allow_long_statements();
        auto r = popia::erase_person(ctx.db(), id, reason, request_of(a->request), ctx.options.dry_run);
        ctx.info(r.summary);
        if (r.already_erased) return;
        output::render(ctx.out(), ctx.render_options(), r.columns, r.rows);
    });
}

}  // namespace

void register_popia(CLI::App& root, Context& ctx) {
    auto* popia = add_command(root, "popia", "Privacy law (POPIA / GDPR): requests, export, erasure, consent, retention");
    popia->require_subcommand(1);
    popia_cmd::register_requests(*popia, ctx);
    register_export(*popia, ctx);
    register_erase(*popia, ctx);
    popia_cmd::register_consent(*popia, ctx);
    popia_cmd::register_retention(*popia, ctx);
}

}  // namespace ctl::cli
