#pragma once
// What every command shares: the global options, configuration, the database connection
// (opened lazily, so `ctl version` and `--help` never touch it) and the output settings.

#include "config/config.hpp"
#include "db/connection.hpp"
#include "http/client.hpp"
#include "output/render.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class Validator;
}

namespace ctl::cli {

struct GlobalOptions {
    std::string db_url;
    std::string profile;
    std::string output = "table";
    std::string fields;
    bool no_color = false;
    bool yes = false;
    bool dry_run = false;
    std::string reason;
    bool quiet = false;
    int verbose = 0;
    double timeout_s = 0;  // 0: not given; timeout() applies the default
    bool replica_only = false;  // read-only work fails (exit 6) rather than fall back to the primary
    // --timeout, or the default of 30 s for interactive work.
    double timeout() const { return timeout_s > 0 ? timeout_s : 30; }
};

class Context {
public:
    GlobalOptions options;

    const config::Config& config();
    // The configured database, connected on first use with --timeout as statement timeout.
    db::Connection& db();
    // For checks and exports that read everything: no statement timeout unless --timeout was
    // given explicitly. Applies to the connections already open and to those opened later, so
    // it opens none itself.
    void allow_long_statements();
    // The conninfo db() uses (the local instance when nothing is configured).
    std::string database_conninfo();
    // For read-only work (analytics, exports): the replica named by replica_url (CTL_REPLICA_URL,
    // profile, config file; DESIGN §6) when configured and --db is not given, else db() itself.
    // -v says on stderr which one is used. A replica that cannot be reached falls back to the
    // primary with a warning on stderr (even with -q); with --replica-only it throws
    // ctl::Unavailable instead, and without a usable replica_url it throws ctl::UsageError.
    // Never use it for writes: a replica refuses them.
    db::Connection& read_db();

    // Options for calls to external APIs: --timeout (at most 30 s) per request, retries.
    http::ClientOptions http_options() const;

    output::RenderOptions render_options();
    output::Format format() { return render_options().format; }
    std::ostream& out();

    // Progress and notices for humans: stderr, silenced by -q.
    void info(const std::string& message) const;
    // Something the operator must know although the command goes on: stderr, even with -q.
    void warn(const std::string& message) const;
    // Next-page hint of DESIGN §5.
    void more_rows(const std::string& cursor) const;

    // --reason, or ctl::UsageError naming the command when it is required and missing.
    const std::string& require_reason(const std::string& command) const;
    // Asks on a terminal; without one, refuses unless --yes (ctl::UsageError).
    void confirm(const std::string& question) const;

private:
    std::optional<config::Config> m_config;
    std::unique_ptr<db::Connection> m_db;
    std::unique_ptr<db::Connection> m_replica;
    db::Connection* m_read = nullptr;
    bool m_long_statements = false;
    db::Connection& connect(std::unique_ptr<db::Connection>& slot, const std::string& conninfo);
};

// Adds a command group or command that accepts the global options after its name.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description);

// A number option's check that it is finite: CLI11's Range lets "nan" through (every comparison
// with NaN is false).
CLI::Validator finite_number();

// The keyset paging options of every list: --limit (0: all) and --after CURSOR.
void add_paging_options(CLI::App& cmd, long long& limit, std::string& after);

// Builds the tree on `app`: global options, then the top-level command the command line names,
// or every one when it names none (or a command that looks at the whole tree, such as help).
// Building only the command that runs keeps start-up flat however many groups there are.
void build_command_tree(CLI::App& app, Context& ctx, int argc = 0, const char* const* argv = nullptr);

// Registration of each command group (one file each under commands/).
void register_db(CLI::App& root, Context& ctx);
void register_users(CLI::App& root, Context& ctx);
void register_payments(CLI::App& root, Context& ctx);
void register_health(CLI::App& root, Context& ctx);
void register_admins(CLI::App& root, Context& ctx);
void register_audit(CLI::App& root, Context& ctx);
void register_popia(CLI::App& root, Context& ctx);
void register_email(CLI::App& root, Context& ctx);
void register_alerts(CLI::App& root, Context& ctx);
void register_activity(CLI::App& root, Context& ctx);
void register_completion(CLI::App& root, Context& ctx);
void register_help(CLI::App& root, Context& ctx);
void register_agents(CLI::App& root, Context& ctx);
void register_devin(CLI::App& root, Context& ctx);
void register_flags(CLI::App& root, Context& ctx);
void register_analytics(CLI::App& root, Context& ctx);

}  // namespace ctl::cli
