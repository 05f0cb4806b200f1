#include "domain/audit.hpp"
#include "domain/seed.hpp"
#include "support/pg_harness.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ctl;

namespace {

constexpr long long k_anchor = 1767225600;  // 2026-01-01 00:00 UTC

seed::SeedOptions small(unsigned long long s = 7) {
    seed::SeedOptions o;
    o.users = 200;
    o.seed = s;
    o.anchor_epoch = k_anchor;
    return o;
}

// One md5 per seeded table over its rows in a stable order.
std::vector<std::string> fingerprint(db::Connection& conn) {
    static const char* const tables[][2] = {
        {"plans", "id"},         {"coupons", "id"},     {"users", "id"},           {"logins", "id"},
        {"agents", "id"},        {"deployments", "id"}, {"subscriptions", "id"},   {"subscription_events", "id"},
        {"payments", "id"},      {"refunds", "id"},     {"invoices", "id"},        {"invoice_sequences", "year"},
        {"activity", "id"},      {"usage", "user_id, day"}, {"consents", "id"},    {"email_log", "id"},
        {"popia_requests", "id"}, {"settings", "key"},  {"feature_flags", "name"},
    };
    std::vector<std::string> out;
    for (const auto& t : tables) {
        auto r = conn.exec(std::string("SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY ") + t[1] +
                           "), '')) FROM " + t[0] + " t");
        out.push_back(std::string(t[0]) + ":" + std::string(r.row(0).text(0)));
    }
    return out;
}

long long scalar(db::Connection& conn, const std::string& sql) { return conn.exec(sql).row(0).int64(0); }

std::string schema_shape(db::Connection& conn) {
    auto r = conn.exec(
        "SELECT (SELECT string_agg(indexname || ' ' || indexdef, '; ' ORDER BY indexname) FROM pg_indexes "
        "        WHERE schemaname = 'public') || ' | ' || "
        "       (SELECT string_agg(conrelid::regclass::text || '.' || conname || ' ' || pg_get_constraintdef(oid) || "
        "               ' ' || convalidated::text, '; ' ORDER BY conrelid::regclass::text, conname) "
        "        FROM pg_constraint WHERE connamespace = 'public'::regnamespace)");
    return std::string(r.row(0).text(0));
}

}  // namespace

