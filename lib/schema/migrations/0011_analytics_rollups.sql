-- Analytics rollups (issue 7, DESIGN §10, §14): incrementally maintained daily rollups of MRR.
--
-- Replaces the event-level rollup of 0007 (rebuilt whole on every refresh, and still scanned
-- whole by every query) with two tables maintained by `ctl analytics refresh`:
--   analytics_mrr_days     one row per customer (user_id, currency) and UTC day on which the
--                          customer's MRR changed: MRR at the day's start and end, the customer's
--                          previous such day and their first one;
--   analytics_mrr_periods  the MRR movements (DESIGN §10) of every complete calendar day, week
--                          (from Monday) and month, per currency, aggregated from the days.
-- Both cover the days before analytics_rollup_state.rolled_up_until; queries read the events
-- from then on live, so results are current and exactly those of the definitions whatever the
-- age of the rollup. Derived data, rebuilt from subscription_events alone: not audited.

DROP TRIGGER analytics_invalidate ON subscription_events;
DROP FUNCTION ctl_analytics_invalidate();
DROP FUNCTION ctl_analytics_refresh();
DROP TABLE analytics_mrr_changes;
DROP TABLE analytics_rollup_state;

CREATE TABLE analytics_mrr_days (
    user_id          bigint NOT NULL,
    currency         currency_code NOT NULL,
    day              date NOT NULL,
    mrr_start_cents  bigint NOT NULL,
    mrr_end_cents    bigint NOT NULL,
    prev_day         date,
    first_day        date NOT NULL,
    PRIMARY KEY (user_id, currency, day)
);
CREATE INDEX analytics_mrr_days_day_idx ON analytics_mrr_days (day);

CREATE TABLE analytics_mrr_periods (
    unit                   text NOT NULL CHECK (unit IN ('day', 'week', 'month')),
    period_start           date NOT NULL,
    currency               currency_code NOT NULL,
    new_cents              bigint NOT NULL,
    expansion_cents        bigint NOT NULL,
    reactivation_cents     bigint NOT NULL,
    contraction_cents      bigint NOT NULL,
    churn_cents            bigint NOT NULL,
    new_customers          bigint NOT NULL,
    reactivated_customers  bigint NOT NULL,
    expanded_customers     bigint NOT NULL,
    contracted_customers   bigint NOT NULL,
    churned_customers      bigint NOT NULL,
    PRIMARY KEY (unit, period_start, currency)
);

-- Without a row named 'mrr' the rollups are not used (never built, or dropped by a TRUNCATE).
CREATE TABLE analytics_rollup_state (
    name             text PRIMARY KEY,
    rolled_up_until  date NOT NULL,
    refreshed_at     timestamptz NOT NULL DEFAULT now()
);

-- Customers with an event changed, added or deleted on a day already rolled up: the next
-- refresh recomputes them. Until then the rollups are not used (queries read everything live),
-- so results never depend on a stale rollup.
CREATE TABLE analytics_dirty_customers (
    user_id   bigint NOT NULL,
    currency  currency_code NOT NULL,
    PRIMARY KEY (user_id, currency)
);

CREATE FUNCTION ctl_analytics_mark_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO analytics_dirty_customers (user_id, currency)
    SELECT DISTINCT n.user_id, n.currency FROM new_rows n JOIN analytics_rollup_state s ON s.name = 'mrr'
    WHERE n.effective_at < s.rolled_up_until::timestamp AT TIME ZONE 'UTC'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE FUNCTION ctl_analytics_mark_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO analytics_dirty_customers (user_id, currency)
    SELECT DISTINCT c.user_id, c.currency
    FROM (SELECT user_id, currency, effective_at FROM old_rows UNION ALL
          SELECT user_id, currency, effective_at FROM new_rows) c
    JOIN analytics_rollup_state s ON s.name = 'mrr'
    WHERE c.effective_at < s.rolled_up_until::timestamp AT TIME ZONE 'UTC'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE FUNCTION ctl_analytics_mark_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO analytics_dirty_customers (user_id, currency)
    SELECT DISTINCT o.user_id, o.currency FROM old_rows o JOIN analytics_rollup_state s ON s.name = 'mrr'
    WHERE o.effective_at < s.rolled_up_until::timestamp AT TIME ZONE 'UTC'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- A truncated history (a re-seed, a restore) drops the rollups until the next (full) refresh.
