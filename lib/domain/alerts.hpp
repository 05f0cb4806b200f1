#pragma once
// Alerts: rules over the platform's data, evaluated on every run (nothing to keep in sync). An
// alert's id names its rule and subject (payment_pending/42, error_spike/2026-11-22), so the same
// problem keeps its id across runs; acknowledging silences that id.
//
// Rules and their settings (DESIGN §11 settings, defaults from migration 0009):
//   deploy_failed          a deployment failed in the last 24 h                 warning
//   subscription_expiring  a subscription is cancelled, or a trial or past-due period ends, today (UTC)  info
//   payment_pending        pending longer than alerts.payment_pending_minutes   warning
//   payment_failed         a payment failed in the last 24 h                     warning
//   error_spike            errors in 24 h >= alerts.error_spike_min and above alerts.error_spike_factor ×
//                          the daily average of the 7 days before                critical
//   quota                  an active user's minutes or API calls this month (or agents) at a level of
//                          alerts.quota_levels (80/90/100 %)                     info/warning/critical
//   replica_lag            replay lag above alerts.replica_lag_seconds, or the replica unreachable  critical
//   popia_overdue          an open POPIA request past its due date               critical

#include "db/connection.hpp"
#include "domain/email_templates.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ctl::alerts {

struct Alert {
    std::string id, rule, severity, title;
    std::string since;  // RFC 3339: when the condition began (or was seen)
    bool acked = false;
    std::string ack_reason, acked_by;
};

// What the caller found about the replica (the library does not connect to it itself).
struct ReplicaState {
    bool configured = false;
    std::optional<double> lag_s;  // set when reached
    std::string error;            // when not reached or not a replica
};

// Every open alert, most severe first, acknowledged ones included (acked = true).
std::vector<Alert> evaluate(db::Connection& conn, const ReplicaState& replica);

email::TableRows table(const std::vector<Alert>& alerts);

// Acknowledges an open alert (one audited transaction). NotFound when no such alert is open;
// returns false when it was already acknowledged.
bool acknowledge(db::Connection& conn, const std::vector<Alert>& open, const std::string& id, std::string_view reason);

}  // namespace ctl::alerts
