#include "domain/email_send.hpp"

#include "domain/audit.hpp"
#include "domain/email_render.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace ctl::email {

namespace {

constexpr const char* k_user_sql =
    "SELECT u.id, u.email, coalesce(nullif(u.name, ''), u.email::text), coalesce(u.company, ''), u.plan, "
    "coalesce(to_char(u.trial_ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), ''), u.status FROM users u";

struct Recipient {
    std::string email, status;
    std::map<std::string, std::string> values;
};

Recipient recipient_of(const db::RowRef& r, const std::map<std::string, std::string>& base) {
    Recipient out;
    out.email = std::string(r.text(1));
    out.status = std::string(r.text(6));
    out.values = base;
    std::string name(r.text(2));
    out.values["user.id"] = std::string(r.text(0));
    out.values["user.email"] = out.email;
    out.values["user.name"] = name;
    out.values["user.first_name"] = name.substr(0, name.find(' '));
    out.values["user.company"] = std::string(r.text(3));
    out.values["user.plan"] = std::string(r.text(4));
    out.values["user.trial_ends_at"] = std::string(r.text(5));
    return out;
}

std::string id_array(const std::vector<std::int64_t>& ids, std::size_t from, std::size_t to) {
    std::string s = "{";
    for (std::size_t i = from; i < to; ++i) s += (i > from ? "," : "") + std::to_string(ids[i]);
    return s + "}";
}

// Recipients of ids[from, to) by id, and which of them already have a sent message under the
// campaign.
std::unordered_map<std::int64_t, Recipient> load(db::Connection& conn, const std::vector<std::int64_t>& ids,
                                                 std::size_t from, std::size_t to, const SendSettings& s,
                                                 std::unordered_map<std::int64_t, bool>& already_sent) {
    std::unordered_map<std::int64_t, Recipient> out;
    auto arr = id_array(ids, from, to);
    auto r = conn.exec(std::string(k_user_sql) + " WHERE u.id = ANY($1::bigint[])", {arr});
    for (int i = 0; i < r.rows(); ++i) out.emplace(r[i].int64(0), recipient_of(r[i], s.values));
    auto sent = conn.exec("SELECT DISTINCT user_id FROM email_log WHERE idempotency_key = ANY("
                          "ARRAY(SELECT $2::text || ':' || x FROM unnest($1::bigint[]) x)) AND status = 'sent'",
                          {arr, s.campaign});
    for (int i = 0; i < sent.rows(); ++i) already_sent[sent[i].int64(0)] = true;
    return out;
}

std::string key_of(const SendSettings& s, std::int64_t id) { return s.campaign + ":" + std::to_string(id); }

const char* skip_reason(const Recipient& r, bool already_sent) {
    if (already_sent) return "already sent in this campaign";
    if (r.status == "banned" || r.status == "deleted") return r.status == "banned" ? "banned" : "deleted";
    return nullptr;
}

// Calls `each` for every id in order with its recipient (nullptr when the user does not exist)
// and why it is skipped (nullptr: it is not), loading `batch_size` users at a time; `after_batch`
// once each batch is through.
void for_each_recipient(db::Connection& conn, const std::vector<std::int64_t>& ids, const SendSettings& s,
                        const std::function<void(std::int64_t, const Recipient*, const char*)>& each,
                        const std::function<void()>& after_batch) {
    for (std::size_t start = 0; start < ids.size(); start += s.batch_size) {
        std::size_t end = std::min(start + s.batch_size, ids.size());
        std::unordered_map<std::int64_t, bool> sent;
        auto people = load(conn, ids, start, end, s, sent);
        for (std::size_t i = start; i < end; ++i) {
            auto it = people.find(ids[i]);
            const Recipient* r = it == people.end() ? nullptr : &it->second;
            each(ids[i], r, r ? skip_reason(*r, sent.count(ids[i]) > 0) : "not found");
        }
        if (after_batch) after_batch();
    }
}

}  // namespace

std::map<std::string, std::string> user_values(db::Connection& conn, std::int64_t user_id,
                                               const std::map<std::string, std::string>& values) {
    auto r = conn.exec(std::string(k_user_sql) + " WHERE u.id = $1", {user_id});
    if (r.empty()) throw NotFound(fmt::format("user {} not found", user_id));
    return recipient_of(r[0], values).values;
}