CREATE FUNCTION ctl_analytics_mark_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM analytics_rollup_state WHERE name = 'mrr';
    RETURN NULL;
END $$;
CREATE TRIGGER analytics_mark_inserted AFTER INSERT ON subscription_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ctl_analytics_mark_inserted();
CREATE TRIGGER analytics_mark_updated AFTER UPDATE ON subscription_events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ctl_analytics_mark_updated();
CREATE TRIGGER analytics_mark_deleted AFTER DELETE ON subscription_events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ctl_analytics_mark_deleted();
CREATE TRIGGER analytics_mark_truncated AFTER TRUNCATE ON subscription_events
    FOR EACH STATEMENT EXECUTE FUNCTION ctl_analytics_mark_truncated();

-- Brings the rollups up to today (UTC): in full when they were never built or were dropped,
-- else only the customers with events since the last refresh or marked dirty, and only the
-- periods containing a day whose rows changed or a day since the last refresh. Holds a SHARE
-- lock on subscription_events until commit, so no event is written between what it reads
-- and the new rolled_up_until. Returns what it did.
CREATE FUNCTION ctl_analytics_refresh(OUT full_rebuild boolean, OUT customers bigint, OUT changed_days bigint,
                                      OUT periods bigint, OUT rolled_up_until date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET timezone = 'UTC' SET jit = off AS $$
DECLARE
    today date := (clock_timestamp() AT TIME ZONE 'UTC')::date;
    today_at timestamptz := today::timestamp AT TIME ZONE 'UTC';
    last date;
    u text;
BEGIN
    PERFORM pg_advisory_xact_lock(7310557834637838971);
    LOCK TABLE subscription_events IN SHARE MODE;
    SET LOCAL work_mem = '256MB';
    SELECT s.rolled_up_until INTO last FROM analytics_rollup_state s WHERE s.name = 'mrr';
    full_rebuild := last IS NULL;

    CREATE TEMP TABLE affected (user_id bigint, currency text, PRIMARY KEY (user_id, currency)) ON COMMIT DROP;
    CREATE TEMP TABLE fresh (LIKE analytics_mrr_days) ON COMMIT DROP;
    CREATE TEMP TABLE touched (day date PRIMARY KEY) ON COMMIT DROP;
    CREATE TEMP TABLE recompute (unit text, period_start date, period_end date) ON COMMIT DROP;

    IF full_rebuild THEN
        TRUNCATE analytics_mrr_days, analytics_mrr_periods, analytics_dirty_customers;
        INSERT INTO analytics_mrr_days
        SELECT user_id, currency, day, sum(net) OVER w - net, sum(net) OVER w, lag(day) OVER w,
               min(day) OVER (PARTITION BY user_id, currency)
        FROM (SELECT user_id, currency, (effective_at AT TIME ZONE 'UTC')::date AS day, sum(delta) AS net
              FROM (SELECT user_id, currency, effective_at,
                           mrr_cents - coalesce(lag(mrr_cents) OVER (PARTITION BY subscription_id ORDER BY effective_at, id), 0) AS delta
                    FROM subscription_events WHERE effective_at < today_at) e
              WHERE delta <> 0
              GROUP BY 1, 2, 3) d
        WINDOW w AS (PARTITION BY user_id, currency ORDER BY day);
        SELECT count(*) INTO customers FROM (SELECT DISTINCT user_id, currency FROM analytics_mrr_days) f;
        SELECT count(DISTINCT day) INTO changed_days FROM analytics_mrr_days;
        FOREACH u IN ARRAY ARRAY['day', 'week', 'month'] LOOP
            INSERT INTO analytics_mrr_periods
            SELECT u, ps, currency,
                   coalesce(sum(m0 + change) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_day >= ps), 0),
                   coalesce(sum(change) FILTER (WHERE m0 > 0 AND change > 0), 0),
                   coalesce(sum(m0 + change) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_day < ps), 0),
                   coalesce(sum(-change) FILTER (WHERE m0 > 0 AND change < 0 AND m0 + change > 0), 0),
                   coalesce(sum(m0) FILTER (WHERE m0 > 0 AND m0 + change = 0), 0),
                   count(*) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_day >= ps),
                   count(*) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_day < ps),
                   count(*) FILTER (WHERE m0 > 0 AND change > 0),
                   count(*) FILTER (WHERE m0 > 0 AND change < 0 AND m0 + change > 0),
                   count(*) FILTER (WHERE m0 > 0 AND m0 + change = 0)
            FROM (SELECT date_trunc(u, d.day)::date AS ps, d.user_id, d.currency, min(d.first_day) AS first_day,
                         sum(CASE WHEN d.prev_day IS NULL OR d.prev_day < date_trunc(u, d.day)::date
                                  THEN d.mrr_start_cents ELSE 0 END) AS m0,
                         sum(d.mrr_end_cents - d.mrr_start_cents) AS change
                  FROM analytics_mrr_days d
                  WHERE date_trunc(u, d.day) + ('1 ' || u)::interval <= today
                  GROUP BY 1, 2, 3) c
            GROUP BY ps, currency;
        END LOOP;
        SELECT count(*) INTO periods FROM analytics_mrr_periods;
    ELSE
        -- Customers to recompute: marked dirty, or with events on the days since the last refresh.
        WITH taken AS (DELETE FROM analytics_dirty_customers RETURNING user_id, currency)
        INSERT INTO affected SELECT user_id, currency FROM taken
        UNION SELECT user_id, currency FROM subscription_events
              WHERE effective_at >= last::timestamp AT TIME ZONE 'UTC' AND effective_at < today_at;
        GET DIAGNOSTICS customers = ROW_COUNT;
        -- Their days from their whole history (each subscription's events in full, for the lag).
        INSERT INTO fresh
        SELECT user_id, currency, day, sum(net) OVER w - net, sum(net) OVER w, lag(day) OVER w,
               min(day) OVER (PARTITION BY user_id, currency)
        FROM (SELECT e.user_id, e.currency, (e.effective_at AT TIME ZONE 'UTC')::date AS day, sum(e.delta) AS net
              FROM (SELECT user_id, currency, effective_at,
                           mrr_cents - coalesce(lag(mrr_cents) OVER (PARTITION BY subscription_id ORDER BY effective_at, id), 0) AS delta
                    FROM subscription_events
                    WHERE subscription_id IN (SELECT x.subscription_id FROM subscription_events x
                                              JOIN affected a ON a.user_id = x.user_id AND a.currency = x.currency)
                      AND effective_at < today_at) e
              JOIN affected a ON a.user_id = e.user_id AND a.currency = e.currency
              WHERE e.delta <> 0
              GROUP BY 1, 2, 3) d
        WINDOW w AS (PARTITION BY user_id, currency ORDER BY day);
        -- Days whose rows differ, then the new rows in place of the old.
        INSERT INTO touched
        SELECT day FROM ((SELECT d.* FROM analytics_mrr_days d JOIN affected a USING (user_id, currency)
                          EXCEPT SELECT * FROM fresh)
                         UNION ALL (SELECT * FROM fresh EXCEPT
                                    SELECT d.* FROM analytics_mrr_days d JOIN affected a USING (user_id, currency))) x
        UNION SELECT generate_series(last, today - 1, interval '1 day')::date;
        GET DIAGNOSTICS changed_days = ROW_COUNT;
        DELETE FROM analytics_mrr_days d USING affected a WHERE d.user_id = a.user_id AND d.currency = a.currency;
        INSERT INTO analytics_mrr_days SELECT * FROM fresh;
        -- Every complete period containing a touched day.
        INSERT INTO recompute
        SELECT DISTINCT u.unit, date_trunc(u.unit, t.day)::date, (date_trunc(u.unit, t.day) + ('1 ' || u.unit)::interval)::date
        FROM touched t CROSS JOIN (VALUES ('day'), ('week'), ('month')) u(unit)
        WHERE date_trunc(u.unit, t.day) + ('1 ' || u.unit)::interval <= today;
        DELETE FROM analytics_mrr_periods m USING recompute r WHERE m.unit = r.unit AND m.period_start = r.period_start;
        INSERT INTO analytics_mrr_periods
        SELECT unit, ps, currency,
               coalesce(sum(m0 + change) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_day >= ps), 0),
               coalesce(sum(change) FILTER (WHERE m0 > 0 AND change > 0), 0),
               coalesce(sum(m0 + change) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_day < ps), 0),
               coalesce(sum(-change) FILTER (WHERE m0 > 0 AND change < 0 AND m0 + change > 0), 0),
               coalesce(sum(m0) FILTER (WHERE m0 > 0 AND m0 + change = 0), 0),
               count(*) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_day >= ps),
               count(*) FILTER (WHERE m0 = 0 AND m0 + change > 0 AND first_day < ps),
               count(*) FILTER (WHERE m0 > 0 AND change > 0),
               count(*) FILTER (WHERE m0 > 0 AND change < 0 AND m0 + change > 0),
               count(*) FILTER (WHERE m0 > 0 AND m0 + change = 0)
        FROM (SELECT r.unit, r.period_start AS ps, d.user_id, d.currency, min(d.first_day) AS first_day,
                     sum(CASE WHEN d.prev_day IS NULL OR d.prev_day < r.period_start THEN d.mrr_start_cents ELSE 0 END) AS m0,
                     sum(d.mrr_end_cents - d.mrr_start_cents) AS change
              FROM recompute r JOIN analytics_mrr_days d ON d.day >= r.period_start AND d.day < r.period_end
              GROUP BY 1, 2, 3, 4) c
        GROUP BY unit, ps, currency;
        SELECT count(*) INTO periods FROM recompute;
    END IF;

    INSERT INTO analytics_rollup_state (name, rolled_up_until, refreshed_at) VALUES ('mrr', today, now())
    ON CONFLICT (name) DO UPDATE SET rolled_up_until = EXCLUDED.rolled_up_until, refreshed_at = EXCLUDED.refreshed_at;
    rolled_up_until := today;
