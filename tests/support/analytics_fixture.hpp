#pragma once
// A small subscription history whose MRR, movements, churn and revenue are worked out by hand
// in the tests (tests/lib/analytics, tests/cli/test_analytics.cpp). Monthly periods of 2026.
//
// Plans: 1 Matt monthly 19.00, 2 Matt yearly 190.00 (MRR 190.00 / 12 = 15.83), 3 Pro monthly 49.00.
// Coupons: 1 AGENCY20 20 % forever (MRR 15.20 on Matt monthly), 2 HALF 50 % once (no MRR effect).
// Before 2026 (opening MRR 87.00, 3 customers): u4 Matt 19.00, u5 Pro 49.00, u7 Matt 19.00.
//   Jan  new: u1 15.20 (forever coupon), u2 15.83 (yearly, once coupon), u6 19.00, u8 49.00,
//        u11 19.00                                   → MRR 205.03, 8 customers
//   Feb  churn u7 19.00 (canceled at 2026-02-01 00:00, so February's); new u3 49.00 (trial
//        from Feb 1 converts Feb 8), u12 19.00       → MRR 254.03, 9 customers
//   Mar  expansion u4 +30.00 (upgrade); u8 past_due (still MRR); u10 trial not converted;
//        u13 subscribes and cancels within March (no movement) → MRR 284.03, 9 customers
//   Apr  contraction u5 −30.00 (downgrade); churn u6 19.00 (cancel at period end, effective
//        Apr 3), u8 49.00 (past_due then canceled) → MRR 186.03, 7 customers
//   May  new u9 19.00 (payment refunded next day: MRR unaffected); reactivation u7 19.00;
//        churn u12 19.00 (paused)                    → MRR 205.03, 8 customers
//   Jun  expansion u11 +19.00 (second agent); reactivation u12 19.00 (resumed) → MRR 243.03, 9
// Payments: u1 15.20 (Jan 10, stripe), u2 95.00 (Jan 15, nowpayments), u9 19.00 (May 2, stripe,
// refunded 19.00 on May 3), u8 49.00 failed (Mar 20), u3 49.00 pending.

#include "db/connection.hpp"

