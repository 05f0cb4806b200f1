#pragma once
// Agents in every state, with subscriptions and deployments timed relative to now, for the
// agents and devin tests. On top of insert_small_fixture (alice's agent 1, subscription 1):
//   agent 1  alice, matt, active, bot acme_sales_bot; subscription ends in 20 days; deployment 11
//            (attempt 1) succeeded in 10 minutes
//   agent 2  carol, pro, failed; subscription ends in 3 days (expiring); deployments 21 failed,
//            22 expired
//   agent 3  carol, pro, deploying; no subscription; deployment 31 running as devin-run31
//   agent 4  zoe, matt, pending; deployment 41 queued

#include "support/fixtures.hpp"

namespace ctl::testing {

inline void insert_agents_fixture(db::Connection& conn) {
    insert_small_fixture(conn);
    conn.exec_script(R"sql(
        INSERT INTO plans (id, code, name, tier, interval, price_cents, currency)
        VALUES (2, 'pro-monthly', 'Pro monthly', 'pro', 'month', 4900, 'USD');
        UPDATE subscriptions SET current_period_start = now() - interval '10 days',
                                 current_period_end = now() + interval '20 days' WHERE id = 1;
        INSERT INTO agents (id, user_id, name, purpose, tier, status, bot_username, created_at) VALUES
          (2, 3, 'Support desk', 'Answers tickets', 'pro', 'failed', NULL, now() - interval '3 days'),
          (3, 3, 'Zeta helper', NULL, 'pro', 'deploying', NULL, now() - interval '2 days'),
          (4, 5, 'Ubuntu tutor', 'Teaches', 'matt', 'pending', NULL, now() - interval '1 day');
        UPDATE agents SET created_at = now() - interval '5 days' WHERE id = 1;
        INSERT INTO subscriptions (id, user_id, agent_id, plan_id, status, interval, price_cents, currency,
                                   current_period_start, current_period_end)
        VALUES (2, 3, 2, 2, 'active', 'month', 4900, 'USD', now() - interval '27 days', now() + interval '3 days');
        INSERT INTO deployments (id, agent_id, user_id, devin_session_id, status, attempt, started_at, finished_at,
                                 error, output, created_at) VALUES
          (11, 1, 1, 'devin-ok11', 'succeeded', 1, now() - interval '5 days', now() - interval '5 days' + interval '10 minutes',
           NULL, '{"bot_username": "acme_sales_bot", "auth_code": "111222"}', now() - interval '5 days'),
          (21, 2, 3, 'devin-fail21', 'failed', 1, now() - interval '3 hours', now() - interval '2 hours',
           'Telegram rejected the bot token', NULL, now() - interval '3 hours'),
          (22, 2, 3, 'devin-exp22', 'expired', 2, now() - interval '90 minutes', now() - interval '30 minutes',
           'Devin session expired before the bot was deployed', NULL, now() - interval '90 minutes'),
          (31, 3, 3, 'devin-run31', 'running', 1, now() - interval '12 minutes', NULL, NULL, NULL, now() - interval '13 minutes'),
          (41, 4, 5, NULL, 'queued', 1, NULL, NULL, NULL, NULL, now() - interval '2 minutes');
        SELECT setval(pg_get_serial_sequence(t, 'id'), 100)
          FROM unnest(ARRAY['agents', 'subscriptions', 'deployments', 'plans']) t;
    )sql");
}

}  // namespace ctl::testing
