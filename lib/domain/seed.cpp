// The seed's database side: one transaction that empties (or checks) the platform tables, drops
// their indexes and constraints (all but NOT NULL and CHECK), streams every table with COPY,
// rebuilds the indexes and constraints, analyses the tables and moves the identity sequences.
// The rows come from seed_rows.cpp and seed_model.cpp.

#include "domain/seed.hpp"

#include "domain/seed_model.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <iterator>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>

namespace ctl::seed {

namespace {

using Clock = std::chrono::steady_clock;
namespace m = model;

// The tables the seed fills. Their secondary indexes and constraints are dropped for the load.
const char* const k_seeded_tables[] = {
    "plans", "coupons", "users", "logins", "agents", "deployments", "subscriptions",
    "subscription_events", "payments", "refunds", "invoice_sequences", "invoices", "activity",
    "usage", "consents", "email_log", "popia_requests",
};
// Emptied with them: they hang off users, so they are empty whenever users is.
const char* const k_dependent_tables[] = {"admin_notes", "impersonations"};
// Written row by row (a handful of rows), never truncated; their triggers are paused too.
const char* const k_kept_tables[] = {"feature_flags", "settings"};

constexpr long long k_max_users = 10'000'000;
constexpr long long k_earliest = 946684800;       // 2000-01-01: invoice years start there
constexpr long long k_latest = 253402300799;      // 9999-12-31 23:59:59

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::vector<std::string> names_of(std::initializer_list<std::pair<const char* const*, std::size_t>> lists) {
    std::vector<std::string> out;
    for (const auto& [names, n] : lists) out.insert(out.end(), names, names + n);
    return out;
}

// "{a,b,c}": a text[] parameter (the names are plain identifiers).
std::string pg_array(const std::vector<std::string>& names) {
    std::string out = "{";
    for (const auto& n : names) out += (out.size() > 1 ? "," : "") + n;
    return out + "}";
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

long long today_midnight_utc() {
    const auto now = std::chrono::system_clock::now();
    const long long secs = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    return secs - secs % m::k_day;
}

void validate(const SeedOptions& o) {
    if (o.users < 1 || o.users > k_max_users)
        throw UsageError(fmt::format("--users must be between 1 and {}, not {}", k_max_users, o.users));
    if (o.months < 1 || o.months > 120)
        throw UsageError(fmt::format("--months must be between 1 and 120, not {}", o.months));
    if (o.anchor_epoch < 0) throw UsageError("the anchor time must not be before 1970");
}

// DDL captured from the catalog before it is dropped, replayed after the load.
struct Rebuild {
    std::vector<std::string> primary_keys; // ADD CONSTRAINT ... PRIMARY KEY
    std::vector<std::string> indexes;      // CREATE INDEX ... and ADD CONSTRAINT ... UNIQUE / EXCLUDE
    std::vector<std::string> foreign_keys; // ADD CONSTRAINT ... FOREIGN KEY
};

const char* const k_tables_cte = "WITH t AS (SELECT to_regclass(n) AS oid FROM unnest($1::text[]) AS n) ";

Rebuild drop_indexes_and_constraints(db::Connection& conn, const std::string& seeded) {
    Rebuild r;
    std::vector<std::string> drops;
    auto fks = conn.exec(std::string(k_tables_cte) +
                             "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
                             "FROM pg_constraint c WHERE c.contype = 'f' "
                             "AND (c.conrelid IN (SELECT oid FROM t) OR c.confrelid IN (SELECT oid FROM t)) "
                             "ORDER BY 1, 2",
                         {seeded});
    for (int i = 0; i < fks.rows(); ++i) {
        const auto row = fks.row(i);
        const std::string table(row.text(0)), name = conn.quote_identifier(row.text(1));
        drops.push_back(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", table, name));
        r.foreign_keys.push_back(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", table, name, row.text(2)));
    }
    // Primary keys too: building one from the loaded table (sorted, in parallel) is cheaper
    // than maintaining it row by row, and the foreign keys that need them are gone meanwhile.
    auto uniques = conn.exec(std::string(k_tables_cte) +
                                 "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype "
                                 "FROM pg_constraint c WHERE c.contype IN ('p', 'u', 'x') "
                                 "AND c.conrelid IN (SELECT oid FROM t) ORDER BY 1, 2",
                             {seeded});
    for (int i = 0; i < uniques.rows(); ++i) {
        const auto row = uniques.row(i);
        const std::string table(row.text(0)), name = conn.quote_identifier(row.text(1));
        drops.push_back(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", table, name));
        (row.text(3) == "p" ? r.primary_keys : r.indexes)
            .push_back(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", table, name, row.text(2)));
    }
    auto indexes = conn.exec(std::string(k_tables_cte) +
                                 "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                                 "FROM pg_index i WHERE i.indrelid IN (SELECT oid FROM t) "
                                 "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid "
                                 "AND c.contype IN ('p', 'u', 'x')) ORDER BY 1",
                             {seeded});
    for (int i = 0; i < indexes.rows(); ++i) {
        const auto row = indexes.row(i);
        drops.push_back(fmt::format("DROP INDEX {}", row.text(0)));
        r.indexes.emplace_back(row.text(1));
    }
    for (const auto& sql : drops) conn.exec(sql);
    return r;
}

// User triggers (audit, notify) would fire once per row and write an audit row per seeded row.
// Returns the statements that turn them on again, in their former mode.
std::vector<std::string> disable_triggers(db::Connection& conn, const std::string& tables) {
    std::vector<std::string> enable;
    auto triggers = conn.exec(std::string(k_tables_cte) +
                                  "SELECT tg.tgrelid::regclass::text, tg.tgname, tg.tgenabled FROM pg_trigger tg "
                                  "WHERE NOT tg.tgisinternal AND tg.tgenabled <> 'D' "
                                  "AND tg.tgrelid IN (SELECT oid FROM t) ORDER BY 1, 2",
                              {tables});
    for (int i = 0; i < triggers.rows(); ++i) {
        const auto row = triggers.row(i);
        const std::string table(row.text(0)), name = conn.quote_identifier(row.text(1));
        const std::string_view mode = row.text(2);
        conn.exec(fmt::format("ALTER TABLE {} DISABLE TRIGGER {}", table, name));
        enable.push_back(fmt::format("ALTER TABLE {} ENABLE {}TRIGGER {}", table,
                                     mode == "A" ? "ALWAYS " : mode == "R" ? "REPLICA " : "", name));
    }
    return enable;
}

// Chunks of COPY data from the generating thread to the sending one. libpq's blocking send
// returns only when the server has nearly consumed a chunk, so generating and sending on one
// thread would leave a core idle; with the queue the client generates while the server parses.
// Buffers are recycled: at most `capacity` chunks (of ~1 MB) are alive.
class ChunkQueue {
public:
    explicit ChunkQueue(std::size_t capacity) : m_capacity(capacity) {}

    // Takes `chunk`'s contents, leaving it an empty recycled buffer. False when cancelled.
    bool push(std::string& chunk) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_full.size() < m_capacity || m_cancelled; });
        if (m_cancelled) return false;
        m_full.emplace_back();
        m_full.back().swap(chunk);
        if (!m_empty.empty()) {
            chunk.swap(m_empty.back());
            m_empty.pop_back();
        }
        m_changed.notify_all();
        return true;
    }
    // The next chunk into `chunk` (whose old buffer is recycled). False when closed and drained.
    bool pop(std::string& chunk) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return !m_full.empty() || m_closed; });
        if (m_full.empty()) return false;
        chunk.clear();
        m_empty.push_back(std::move(chunk));
        chunk.swap(m_full.front());
        m_full.pop_front();
        m_changed.notify_all();
        return true;
    }
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_changed.notify_all();
    }
    void cancel() {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_full;
    std::vector<std::string> m_empty;
    std::size_t m_capacity;
    bool m_closed = false;
    bool m_cancelled = false;
};

struct Cancelled {};

// Streams one table: the writer runs on a second thread, this one sends. Returns the row count.
// FREEZE: the table was truncated in this transaction, so its rows can be written frozen and
// all-visible; index builds, validation and the first readers then skip the visibility work
// (and the hint-bit rewrite of every page after commit).
long long copy_table(db::Connection& conn, const m::TableWriter& t, const m::World& world, m::PassTotals& totals) {
    auto copy = conn.copy_in(fmt::format("COPY {} ({}) FROM STDIN (FREEZE)", t.table, t.columns));
    ChunkQueue queue(4);
    long long rows = 0;
    std::exception_ptr failure;
    std::thread producer([&] {
        try {
            m::RowSink sink([&](std::string& chunk) {
                if (!queue.push(chunk)) throw Cancelled{};
            });
            t.write(world, sink, totals);
            sink.flush();
            rows = sink.rows;
        } catch (const Cancelled&) {
        } catch (...) {
            failure = std::current_exception();
        }
        queue.close();
    });
    try {
        std::string chunk;
        while (queue.pop(chunk)) copy->put(chunk);
    } catch (...) {
        queue.cancel();
        producer.join();
        throw;  // ~CopyIn aborts the COPY
    }
    producer.join();
    if (failure) std::rethrow_exception(failure);
    copy->finish();
    return rows;
}

void refuse_if_not_empty(db::Connection& conn) {
    std::string sql;
    for (const char* t : k_seeded_tables) {
        if (!sql.empty()) sql += " UNION ALL ";
        sql += fmt::format("SELECT '{0}' WHERE EXISTS (SELECT 1 FROM {0})", t);
    }
    auto res = conn.exec(sql);
    if (res.empty()) return;
    std::string names;
    for (int i = 0; i < res.rows(); ++i) names += (i ? ", " : "") + std::string(res.row(i).text(0));
    throw Conflict("the database already has platform data (" + names + ")",
                   "seed an empty database, or pass --reset to replace the data");
}

long long write_settings(db::Connection& conn, const m::World& w) {
    m::Rng r(w.seed, 0, m::s_identity);
    std::string secret = "whsec_";
    for (int i = 0; i < 32; ++i) secret += "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"[r.below(62)];
    struct Setting {
        const char* key;
        std::string value;
        bool secret;
        const char* description;
    };
    const Setting settings[] = {
        {"support.credit_limit", "500", false, "Most credits a support engineer may grant in one go"},
        {"billing.default_currency", "\"USD\"", false, "Currency of new plans and invoices"},
        {"billing.vat_rate_percent", "15", false, "South African VAT, included in the price for ZA customers"},
        {"billing.dunning_retry_days", "[3, 7]", false, "Days after a failed renewal when the charge is retried"},
        {"devin.max_acu_limit", "10", false, "ACU budget of one deployment session"},
        {"email.from", "\"MeetMatt <hello@meetmatt.ai>\"", false, "Sender of platform e-mail"},
        {"popia.retention_days", R"({"logins": 365, "activity": 730, "email_log": 90})", false,
         "How long personal data is kept, per table"},
        {"security.impersonation_ttl_minutes", "15", false, "Lifetime of an impersonation token"},
        {"stripe.webhook_secret", "\"" + secret + "\"", true, "Signing secret of the Stripe webhook endpoint"},
    };
    const std::string sql =
        "INSERT INTO settings (key, value, secret, description, updated_at, updated_by) "
        "VALUES ($1, $2::jsonb, $3, $4, to_timestamp($5), 'seed') ON CONFLICT (key) DO NOTHING";
    long long n = 0;
    const auto count = static_cast<long long>(std::size(settings));
    for (long long i = 0; i < count; ++i) {
        const Setting& s = settings[i];
        const long long at = w.start + (w.anchor - w.start) * (i + 1) / (count + 1);
        n += conn.exec(sql, {s.key, s.value, s.secret, s.description, at}).affected_rows();
    }
    return n;
}

long long write_feature_flags(db::Connection& conn, const m::World& w) {
    struct Flag {
        const char* name;
        const char* description;
        const char* type;
        bool enabled;
        const char* strategies;
        const char* variants;
    };
    static const Flag flags[] = {
        {"new_onboarding", "The three-step onboarding with a sample agent", "release", true,
         R"([{"name": "flexibleRollout", "parameters": {"rollout": "25", "stickiness": "default", "groupId": "new_onboarding"}, "constraints": []}])",
         "[]"},
        {"agent_marketplace", "Marketplace of agent templates: grid or list layout", "experiment", true,
         R"([{"name": "flexibleRollout", "parameters": {"rollout": "50", "stickiness": "userId", "groupId": "agent_marketplace"}, "constraints": [{"contextName": "country", "operator": "IN", "values": ["ZA", "KE", "NG"], "caseInsensitive": false, "inverted": false}]}])",
         R"([{"name": "grid", "weight": 500, "weightType": "variable", "stickiness": "default", "payload": {"type": "string", "value": "grid"}}, {"name": "list", "weight": 500, "weightType": "variable", "stickiness": "default", "payload": {"type": "string", "value": "list"}}])"},
        {"crypto_checkout", "Pay with crypto through NOWPayments at checkout", "operational", true,
         R"([{"name": "default", "parameters": {}, "constraints": []}])", "[]"},
        {"devin_v2_pipeline", "Deploy agents with the v2 Devin prompt and structured output", "release", false,
         R"([{"name": "userWithId", "parameters": {"userIds": "1,2,3"}, "constraints": []}])", "[]"},
        {"enterprise_sso", "SAML single sign-on for enterprise accounts", "permission", true,
         R"([{"name": "default", "parameters": {}, "constraints": [{"contextName": "plan", "operator": "IN", "values": ["enterprise"], "caseInsensitive": false, "inverted": false}]}])",
         "[]"},
        {"telegram_webhooks_off", "Switch every agent from webhooks to long polling", "kill-switch", false, "[]", "[]"},
    };
    const std::string sql =
        "INSERT INTO feature_flags (name, description, type, enabled, strategies, variants, created_at, "
        "updated_at, updated_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, to_timestamp($7), "
        "to_timestamp($8), 'seed') ON CONFLICT (name) DO NOTHING";
    long long n = 0;
    const auto count = static_cast<long long>(std::size(flags));
    for (long long i = 0; i < count; ++i) {
        const Flag& f = flags[i];
        const long long created = w.start + (w.anchor - w.start) * (i + 1) / (count + 2);
        const long long updated = created + (w.anchor - created) * (i + 1) / (count + 1);
        n += conn.exec(sql, {f.name, f.description, f.type, f.enabled, f.strategies, f.variants, created, updated})
                 .affected_rows();
    }
    return n;
}

void move_identity_sequences(db::Connection& conn, const std::string& seeded) {
    auto cols = conn.exec(std::string(k_tables_cte) +
                              "SELECT a.attrelid::regclass::text, a.attname FROM pg_attribute a "
                              "WHERE a.attrelid IN (SELECT oid FROM t) AND a.attidentity <> '' "
                              "AND NOT a.attisdropped ORDER BY 1",
                          {seeded});
    for (int i = 0; i < cols.rows(); ++i) {
        const auto row = cols.row(i);
        const std::string table(row.text(0));
        const std::string column(row.text(1));
        conn.exec(fmt::format("SELECT setval(pg_get_serial_sequence($1, $2), "
                              "coalesce((SELECT max({}) FROM {}), 0) + 1, false)",
                              conn.quote_identifier(column), table),
                  {table, column});
    }
}

}  // namespace

