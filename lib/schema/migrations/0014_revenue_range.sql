-- Revenue reads a range of received payments (by day, plan, provider and currency): with what it
-- sums in the index, a month of payments is read from the index alone, not from heap pages.
CREATE INDEX payments_received_idx ON payments (paid_at) INCLUDE (amount_cents, currency, provider, subscription_id)
    WHERE status IN ('succeeded', 'refunded', 'partially_refunded');
