// ctl health: can we reach the database, and is its schema current? Exit 10 when not.

#include "commands/context.hpp"
#include "db/connection.hpp"
#include "schema/migrator.hpp"

#include <CLI/CLI.hpp>
#include <chrono>

namespace ctl::cli {

void register_health(CLI::App& root, Context& ctx) {
    auto* health = add_command(root, "health", "Check the database and the schema (exit 10 on problems)");
    health->callback([&ctx] {
        using output::Column;
        using output::Kind;
        std::vector<Column> columns = {{"check"}, {"ok", Kind::boolean}, {"detail"}};
        std::vector<output::Row> rows;
        bool ok = true;
        auto target = db::redact_conninfo(ctx.database_conninfo());
        auto started = std::chrono::steady_clock::now();
        try {
            auto& conn = ctx.db();
            auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            auto v = conn.exec("SELECT current_setting('server_version'), current_database(), session_user");
            rows.push_back({"database", "true",
                            "PostgreSQL " + std::string(v[0].text(0)) + ", database " + std::string(v[0].text(1)) +
                                " as " + std::string(v[0].text(2)) + ", connected in " + std::to_string(ms.count()) +
                                " ms"});
            int pending = 0, changed = 0, unknown = 0;
            for (const auto& s : schema::migration_status(conn)) {
                pending += s.state == schema::MigrationState::pending;
                changed += s.state == schema::MigrationState::changed;
                unknown += s.state == schema::MigrationState::unknown;
            }
            bool current = pending == 0 && changed == 0;
            ok = ok && current;
            std::string detail = current ? "all migrations applied" : "";
            if (pending) detail += std::to_string(pending) + " pending (run ctl db migrate) ";
            if (changed) detail += std::to_string(changed) + " changed since applied ";
            if (unknown) detail += std::to_string(unknown) + " applied by a newer ctl";
            rows.push_back({"schema", current ? "true" : "false", detail});
        } catch (const db::DatabaseError& e) {
            if (e.code() != ExitCode::unavailable) throw;
            ok = false;
            rows.push_back({"database", "false", std::string(e.what()) + " (" + target + ")"});
        }
        output::render(ctx.out(), ctx.render_options(), columns, rows);
        ctx.out().flush();
        if (!ok) throw Error(ExitCode::check_failed, "health check failed");
    });
}

}  // namespace ctl::cli
