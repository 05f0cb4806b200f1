#include "domain/user_actions.hpp"

#include "domain/audit.hpp"
#include "domain/change.hpp"
#include "domain/rows.hpp"
#include "domain/users.hpp"
#include "security/notes.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace ctl::users {

namespace {

using output::Column;
using output::Kind;

struct Field {
    std::string name;
    Kind kind;
    output::Cell value;
};

ActionResult make_result(std::int64_t user_id, std::string email, bool changed, std::string summary,
                         std::vector<Field> fields) {
    ActionResult r;
    r.user_id = user_id;
    r.email = std::move(email);
    r.changed = changed;
    r.summary = std::move(summary);
    r.columns = {{"user_id", Kind::integer}, {"email"}, {"changed", Kind::boolean}};
    r.row = {std::to_string(user_id), r.email, changed ? "true" : "false"};
    for (auto& f : fields) {
        r.columns.push_back({f.name, f.kind});
        r.row.push_back(std::move(f.value));
    }
    return r;
}

// Runs `body` in one audited transaction; commits unless dry_run.
template <typename Body>
ActionResult audited(db::Connection& conn, std::string_view command, std::string_view reason, bool dry_run,
                     Body&& body) {
    return domain::audited_change(conn, command, reason, dry_run, std::forward<Body>(body));
}

struct Locked {
    std::string email, status;
};

// Locks the user's row for the transaction. Needs UPDATE on users: a viewer is refused here (5).
Locked lock_user(db::Transaction& tx, std::int64_t user_id) {
    auto r = tx.exec("SELECT email, status FROM users WHERE id = $1 FOR UPDATE", {user_id});
    if (r.empty()) throw NotFound(fmt::format("user {} not found", user_id));
    return {std::string(r[0].text(0)), std::string(r[0].text(1))};
}

void refuse_deleted(const Locked& u, std::string_view what) {
    if (u.status == "deleted")
        throw Conflict(fmt::format("{} is deleted; cannot {}", u.email, what), "a deleted user stays deleted");
    // An edit that waited for the erasure's lock must not bring personal data back.
    if (u.status == "erased")
        throw Conflict(fmt::format("{} is erased; cannot {}", u.email, what), "an erased person's data stays erased");
}

long long revoke_active_impersonations(db::Transaction& tx, std::int64_t user_id) {
    return tx
        .exec("UPDATE impersonations SET revoked_at = now() "
              "WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()",
              {user_id})
        .affected_rows();
}

}  // namespace

StatusAction parse_status_action(std::string_view name) {
    if (name == "ban") return StatusAction::ban;
    if (name == "unban") return StatusAction::unban;
    if (name == "suspend") return StatusAction::suspend;
    if (name == "activate") return StatusAction::activate;
    throw UsageError(fmt::format("unknown action '{}'", name), "one of: ban, unban, suspend, activate");
}

const char* status_action_name(StatusAction action) {
    switch (action) {
        case StatusAction::ban: return "ban";
        case StatusAction::unban: return "unban";
        case StatusAction::suspend: return "suspend";
        case StatusAction::activate: return "activate";
    }
    return "?";
}

ActionResult change_status_in(db::Transaction& tx, std::int64_t user_id, StatusAction action,
                              std::string_view reason) {
    auto u = lock_user(tx, user_id);
    refuse_deleted(u, status_action_name(action));
    // Target status and the verb for the summary.
    static constexpr std::pair<const char*, const char*> k_targets[] = {
        {"banned", "banned"}, {"active", "unbanned"}, {"suspended", "suspended"}, {"active", "activated"}};
    auto [target_c, done] = k_targets[static_cast<int>(action)];
    std::string target = target_c;
    bool no_op = false;
    std::string already;
    if (action == StatusAction::unban && u.status != "banned") {
        no_op = true;
        already = u.email + " is not banned (" + u.status + ")";
    }
    if (!no_op && u.status == target) {
        no_op = true;
        already = u.email + " is already " + target;
    }
    if (no_op)
        return make_result(user_id, u.email, false, already,
                           {{"status_before", Kind::text, u.status}, {"status", Kind::text, u.status},
                            {"impersonations_revoked", Kind::integer, "0"}});
    tx.exec("UPDATE users SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1",
            {user_id, target, target == "active" ? db::Param() : db::Param(reason)});
    long long revoked = 0;
    if (target != "active") revoked = revoke_active_impersonations(tx, user_id);
    return make_result(user_id, u.email, true, std::string(done) + " " + u.email,
                       {{"status_before", Kind::text, u.status}, {"status", Kind::text, target},
                        {"impersonations_revoked", Kind::integer, std::to_string(revoked)}});
}