TEST_SUITE("seed") {
    TEST_CASE("seed::seed_demo_data is deterministic") {
        auto a = testing::fresh_database();
        auto b = testing::fresh_database();
        auto c = testing::fresh_database();
        auto ca = a.connect();
        auto cb = b.connect();
        auto cc = c.connect();
        seed::seed_demo_data(ca, small(7));
        seed::seed_demo_data(cb, small(7));
        seed::seed_demo_data(cc, small(8));
        const auto fa = fingerprint(ca);
        CHECK(fa == fingerprint(cb));
        const auto fc = fingerprint(cc);
        CHECK(fa[2] != fc[2]);  // users
        CHECK(fa[8] != fc[8]);  // payments
        CHECK(fa[0] == fc[0]);  // plans do not depend on the seed
    }

    TEST_CASE("seed::seed_demo_data refuses a database with data unless reset") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        const auto report = seed::seed_demo_data(conn, small());
        const auto before = fingerprint(conn);
        try {
            seed::seed_demo_data(conn, small());
            FAIL("expected a conflict");
        } catch (const Conflict& e) {
            CHECK(e.code() == ExitCode::conflict);
            CHECK(std::string(e.what()).find("users") != std::string::npos);
        }
        CHECK(fingerprint(conn) == before);  // the refused run changed nothing

        auto opts = small();
        opts.reset = true;
        seed::seed_demo_data(conn, opts);
        CHECK(fingerprint(conn) == before);  // reset + same options: the same data again
        CHECK(scalar(conn, "SELECT count(*) FROM users") == 200);
        REQUIRE(!report.tables.empty());
        CHECK(report.seconds > 0);
    }

    TEST_CASE("seed::seed_demo_data validates its options") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        auto bad = [&](auto change) {
            auto o = small();
            change(o);
            CHECK_THROWS_AS(seed::seed_demo_data(conn, o), UsageError);
        };
        bad([](seed::SeedOptions& o) { o.users = 0; });
        bad([](seed::SeedOptions& o) { o.users = 10'000'001; });
        bad([](seed::SeedOptions& o) { o.months = 0; });
        bad([](seed::SeedOptions& o) { o.months = 121; });
        bad([](seed::SeedOptions& o) { o.anchor_epoch = -5; });
        bad([](seed::SeedOptions& o) { o.anchor_epoch = 978307200; });  // 2001: history would start in 1999
        CHECK(scalar(conn, "SELECT count(*) FROM users") == 0);
    }

    TEST_CASE("seed::seed_demo_data restores indexes, constraints, triggers and sequences") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        conn.exec_script(
            "CREATE TABLE trigger_hits (n int);"
            "CREATE FUNCTION count_hit() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN INSERT INTO trigger_hits VALUES (1); RETURN NEW; END $$;"
            "CREATE TRIGGER users_count AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION count_hit();");
        const std::string shape = schema_shape(conn);
        const long long audit_rows = scalar(conn, "SELECT count(*) FROM audit_log");
        std::vector<std::string> progress;
        const auto report = seed::seed_demo_data(conn, small(), [&](std::string_view line) { progress.emplace_back(line); });
        CHECK(schema_shape(conn) == shape);
        CHECK(!progress.empty());
        long long users = 0;
        for (const auto& t : report.tables)
            if (t.table == "users") users = t.rows;
        CHECK(users == 200);

        // The seed's rows fired no trigger (nor the audit triggers): the seed is one audit entry,
        // and the chain still verifies. The trigger is on again.
        CHECK(scalar(conn, "SELECT count(*) FROM audit_log") == audit_rows + 1);
        CHECK(scalar(conn, "SELECT count(*) FROM audit_log WHERE action = 'seed' AND command = 'db seed' "
                           "AND (after ->> 'users')::int = 200") == 1);
        CHECK_FALSE(audit::verify(conn).first_broken_id.has_value());
        CHECK(scalar(conn, "SELECT count(*) FROM trigger_hits") == 0);
        CHECK(scalar(conn, "SELECT count(*) FROM pg_trigger WHERE tgname = 'users_count' AND tgenabled = 'O'") == 1);

        // Identity sequences continue after the seeded ids.
        const long long max_id = scalar(conn, "SELECT max(id) FROM users");
        const long long id = scalar(conn, "INSERT INTO users (email) VALUES ('new.user@example.org') RETURNING id");
        CHECK(id == max_id + 1);
        CHECK(scalar(conn, "SELECT count(*) FROM trigger_hits") == 1);
        const long long max_payment = scalar(conn, "SELECT max(id) FROM payments");
        CHECK(scalar(conn, "SELECT nextval(pg_get_serial_sequence('payments', 'id'))") == max_payment + 1);
    }

    TEST_CASE("seed::seed_demo_data writes consistent data") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        auto opts = small(11);
        opts.users = 300;
        seed::seed_demo_data(conn, opts);
        const std::string anchor = "to_timestamp(" + std::to_string(k_anchor) + ")";

        struct Check {
            const char* name;
            std::string sql;  // counts violations
        };
        const std::vector<Check> checks = {
            {"refunded_cents is the sum of the refunds",
             "SELECT count(*) FROM payments p LEFT JOIN (SELECT payment_id, sum(amount_cents) s FROM refunds GROUP BY 1) r "
             "ON r.payment_id = p.id WHERE p.refunded_cents <> coalesce(r.s, 0)"},
            {"refund statuses match the amounts",
             "SELECT count(*) FROM payments WHERE (status = 'refunded') <> (refunded_cents = amount_cents AND refunded_cents > 0) "
             "OR (status = 'partially_refunded') <> (refunded_cents > 0 AND refunded_cents < amount_cents)"},
            {"paid_at is set exactly for paid payments",
             "SELECT count(*) FROM payments WHERE (paid_at IS NOT NULL) <> (status IN ('succeeded', 'refunded', 'partially_refunded'))"},
            {"each agent carries its owner's e-mail (the search copy the triggers keep when not seeding)",
             "SELECT count(*) FROM agents a JOIN users u ON u.id = a.user_id WHERE a.owner_email <> u.email::text"},
            {"each user's quota counts are the agents and this month's usage (as the triggers keep them when not seeding)",
             "SELECT count(*) FROM (SELECT user_id, 'agents' AS resource, count(*) AS used FROM agents "
             "      WHERE status <> 'deleted' GROUP BY 1 "
             "      UNION ALL SELECT user_id, 'minutes', sum(minutes) FROM usage WHERE day >= ctl_quota_month() GROUP BY 1 "
             "      HAVING sum(minutes) <> 0) a "
             "FULL JOIN (SELECT user_id, resource, used FROM quota_usage WHERE resource IN ('agents', 'minutes')) q "
             "USING (user_id, resource) WHERE a.used IS DISTINCT FROM q.used"},
            {"refunds follow their payment",
             "SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.created_at <= p.paid_at OR r.user_id <> p.user_id"},
            {"invoice numbers are gap-free per year",
             "SELECT count(*) FROM (SELECT year, count(*) n, min(seq) mn, max(seq) mx FROM invoices GROUP BY year) x "
             "WHERE n <> mx OR mn <> 1"},
            {"invoice numbers follow the issue order",
             "SELECT count(*) FROM (SELECT issued_at, lag(issued_at) OVER (PARTITION BY year ORDER BY seq) prev FROM invoices) x "
             "WHERE prev > issued_at"},
            {"invoice_sequences hold the last number of each year",
             "SELECT count(*) FROM invoice_sequences s FULL JOIN (SELECT year, max(seq) m FROM invoices GROUP BY year) i "
             "USING (year) WHERE s.last_seq IS DISTINCT FROM i.m"},
            {"one invoice per paid payment",
             "SELECT count(*) FROM payments p FULL JOIN invoices i ON i.payment_id = p.id "
             "WHERE (p.paid_at IS NOT NULL) <> (i.id IS NOT NULL) OR i.amount_cents <> p.amount_cents"},
            {"a subscription row is its last event",
             "SELECT count(*) FROM subscriptions s JOIN LATERAL (SELECT * FROM subscription_events e WHERE e.subscription_id = s.id "
             "ORDER BY effective_at DESC, id DESC LIMIT 1) e ON true "
             "WHERE e.status <> s.status OR e.plan_id <> s.plan_id OR s.updated_at < e.effective_at "
             "OR e.mrr_cents <> CASE WHEN s.status IN ('active', 'past_due') THEN (s.price_cents - s.discount_cents) / "
             "CASE WHEN s.interval = 'year' THEN 12 ELSE 1 END ELSE 0 END "
             "OR (s.status = 'canceled' AND s.canceled_at <> e.effective_at)"},
            {"every subscription has events",
             "SELECT count(*) FROM subscriptions s WHERE NOT EXISTS (SELECT 1 FROM subscription_events e WHERE e.subscription_id = s.id)"},
            {"event times increase within a subscription",
             "SELECT count(*) FROM (SELECT effective_at, lag(effective_at) OVER (PARTITION BY subscription_id ORDER BY id) prev "
             "FROM subscription_events) x WHERE prev >= effective_at"},
            {"event MRR is zero unless active or past due",
             "SELECT count(*) FROM subscription_events WHERE (status NOT IN ('active', 'past_due') AND mrr_cents <> 0) "
             "OR (status IN ('active', 'past_due') AND mrr_cents = 0)"},
            {"payments lie within their subscription's life",
             "SELECT count(*) FROM payments p JOIN subscriptions s ON s.id = p.subscription_id WHERE p.user_id <> s.user_id "
             "OR p.created_at < s.created_at OR (s.status = 'canceled' AND p.created_at > s.canceled_at)"},
            {"subscriptions belong to their agent's owner",
             "SELECT count(*) FROM subscriptions s JOIN agents a ON a.id = s.agent_id WHERE a.user_id <> s.user_id OR s.created_at < a.created_at"},
            {"logins follow the sign-up",
             "SELECT count(*) FROM logins l JOIN users u ON u.id = l.user_id WHERE l.logged_in_at < u.created_at"},
            {"last_login_at is the last successful login",
             "SELECT count(*) FROM users u LEFT JOIN (SELECT user_id, max(logged_in_at) m FROM logins WHERE success GROUP BY 1) l "
             "ON l.user_id = u.id WHERE u.last_login_at IS DISTINCT FROM l.m"},
            {"a user's plan is the best tier of their current subscriptions",
             "SELECT count(*) FROM users u LEFT JOIN (SELECT s.user_id, max(CASE p.tier WHEN 'enterprise' THEN 3 WHEN 'pro' THEN 2 ELSE 1 END) t "
             "FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.status <> 'canceled' GROUP BY 1) x ON x.user_id = u.id "
             "WHERE u.plan <> CASE coalesce(x.t, 0) WHEN 3 THEN 'enterprise' WHEN 2 THEN 'pro' WHEN 1 THEN 'matt' ELSE 'free' END"},
            {"bot usernames exactly for deployed agents",
             "SELECT count(*) FROM agents a WHERE (a.bot_username IS NOT NULL) <> "
             "EXISTS (SELECT 1 FROM deployments d WHERE d.agent_id = a.id AND d.status = 'succeeded')"},
            {"deploying agents have a deployment in flight, and only they",
             "SELECT count(*) FROM agents a WHERE (a.status = 'deploying') <> "
             "EXISTS (SELECT 1 FROM deployments d WHERE d.agent_id = a.id AND d.status IN ('queued', 'running'))"},
            {"deployments follow their agent",
             "SELECT count(*) FROM deployments d JOIN agents a ON a.id = d.agent_id WHERE d.created_at < a.created_at OR d.user_id <> a.user_id"},
            {"finished deployments took 2 to 40 minutes",
             "SELECT count(*) FROM deployments WHERE status IN ('succeeded', 'failed') AND "
             "(finished_at - started_at < interval '2 minutes' OR finished_at - started_at > interval '40 minutes')"},
            {"deleted rows carry deleted_at",
             "SELECT (SELECT count(*) FROM agents WHERE (status = 'deleted') <> (deleted_at IS NOT NULL)) + "
             "(SELECT count(*) FROM users WHERE (status = 'deleted') <> (deleted_at IS NOT NULL))"},
            {"activity, consents and agents follow the sign-up",
             "SELECT (SELECT count(*) FROM activity a JOIN users u ON u.id = a.user_id WHERE a.created_at < u.created_at) + "
             "(SELECT count(*) FROM consents c JOIN users u ON u.id = c.user_id WHERE c.created_at < u.created_at) + "
             "(SELECT count(*) FROM agents a JOIN users u ON u.id = a.user_id WHERE a.created_at < u.created_at)"},
            {"usage only for users with live agents, in the last 30 days",
             "SELECT count(*) FROM usage g WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.user_id = g.user_id AND a.status = 'active') "
             "OR g.day < (" + anchor + " AT TIME ZONE 'UTC')::date - 30 OR g.day >= (" + anchor + " AT TIME ZONE 'UTC')::date"},
            {"coupon redemptions are counted",
             "SELECT count(*) FROM coupons c WHERE redeemed_count <> (SELECT count(*) FROM subscriptions s WHERE s.coupon_id = c.id)"},
            {"nothing happens at or after the anchor",
             "SELECT (SELECT count(*) FROM users WHERE greatest(created_at, updated_at, last_login_at, deleted_at) >= " + anchor + ") + "
             "(SELECT count(*) FROM logins WHERE logged_in_at >= " + anchor + ") + "
             "(SELECT count(*) FROM agents WHERE greatest(created_at, updated_at, verified_at) >= " + anchor + ") + "
             "(SELECT count(*) FROM deployments WHERE greatest(created_at, started_at, finished_at) >= " + anchor + ") + "
             "(SELECT count(*) FROM subscription_events WHERE effective_at >= " + anchor + ") + "
             "(SELECT count(*) FROM payments WHERE greatest(created_at, updated_at, paid_at) >= " + anchor + ") + "
             "(SELECT count(*) FROM refunds WHERE created_at >= " + anchor + ") + "
             "(SELECT count(*) FROM invoices WHERE greatest(issued_at, sent_at) >= " + anchor + ") + "
             "(SELECT count(*) FROM activity WHERE created_at >= " + anchor + ") + "
             "(SELECT count(*) FROM email_log WHERE created_at >= " + anchor + ")"},
        };
        for (const auto& c : checks) {
            CAPTURE(c.name);
            CHECK(scalar(conn, c.sql) == 0);
        }

        // Enough of everything to demo with.
        CHECK(scalar(conn, "SELECT count(DISTINCT status) FROM subscriptions") >= 3);
        CHECK(scalar(conn, "SELECT count(DISTINCT provider) FROM payments") == 2);
        CHECK(scalar(conn, "SELECT count(*) FROM users WHERE name ~ '[^\\x01-\\x7f]'") > 0);
        CHECK(scalar(conn, "SELECT count(*) FROM users WHERE wallet ~ '^0x[0-9a-f]{40}$'") > 0);
        CHECK(scalar(conn, "SELECT count(*) FROM deployments WHERE status = 'failed' AND error IS NOT NULL") > 0);
        CHECK(scalar(conn, "SELECT count(*) FROM settings WHERE secret") >= 1);
        CHECK(scalar(conn, "SELECT count(*) FROM feature_flags WHERE strategies @> '[{\"name\": \"flexibleRollout\"}]'") >= 1);
        CHECK(scalar(conn, "SELECT count(*) FROM feature_flags WHERE name = 'maintenance_mode'") == 1);
    }

    TEST_CASE("seed::seed_demo_data supports the MRR movement identity") {
        auto tdb = testing::fresh_database();
        auto conn = tdb.connect();
        auto opts = small(3);
        opts.users = 400;
        seed::seed_demo_data(conn, opts);

        // MRR now, from the event history and from the subscription rows, agree.
        const long long from_events = scalar(conn,
            "SELECT coalesce(sum(e.mrr_cents), 0) FROM subscriptions s JOIN LATERAL (SELECT mrr_cents FROM subscription_events e "
            "WHERE e.subscription_id = s.id ORDER BY effective_at DESC, id DESC LIMIT 1) e ON true");
        const long long from_rows = scalar(conn,
            "SELECT coalesce(sum((price_cents - discount_cents) / CASE WHEN interval = 'year' THEN 12 ELSE 1 END), 0) "
            "FROM subscriptions WHERE status IN ('active', 'past_due')");
        CHECK(from_events == from_rows);
        CHECK(from_events > 0);

        // Month by month, per customer: end - start = new + expansion + reactivation - contraction - churn.
        auto months = conn.exec(
            "WITH bounds AS (SELECT generate_series(date_trunc('month', min(effective_at)), "
            "                date_trunc('month', max(effective_at)) + interval '1 month', interval '1 month') AS t "
            "                FROM subscription_events), "
            "mrr AS (SELECT b.t, s.user_id, sum(coalesce(e.mrr_cents, 0)) AS m FROM bounds b CROSS JOIN subscriptions s "
            "        LEFT JOIN LATERAL (SELECT mrr_cents FROM subscription_events e WHERE e.subscription_id = s.id "
            "        AND e.effective_at <= b.t ORDER BY effective_at DESC, id DESC LIMIT 1) e ON true GROUP BY 1, 2), "
            "pairs AS (SELECT a.t, a.m AS m0, b.m AS m1, EXISTS (SELECT 1 FROM subscription_events e WHERE e.user_id = a.user_id "
            "          AND e.effective_at <= a.t AND e.mrr_cents > 0) AS paid_before "
            "          FROM mrr a JOIN mrr b ON b.user_id = a.user_id AND b.t = a.t + interval '1 month') "
            "SELECT sum(m1) - sum(m0), "
            "  sum(CASE WHEN m0 = 0 AND m1 > 0 AND NOT paid_before THEN m1 ELSE 0 END), "
            "  sum(CASE WHEN m0 > 0 AND m1 > m0 THEN m1 - m0 ELSE 0 END), "
            "  sum(CASE WHEN m0 = 0 AND m1 > 0 AND paid_before THEN m1 ELSE 0 END), "
            "  sum(CASE WHEN m0 > 0 AND m1 > 0 AND m1 < m0 THEN m0 - m1 ELSE 0 END), "
            "  sum(CASE WHEN m0 > 0 AND m1 = 0 THEN m0 ELSE 0 END) "
            "FROM pairs GROUP BY t ORDER BY t");
        REQUIRE(months.rows() >= 12);
        long long new_total = 0, churn_total = 0;
        for (int i = 0; i < months.rows(); ++i) {
            const auto r = months.row(i);
            CAPTURE(i);
            CHECK(r.int64(0) == r.int64(1) + r.int64(2) + r.int64(3) - r.int64(4) - r.int64(5));
            new_total += r.int64(1);
            churn_total += r.int64(5);
        }
        CHECK(new_total > 0);
        CHECK(churn_total > 0);
    }

    TEST_CASE("seed::detail::name_lists_are_sound") {
        CHECK(seed::detail::name_lists_are_sound());
    }
}
