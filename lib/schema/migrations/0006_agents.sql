-- Agents and deployments (issue 6): the deployment state machine, enforced here so that no
-- client (ctl, the main app, a psql session) can move a deployment the wrong way, and every
-- deployment change in the audit trail.
--
-- States: queued (waiting for a Devin session; "pending" to operators), running, and the
-- terminal succeeded, failed, cancelled and expired (the Devin session expired before it
-- finished). A terminal deployment never changes again: a retry is a new row, the next attempt.

ALTER TABLE deployments DROP CONSTRAINT deployments_status_check;
ALTER TABLE deployments ADD CONSTRAINT deployments_status_check
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired'));

-- The one definition of the allowed transitions; ctl asks this function too.
CREATE FUNCTION ctl_deployment_transition_allowed(p_from text, p_to text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT (p_from, p_to) IN (('queued', 'running'), ('queued', 'failed'), ('queued', 'cancelled'),
                              ('running', 'succeeded'), ('running', 'failed'), ('running', 'cancelled'),
                              ('running', 'expired'))
$$;

CREATE FUNCTION ctl_deployment_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT ctl_deployment_transition_allowed(OLD.status, NEW.status) THEN
        RAISE EXCEPTION 'deployment % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'a finished deployment stays finished; retry creates a new attempt';
    END IF;
    IF NEW.status = 'running' THEN
        NEW.started_at := coalesce(NEW.started_at, now());
    ELSE
        NEW.finished_at := coalesce(NEW.finished_at, now());
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER deployments_transition BEFORE UPDATE OF status ON deployments
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION ctl_deployment_transition();

-- At most one attempt of an agent in flight: a retry while one runs is a conflict.
CREATE UNIQUE INDEX deployments_one_in_flight_idx ON deployments (agent_id) WHERE status IN ('queued', 'running');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON deployments
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id');