ActionResult change_status(db::Connection& conn, std::int64_t user_id, StatusAction action, std::string_view reason,
                           bool dry_run) {
    std::string command = std::string("users ") + status_action_name(action);
    return audited(conn, command, reason, dry_run,
                   [&](db::Transaction& tx) { return change_status_in(tx, user_id, action, reason); });
}

bool is_valid_email(std::string_view email) {
    if (email.size() < 3 || email.size() > 320) return false;
    auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
    auto domain = email.substr(at + 1);
    auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string_view::npos)
        return false;
    return std::none_of(email.begin(), email.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == ',' || c == ';' || c == '<' || c == '>' ||
               c == '(' || c == ')' || c == '\\' || c == 127;
    });
}

ActionResult edit_profile(db::Connection& conn, std::int64_t user_id, const ProfileEdit& e, std::string_view reason,
                          bool dry_run) {
    if (!e.name && !e.email && !e.company && !e.phone)
        throw UsageError("nothing to change", "give --name, --email, --company or --phone");
    if (e.email && !is_valid_email(*e.email))
        throw UsageError(fmt::format("'{}' is not an e-mail address", *e.email), "e.g. alice@example.com");
    if (e.phone && !e.phone->empty() &&
        !std::all_of(e.phone->begin(), e.phone->end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')'; }))
        throw UsageError(fmt::format("'{}' is not a phone number", *e.phone), "digits, spaces, + - ( ) only");
    return audited(conn, "users edit", reason, dry_run, [&](db::Transaction& tx) {
        auto u = lock_user(tx, user_id);
        refuse_deleted(u, "edit");
        if (e.email) {
            auto owner = tx.exec("SELECT id FROM users WHERE email = $1::citext AND id <> $2", {*e.email, user_id});
            if (!owner.empty())
                throw Conflict(fmt::format("the e-mail {} already belongs to user {}", *e.email, owner[0].int64(0)),
                               "e-mail addresses are unique");
        }
        auto r = tx.exec(
            "WITH old AS (SELECT name, email, company, phone FROM users WHERE id = $1) "
            "UPDATE users u SET email = coalesce($2::citext, u.email), "
            "name = CASE WHEN $3::text IS NULL THEN u.name ELSE nullif($3, '') END, "
            "company = CASE WHEN $4::text IS NULL THEN u.company ELSE nullif($4, '') END, "
            "phone = CASE WHEN $5::text IS NULL THEN u.phone ELSE nullif($5, '') END, updated_at = now() "
            "FROM old WHERE u.id = $1 RETURNING u.email, u.name, u.company, u.phone, "
            "(old.email, old.name, old.company, old.phone) IS DISTINCT FROM (u.email, u.name, u.company, u.phone)",
            {user_id, e.email, e.name, e.company, e.phone});
        bool changed = r[0].boolean(4);
        std::string email(r[0].text(0));
        return make_result(user_id, email, changed, changed ? "edited " + email : email + " already has these values",
                           {{"name", Kind::text, r[0].opt_text(1)},
                            {"company", Kind::text, r[0].opt_text(2)},
                            {"phone", Kind::text, r[0].opt_text(3)}});
    });
}

ActionResult delete_user(db::Connection& conn, std::int64_t user_id, bool hard, std::string_view reason,
                         bool dry_run) {
    return audited(conn, hard ? "users delete --hard" : "users delete", reason, dry_run, [&](db::Transaction& tx) {
        auto u = lock_user(tx, user_id);
        if (hard) {
            auto payments = tx.exec("SELECT count(*) FROM payments WHERE user_id = $1", {user_id})[0].int64(0);
            if (payments > 0)
                throw Conflict(fmt::format("{} has {} payment(s); a hard delete would lose financial records",
                                           u.email, payments),
                               "use a soft delete (without --hard), or ctl popia erase");
            tx.exec("DELETE FROM users WHERE id = $1", {user_id});
            return make_result(user_id, u.email, true, "deleted " + u.email + " permanently",
                               {{"status", Kind::text, output::Cell::null()}, {"hard", Kind::boolean, "true"},
                                {"impersonations_revoked", Kind::integer, "0"}});
        }
        if (u.status == "deleted")
            return make_result(user_id, u.email, false, u.email + " is already deleted",
                               {{"status", Kind::text, "deleted"}, {"hard", Kind::boolean, "false"},
                                {"impersonations_revoked", Kind::integer, "0"}});
        tx.exec("UPDATE users SET status = 'deleted', status_reason = $2, deleted_at = now(), updated_at = now() "
                "WHERE id = $1",
                {user_id, reason});
        long long revoked = revoke_active_impersonations(tx, user_id);
        return make_result(user_id, u.email, true, "deleted " + u.email,
                           {{"status", Kind::text, "deleted"}, {"hard", Kind::boolean, "false"},
                            {"impersonations_revoked", Kind::integer, std::to_string(revoked)}});
    });
}