END $$;

-- MRR per currency at an instant (DESIGN §10): the rolled-up days before it plus, live, every
-- event from the end of the rollup (or the instant's day, if earlier) up to the instant, each
-- contributing the change from its subscription's previous event; without usable rollups, each
-- subscription's latest event before the instant.
CREATE FUNCTION ctl_analytics_mrr_at(t timestamptz) RETURNS TABLE (currency text, mrr_cents bigint)
LANGUAGE sql STABLE AS $$
WITH b AS (
    SELECT CASE WHEN s.rolled_up_until IS NULL OR EXISTS (SELECT 1 FROM analytics_dirty_customers) THEN '-infinity'::timestamptz
                ELSE least(s.rolled_up_until::timestamp AT TIME ZONE 'UTC',
                           date_trunc('day', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') END AS at
    FROM (SELECT 1) one LEFT JOIN analytics_rollup_state s ON s.name = 'mrr'
),
parts AS (
    SELECT m.currency::text AS currency,
           sum(m.new_cents + m.expansion_cents + m.reactivation_cents - m.contraction_cents - m.churn_cents) AS cents
    FROM analytics_mrr_periods m
    WHERE m.unit = 'day' AND m.period_start::timestamp AT TIME ZONE 'UTC' < (SELECT at FROM b)
    GROUP BY 1
    UNION ALL
    SELECT e.currency::text,
           sum(e.mrr_cents - coalesce((SELECT p.mrr_cents FROM subscription_events p
                                       WHERE p.subscription_id = e.subscription_id
                                         AND (p.effective_at, p.id) < (e.effective_at, e.id)
                                       ORDER BY p.effective_at DESC, p.id DESC LIMIT 1), 0))
    FROM subscription_events e
    WHERE e.effective_at >= (SELECT at FROM b) AND e.effective_at < t AND (SELECT at FROM b) > '-infinity'
    GROUP BY 1
    UNION ALL
    -- Without the rollups, straight from the definition: each subscription's latest event.
    SELECT l.currency::text, sum(l.mrr_cents)
    FROM (SELECT DISTINCT ON (subscription_id) currency, mrr_cents FROM subscription_events
          WHERE effective_at < t AND (SELECT at FROM b) = '-infinity'
          ORDER BY subscription_id, effective_at DESC, id DESC) l
    GROUP BY 1
)
SELECT currency, sum(cents)::bigint FROM parts GROUP BY currency
$$;

-- Users per UTC day of signup (every status), for the days before the 'users' state's
-- rolled_up_until: the overview counts all users as these plus, live, the users created since,
-- instead of counting the whole table. A user inserted, deleted or re-dated on a rolled-up day
-- drops the state (queries count live) until the next refresh, which then recounts every day.
CREATE TABLE analytics_user_days (
    day    date PRIMARY KEY,
    users  bigint NOT NULL
);
CREATE FUNCTION ctl_analytics_users_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN analytics_rollup_state s ON s.name = 'users'
                       WHERE n.created_at < s.rolled_up_until::timestamp AT TIME ZONE 'UTC') THEN
            RETURN NULL;
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN analytics_rollup_state s ON s.name = 'users'
                       WHERE o.created_at < s.rolled_up_until::timestamp AT TIME ZONE 'UTC') THEN
            RETURN NULL;
        END IF;
    END IF;
    DELETE FROM analytics_rollup_state WHERE name = 'users';
    RETURN NULL;
END $$;
CREATE TRIGGER analytics_users_inserted AFTER INSERT ON users
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ctl_analytics_users_changed();
CREATE TRIGGER analytics_users_deleted AFTER DELETE ON users
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ctl_analytics_users_changed();
CREATE TRIGGER analytics_users_redated AFTER UPDATE OF created_at ON users
    FOR EACH STATEMENT EXECUTE FUNCTION ctl_analytics_users_changed();
CREATE TRIGGER analytics_users_truncated AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION ctl_analytics_users_changed();

-- Brings analytics_user_days up to today (UTC): the days since the last refresh, or every day
-- when the state was dropped or never built. Holds a SHARE lock on users until commit (a short
-- transaction of its own), so no signup commits between what it counted and rolled_up_until.
-- Returns the days written.
CREATE FUNCTION ctl_analytics_refresh_users() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET timezone = 'UTC' SET jit = off AS $$
DECLARE
    today date := (clock_timestamp() AT TIME ZONE 'UTC')::date;
    last date;
    n bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(7310557834637838972);
    LOCK TABLE users IN SHARE MODE;
    SELECT s.rolled_up_until INTO last FROM analytics_rollup_state s WHERE s.name = 'users';
    IF last IS NULL THEN
        TRUNCATE analytics_user_days;
        last := '-infinity';
    END IF;
    DELETE FROM analytics_user_days WHERE day >= last;
    INSERT INTO analytics_user_days (day, users)
    SELECT (created_at AT TIME ZONE 'UTC')::date, count(*) FROM users
    WHERE created_at >= last::timestamp AT TIME ZONE 'UTC' AND created_at < today::timestamp AT TIME ZONE 'UTC'
    GROUP BY 1;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO analytics_rollup_state (name, rolled_up_until, refreshed_at) VALUES ('users', today, now())
    ON CONFLICT (name) DO UPDATE SET rolled_up_until = EXCLUDED.rolled_up_until, refreshed_at = EXCLUDED.refreshed_at;
    RETURN n;
END $$;

-- All users (every status) created before t: the rolled-up days before it plus, live, the rest.
CREATE FUNCTION ctl_analytics_users_before(t timestamptz) RETURNS bigint
LANGUAGE sql STABLE AS $$
WITH b AS (
    SELECT CASE WHEN s.rolled_up_until IS NULL THEN '-infinity'::timestamptz
                ELSE least(s.rolled_up_until::timestamp AT TIME ZONE 'UTC',
                           date_trunc('day', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') END AS at
    FROM (SELECT 1) one LEFT JOIN analytics_rollup_state s ON s.name = 'users'
)
SELECT (SELECT coalesce(sum(users), 0) FROM analytics_user_days
        WHERE day::timestamp AT TIME ZONE 'UTC' < (SELECT at FROM b))::bigint
     + (SELECT count(*) FROM users WHERE created_at >= (SELECT at FROM b) AND created_at < t)
$$;

-- The overview's other counts, answered from small covering indexes instead of heap pages:
-- users deleted a window ago, and pending payments by currency.
CREATE INDEX users_deleted_at_idx ON users (deleted_at, created_at) WHERE status = 'deleted';
CREATE INDEX payments_pending_idx ON payments (currency) INCLUDE (amount_cents) WHERE status = 'pending';

GRANT SELECT ON analytics_mrr_days, analytics_mrr_periods, analytics_rollup_state, analytics_dirty_customers,
                 analytics_user_days TO ctl_viewer;
REVOKE ALL ON FUNCTION ctl_analytics_refresh() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ctl_analytics_refresh() TO ctl_viewer;
REVOKE ALL ON FUNCTION ctl_analytics_refresh_users() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ctl_analytics_refresh_users() TO ctl_viewer;
