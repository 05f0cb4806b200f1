#include "commands/context.hpp"

#include "db/local_cluster.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace ctl::cli {

CLI::Validator finite_number() {
    return CLI::Validator(
        [](std::string& value) {
            char* end = nullptr;
            double d = std::strtod(value.c_str(), &end);
            return std::isfinite(d) ? std::string() : "not a finite number: " + value;
        },
        "", "finite");
}

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description) {
    CLI::App* app = parent.add_subcommand(name, description);
    app->fallthrough();
    return app;
}

void add_paging_options(CLI::App& cmd, long long& limit, std::string& after) {
    // Bounded so that a huge value is refused here rather than wrapping around on its way to SQL.
    cmd.add_option("--limit", limit, "Rows per page (0: all)")->check(CLI::Range(0LL, 1000000000LL))->capture_default_str();
    cmd.add_option("--after", after, "Cursor of the next page (printed on stderr)");
}

const config::Config& Context::config() {
    if (!m_config)
        m_config = config::Config::load(options.profile.empty() ? std::nullopt : std::optional(options.profile),
                                        config::process_environment());
    return *m_config;
}

std::string Context::database_conninfo() {
    auto url = config().database_url(options.db_url.empty() ? std::nullopt : std::optional(options.db_url));
    if (url) return *url;
    db::LocalCluster local({db::default_local_dir()});
    return local.conninfo();
}

namespace {

// A number of seconds from the setting `key` (environment or config file), within [min, max];
// nullopt when unset. A malformed value is a usage error naming the setting.
std::optional<double> seconds_setting(const config::Config& cfg, const std::string& key, double min, double max) {
    auto text = cfg.get(key);
    if (!text || text->empty()) return std::nullopt;
    double value = 0;
    std::size_t used = 0;
    try {
        value = std::stod(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text->size() || !(value >= min && value <= max))
        throw UsageError("invalid setting " + key + ": '" + *text + "'",
                         fmt::format("a number from {:g} to {:g} ({})", min, max, config::Config::env_name(key)));
    return value;
}

}  // namespace

db::Connection& Context::connect(std::unique_ptr<db::Connection>& slot, const std::string& conninfo) {
    if (!slot) {
        db::ConnectOptions co;
        co.conninfo = conninfo;
        co.connect_timeout_s = std::max(1, static_cast<int>(std::min(options.timeout(), 10.0)));
        co.statement_timeout_ms = m_long_statements ? 0 : static_cast<int>(options.timeout() * 1000);
        auto lock_timeout = seconds_setting(config(), "lock_timeout", 0.001, 86400);
        slot = std::make_unique<db::Connection>(co);
        // lock_timeout (CTL_LOCK_TIMEOUT): give up waiting for a row or table lock after that
        // many seconds (exit 6, rolled back) rather than waiting up to the statement timeout.
        if (lock_timeout)
            slot->exec("SELECT set_config('lock_timeout', $1, false)",
                       {std::to_string(static_cast<long long>(*lock_timeout * 1000)) + "ms"});
    }
    return *slot;
}

db::Connection& Context::db() {
    if (!m_db) connect(m_db, database_conninfo());
    return *m_db;
}

db::Connection& Context::read_db() {
    if (m_read) return *m_read;
    if (options.replica_only && !options.db_url.empty())
        throw UsageError("--replica-only cannot be combined with --db", "--db names the one database to use");
    auto replica = options.db_url.empty() ? config().get("replica_url") : std::nullopt;
    if (!replica || replica->empty()) {
        if (options.replica_only)
            throw UsageError("--replica-only needs a replica", "set CTL_REPLICA_URL or replica_url in the config");
        if (options.verbose > 0)
            info(std::string("reading from the primary (") +
                 (options.db_url.empty() ? "no replica_url configured" : "--db given") + ")");
        m_read = &db();
        return *m_read;
    }
    try {
        m_read = &connect(m_replica, *replica);
        if (options.verbose > 0) info("reading from the replica " + db::redact_conninfo(*replica));
    } catch (const db::DatabaseError& e) {
        if (e.code() != ExitCode::unavailable) throw;
        if (options.replica_only)
            throw Unavailable("the replica is unreachable: " + std::string(e.what()),
                              "retry later, or drop --replica-only to read from the primary (" +
                                  db::redact_conninfo(*replica) + ")");
        warn("warning: the replica is unreachable (" + std::string(e.what()) + "; " + db::redact_conninfo(*replica) +
             "), reading from the primary");
        m_read = &db();
    }
    return *m_read;
}

void Context::allow_long_statements() {
    if (options.timeout_s > 0 || m_long_statements) return;
    m_long_statements = true;
    if (m_db) m_db->exec("SET statement_timeout = 0");
    if (m_replica) m_replica->exec("SET statement_timeout = 0");
}

http::ClientOptions Context::http_options() const {
    // The configuration is loaded on first use; reading it changes nothing visible.
    const config::Config& cfg = const_cast<Context*>(this)->config();
    http::ClientOptions o;
    o.timeout_s = std::min(options.timeout(), 30.0);
    // The retry policy of DESIGN §9, adjustable per profile or environment (CTL_HTTP_RETRIES,
    // CTL_HTTP_RETRY_DELAY, CTL_HTTP_MAX_RETRY_WAIT).
    if (auto n = seconds_setting(cfg, "http.retries", 0, 10)) {
        if (*n != static_cast<int>(*n)) throw UsageError("invalid setting http.retries", "a whole number (CTL_HTTP_RETRIES)");
        o.retry.max_attempts = 1 + static_cast<int>(*n);
    }
    if (auto d = seconds_setting(cfg, "http.retry_delay", 0, 60)) o.retry.base_delay_s = *d;
    if (auto w = seconds_setting(cfg, "http.max_retry_wait", 0, 600)) {
        o.retry.max_total_wait_s = *w;
        o.retry.max_delay_s = std::min(o.retry.max_delay_s, *w);
    }
    if (options.verbose > 0) o.log = [](const std::string& line) { std::fprintf(stderr, "ctl: http: %s\n", line.c_str()); };
    return o;
}

output::RenderOptions Context::render_options() {
    output::RenderOptions r;
    r.format = output::parse_format(options.output);
    r.fields = util::split_list(options.fields);
    bool tty = isatty(STDOUT_FILENO) != 0;
    r.color = tty && !options.no_color && std::getenv("NO_COLOR") == nullptr;
    if (tty) {
        winsize ws{};
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) r.width = ws.ws_col;
    }
    return r;
}

std::ostream& Context::out() { return std::cout; }

void Context::info(const std::string& message) const {
    if (!options.quiet) std::fprintf(stderr, "ctl: %s\n", message.c_str());
}

void Context::warn(const std::string& message) const { std::fprintf(stderr, "ctl: %s\n", message.c_str()); }

void Context::more_rows(const std::string& cursor) const {
    if (!options.quiet) std::fprintf(stderr, "ctl: more rows: --after %s\n", cursor.c_str());
}

const std::string& Context::require_reason(const std::string& command) const {
    if (options.reason.empty())
        throw UsageError(command + " requires --reason", "say why, e.g. --reason \"ticket 123\"");
    return options.reason;
}

void Context::confirm(const std::string& question) const {
    if (options.yes) return;
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
        throw UsageError(question + ": refusing without a terminal", "pass --yes to confirm");
    std::fprintf(stderr, "%s [y/N] ", question.c_str());
    std::fflush(stderr);
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes")
        throw Error(ExitCode::usage, "cancelled");
}

}  // namespace ctl::cli