ActionResult add_note(db::Connection& conn, std::int64_t user_id, const security::NotesKey& key,
                      std::string_view text, std::string_view reason, bool dry_run) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw UsageError("the note is empty", "ctl users note USER \"text\"");
    auto sealed = security::seal_note(key, text);
    return audited(conn, "users note", reason, dry_run, [&](db::Transaction& tx) {
        auto r = tx.exec("INSERT INTO admin_notes (user_id, nonce, ciphertext, key_id) "
                         "SELECT id, decode($2, 'hex'), decode($3, 'hex'), $4 FROM users WHERE id = $1 "
                         "RETURNING id, (SELECT email FROM users WHERE id = $1)",
                         {user_id, security::to_hex(sealed.nonce), security::to_hex(sealed.ciphertext), sealed.key_id});
        if (r.empty()) throw NotFound(fmt::format("user {} not found", user_id));
        std::string email(r[0].text(1));
        return make_result(user_id, email, true, "added a note to " + email,
                           {{"note_id", Kind::integer, std::string(r[0].text(0))}, {"key_id", Kind::text, sealed.key_id}});
    });
}

Table notes(db::Connection& conn, std::int64_t user_id, const std::optional<security::NotesKey>& key) {
    auto r = conn.exec("SELECT id, created_at, author, key_id, encode(nonce, 'hex'), encode(ciphertext, 'hex') "
                       "FROM admin_notes WHERE user_id = $1 ORDER BY created_at, id",
                       {user_id});
    Table t;
    t.columns = {{"id", Kind::integer}, {"created_at", Kind::time}, {"author"}, {"key_id"},
                 {"readable", Kind::boolean}, {"note"}};
    for (int i = 0; i < r.rows(); ++i) {
        std::optional<std::string> text;
        if (key && key->id == r[i].text(3)) {
            auto nonce = security::from_hex(r[i].text(4));
            auto cipher = security::from_hex(r[i].text(5));
            if (nonce && cipher) text = security::open_note(*key, *nonce, *cipher);
        }
        t.rows.push_back({std::string(r[i].text(0)), std::string(r[i].text(1)), std::string(r[i].text(2)),
                          std::string(r[i].text(3)), text ? "true" : "false", output::Cell(text)});
    }
    return t;
}

ActionResult change_credits(db::Connection& conn, std::int64_t user_id, long long delta, std::string_view reason,
                            bool dry_run) {
    if (delta == 0) throw UsageError("the amount of credits must be 1 or more");
    return audited(conn, delta > 0 ? "users credits add" : "users credits remove", reason, dry_run,
                   [&](db::Transaction& tx) {
                       auto u = lock_user(tx, user_id);
                       refuse_deleted(u, "change credits");
                       long long before = tx.exec("SELECT credits FROM users WHERE id = $1", {user_id})[0].int64(0);
                       if (delta < 0 && before + delta < 0)
                           throw Conflict(fmt::format("{} has only {} credits; cannot remove {}", u.email, before,
                                                      -delta),
                                          fmt::format("remove at most {}", before));
                       tx.exec("UPDATE users SET credits = credits + $2, updated_at = now() WHERE id = $1",
                               {user_id, delta});
                       return make_result(
                           user_id, u.email, true,
                           fmt::format("{} {} credits {} {} (now {})", delta > 0 ? "added" : "removed",
                                       delta > 0 ? delta : -delta, delta > 0 ? "to" : "from", u.email, before + delta),
                           {{"credits_before", Kind::integer, std::to_string(before)},
                            {"credits", Kind::integer, std::to_string(before + delta)}});
                   });
}

