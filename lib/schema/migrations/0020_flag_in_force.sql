-- "A flag is on while enabled and not past its ends_at" was written in ctl_maintenance_state
-- (0018) and again in ctl's queries of flags in production (list, get, export). One definition
-- for both; simple enough for the planner to inline.
CREATE FUNCTION ctl_flag_in_force(enabled boolean, ends_at timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT enabled AND (ends_at IS NULL OR ends_at > now()) $$;

CREATE OR REPLACE VIEW ctl_maintenance_state AS
SELECT ctl_flag_in_force(f.enabled, f.ends_at) AS maintenance, coalesce(f.message, '') AS message,
       f.ends_at, f.updated_at, f.updated_by
  FROM feature_flags f WHERE f.name = 'maintenance_mode';