providers::EmailMessage compose(const Template& tpl, const std::map<std::string, std::string>& values,
                                const std::string& from, const std::string& to) {
    providers::EmailMessage m;
    m.from = from;
    m.to = to;
    m.subject = render(tpl.name, tpl.subject, values, false);
    m.text = render(tpl.name, tpl.text, values, false);
    m.html = render(tpl.name, tpl.html, values, true);
    return m;
}

TableRows preview(db::Connection& conn, const Template& tpl, const std::vector<std::int64_t>& ids,
                  const SendSettings& s) {
    TableRows t;
    t.columns = {{"user_id", output::Kind::integer}, {"email"}, {"subject"}, {"would_send", output::Kind::boolean},
                 {"note"}};
    for_each_recipient(
        conn, ids, s,
        [&](std::int64_t id, const Recipient* r, const char* skip) {
            if (!r) throw NotFound(fmt::format("user {} not found", id));
            auto m = compose(tpl, r->values, s.from, r->email);
            t.rows.push_back({std::to_string(id), r->email, m.subject, skip ? "false" : "true",
                              skip ? output::Cell(skip) : output::Cell::null()});
        },
        nullptr);
    return t;
}

std::string deliver(db::Connection& conn, providers::EmailSender& sender, const providers::EmailMessage& m,
                    std::optional<std::int64_t> user_id, std::string_view template_name, std::string_view command,
                    std::string_view reason) {
    return *deliver_claimed(conn, sender, m, user_id, template_name, command, reason, {});
}

std::optional<std::string> deliver_claimed(db::Connection& conn, providers::EmailSender& sender,
                                           const providers::EmailMessage& m, std::optional<std::int64_t> user_id,
                                           std::string_view template_name, std::string_view command,
                                           std::string_view reason, const DeliveryClaim& claim) {
    std::int64_t log_id = 0;
    {
        db::Transaction tx(conn);
        audit::tag_change(tx, command, reason);
        if (claim.take && !claim.take(tx)) return std::nullopt;
        auto r = tx.exec("INSERT INTO email_log (user_id, to_address, template, subject, provider, status, "
                         "idempotency_key) VALUES ($1, $2, $3, $4, $5, 'queued', $6) RETURNING id",
                         {user_id, m.to, template_name, m.subject, sender.provider(),
                          m.idempotency_key.empty() ? std::nullopt : std::optional(m.idempotency_key)});
        log_id = r[0].int64(0);
        tx.commit();
    }
    auto finish = [&](const char* status, const std::optional<std::string>& provider_id,
                      const std::optional<std::string>& error) {
        db::Transaction tx(conn);
        audit::tag_change(tx, command, reason);
        tx.exec("UPDATE email_log SET status = $2, provider_id = $3, error = $4 WHERE id = $1",
                {log_id, status, provider_id, error});
        if (error && claim.release) claim.release(tx);
        tx.commit();
    };
    std::string provider_id;
    try {
        provider_id = sender.send(m);
    } catch (const Error& e) {
        finish("failed", std::nullopt, std::string(e.what()));
        throw;
    }
    finish("sent", provider_id, std::nullopt);
    return provider_id;
}

SendProgress send_template(db::Connection& conn, providers::EmailSender& sender, const Template& tpl,
                           const std::vector<std::int64_t>& ids, const SendSettings& s, std::string_view reason,
                           const std::function<void(const SendProgress&)>& on_batch) {
    if (s.from.empty())
        throw UsageError("no sender address is configured",
                         "set CTL_EMAIL_FROM (or email.from), e.g. \"Support <support@example.com>\"");
    SendProgress p;
    p.total = ids.size();
    for_each_recipient(
        conn, ids, s,
        [&](std::int64_t id, const Recipient* r, const char* skip) {
            ++p.done;
            if (skip) {
                ++p.skipped;
                return;
            }
            auto m = compose(tpl, r->values, s.from, r->email);
            m.idempotency_key = key_of(s, id);
            try {
                deliver(conn, sender, m, id, tpl.name, s.command, reason);
            } catch (const Error& e) {
                throw Error(e.code(),
                            fmt::format("sending {} stopped at user {}: {}; sent: {}, skipped: {}, not done: {} of {}",
                                        tpl.name, id, e.what(), p.sent, p.skipped, p.total - p.done + 1, p.total),
                            "fix the cause and run it again with the same --campaign: the sent ones are skipped");
            }
            ++p.sent;
        },
        [&] {
            if (on_batch) on_batch(p);
        });
    return p;
}

}  // namespace ctl::email
