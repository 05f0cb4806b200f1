-- Analytics (issue 7): indexes for `ctl analytics` on millions of rows (DESIGN §10, §14).

-- MRR and its movements are computed from each subscription's event history in subscription
-- order; covering the columns they read lets PostgreSQL answer from the index alone.
CREATE INDEX subscription_events_mrr_idx ON subscription_events (subscription_id, effective_at, id)
    INCLUDE (user_id, currency, mrr_cents);
-- Cash received per interval is by the time the money arrived.
CREATE INDEX payments_paid_at_idx ON payments (paid_at) INCLUDE (amount_cents, currency, provider, subscription_id)
    WHERE paid_at IS NOT NULL;
-- Trials started per interval (trial → paid conversion).
CREATE INDEX subscription_events_kind_idx ON subscription_events (kind, effective_at);
-- Daily / monthly active users: distinct users per interval from the activity feed.
CREATE INDEX activity_created_user_idx ON activity (created_at) INCLUDE (user_id);

-- The MRR rollup: every change of a customer's MRR, with the MRR after it, the time of the
-- customer's previous change and of their first MRR — what `ctl analytics mrr` otherwise derives
-- from the whole event history on every run. `ctl analytics refresh` (a cron job) rebuilds it
-- with ctl_analytics_refresh(); queries read it for events up to last_event_id and derive the
-- few newer events live, so results are current whatever the age of the rollup. Derived data:
-- not audited.
CREATE TABLE analytics_mrr_changes (
    event_id         bigint PRIMARY KEY,
    user_id          bigint NOT NULL,
    currency         currency_code NOT NULL,
    effective_at     timestamptz NOT NULL,
    delta_cents      bigint NOT NULL,
    mrr_after_cents  bigint NOT NULL,
    prev_at          timestamptz,
    first_at         timestamptz NOT NULL
);
CREATE INDEX analytics_mrr_changes_at_idx ON analytics_mrr_changes (effective_at);
CREATE INDEX analytics_mrr_changes_customer_idx ON analytics_mrr_changes (user_id, currency, effective_at, event_id);

CREATE TABLE analytics_rollup_state (
    name           text PRIMARY KEY,
    last_event_id  bigint NOT NULL,
    -- The last event's identity: a rollup whose last event is gone or different (a re-seed, a
    -- restore) is not used.
    last_event_at            timestamptz,
    last_subscription_id     bigint,
    rows           bigint NOT NULL,
    refreshed_at   timestamptz NOT NULL DEFAULT now()
);

-- Rebuilds the rollup from subscription_events in one transaction; returns the row count.
-- SECURITY DEFINER so that any operator (and cron as a viewer) can refresh derived data
-- without write access to anything else.
CREATE FUNCTION ctl_analytics_refresh() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    last_id bigint;
    n bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(7310557834637838971);
    SELECT coalesce(max(id), 0) INTO last_id FROM subscription_events;
    SET LOCAL work_mem = '128MB';
    TRUNCATE analytics_mrr_changes;
    INSERT INTO analytics_mrr_changes (event_id, user_id, currency, effective_at, delta_cents, mrr_after_cents,
                                       prev_at, first_at)
    SELECT id, user_id, currency, effective_at, delta,
           sum(delta) OVER w, lag(effective_at) OVER w,
           min(effective_at) OVER (PARTITION BY user_id, currency)
    FROM (SELECT user_id, currency, effective_at, id,
                 mrr_cents - coalesce(lag(mrr_cents) OVER (PARTITION BY subscription_id ORDER BY effective_at, id), 0) AS delta
          FROM subscription_events WHERE id <= last_id) d
    WHERE delta <> 0
    WINDOW w AS (PARTITION BY user_id, currency ORDER BY effective_at, id);
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO analytics_rollup_state (name, last_event_id, last_event_at, last_subscription_id, rows, refreshed_at)
    SELECT 'mrr', last_id, e.effective_at, e.subscription_id, n, now()
    FROM (SELECT 1) one LEFT JOIN subscription_events e ON e.id = last_id
    ON CONFLICT (name) DO UPDATE SET last_event_id = EXCLUDED.last_event_id, last_event_at = EXCLUDED.last_event_at,
                                     last_subscription_id = EXCLUDED.last_subscription_id, rows = EXCLUDED.rows,
                                     refreshed_at = EXCLUDED.refreshed_at;
    RETURN n;
END $$;

-- Events are history and only ever added; an update, delete or truncate makes the rollup
-- untrustworthy, so it is dropped until the next refresh (queries then derive everything live).
CREATE FUNCTION ctl_analytics_invalidate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM analytics_rollup_state WHERE name = 'mrr';
    RETURN NULL;
END $$;
CREATE TRIGGER analytics_invalidate AFTER UPDATE OR DELETE OR TRUNCATE ON subscription_events
    FOR EACH STATEMENT EXECUTE FUNCTION ctl_analytics_invalidate();

GRANT SELECT ON analytics_mrr_changes, analytics_rollup_state TO ctl_viewer;
REVOKE ALL ON FUNCTION ctl_analytics_refresh() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ctl_analytics_refresh() TO ctl_viewer;
