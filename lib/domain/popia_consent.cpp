#include "domain/popia_consent.hpp"

#include "domain/audit.hpp"
#include "domain/popia_requests.hpp"
#include "domain/rows.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace ctl::popia {

namespace {

using output::Column;
using output::Kind;

const std::vector<Column>& consent_kinds() {
    static const std::vector<Column> kinds = {
        {"id", Kind::integer}, {"granted", Kind::boolean}, {"created_at", Kind::time}};
    return kinds;
}

const char* const k_columns = "id, purpose, granted, source, host(ip) AS ip, recorded_by, created_at";

std::vector<std::string> purposes(db::Transaction& tx) {
    auto r = tx.exec("SELECT value FROM settings_visible WHERE key = 'popia.consent_purposes'");
    std::vector<std::string> out;
    if (!r.empty() && r[0].json(0).is_array())
        for (const auto& p : r[0].json(0))
            if (p.is_string()) out.push_back(p.get<std::string>());
    return out;
}

}  // namespace

users::Page consent_history(db::Connection& conn, std::int64_t user_id) {
    auto r = conn.exec(fmt::format("SELECT {} FROM consents WHERE user_id = $1 ORDER BY created_at, id", k_columns),
                       {user_id});
    users::Page page;
    page.columns = domain::columns_of(r, consent_kinds());
    page.rows = domain::rows_of(r);
    return page;
}

ConsentResult change_consent(db::Connection& conn, const ConsentChange& c, std::string_view reason, bool dry_run) {
    if (c.source.empty())
        throw UsageError("--source is required", "where the person gave or withdrew consent, e.g. --source 'support call'");
    db::Transaction tx(conn);
    audit::tag_change(tx, c.grant ? "popia consent grant" : "popia consent withdraw", reason);
    auto allowed = purposes(tx);
    if (std::find(allowed.begin(), allowed.end(), c.purpose) == allowed.end())
        throw UsageError(fmt::format("unknown consent purpose '{}'", c.purpose),
                         fmt::format("one of: {} (setting popia.consent_purposes)", fmt::join(allowed, ", ")));
    auto u = tx.exec("SELECT email FROM users WHERE id = $1 FOR SHARE", {c.user_id});
    if (u.empty()) throw NotFound(fmt::format("user {} not found", c.user_id));
    std::string email(u[0].text(0));
    auto current = tx.exec("SELECT granted FROM consents WHERE user_id = $1 AND purpose = $2 "
                           "ORDER BY created_at DESC, id DESC LIMIT 1",
                           {c.user_id, c.purpose});
    const char* state = c.grant ? "granted" : "withdrawn";
    ConsentResult result;
    db::Result row;
    if (!current.empty() && current[0].boolean(0) == c.grant) {
        result.summary = fmt::format("{} has already {} consent to {}", email, c.grant ? "given" : "withdrawn", c.purpose);
        row = tx.exec(fmt::format("SELECT {} FROM consents WHERE user_id = $1 AND purpose = $2 "
                                  "ORDER BY created_at DESC, id DESC LIMIT 1",
                                  k_columns),
                      {c.user_id, c.purpose});
    } else {
        result.changed = true;
        result.summary = fmt::format("consent to {} {} for {}", c.purpose, state, email);
        row = tx.exec(fmt::format("INSERT INTO consents (user_id, purpose, granted, source) VALUES ($1, $2, $3, $4) "
                                  "RETURNING {}",
                                  k_columns),
                      {c.user_id, c.purpose, c.grant, c.source});
    }
    result.columns = domain::columns_of(row, consent_kinds());
    result.row = domain::row_of(row[0], row.columns());
    result.columns.push_back({"changed", Kind::boolean});
    result.row.emplace_back(result.changed ? "true" : "false");
    finish(tx, result.summary, dry_run);
    return result;
}

}  // namespace ctl::popia
