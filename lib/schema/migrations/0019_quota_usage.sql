-- The alerts' quota rule compared every active user's agents, and this month's minutes and API
-- calls, with the user's quotas on every run: 2.6 s on 1M users, nearly all of it counting 759k
-- agents and summing 346k usage rows per user, then joining them to every user. Now the counts
-- are kept as they change, next to the quota they are measured against, with the level reached
-- (percent of the quota) indexed: the rule reads only the rows at or above its lowest level.
-- What the writers pay: a statement on usage or agents costs about 0.4 ms more (one upsert per
-- user it touches); one writing 100,000 usage rows takes 3.8 s instead of 0.75 s. Rows of past
-- months stay until ctl_quota_usage_rebuild() (below) clears them. This migration takes 13 s on
-- 1M users.
CREATE TABLE quota_usage (
    user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource  text NOT NULL CHECK (resource IN ('minutes', 'api_calls', 'agents')),
    -- The month counted (its first day, UTC); 'infinity' for agents, which are not counted by month.
    month     date NOT NULL,
    used      bigint NOT NULL,
    quota     bigint NOT NULL,
    level     numeric GENERATED ALWAYS AS (CASE WHEN quota > 0 THEN 100.0 * used / quota END) STORED,
    PRIMARY KEY (user_id, resource, month)
);
CREATE INDEX quota_usage_level_idx ON quota_usage (month, level) WHERE level IS NOT NULL;
COMMENT ON TABLE quota_usage IS
    'Derived, kept by triggers on usage, agents and users (migration 0019); never written by ctl.';

-- The month quota_usage counts now.
CREATE FUNCTION ctl_quota_month() RETURNS date
LANGUAGE sql STABLE AS $$ SELECT date_trunc('month', now() AT TIME ZONE 'UTC')::date $$;

-- A user's quota of a resource.
CREATE FUNCTION ctl_quota_of(u users, resource text) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE resource WHEN 'minutes' THEN u.minute_quota WHEN 'api_calls' THEN u.api_call_quota
                         ELSE u.agent_quota END
$$;

-- The statement that adds `changes` to the counts: a query over rows of `tbl` (usage or agents)
-- with a column `sign`, 1 for a row that now counts and -1 for one that no longer does. Usage
-- counts only from the current month on: an earlier month is never read again. The quota is the
-- user's; a user deleted by the same statement has no rows left to count in.
CREATE FUNCTION ctl_quota_usage_sql(tbl text, changes text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'INSERT INTO quota_usage AS q (user_id, resource, month, used, quota) '
        || CASE tbl WHEN 'usage' THEN format($q$
            SELECT d.user_id, r.resource, d.month, r.used, ctl_quota_of(u, r.resource)
              FROM (SELECT c.user_id, date_trunc('month', c.day::timestamp)::date AS month,
                           sum(c.sign * c.minutes) AS minutes, sum(c.sign * c.api_calls) AS api_calls
                      FROM (%s) c
                     WHERE c.day >= ctl_quota_month()
                     GROUP BY 1, 2) d
              JOIN users u ON u.id = d.user_id
             CROSS JOIN LATERAL (VALUES ('minutes', d.minutes), ('api_calls', d.api_calls)) r(resource, used)
             WHERE r.used <> 0 $q$, changes)
        ELSE format($q$
            SELECT d.user_id, 'agents', 'infinity', d.n, ctl_quota_of(u, 'agents')
              FROM (SELECT c.user_id, sum(c.sign) AS n FROM (%s) c WHERE c.status <> 'deleted'
                     GROUP BY 1 HAVING sum(c.sign) <> 0) d
              JOIN users u ON u.id = d.user_id $q$, changes) END
        || 'ON CONFLICT (user_id, resource, month) DO UPDATE SET used = q.used + EXCLUDED.used'
$$;

-- Adds the changes of one statement on usage or agents (its transition tables) to the counts.
-- Security definer: whoever may write usage or agents needs no grant on the counts.
CREATE FUNCTION ctl_quota_usage_count() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE ctl_quota_usage_sql(TG_TABLE_NAME, CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM new_rows n'
        WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM old_rows o'
        ELSE 'SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 FROM old_rows o' END);
    RETURN NULL;
END $$;

-- One statement trigger per event on each counted table, each with its transition tables.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['usage', 'agents'] LOOP
        EXECUTE format('CREATE TRIGGER quota_usage_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION ctl_quota_usage_count()', t);
        EXECUTE format('CREATE TRIGGER quota_usage_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows '
                       'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ctl_quota_usage_count()', t);
        EXECUTE format('CREATE TRIGGER quota_usage_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION ctl_quota_usage_count()', t);
    END LOOP;
END $$;

-- A changed quota (users quota set, a plan change) reaches the user's counts.
CREATE FUNCTION ctl_quota_usage_quotas() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE quota_usage SET quota = ctl_quota_of(NEW, resource) WHERE user_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER quota_usage_quotas AFTER UPDATE OF minute_quota, api_call_quota, agent_quota ON users
    FOR EACH ROW WHEN (OLD.minute_quota IS DISTINCT FROM NEW.minute_quota
                       OR OLD.api_call_quota IS DISTINCT FROM NEW.api_call_quota
                       OR OLD.agent_quota IS DISTINCT FROM NEW.agent_quota)
    EXECUTE FUNCTION ctl_quota_usage_quotas();

-- The counts computed afresh, every row of usage and agents counted once: here, and after
-- `db seed`, which loads those tables with their triggers paused.
CREATE FUNCTION ctl_quota_usage_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM quota_usage;
    EXECUTE ctl_quota_usage_sql('usage', 'SELECT x.*, 1 AS sign FROM usage x');
    EXECUTE ctl_quota_usage_sql('agents', 'SELECT x.*, 1 AS sign FROM agents x');
END $$;
SELECT ctl_quota_usage_rebuild();

REVOKE ALL ON FUNCTION ctl_quota_usage_rebuild() FROM PUBLIC;
GRANT SELECT ON quota_usage TO ctl_viewer;
ANALYZE quota_usage;