SeedReport seed_demo_data(db::Connection& conn, const SeedOptions& options,
                          const std::function<void(std::string_view)>& progress) {
    validate(options);
    const long long anchor = options.anchor_epoch ? options.anchor_epoch : today_midnight_utc();
    if (m::add_months(anchor, -options.months) < k_earliest || anchor > k_latest)
        throw UsageError("the seeded history must lie between the years 2000 and 9999");
    auto say = [&](const std::string& line) {
        if (progress) progress(line);
    };
    const auto started = Clock::now();
    const m::World world = m::make_world(options.users, options.seed, options.months, anchor);

    const auto seeded_names = names_of({{k_seeded_tables, std::size(k_seeded_tables)}});
    const auto emptied_names = names_of({{k_seeded_tables, std::size(k_seeded_tables)},
                                         {k_dependent_tables, std::size(k_dependent_tables)}});
    const std::string seeded = pg_array(seeded_names);
    const std::string emptied = join(emptied_names);
    const std::string with_triggers = pg_array(names_of({{k_seeded_tables, std::size(k_seeded_tables)},
                                                         {k_dependent_tables, std::size(k_dependent_tables)},
                                                         {k_kept_tables, std::size(k_kept_tables)}}));

    SeedReport report;
    db::Transaction tx(conn);
    // A bulk load: no statement timeout, memory for sorts, index builds and FK validation.
    tx.exec("SET LOCAL statement_timeout = 0");
    tx.exec("SET LOCAL maintenance_work_mem = '1GB'");
    tx.exec("SET LOCAL work_mem = '256MB'");
    tx.exec("LOCK TABLE " + emptied + " IN ACCESS EXCLUSIVE MODE");
    if (!options.reset) refuse_if_not_empty(conn);
    // Also when the tables are empty: rows written into a table truncated in the same
    // transaction need no WAL under wal_level=minimal.
    tx.exec("TRUNCATE " + emptied + " RESTART IDENTITY CASCADE");

    const std::vector<std::string> enable_triggers = disable_triggers(conn, with_triggers);
    const Rebuild rebuild = drop_indexes_and_constraints(conn, seeded);
    say(fmt::format("dropped {} primary keys, {} indexes and {} foreign keys for the load",
                    rebuild.primary_keys.size(), rebuild.indexes.size(), rebuild.foreign_keys.size()));

    m::PassTotals totals;
    for (int i = 0; i < m::k_table_writer_count; ++i) {
        const m::TableWriter& t = m::k_table_writers[i];
        const auto table_started = Clock::now();
        const long long rows = copy_table(conn, t, world, totals);
        report.tables.push_back({t.table, rows});
        say(fmt::format("{}: {} rows in {:.1f} s", t.table, rows, seconds_since(table_started)));
    }
    report.tables.push_back({"settings", write_settings(conn, world)});
    report.tables.push_back({"feature_flags", write_feature_flags(conn, world)});

    const auto pk_started = Clock::now();
    for (const auto& sql : rebuild.primary_keys) conn.exec(sql);
    say(fmt::format("rebuilt {} primary keys in {:.1f} s", rebuild.primary_keys.size(), seconds_since(pk_started)));
    const auto index_started = Clock::now();
    for (const auto& sql : rebuild.indexes) conn.exec(sql);
    say(fmt::format("rebuilt {} indexes in {:.1f} s", rebuild.indexes.size(), seconds_since(index_started)));
    // Statistics before the foreign keys: their validation joins are planned with them.
    const auto analyze_started = Clock::now();
    tx.exec("ANALYZE " + join(seeded_names));
    say(fmt::format("analysed in {:.1f} s", seconds_since(analyze_started)));
    // Each validation is an anti-join of the referencing table with the referenced one. Every
    // foreign key has an index and COPY FREEZE left the pages all-visible, so a merge join of two
    // index-only scans beats hashing the referenced table (a million users) once per key.
    const auto fk_started = Clock::now();
    tx.exec("SET LOCAL enable_hashjoin = off");
    for (const auto& sql : rebuild.foreign_keys) conn.exec(sql);
    tx.exec("SET LOCAL enable_hashjoin TO DEFAULT");
    say(fmt::format("validated {} foreign keys in {:.1f} s", rebuild.foreign_keys.size(), seconds_since(fk_started)));
    for (const auto& sql : enable_triggers) conn.exec(sql);

    move_identity_sequences(conn, seeded);
    // The quota counts (migration 0019) are kept by triggers that the load paused.
    tx.exec("SELECT ctl_quota_usage_rebuild()");
    // The row triggers were paused for the bulk load, so the seed is recorded as one audited
    // event, in the same transaction.
    tx.set_local("ctl.command", "db seed");
    tx.exec("SELECT ctl_audit_write('seed', 'database', current_database(), NULL, "
            "jsonb_build_object('users', $1::bigint, 'seed', $2::text, 'months', $3::integer, 'reset', $4::boolean))",
            {options.users, std::to_string(options.seed), options.months, options.reset});
    tx.commit();
    report.seconds = seconds_since(started);
    return report;
}

