#include "domain/health.hpp"

#include "config/config.hpp"
#include "db/error.hpp"
#include "providers/email.hpp"
#include "schema/migrator.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <chrono>

namespace ctl::health {

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::string trimmed(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

// One authenticated GET: ok for 2xx, degraded otherwise; secrets stay in the headers.
Check http_check(const std::string& name, const std::string& url,
                 std::vector<std::pair<std::string, std::string>> headers, const http::ClientOptions& options) {
    Check c{name, false, {}, {}};
    auto started = std::chrono::steady_clock::now();
    try {
        http::Client client(options);
        http::Request req;
        req.url = url;
        req.headers = std::move(headers);
        auto res = client.send(req);
        c.latency_ms = ms_since(started);
        if (res.status >= 200 && res.status < 300) {
            c.ok = true;
            c.detail = fmt::format("key accepted (HTTP {})", res.status);
        } else if (res.status == 401 || res.status == 403) {
            c.detail = fmt::format("key refused (HTTP {})", res.status);
        } else {
            c.detail = fmt::format("HTTP {}", res.status);
        }
    } catch (const Error& e) {
        c.latency_ms = ms_since(started);
        c.detail = std::string("unreachable: ") + e.what();
    }
    return c;
}

Check skipped(const std::string& name, const std::string& what) { return {name, std::nullopt, "not configured (" + what + ")", {}}; }

}  // namespace

std::vector<Check> database_checks(db::Connection& conn, double connect_ms) {
    std::vector<Check> out;
    auto started = std::chrono::steady_clock::now();
    auto v = conn.exec("SELECT current_setting('server_version'), current_database(), session_user, "
                       "pg_size_pretty(pg_database_size(current_database())), pg_database_size(current_database())");
    double round_trip = ms_since(started);
    out.push_back({"database", true,
                   fmt::format("PostgreSQL {}, database {} as {}, connected in {:.0f} ms, round trip {:.1f} ms",
                               v[0].text(0), v[0].text(1), v[0].text(2), connect_ms, round_trip),
                   round_trip});
    int pending = 0, changed = 0, unknown = 0;
    for (const auto& s : schema::migration_status(conn)) {
        pending += s.state == schema::MigrationState::pending;
        changed += s.state == schema::MigrationState::changed;
        unknown += s.state == schema::MigrationState::unknown;
    }
    bool current = pending == 0 && changed == 0;
    std::string detail = current ? "all migrations applied" : "";
    if (pending) detail += std::to_string(pending) + " pending (run ctl db migrate) ";
    if (changed) detail += std::to_string(changed) + " changed since applied ";
    if (unknown) detail += std::to_string(unknown) + " applied by a newer ctl";
    out.push_back({"schema", current, detail, {}});
    out.push_back({"disk", true, fmt::format("database uses {} ({} bytes)", v[0].text(3), v[0].text(4)), {}});
    return out;
}

std::optional<double> replica_lag_seconds(const std::optional<std::string>& replica_url, int timeout_s) {
    if (!replica_url || replica_url->empty()) return std::nullopt;
    db::Connection replica({*replica_url, timeout_s, timeout_s * 1000, {}});
    auto r = replica.exec(
        "SELECT pg_is_in_recovery(), extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8, "
        "pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(), "
        "pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint, "
        "(SELECT count(*) FROM pg_stat_wal_receiver), (SELECT status FROM pg_stat_wal_receiver LIMIT 1)");
    const auto row = r[0];
    if (!row.boolean(0))
        throw Error(ExitCode::check_failed, "replica_url names a server that is not in recovery (not a replica)");
    // Without a WAL receiver the replica applies nothing new however far the primary moves on,
    // and what it received looks caught up. (Roles without pg_read_all_stats see no status.)
    if (row.int64(4) == 0 || (!row.is_null(5) && row.text(5) != "streaming"))
        throw Error(ExitCode::check_failed,
                    fmt::format("replica is not receiving from the primary (WAL receiver {})",
                                row.int64(4) == 0 ? std::string("not running") : std::string(row.text(5))));
    // Everything received is applied: an idle primary sends nothing to replay, so a caught-up
    // replica has no lag whatever the time of its last transaction.
    if (!row.is_null(2) && row.boolean(2)) return 0.0;
    // Behind, with no transaction replayed since it started: there is no time to measure from.
    if (row.is_null(1))
        throw Error(ExitCode::check_failed,
                    fmt::format("replica has replayed no transaction since it started and has {} bytes of WAL "
                                "received but not applied",
                                row.is_null(3) ? 0 : row.int64(3)));
    return row.float64(1);
}

Check replica_check(const std::optional<std::string>& replica_url, double max_lag_s, int timeout_s) {
    if (!replica_url || replica_url->empty()) return skipped("replica", "replica_url");
    auto started = std::chrono::steady_clock::now();
    Check c{"replica", false, {}, {}};
    try {
        auto lag = replica_lag_seconds(replica_url, timeout_s);
        c.latency_ms = ms_since(started);
        c.ok = *lag <= max_lag_s;
        c.detail = fmt::format("replay lag {:.1f} s (limit {:.0f} s) at {}", *lag, max_lag_s,
                               db::redact_conninfo(*replica_url));
    } catch (const Error& e) {
        c.detail = fmt::format("{} ({})", e.what(), db::redact_conninfo(*replica_url));
    }
    return c;
}

std::vector<Check> provider_checks(const config::Config& cfg, const http::ClientOptions& options) {
    std::vector<Check> out;
    auto key = [&](const char* k) { return cfg.get(k).value_or(""); };
    if (auto k = key("devin.api_key"); !k.empty())
        out.push_back(http_check("devin", trimmed(cfg.get_or("devin.api_url", "https://api.devin.ai/v1")) + "/sessions?limit=1",
                                 {{"Authorization", "Bearer " + k}}, options));
    else
        out.push_back(skipped("devin", "devin.api_key"));
    if (auto k = key("nowpayments.api_key"); !k.empty())
        out.push_back(http_check("nowpayments",
                                 trimmed(cfg.get_or("nowpayments.api_url", "https://api.nowpayments.io/v1")) + "/merchant/coins",
                                 {{"x-api-key", k}}, options));
    else
        out.push_back(skipped("nowpayments", "nowpayments.api_key"));
    if (auto k = key("stripe.api_key"); !k.empty())
        out.push_back(http_check("stripe", trimmed(cfg.get_or("stripe.api_url", "https://api.stripe.com")) + "/v1/balance",
                                 {{"Authorization", "Bearer " + k}}, options));
    else
        out.push_back(skipped("stripe", "stripe.api_key"));
    // E-mail: whichever provider the configuration names; not configured when it lacks its key.
    http::Client client(options);
    std::unique_ptr<providers::EmailSender> sender;
    try {
        sender = providers::make_email_sender(cfg, client);
    } catch (const UsageError& e) {
        out.push_back(skipped("email", e.what()));
    }
    if (sender) {
        Check c{"email", false, {}, {}};
        auto started = std::chrono::steady_clock::now();
        try {
            c.detail = sender->check();
            c.ok = true;
        } catch (const Error& e) {
            c.detail = std::string(sender->provider()) + ": " + e.what();
        }
        c.latency_ms = ms_since(started);
        out.push_back(c);
    }
    return out;
}

}  // namespace ctl::health
