#include "domain/deployments.hpp"

#include "util/duration.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace ctl::deployments {

namespace {

using output::Column;
using output::Kind;
using output::Visibility;

const std::vector<Column>& deployment_kinds() {
    static const std::vector<Column> kinds = {
        {"deployment_id", Kind::integer}, {"agent_id", Kind::integer}, {"attempt", Kind::integer},
        {"changed", Kind::boolean},       {"created_at", Kind::time},  {"started_at", Kind::time},
        {"finished_at", Kind::time},      {"elapsed_s", Kind::integer, Visibility::machine_only},
        {"id", Kind::integer},
    };
    return kinds;
}

Deployment deployment_of(const db::RowRef& r) {
    return {r.int64(0), r.int64(1), r.int64(2), static_cast<int>(r.int64(3)), std::string(r.text(4)), r.opt_text(5)};
}

constexpr const char* k_deployment_columns = "d.id, d.agent_id, d.user_id, d.attempt, d.status, d.devin_session_id";

// Locks the deployment for this transaction (a viewer is refused here: exit 5).
Deployment lock(db::Transaction& tx, std::int64_t id) {
    auto r = tx.exec(fmt::format("SELECT {} FROM deployments d WHERE d.id = $1 FOR UPDATE", k_deployment_columns), {id});
    if (r.empty()) throw NotFound(fmt::format("deployment {} not found", id), "see: ctl devin queue");
    return deployment_of(r[0]);
}

// The record every deployment change prints.
domain::Change record(db::Transaction& tx, std::int64_t id, const std::string& before, bool changed,
                      std::string summary) {
    domain::Change c;
    c.changed = changed;
    c.summary = std::move(summary);
    domain::set_record(c,
                       tx.exec("SELECT d.id AS deployment_id, d.agent_id, d.attempt, nullif($2, '') AS status_before, "
                               "d.status, $3::boolean AS changed, d.devin_session_id AS session_id, "
                               "d.output ->> 'bot_username' AS bot_username, d.error, d.started_at, d.finished_at "
                               "FROM deployments d WHERE d.id = $1",
                               {id, before, changed}),
                       deployment_kinds());
    return c;
}

// The agent follows its deployment: deploying while one runs, active with its bot when one
// succeeds, failed when one fails or expires, pending again when one is cancelled. A deleted or
// cancelled agent keeps its status.
void agent_follows(db::Transaction& tx, std::int64_t agent_id, const std::string& status,
                   const std::optional<std::string>& bot_username) {
    if (status == "queued" || status == "running")
        tx.exec("UPDATE agents SET status = 'deploying', updated_at = now() WHERE id = $1 "
                "AND status NOT IN ('deleted', 'cancelled', 'deploying')",
                {agent_id});
    else if (status == "succeeded")
        tx.exec("UPDATE agents SET status = 'active', bot_username = coalesce($2, bot_username), updated_at = now() "
                "WHERE id = $1 AND status NOT IN ('deleted', 'cancelled')",
                {agent_id, bot_username});
    else if (status == "failed" || status == "expired")
        tx.exec("UPDATE agents SET status = 'failed', updated_at = now() WHERE id = $1 AND status IN ('pending', 'deploying')",
                {agent_id});
    else if (status == "cancelled")
        tx.exec("UPDATE agents SET status = 'pending', updated_at = now() WHERE id = $1 AND status = 'deploying'",
                {agent_id});
}

// Moves a locked deployment to `to` (the database checks the transition too).
void move(db::Transaction& tx, const Deployment& d, const std::string& to, const std::optional<std::string>& error,
          const std::optional<nlohmann::json>& output, const std::optional<std::string>& session_id = std::nullopt) {
    if (!transition_allowed(tx.connection(), d.status, to))
        throw Conflict(fmt::format("deployment {} is {}; it cannot become {}", d.id, d.status, to),
                       d.status == "queued" || d.status == "running" ? "" : "retry creates a new attempt: ctl devin retry");
    db::Param out = output ? db::Param(*output) : db::Param();
    tx.exec("UPDATE deployments SET status = $2, error = coalesce($3, error), "
            "output = CASE WHEN $4::jsonb IS NULL THEN output ELSE coalesce(output, '{}'::jsonb) || $4::jsonb END, "
            "devin_session_id = coalesce($5, devin_session_id) WHERE id = $1",
            {d.id, to, error, out, session_id});
    std::optional<std::string> bot;
    if (output && output->contains("bot_username") && (*output)["bot_username"].is_string())
        bot = (*output)["bot_username"].get<std::string>();
    agent_follows(tx, d.agent_id, to, bot);
}

std::string prompt_for(std::int64_t deployment_id, int attempt, const db::RowRef& agent) {
    return fmt::format(
        "Deploy the Telegram bot for agent #{} \"{}\" (tier {}); deployment {}, attempt {}.\n"
        "Purpose of the agent: {}\n"
        "Create the bot, deploy the agent with it, and report the bot's username (bot_username) and the "
        "verification code (auth_code) in the structured output.",
        agent.text(0), agent.text(1), agent.text(2), deployment_id, attempt,
        agent.is_null(3) ? "(none given)" : agent.text(3));
}

nlohmann::json output_schema() {
    return {{"type", "object"},
            {"properties", {{"bot_username", {{"type", "string"}}}, {"auth_code", {{"type", "string"}}}}},
            {"required", {"bot_username"}}};
}

std::optional<long long> max_acu_limit(db::Connection& conn) {
    auto r = conn.exec("SELECT (value #>> '{}')::bigint FROM settings_visible WHERE key = 'devin.max_acu_limit' "
                       "AND jsonb_typeof(value) = 'number'");
    return r.empty() ? std::nullopt : r[0].opt_int64(0);
}

bool all_digits(const std::string& s) {
    return !s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool transition_allowed(db::Connection& conn, const std::string& from, const std::string& to) {
    for (const auto* s : {&from, &to})
        if (std::find(std::begin(k_statuses), std::end(k_statuses), *s) == std::end(k_statuses))
            throw UsageError(fmt::format("unknown deployment status '{}'", *s),
                             "queued, running, succeeded, failed, cancelled or expired");
    return conn.exec("SELECT ctl_deployment_transition_allowed($1, $2)", {from, to})[0].boolean(0);
}

Deployment load(db::Connection& conn, std::int64_t id) {
    auto r = conn.exec(fmt::format("SELECT {} FROM deployments d WHERE d.id = $1", k_deployment_columns), {id});
    if (r.empty()) throw NotFound(fmt::format("deployment {} not found", id), "see: ctl devin queue");
    return deployment_of(r[0]);
}

std::optional<Deployment> latest_of_agent(db::Connection& conn, std::int64_t agent_id) {
    if (conn.exec("SELECT 1 FROM agents WHERE id = $1", {agent_id}).empty())
        throw NotFound(fmt::format("agent {} not found", agent_id), "see: ctl agents list");
    auto r = conn.exec(fmt::format("SELECT {} FROM deployments d WHERE d.agent_id = $1 ORDER BY d.attempt DESC LIMIT 1",
                                   k_deployment_columns),
                       {agent_id});
    if (r.empty()) return std::nullopt;
    return deployment_of(r[0]);
}

std::string session_of(db::Connection& conn, const std::string& ref) {
    if (!all_digits(ref)) return ref;
    auto d = load(conn, std::stoll(ref));
    if (!d.session_id)
        throw NotFound(fmt::format("deployment {} has no Devin session yet ({})", d.id, d.status),
                       "ctl devin retry starts one");
    return *d.session_id;
}

std::optional<Deployment> by_session(db::Connection& conn, const std::string& session_id) {
    auto r = conn.exec(fmt::format("SELECT {} FROM deployments d WHERE d.devin_session_id = $1 "
                                   "ORDER BY d.id DESC LIMIT 1",
                                   k_deployment_columns),
                       {session_id});
    if (r.empty()) return std::nullopt;
    return deployment_of(r[0]);
}

users::Page queue(db::Connection& conn, const QueueFilter& f) {
    if (f.limit < 1) throw UsageError("--limit must be 1 or more");
    constexpr const char* part =
        "(SELECT '{0}'::text AS part, d.id AS deployment_id, d.agent_id, a.name AS agent, u.email AS owner, d.attempt, "
        "d.status, d.devin_session_id AS session_id, d.created_at, d.started_at, d.finished_at, "
        "extract(epoch FROM coalesce(d.finished_at, now()) - coalesce(d.started_at, d.created_at))::bigint "
        "AS elapsed_s, d.error FROM deployments d JOIN agents a ON a.id = d.agent_id JOIN users u ON u.id = d.user_id "
        "WHERE {1} ORDER BY d.created_at {2}, d.id {2} LIMIT $1)";
    std::string sql = fmt::format(part, "pending", "d.status = 'queued'", "ASC") + " UNION ALL " +
                      fmt::format(part, "running", "d.status = 'running'", "ASC") + " UNION ALL " +
                      fmt::format(part, "failed", "d.status IN ('failed', 'expired') AND d.created_at >= now() - "
                                                  "make_interval(secs => $2)", "DESC") +
                      " UNION ALL " +
                      fmt::format(part, "completed", "d.status = 'succeeded' AND d.created_at >= now() - "
                                                     "make_interval(secs => $2)", "DESC");
    auto result = conn.exec(sql, {f.limit, f.recent_seconds});
    users::Page page;
    page.columns = domain::columns_of(result, deployment_kinds());
    page.rows = domain::rows_of(result);
    append_duration(page.columns, page.rows, "elapsed_s", "elapsed");
    return page;
}

domain::Change start_attempt(db::Connection& conn, providers::DevinClient* devin, std::int64_t agent_id,
                             const std::string& command, const std::string& reason, bool dry_run) {
    std::int64_t id = 0;
    int attempt = 0;
    std::string prompt, title;
    auto queued = domain::audited_change(conn, command, reason, dry_run, [&](db::Transaction& tx) {
        auto a = tx.exec("SELECT a.id, a.name, a.tier, a.purpose, a.status, a.user_id FROM agents a WHERE a.id = $1 "
                         "FOR UPDATE",
                         {agent_id});
        if (a.empty()) throw NotFound(fmt::format("agent {} not found", agent_id), "see: ctl agents list");
        if (a[0].text(4) == "deleted")
            throw Conflict(fmt::format("agent {} is deleted; it cannot be deployed", agent_id));
        auto running = tx.exec("SELECT id, attempt, status FROM deployments WHERE agent_id = $1 "
                               "AND status IN ('queued', 'running')",
                               {agent_id});
        if (!running.empty())
            throw Conflict(fmt::format("deployment {} (attempt {}) of agent {} is still {}", running[0].int64(0),
                                       running[0].int64(1), agent_id, running[0].text(2)),
                           fmt::format("wait for it, or: ctl devin cancel {} --reason ...", running[0].int64(0)));
        auto ins = tx.exec("INSERT INTO deployments (agent_id, user_id, status, attempt) "
                           "SELECT $1, $2, 'queued', coalesce(max(attempt), 0) + 1 FROM deployments WHERE agent_id = $1 "
                           "RETURNING id, attempt",
                           {agent_id, a[0].int64(5)});
        id = ins[0].int64(0);
        attempt = static_cast<int>(ins[0].int64(1));
        prompt = prompt_for(id, attempt, a[0]);
        title = fmt::format("Deploy agent {} ({}), attempt {}", agent_id, a[0].text(1), attempt);
        agent_follows(tx, agent_id, "queued", std::nullopt);
        return record(tx, id, "", true, fmt::format("queued deployment {} (attempt {}) of agent {}", id, attempt, agent_id));
    });
    if (dry_run || !devin) return queued;

    providers::NewSession s;
    s.prompt = prompt;
    s.title = title;
    s.tags = {"ctl", fmt::format("agent-{}", agent_id), fmt::format("deployment-{}", id)};
    s.structured_output_schema = output_schema();
    s.max_acu_limit = max_acu_limit(conn);
    s.idempotent = true;
    providers::CreatedSession created;
    try {
        created = devin->create_session(s);
    } catch (const Error& e) {
        domain::audited_change(conn, command, reason, false, [&](db::Transaction& tx) {
            move(tx, lock(tx, id), "failed", std::string("could not start a Devin session: ") + e.what(), std::nullopt);
            return domain::Change{};
        });
        throw;
    }
    return domain::audited_change(conn, command, reason, false, [&](db::Transaction& tx) {
        auto d = lock(tx, id);
        move(tx, d, "running", std::nullopt, nlohmann::json{{"session_url", created.url}}, created.session_id);
        return record(tx, id, "queued", true,
                      fmt::format("deployment {} (attempt {}) of agent {} is running as Devin session {}", id, attempt,
                                  agent_id, created.session_id));
    });
}

domain::Change cancel(db::Connection& conn, providers::DevinClient* devin, std::int64_t id, const std::string& reason,
                      bool dry_run) {
    auto d = load(conn, id);
    if (d.status == "cancelled")
        return domain::audited_change(conn, "devin cancel", reason, false, [&](db::Transaction& tx) {
            return record(tx, id, d.status, false, fmt::format("deployment {} is already cancelled", id));
        });
    if (d.status != "queued" && d.status != "running")
        throw Conflict(fmt::format("deployment {} is already {}; nothing to cancel", id, d.status));
    if (!dry_run && devin && d.session_id) devin->terminate_session(*d.session_id);
    return domain::audited_change(conn, "devin cancel", reason, dry_run, [&](db::Transaction& tx) {
        auto locked = lock(tx, id);
        move(tx, locked, "cancelled", "Cancelled: " + reason, std::nullopt);
        return record(tx, id, locked.status, true, fmt::format("cancelled deployment {}", id));
    });
}

domain::Change set_status(db::Connection& conn, std::int64_t id, const std::string& status,
                          const std::optional<std::string>& bot_username, const std::string& reason, bool dry_run) {
    if (status != "succeeded" && status != "failed")
        throw UsageError(fmt::format("set-status takes succeeded or failed, not '{}'", status));
    if (bot_username && status != "succeeded") throw UsageError("--bot-username goes with succeeded only");
    return domain::audited_change(conn, "devin set-status", reason, dry_run, [&](db::Transaction& tx) {
        auto d = lock(tx, id);
        if (d.status == status)
            return record(tx, id, d.status, false, fmt::format("deployment {} is already {}", id, status));
        std::optional<nlohmann::json> output;
        if (bot_username) output = nlohmann::json{{"bot_username", *bot_username}};
        move(tx, d, status, status == "failed" ? std::optional<std::string>(reason) : std::nullopt, output);
        return record(tx, id, d.status, true, fmt::format("deployment {}: {} → {}", id, d.status, status));
    });
}

domain::Change apply_session(db::Connection& conn, std::int64_t id, const providers::DevinSession& s,
                             const std::string& command, const std::string& reason) {
    return domain::audited_change(conn, command, reason, false, [&](db::Transaction& tx) {
        auto d = lock(tx, id);
        std::string to = d.status;
        std::optional<std::string> error;
        std::optional<nlohmann::json> output;
        if (d.status == "running" && s.status_enum == "finished") {
            auto result = providers::parse_deployment_result(s.structured_output);
            nlohmann::json out = s.structured_output.is_object() ? s.structured_output : nlohmann::json::object();
            if (result.bot_username) out["bot_username"] = *result.bot_username;
            output = out;
            to = result.bot_username ? "succeeded" : "failed";
            if (!result.bot_username) error = "Devin session finished without a bot_username in structured_output";
        } else if (d.status == "running" && s.status_enum == "expired") {
            to = "expired";
            error = "Devin session expired before the bot was deployed";
        }
        if (to == d.status)
            return record(tx, id, d.status, false,
                          fmt::format("deployment {} stays {} (Devin: {})", id, d.status,
                                      s.status_enum.empty() ? "no status" : s.status_enum));
        move(tx, d, to, error, output);
        return record(tx, id, d.status, true, fmt::format("deployment {}: {} → {} (Devin: {})", id, d.status, to, s.status_enum));
    });
}

std::vector<std::int64_t> running_ids(db::Connection& conn) {
    auto r = conn.exec("SELECT id FROM deployments WHERE status = 'running' AND devin_session_id IS NOT NULL "
                       "ORDER BY created_at, id");
    std::vector<std::int64_t> ids;
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r[i].int64(0));
    return ids;
}

users::Page sessions(db::Connection& conn, providers::DevinClient& devin, const std::optional<std::string>& status,
                     const std::optional<std::string>& since, long long limit) {
    if (limit < 1) throw UsageError("--limit must be 1 or more");
    std::optional<long long> since_epoch;
    if (since) since_epoch = util::parse_timestamp(*since).value_or(util::Timestamp{}).epoch;
    constexpr int k_page = 100;
    std::vector<providers::DevinSession> found;
    bool more = false;
    for (int offset = 0;; offset += k_page) {
        auto page = devin.list_sessions(k_page, offset);
        bool older = false;
        for (auto& s : page) {
            auto created = util::parse_timestamp(s.created_at);
            if (since_epoch && created && created->epoch < *since_epoch) {
                older = true;
                break;
            }
            if (status && s.status_enum != *status) continue;
            if (static_cast<long long>(found.size()) == limit) {
                more = true;
                break;
            }
            found.push_back(std::move(s));
        }
        if (older || more || static_cast<int>(page.size()) < k_page) break;
    }
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& s : found) ids.push_back(s.session_id);
    auto known = conn.exec("SELECT d.devin_session_id, d.id, d.agent_id, d.status FROM deployments d "
                           "WHERE d.devin_session_id IN (SELECT jsonb_array_elements_text($1::jsonb))",
                           {ids});
    users::Page out;
    out.more = more;
    out.columns = {{"session_id"},          {"status_enum"},          {"title"},
                   {"created_at", Kind::time}, {"updated_at", Kind::time}, {"deployment_id", Kind::integer},
                   {"agent_id", Kind::integer}, {"deployment_status"},    {"url", Kind::text, Visibility::machine_only}};
    for (const auto& s : found) {
        output::Row row = {s.session_id, s.status_enum, s.title, s.created_at, s.updated_at,
                           output::Cell::null(), output::Cell::null(), output::Cell::null(), s.url};
        for (int i = 0; i < known.rows(); ++i)
            if (known[i].text(0) == s.session_id) {
                row[5] = std::string(known[i].text(1));
                row[6] = std::string(known[i].text(2));
                row[7] = std::string(known[i].text(3));
            }
        out.rows.push_back(std::move(row));
    }
    return out;
}