namespace detail {

bool name_lists_are_sound() {
    namespace l = model;
    std::unordered_set<std::string> seen;
    for (int f = 0; f < l::Lists::first_count; ++f) {
        for (int s = 0; s < l::Lists::last_count; ++s) {
            for (const char* sep : {".", "_", ""}) {
                std::string local = std::string(l::Lists::first_names[f].slug) + sep + l::Lists::last_names[s].slug;
                if (!seen.insert(std::move(local)).second) return false;
            }
        }
    }
    auto clean = [](const char* text) {
        for (const char* p = text; *p; ++p)
            if (*p == '\t' || *p == '\n' || *p == '\r' || *p == '\\') return false;
        return true;
    };
    auto slug_ok = [](const char* text) {
        if (!*text) return false;
        for (const char* p = text; *p; ++p)
            if (*p < 'a' || *p > 'z') return false;
        return true;
    };
    for (int i = 0; i < l::Lists::first_count; ++i)
        if (!clean(l::Lists::first_names[i].display) || !slug_ok(l::Lists::first_names[i].slug)) return false;
    for (int i = 0; i < l::Lists::last_count; ++i)
        if (!clean(l::Lists::last_names[i].display) || !slug_ok(l::Lists::last_names[i].slug)) return false;
    for (int i = 0; i < l::Lists::agent_name_count; ++i)
        if (!clean(l::Lists::agent_names[i].display) || !clean(l::Lists::agent_purposes[i])) return false;
    for (int i = 0; i < l::Lists::deploy_error_count; ++i)
        if (!clean(l::Lists::deploy_errors[i])) return false;
    for (int i = 0; i < l::Lists::user_agent_count; ++i)
        if (!clean(l::Lists::user_agents[i])) return false;
    return true;
}

}  // namespace detail

}  // namespace ctl::seed
