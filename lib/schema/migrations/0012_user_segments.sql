-- Indexes for the users list filters that depend on payments and subscriptions
-- (--has-failed-payment and the high-value and at-risk segments; definitions in ctl-users(1)).
-- A list walks users newest first and tests each one; these make each test cheap: a small set
-- of ids hashed once (failed payments, past-due and live subscriptions), or an index-only probe
-- (a customer's paid payments of the last year).

-- Failed payments by time, with their customer: the whole set for --has-failed-payment, the
-- last 30 days for at-risk. About 4% of payments.
CREATE INDEX payments_failed_idx ON payments (created_at, user_id) WHERE status = 'failed';

-- A customer's paid payments with their amounts: high-value sums them without heap pages.
CREATE INDEX payments_paid_user_idx ON payments (user_id, created_at) INCLUDE (amount_cents, refunded_cents)
    WHERE status IN ('succeeded', 'partially_refunded');

CREATE INDEX subscriptions_past_due_user_idx ON subscriptions (user_id) WHERE status = 'past_due';
CREATE INDEX subscriptions_live_user_idx ON subscriptions (user_id) WHERE status IN ('active', 'trialing');

-- The status walk carries last_login_at, so at-risk and inactive tests on active users need no
-- heap page for the users they skip.
DROP INDEX users_status_idx;
CREATE INDEX users_status_idx ON users (status, created_at, id) INCLUDE (last_login_at);