std::vector<output::Section> session_document(db::Connection& conn, const providers::DevinSession& s) {
    auto result = providers::parse_deployment_result(s.structured_output);
    auto d = by_session(conn, s.session_id);
    output::Section session{"session", "Devin session",
                            {{"session_id"},
                             {"url"},
                             {"status"},
                             {"status_enum"},
                             {"terminal", Kind::boolean},
                             {"title"},
                             {"created_at", Kind::time},
                             {"updated_at", Kind::time},
                             {"pull_request_url"},
                             {"bot_username"},
                             {"auth_code"},
                             {"deployment_id", Kind::integer},
                             {"agent_id", Kind::integer},
                             {"deployment_status"},
                             {"messages", Kind::integer}},
                            {},
                            true};
    auto opt_int = [](bool has, std::int64_t v) { return has ? output::Cell(std::to_string(v)) : output::Cell::null(); };
    session.rows.push_back({s.session_id, s.url, s.status, s.status_enum,
                            providers::is_terminal_status(s.status_enum) ? "true" : "false", s.title, s.created_at,
                            s.updated_at, s.pull_request_url, result.bot_username, result.auth_code,
                            opt_int(d.has_value(), d ? d->id : 0), opt_int(d.has_value(), d ? d->agent_id : 0),
                            d ? output::Cell(d->status) : output::Cell::null(), std::to_string(s.messages.size())});
    output::Section structured{"structured_output", "Structured output", {{"structured_output", Kind::json}}, {}, true};
    structured.rows.push_back({s.structured_output.is_null() ? output::Cell::null() : output::Cell(s.structured_output.dump())});
    return {session, structured};
}

void append_duration(std::vector<output::Column>& columns, std::vector<output::Row>& rows,
                     const std::string& seconds_column, const std::string& name) {
    auto at = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == seconds_column; });
    if (at == columns.end()) return;
    auto index = static_cast<std::size_t>(at - columns.begin());
    columns.push_back({name, Kind::text, Visibility::table_only});
    for (auto& row : rows) {
        const auto& v = row[index].value;
        row.emplace_back(v ? output::Cell(util::format_duration(std::stoll(*v))) : output::Cell::null());
    }
}

users::Page session_messages(const providers::DevinSession& s) {
    users::Page page;
    page.columns = {{"timestamp", Kind::time}, {"author"}, {"event_id", Kind::text, Visibility::machine_only}, {"message"}};
    for (const auto& m : s.messages) page.rows.push_back({m.timestamp, m.type, m.event_id, m.message});
    return page;
}

}  // namespace ctl::deployments
