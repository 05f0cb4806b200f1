#pragma once
// Small hand-made data sets for tests that need exact, known rows.

#include "db/connection.hpp"

namespace ctl::testing {

// Five users with known e-mails, names, statuses and plans; one agent, subscription, payment
// and login for alice. Returns nothing: tests query what they need.
inline void insert_small_fixture(db::Connection& conn) {
    conn.exec_script(R"sql(
        INSERT INTO plans (id, code, name, tier, interval, price_cents, currency)
        VALUES (1, 'matt-monthly', 'Matt monthly', 'matt', 'month', 1900, 'USD');
        INSERT INTO users (id, email, name, company, status, plan, wallet, auth_provider_id, created_at, last_login_at) VALUES
          (1, 'alice@acme.io',  'Alice Adams', 'Acme',   'active',    'matt', '0x52908400098527886E0F7030069857D2E4169EE7', 'did:privy:alice', '2026-01-05 10:00+00', '2026-11-20 09:00+00'),
          (2, 'bob@acme.io',    'Bob Brown',   'Acme',   'banned',    'free', NULL, NULL, '2026-02-05 10:00+00', NULL),
          (3, 'carol@zeta.dev', 'Carol Chen',  'Zeta',   'active',    'pro',  NULL, NULL, '2026-03-05 10:00+00', '2026-11-01 09:00+00'),
          (4, 'dan@zeta.dev',   'Dan Dube',    NULL,     'suspended', 'free', NULL, NULL, '2026-04-05 10:00+00', NULL),
          (5, 'zoe@mail.co.za', 'Zoë Zulu',    'Ubuntu', 'active',    'free', NULL, NULL, '2026-05-05 10:00+00', NULL);
        INSERT INTO agents (id, user_id, name, tier, status, bot_username) VALUES (1, 1, 'Sales bot', 'matt', 'active', 'acme_sales_bot');
        INSERT INTO subscriptions (id, user_id, agent_id, plan_id, status, interval, price_cents, currency,
                                   current_period_start, current_period_end)
        VALUES (1, 1, 1, 1, 'active', 'month', 1900, 'USD', '2026-11-05 10:00+00', '2026-12-05 10:00+00');
        INSERT INTO payments (id, user_id, subscription_id, provider, provider_payment_id, amount_cents, currency, status, created_at)
        VALUES (1, 1, 1, 'stripe', 'pi_123', 1900, 'USD', 'succeeded', '2026-11-05 10:00+00');
        INSERT INTO logins (user_id, logged_in_at, ip, user_agent) VALUES (1, '2026-11-20 09:00+00', '198.51.100.7', 'Mozilla/5.0');
        SELECT setval(pg_get_serial_sequence(t, 'id'), 100)
          FROM unnest(ARRAY['users', 'plans', 'agents', 'subscriptions', 'payments', 'logins']) t;
    )sql");
}

}  // namespace ctl::testing