ActionResult extend_trial(db::Connection& conn, std::int64_t user_id, long long seconds, std::string_view reason,
                          bool dry_run) {
    if (seconds <= 0) throw UsageError("the extension must be longer than 0", "e.g. 14d");
    if (seconds > 366LL * 86400) throw UsageError("a trial extension is at most a year", "e.g. 14d");
    return audited(conn, "users trial extend", reason, dry_run, [&](db::Transaction& tx) {
        auto u = lock_user(tx, user_id);
        refuse_deleted(u, "extend the trial");
        auto r = tx.exec("WITH old AS (SELECT trial_ends_at FROM users WHERE id = $1) "
                         "UPDATE users u SET trial_ends_at = greatest(coalesce(u.trial_ends_at, now()), now()) "
                         "+ make_interval(secs => $2::bigint), updated_at = now() FROM old WHERE u.id = $1 "
                         "RETURNING old.trial_ends_at, u.trial_ends_at",
                         {user_id, seconds});
        return make_result(user_id, u.email, true, "extended the trial of " + u.email,
                           {{"trial_ends_at_before", Kind::time, r[0].opt_text(0)},
                            {"trial_ends_at", Kind::time, r[0].opt_text(1)}});
    });
}

ActionResult set_plan(db::Connection& conn, std::int64_t user_id, const std::string& plan, std::string_view reason,
                      bool dry_run) {
    if (std::none_of(std::begin(k_plans), std::end(k_plans), [&](const char* p) { return plan == p; }))
        throw UsageError(fmt::format("unknown plan '{}'", plan), "one of: free, matt, pro, enterprise");
    return audited(conn, "users plan set", reason, dry_run, [&](db::Transaction& tx) {
        auto u = lock_user(tx, user_id);
        refuse_deleted(u, "change the plan");
        std::string before(tx.exec("SELECT plan FROM users WHERE id = $1", {user_id})[0].text(0));
        auto subs = tx.exec("SELECT s.id, s.interval, s.currency, s.status, s.discount_cents, p.tier "
                            "FROM subscriptions s JOIN plans p ON p.id = s.plan_id "
                            "WHERE s.user_id = $1 AND s.status IN ('active', 'past_due', 'trialing') "
                            "ORDER BY s.id FOR UPDATE OF s",
                            {user_id});
        long long moved = 0;
        for (int i = 0; i < subs.rows(); ++i) {
            if (subs[i].text(5) == plan) continue;
            if (plan == "free")
                throw Conflict(fmt::format("{} has a live subscription ({})", u.email, subs[i].int64(0)),
                               "cancel it first: ctl payments subscriptions cancel");
            auto target = tx.exec("SELECT id, price_cents FROM plans WHERE tier = $1 AND interval = $2 "
                                  "AND currency = $3 AND archived_at IS NULL ORDER BY price_cents, id LIMIT 1",
                                  {plan, subs[i].text(1), subs[i].text(2)});
            if (target.empty())
                throw Conflict(fmt::format("no {} plan billed per {} in {}", plan, subs[i].text(1), subs[i].text(2)),
                               "create one with ctl payments plans create");
            long long price = target[0].int64(1);
            long long discount = std::min<long long>(subs[i].int64(4), price);
            tx.exec("UPDATE subscriptions SET plan_id = $2, price_cents = $3, discount_cents = $4, updated_at = now() "
                    "WHERE id = $1",
                    {subs[i].int64(0), target[0].int64(0), price, discount});
            // MRR as analytics defines it (DESIGN §10): monthly price less recurring discount,
            // yearly ÷ 12; nothing while trialing.
            tx.exec("INSERT INTO subscription_events (subscription_id, user_id, plan_id, kind, status, mrr_cents, "
                    "currency, effective_at) VALUES ($1, $2, $3, 'plan_changed', $4, "
                    "CASE WHEN $4 IN ('active', 'past_due') THEN CASE WHEN $5 = 'year' THEN ($6::bigint - $7::bigint) / 12 "
                    "ELSE $6::bigint - $7::bigint END ELSE 0 END, $8, now())",
                    {subs[i].int64(0), user_id, target[0].int64(0), subs[i].text(3), subs[i].text(1), price, discount,
                     subs[i].text(2)});
            ++moved;
        }
        bool changed = before != plan || moved > 0;
        if (before != plan) tx.exec("UPDATE users SET plan = $2, updated_at = now() WHERE id = $1", {user_id, plan});
        return make_result(user_id, u.email, changed,
                           changed ? fmt::format("moved {} from {} to {}", u.email, before, plan)
                                   : u.email + " is already on " + plan,
                           {{"plan_before", Kind::text, before},
                            {"plan", Kind::text, plan},
                            {"subscriptions_changed", Kind::integer, std::to_string(moved)}});
    });
}

