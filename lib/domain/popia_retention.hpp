#pragma once
// Retention (DESIGN §12): each data class has a period in the setting popia.retention_days
// (defaults of migration 0008); `run` deletes or anonymises what is older, in one audited
// transaction, and is meant for a daily cron job.
//   logins            login rows deleted                       (default 90 days)
//   ip_addresses      IP addresses of consent records cleared  (90)
//   activity          activity rows deleted                    (365)
//   email_log         e-mail log rows deleted                  (365)
//   erased_financial  erased people's refunds, invoices and payments deleted (1825: 5 years)

#include "db/connection.hpp"
#include "output/value.hpp"

#include <vector>

namespace ctl::popia {

struct RetentionTable {
    std::vector<output::Column> columns;
    std::vector<output::Row> rows;
    long long total = 0;  // records past retention (status) or changed (run)
};

// Per class: data_class, policy, retention_days, cutoff, oldest, past_retention.
RetentionTable retention_status(db::Connection& conn);

// Per class: data_class, action, retention_days, cutoff, rows. dry_run rolls back.
RetentionTable retention_run(db::Connection& conn, std::string_view reason, bool dry_run);

}  // namespace ctl::popia
