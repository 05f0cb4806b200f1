#include "domain/email_log.hpp"

#include "domain/rows.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ctl::email {

LogPage log(db::Connection& conn, const LogFilter& f) {
    if (f.status && std::none_of(std::begin(k_log_statuses), std::end(k_log_statuses),
                                 [&](const char* s) { return *f.status == s; }))
        throw UsageError(fmt::format("unknown e-mail status '{}'", *f.status), "queued, sent, failed or bounced");
    std::optional<std::int64_t> after;
    if (f.after) after = domain::decode_cursor(*f.after).second;
    auto r = conn.exec(
        "SELECT id, created_at, user_id, to_address, template, subject, provider, provider_id, status, provider_event, error "
        "FROM email_log WHERE ($1::bigint IS NULL OR user_id = $1) AND ($2::text IS NULL OR status = $2) "
        "AND ($3::text IS NULL OR template = $3) AND ($4::timestamptz IS NULL OR created_at >= $4) "
        "AND ($5::bigint IS NULL OR id < $5) ORDER BY id DESC LIMIT $6",
        {f.user_id, f.status, f.template_name, f.since, after, f.limit > 0 ? f.limit + 1 : std::numeric_limits<long long>::max()});
    LogPage p;
    p.table.columns = domain::columns_of(
        r, {{"id", output::Kind::integer}, {"created_at", output::Kind::time}, {"user_id", output::Kind::integer}});
    p.table.rows = domain::rows_of(r);
    if (f.limit > 0 && static_cast<long long>(p.table.rows.size()) > f.limit) {
        p.table.rows.resize(static_cast<std::size_t>(f.limit));
        p.next_cursor = domain::encode_cursor("", std::stoll(*p.table.rows.back()[0].value));
    }
    return p;
}

}  // namespace ctl::email