QuotaChange parse_quota(const std::vector<std::string>& assignments) {
    if (assignments.empty())
        throw UsageError("no quota given", "e.g. minutes=1000 agents=5 api_calls=20000");
    QuotaChange q;
    for (const auto& a : assignments) {
        auto eq = a.find('=');
        std::string key = a.substr(0, eq);
        if (eq == std::string::npos)
            throw UsageError(fmt::format("bad quota '{}'", a), "NAME=VALUE with NAME minutes, agents or api_calls");
        std::string value = a.substr(eq + 1);
        if (key == "minutes")
            q.minutes = util::parse_int(value, "minutes", 0, 2147483647);
        else if (key == "agents")
            q.agents = util::parse_int(value, "agents", 0, 2147483647);
        else if (key == "api_calls")
            q.api_calls = util::parse_int(value, "api_calls", 0, 9000000000000000000LL);
        else
            throw UsageError(fmt::format("unknown quota '{}'", key), "one of: minutes, agents, api_calls");
    }
    return q;
}

ActionResult set_quota(db::Connection& conn, std::int64_t user_id, const QuotaChange& q, std::string_view reason,
                       bool dry_run) {
    return audited(conn, "users quota set", reason, dry_run, [&](db::Transaction& tx) {
        auto u = lock_user(tx, user_id);
        refuse_deleted(u, "change quotas");
        auto r = tx.exec(
            "WITH old AS (SELECT minute_quota, agent_quota, api_call_quota FROM users WHERE id = $1) "
            "UPDATE users u SET minute_quota = coalesce($2::int, u.minute_quota), "
            "agent_quota = coalesce($3::int, u.agent_quota), api_call_quota = coalesce($4::bigint, u.api_call_quota), "
            "updated_at = now() FROM old WHERE u.id = $1 "
            "RETURNING u.minute_quota, u.agent_quota, u.api_call_quota, "
            "(old.minute_quota, old.agent_quota, old.api_call_quota) IS DISTINCT FROM "
            "(u.minute_quota, u.agent_quota, u.api_call_quota)",
            {user_id, q.minutes, q.agents, q.api_calls});
        bool changed = r[0].boolean(3);
        return make_result(user_id, u.email, changed,
                           changed ? "set the quotas of " + u.email : u.email + " already has these quotas",
                           {{"minute_quota", Kind::integer, std::string(r[0].text(0))},
                            {"agent_quota", Kind::integer, std::string(r[0].text(1))},
                            {"api_call_quota", Kind::integer, std::string(r[0].text(2))}});
    });
}

Table activity(db::Connection& conn, std::int64_t user_id, const std::optional<std::string>& type,
               const std::optional<std::string>& since, long long limit) {
    if (limit < 1) throw UsageError("--limit must be 1 or more");
    auto r = conn.exec("SELECT id, created_at, type, data FROM activity WHERE user_id = $1 "
                       "AND ($2::text IS NULL OR type = $2) AND ($3::timestamptz IS NULL OR created_at >= $3) "
                       "ORDER BY created_at DESC, id DESC LIMIT $4",
                       {user_id, type, since, limit});
    return {domain::columns_of(r, {{"id", Kind::integer}, {"created_at", Kind::time}, {"data", Kind::json}}),
            domain::rows_of(r)};
}

Table logins(db::Connection& conn, std::int64_t user_id, long long limit) {
    if (limit < 1) throw UsageError("--limit must be 1 or more");
    auto r = conn.exec("SELECT logged_in_at, host(ip) AS ip, user_agent, success FROM logins WHERE user_id = $1 "
                       "ORDER BY logged_in_at DESC LIMIT $2",
                       {user_id, limit});
    return {domain::columns_of(r, {{"logged_in_at", Kind::time}, {"success", Kind::boolean}}), domain::rows_of(r)};
}

}  // namespace ctl::users
