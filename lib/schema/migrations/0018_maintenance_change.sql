-- `flags maintenance on|off` in one statement, as CI calls it: the audit context, the change
-- and the state it leaves, where ctl used to open a transaction, change, read back and commit
-- (four round trips against psql's one).

-- The state of maintenance mode, as `flags maintenance status` shows it: on while enabled and
-- not past its end. One definition for the status and for the state a change leaves.
CREATE VIEW ctl_maintenance_state AS
SELECT f.enabled AND (f.ends_at IS NULL OR f.ends_at > now()) AS maintenance, coalesce(f.message, '') AS message,
       f.ends_at, f.updated_at, f.updated_by
  FROM feature_flags f WHERE f.name = 'maintenance_mode';
GRANT SELECT ON ctl_maintenance_state TO ctl_viewer, ctl_ci;

-- Runs with the caller's rights: only those who may call ctl_set_maintenance (CI, admins) can
-- call it.
CREATE FUNCTION ctl_maintenance_change(p_command text, p_reason text, p_enabled boolean, p_message text,
                                       p_ends_at timestamptz)
RETURNS TABLE (changed boolean, maintenance boolean, message text, ends_at timestamptz, updated_at timestamptz,
               updated_by text)
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    did_change boolean;
BEGIN
    PERFORM set_config('ctl.command', coalesce(p_command, ''), true), set_config('ctl.reason', coalesce(p_reason, ''), true);
    did_change := ctl_set_maintenance(p_enabled, p_message, p_ends_at);
    RETURN QUERY SELECT did_change, s.* FROM ctl_maintenance_state s;
END $$;
REVOKE ALL ON FUNCTION ctl_maintenance_change(text, text, boolean, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ctl_maintenance_change(text, text, boolean, text, timestamptz) TO ctl_ci, ctl_admin;
