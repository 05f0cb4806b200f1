// ctl health: the database (version, latency, schema, disk), the replica and every provider.
// Exit 10 when anything is degraded, 6 when the database cannot be reached.

#include "commands/context.hpp"
#include "db/connection.hpp"
#include "db/error.hpp"
#include "domain/health.hpp"
#include "domain/settings_value.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>

namespace ctl::cli {

namespace {

output::Row row_of(const health::Check& c) {
    return {c.name, c.ok ? output::Cell(*c.ok ? "true" : "false") : output::Cell::null(),
            c.ok ? (*c.ok ? "ok" : "degraded") : "skipped", c.detail,
            c.latency_ms ? output::Cell(fmt::format("{:.1f}", *c.latency_ms)) : output::Cell::null()};
}

}  // namespace

void register_health(CLI::App& root, Context& ctx) {
    auto* health = add_command(root, "health",
                               "Check the database, schema, replica and providers (exit 10 when degraded, 6 when the "
                               "database is unreachable)");
    health->callback([&ctx] {
        using output::Kind;
        std::vector<output::Column> columns = {
            {"check"}, {"ok", Kind::boolean}, {"status"}, {"detail"}, {"latency_ms", Kind::number}};
        std::vector<health::Check> checks;
        const auto& cfg = ctx.config();
        bool reachable = true;
        auto started = std::chrono::steady_clock::now();
        try {
            auto& conn = ctx.db();
            double connect_ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            checks = health::database_checks(conn, connect_ms);
        } catch (const db::DatabaseError& e) {
            if (e.code() != ExitCode::unavailable) throw;
            reachable = false;
            checks.push_back({"database", false,
                              std::string(e.what()) + " (" + db::redact_conninfo(ctx.database_conninfo()) + ")", {}});
        }
        double max_lag = 60;
        try {
            if (reachable) max_lag = settings::number(ctx.db(), "alerts.replica_lag_seconds", 60);
        } catch (const db::DatabaseError&) {
            // an unmigrated database has no settings: the default applies
        }
        int timeout = static_cast<int>(std::max(1.0, std::min(ctx.options.timeout(), 10.0)));
        checks.push_back(health::replica_check(cfg.get("replica_url"), max_lag, timeout));
        auto http = ctx.http_options();
        http.timeout_s = std::min(http.timeout_s, 10.0);
        http.connect_timeout_s = std::min(http.connect_timeout_s, 5.0);
        http.retry.max_attempts = 1;
        for (auto& c : health::provider_checks(cfg, http)) checks.push_back(std::move(c));

        std::vector<output::Row> rows;
        bool ok = true;
        for (const auto& c : checks) {
            rows.push_back(row_of(c));
            ok = ok && c.ok.value_or(true);
        }
        output::render(ctx.out(), ctx.render_options(), columns, rows);
        ctx.out().flush();
        if (!reachable) throw Unavailable("the database is unreachable", "see the database row above");
        if (!ok) throw Error(ExitCode::check_failed, "health check found problems");
    });
}

}  // namespace ctl::cli
