#include "domain/user_bulk.hpp"

#include "domain/audit.hpp"
#include "domain/rows.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace ctl::users {

namespace {

std::string id_array(const std::vector<std::int64_t>& ids) {
    return fmt::format("{{{}}}", fmt::join(ids, ","));
}

}  // namespace

void check_bulk(const BulkRequest& r) {
    if (std::none_of(std::begin(k_bulk_actions), std::end(k_bulk_actions),
                     [&](const char* a) { return r.action == a; }))
        throw UsageError(fmt::format("unknown bulk action '{}'", r.action),
                         "one of: suspend, ban, unban, activate, note");
    if (r.batch_size == 0) throw UsageError("--batch-size must be 1 or more");
    if (r.action == "note") {
        if (!r.notes_key)
            throw UsageError("no notes key is configured; notes are stored encrypted only",
                             "set CTL_NOTES_KEY (or notes.key) to 32 bytes of base64");
        if (r.note.find_first_not_of(" \t\r\n") == std::string::npos)
            throw UsageError("bulk note needs --text", "ctl users bulk note --text \"...\" --ids-from FILE");
    }
}

BulkProgress run_bulk(db::Connection& conn, const BulkRequest& r,
                      const std::function<void(const BulkProgress&)>& on_batch) {
    check_bulk(r);
    BulkProgress p;
    p.total = r.ids.size();
    for (std::size_t start = 0; start < r.ids.size(); start += r.batch_size) {
        std::size_t end = std::min(start + r.batch_size, r.ids.size());
        std::size_t changed = 0, unchanged = 0;
        try {
            db::Transaction tx(conn);
            audit::tag_change(tx, "users bulk " + r.action, r.reason);
            // The batch's rows locked in id order, whatever order they were given in, so that
            // two bulk runs over overlapping users wait for each other instead of deadlocking.
            if (r.action != "note")
                tx.exec("SELECT 1 FROM users WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE",
                        {id_array(std::vector<std::int64_t>(r.ids.begin() + static_cast<std::ptrdiff_t>(start),
                                                            r.ids.begin() + static_cast<std::ptrdiff_t>(end)))});
            for (std::size_t i = start; i < end; ++i) {
                std::int64_t id = r.ids[i];
                if (r.action == "note") {
                    auto sealed = security::seal_note(*r.notes_key, r.note);
                    tx.exec("INSERT INTO admin_notes (user_id, nonce, ciphertext, key_id) "
                            "VALUES ($1, decode($2, 'hex'), decode($3, 'hex'), $4)",
                            {id, security::to_hex(sealed.nonce), security::to_hex(sealed.ciphertext), sealed.key_id});
                    ++changed;
                    continue;
                }
                try {
                    auto res = change_status_in(tx, id, parse_status_action(r.action), r.reason);
                    ++(res.changed ? changed : unchanged);
                } catch (const Conflict&) {
                    ++unchanged;  // deleted: nothing to do (thrown before any statement failed)
                }
            }
            tx.commit();
        } catch (const Error& e) {
            throw Error(e.code(),
                        fmt::format("bulk {} stopped at users {}..{}: {}; done: {} of {} ({} changed), not done: {}",
                                    r.action, r.ids[start], r.ids[end - 1], e.what(), p.done, p.total, p.changed,
                                    p.total - p.done),
                        "fix the cause and run it again: the done ones are skipped as unchanged");
        }
        p.done = end;
        p.changed += changed;
        p.unchanged += unchanged;
        if (on_batch) on_batch(p);
    }
    return p;
}

std::vector<std::int64_t> existing_ids(db::Connection& conn, const std::vector<std::int64_t>& ids,
                                       std::vector<std::int64_t>& missing) {
    std::unordered_set<std::int64_t> found;
    auto r = conn.exec("SELECT id FROM users WHERE id = ANY($1::bigint[])", {id_array(ids)});
    for (int i = 0; i < r.rows(); ++i) found.insert(r[i].int64(0));
    std::vector<std::int64_t> out;
    std::unordered_set<std::int64_t> seen;
    for (auto id : ids) {
        if (!seen.insert(id).second) continue;
        (found.count(id) ? out : missing).push_back(id);
    }
    return out;
}

Table describe_users(db::Connection& conn, const std::vector<std::int64_t>& ids) {
    auto r = conn.exec("SELECT u.id, u.email, u.status, u.plan FROM unnest($1::bigint[]) WITH ORDINALITY AS x(id, n) "
                       "JOIN users u ON u.id = x.id ORDER BY x.n",
                       {id_array(ids)});
    return {domain::columns_of(r, {{"id", output::Kind::integer}}), domain::rows_of(r)};
}

}  // namespace ctl::users