namespace ctl::testing {

inline void insert_analytics_fixture(db::Connection& conn) {
    conn.exec_script(R"sql(
        INSERT INTO plans (id, code, name, tier, interval, price_cents, trial_days) VALUES
          (1, 'matt-monthly', 'Matt monthly', 'matt', 'month', 1900, 0),
          (2, 'matt-yearly', 'Matt yearly', 'matt', 'year', 19000, 0),
          (3, 'pro-monthly', 'Pro monthly', 'pro', 'month', 4900, 7);
        INSERT INTO coupons (id, code, percent_off, duration) VALUES (1, 'AGENCY20', 20, 'forever'), (2, 'HALF', 50, 'once');
        INSERT INTO users (id, email, created_at, auth_provider)
        SELECT i, 'u' || i || '@example.com', timestamptz '2025-09-01 10:00+00' + (i || ' days')::interval,
               CASE WHEN i % 2 = 0 THEN 'google' ELSE 'email' END
        FROM generate_series(1, 13) i;
        INSERT INTO subscriptions (id, user_id, plan_id, coupon_id, status, interval, price_cents, discount_cents,
                                   current_period_start, current_period_end) VALUES
          (1, 1, 1, 1, 'active', 'month', 1900, 380, '2026-06-10', '2026-07-10'),
          (2, 2, 2, 2, 'active', 'year', 19000, 0, '2026-01-15', '2027-01-15'),
          (3, 3, 3, NULL, 'active', 'month', 4900, 0, '2026-06-08', '2026-07-08'),
          (4, 4, 3, NULL, 'active', 'month', 4900, 0, '2026-06-05', '2026-07-05'),
          (5, 5, 1, NULL, 'active', 'month', 1900, 0, '2026-06-20', '2026-07-20'),
          (6, 6, 1, NULL, 'canceled', 'month', 1900, 0, '2026-03-03', '2026-04-03'),
          (7, 7, 1, NULL, 'active', 'month', 1900, 0, '2026-06-10', '2026-07-10'),
          (8, 8, 3, NULL, 'canceled', 'month', 4900, 0, '2026-03-20', '2026-04-03'),
          (9, 9, 1, NULL, 'active', 'month', 1900, 0, '2026-06-02', '2026-07-02'),
          (10, 10, 3, NULL, 'canceled', 'month', 4900, 0, '2026-03-01', '2026-03-08'),
          (11, 11, 1, NULL, 'active', 'month', 1900, 0, '2026-06-05', '2026-07-05'),
          (12, 11, 1, NULL, 'active', 'month', 1900, 0, '2026-06-07', '2026-07-07'),
          (13, 12, 1, NULL, 'active', 'month', 1900, 0, '2026-06-14', '2026-07-14'),
          (14, 13, 1, NULL, 'canceled', 'month', 1900, 0, '2026-03-02', '2026-03-20');
        UPDATE subscriptions SET cancel_at = '2026-04-03' WHERE id = 6;
        INSERT INTO subscription_events (subscription_id, user_id, plan_id, kind, status, mrr_cents, effective_at) VALUES
          (1, 1, 1, 'created', 'active', 1520, '2026-01-10 09:00+00'),
          (1, 1, 1, 'renewed', 'active', 1520, '2026-02-10 09:00+00'),
          (2, 2, 2, 'created', 'active', 1583, '2026-01-15 09:00+00'),
          (3, 3, 3, 'trial_started', 'trialing', 0, '2026-02-01 09:00+00'),
          (3, 3, 3, 'activated', 'active', 4900, '2026-02-08 09:00+00'),
          (4, 4, 1, 'created', 'active', 1900, '2025-12-05 09:00+00'),
          (4, 4, 3, 'plan_changed', 'active', 4900, '2026-03-05 09:00+00'),
          (5, 5, 3, 'created', 'active', 4900, '2025-11-20 09:00+00'),
          (5, 5, 1, 'plan_changed', 'active', 1900, '2026-04-20 09:00+00'),
          (6, 6, 1, 'created', 'active', 1900, '2026-01-03 09:00+00'),
          (6, 6, 1, 'canceled', 'canceled', 0, '2026-04-03 09:00+00'),
          (7, 7, 1, 'created', 'active', 1900, '2025-10-01 09:00+00'),
          (7, 7, 1, 'canceled', 'canceled', 0, '2026-02-01 00:00+00'),
          (7, 7, 1, 'reactivated', 'active', 1900, '2026-05-10 09:00+00'),
          (8, 8, 3, 'created', 'active', 4900, '2026-01-20 09:00+00'),
          (8, 8, 3, 'past_due', 'past_due', 4900, '2026-03-20 09:00+00'),
          (8, 8, 3, 'canceled', 'canceled', 0, '2026-04-03 09:00+00'),
          (9, 9, 1, 'created', 'active', 1900, '2026-05-02 09:00+00'),
          (10, 10, 3, 'trial_started', 'trialing', 0, '2026-03-01 09:00+00'),
          (10, 10, 3, 'canceled', 'canceled', 0, '2026-03-08 09:00+00'),
          (11, 11, 1, 'created', 'active', 1900, '2026-01-05 09:00+00'),
          (12, 11, 1, 'created', 'active', 1900, '2026-06-07 09:00+00'),
          (13, 12, 1, 'created', 'active', 1900, '2026-02-14 09:00+00'),
          (13, 12, 1, 'paused', 'paused', 0, '2026-05-14 09:00+00'),
          (13, 12, 1, 'resumed', 'active', 1900, '2026-06-14 09:00+00'),
          (14, 13, 1, 'created', 'active', 1900, '2026-03-02 09:00+00'),
          (14, 13, 1, 'canceled', 'canceled', 0, '2026-03-20 09:00+00');
        INSERT INTO payments (id, user_id, subscription_id, provider, provider_payment_id, amount_cents, currency,
                              refunded_cents, status, paid_at, created_at) VALUES
          (1, 1, 1, 'stripe', 'pi_1', 1520, 'USD', 0, 'succeeded', '2026-01-10 09:00+00', '2026-01-10 09:00+00'),
          (2, 2, 2, 'nowpayments', '5001', 9500, 'USD', 0, 'succeeded', '2026-01-15 09:30+00', '2026-01-15 09:00+00'),
          (3, 9, 9, 'stripe', 'pi_3', 1900, 'USD', 1900, 'refunded', '2026-05-02 09:00+00', '2026-05-02 09:00+00'),
          (4, 8, 8, 'stripe', 'pi_4', 4900, 'USD', 0, 'failed', NULL, '2026-03-20 09:00+00'),
          (5, 3, 3, 'nowpayments', '5005', 4900, 'USD', 0, 'pending', NULL, '2026-06-08 09:00+00');
        INSERT INTO refunds (payment_id, user_id, amount_cents, currency, status, reason, idempotency_key, created_at)
        VALUES (3, 9, 1900, 'USD', 'succeeded', 'changed mind', 'refund-3', '2026-05-03 09:00+00');
        INSERT INTO agents (id, user_id, name, tier, status, purpose, created_at)
        SELECT i, i, 'Agent ' || i, 'matt', 'active', 'Support', u.created_at + interval '1 day'
        FROM generate_series(1, 13) i JOIN users u ON u.id = i;
        SELECT setval(pg_get_serial_sequence(t, 'id'), 1000)
          FROM unnest(ARRAY['users', 'plans', 'coupons', 'agents', 'subscriptions', 'subscription_events',
                            'payments', 'refunds']) t;
    )sql");
}

}  // namespace ctl::testing
