#pragma once
// ctl health: one row per thing ctl depends on. A check is ok, degraded, or skipped (not
// configured); details never contain a secret.

#include "db/connection.hpp"
#include "http/client.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ctl::config {
class Config;
}

namespace ctl::health {

struct Check {
    std::string name;         // database, schema, disk, replica, devin, nowpayments, stripe, email
    std::optional<bool> ok;   // nullopt: not configured (skipped, not degraded)
    std::string detail;
    std::optional<double> latency_ms;
};

// Version, latency of a round trip, schema currency and the database's size on disk.
std::vector<Check> database_checks(db::Connection& conn, double connect_ms);

// The replica named by replica_url (skipped when none): reachable, in recovery, replay lag
// against `max_lag_s` (ok when below).
Check replica_check(const std::optional<std::string>& replica_url, double max_lag_s, int timeout_s);

// Each provider with a key configured: one authenticated GET (Devin GET /sessions?limit=1,
// NOWPayments GET /merchant/coins, Stripe GET /v1/balance, Resend GET /domains) or, for SMTP,
// a login and NOOP. ok when it answers 2xx; degraded for a refused key, a 5xx or no answer.
std::vector<Check> provider_checks(const config::Config& cfg, const http::ClientOptions& options);

// Replay lag of the replica in seconds (0 when it has applied all it received); nullopt when no
// replica is configured. Throws ctl::Unavailable when it cannot be reached, ctl::Error when it
// is not a replica, is not receiving from the primary, or is behind without having replayed a
// transaction yet (no lag can be measured then, and "0" would hide it).
std::optional<double> replica_lag_seconds(const std::optional<std::string>& replica_url, int timeout_s);

}  // namespace ctl::health
