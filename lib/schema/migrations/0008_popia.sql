-- POPIA / GDPR (issue 9, DESIGN §12): request statuses of the issue, the `erased` user status,
-- consent purposes from settings with an append-only history, retention periods, and the two
-- narrow functions through which `ctl popia` records its work and purges old financial records.

-- Users: an erased person keeps their id (the pseudonym under which financial records stay).
ALTER TABLE users DROP CONSTRAINT users_status_check;
ALTER TABLE users ADD CONSTRAINT users_status_check
    CHECK (status IN ('active', 'suspended', 'banned', 'deleted', 'erased'));

-- Requests: `completed` is the issue's name for a request that was done; `closed` stays valid
-- for rows written before (it reads as completed).
ALTER TABLE popia_requests DROP CONSTRAINT popia_requests_status_check;
ALTER TABLE popia_requests ADD CONSTRAINT popia_requests_status_check
    CHECK (status IN ('open', 'in_progress', 'completed', 'rejected', 'closed'));
CREATE INDEX popia_requests_due_idx  ON popia_requests (due_at, id);
CREATE INDEX popia_requests_kind_idx ON popia_requests (kind, due_at);

-- Consents: purposes come from the setting popia.consent_purposes; every change is a new row.
ALTER TABLE consents DROP CONSTRAINT consents_purpose_check;
ALTER TABLE consents ADD CONSTRAINT consents_purpose_check CHECK (purpose ~ '^[a-z][a-z0-9_]*$');
ALTER TABLE consents ADD COLUMN source text;
ALTER TABLE consents ADD COLUMN recorded_by text NOT NULL DEFAULT session_user;
CREATE INDEX consents_created_idx ON consents (created_at) WHERE ip IS NOT NULL;

-- History is never overwritten: the only update allowed clears the personal field (ip), as
-- erasure and retention do. Deletion follows the user's own deletion (ON DELETE CASCADE).
CREATE FUNCTION ctl_consents_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.ip IS NULL
       AND (OLD.id, OLD.user_id, OLD.purpose, OLD.granted, OLD.created_at, OLD.source, OLD.recorded_by)
           IS NOT DISTINCT FROM
           (NEW.id, NEW.user_id, NEW.purpose, NEW.granted, NEW.created_at, NEW.source, NEW.recorded_by) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'consent history is append-only'
        USING ERRCODE = 'insufficient_privilege', HINT = 'record a new grant or withdrawal instead';
END $$;
CREATE TRIGGER consents_append_only BEFORE UPDATE ON consents
    FOR EACH ROW EXECUTE FUNCTION ctl_consents_append_only();

-- Indexes for retention: the oldest rows of each data class.
CREATE INDEX email_log_to_address_idx ON email_log (lower(to_address));
CREATE INDEX refunds_created_user_idx  ON refunds (user_id, created_at);

INSERT INTO settings (key, value, description) VALUES
    ('popia.retention_days',
     '{"logins": 90, "ip_addresses": 90, "activity": 365, "email_log": 365, "erased_financial": 1825}',
     'Days personal data is kept, per data class (ctl popia retention)'),
    ('popia.consent_purposes',
     '["terms", "privacy", "marketing", "marketing_email", "analytics", "call_recording"]',
     'Purposes a person can grant or withdraw consent for (ctl popia consent)')
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, description = EXCLUDED.description;

-- One audit row for work the row triggers do not see (tables without an audit trigger) or
-- summarise (an erasure, a retention run). The payload holds counts, never personal data.
CREATE FUNCTION ctl_popia_record(p_action text, p_entity_type text, p_entity_id text, p_summary jsonb)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT ctl_audit_write(p_action, p_entity_type, p_entity_id, NULL, p_summary)
$$;
REVOKE ALL ON FUNCTION ctl_popia_record(text, text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ctl_popia_record(text, text, text, jsonb) TO ctl_admin;

-- Retention of erased people's financial records: after the legal period, their refunds,
-- invoices and payments older than `cutoff` go. Admins may not delete payments otherwise, so
-- this is the narrow door. Returns the rows deleted per table (the audit triggers record each).
CREATE FUNCTION ctl_popia_purge_financial(p_cutoff timestamptz, OUT refunds bigint, OUT invoices bigint,
                                          OUT payments bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM refunds r USING users u
     WHERE u.id = r.user_id AND u.status = 'erased' AND r.created_at < p_cutoff;
    GET DIAGNOSTICS refunds = ROW_COUNT;
    DELETE FROM invoices i USING users u
     WHERE u.id = i.user_id AND u.status = 'erased' AND i.issued_at < p_cutoff;
    GET DIAGNOSTICS invoices = ROW_COUNT;
    DELETE FROM payments p USING users u
     WHERE u.id = p.user_id AND u.status = 'erased' AND p.created_at < p_cutoff
       AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.payment_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.payment_id = p.id);
    GET DIAGNOSTICS payments = ROW_COUNT;
END $$;
REVOKE ALL ON FUNCTION ctl_popia_purge_financial(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ctl_popia_purge_financial(timestamptz) TO ctl_admin;
