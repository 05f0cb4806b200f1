-- Security and audit (DESIGN §2, §8): group roles and their grants (the permission matrix),
-- the tamper-evident audit trail written by triggers in the same transaction as each change,
-- and the SECURITY DEFINER functions through which narrow privileges are granted (maintenance
-- mode for CI, operator management for owners). The grants, not ctl, are the guard: a direct
-- psql session as the same role meets the same refusals.

CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Group roles are cluster-wide; another database of the cluster may have created them already.
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['ctl_viewer', 'ctl_support', 'ctl_billing', 'ctl_admin', 'ctl_owner', 'ctl_ci'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- created concurrently by a migration of another database
            END;
        END IF;
    END LOOP;
END $$;

GRANT ctl_viewer TO ctl_support;
GRANT ctl_viewer TO ctl_billing;
GRANT ctl_support TO ctl_admin;
GRANT ctl_billing TO ctl_admin;
GRANT ctl_admin TO ctl_owner;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ctl_viewer, ctl_ci;

-- Private state of the security functions: nobody but their owner reads it.
CREATE SCHEMA ctl_private;
REVOKE ALL ON SCHEMA ctl_private FROM PUBLIC;
CREATE TABLE ctl_private.audit_key (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    key        bytea NOT NULL
);
INSERT INTO ctl_private.audit_key (key) VALUES (gen_random_bytes(32));

-- Settings: secret values are visible only to admins and owners; everyone else reads the view.
CREATE VIEW settings_visible WITH (security_barrier) AS
SELECT key,
       CASE WHEN secret AND NOT pg_has_role(current_user, 'ctl_admin', 'MEMBER')
            THEN to_jsonb('[secret]'::text) ELSE value END AS value,
       secret, description, updated_at, updated_by
FROM settings;

-- ---- the permission matrix ----------------------------------------------------------------

-- viewer: read everything except secret settings and the audit trail.
GRANT SELECT ON plans, users, logins, agents, coupons, subscriptions, subscription_events, payments,
                refunds, invoice_sequences, invoices, deployments, activity, usage, admin_notes,
                feature_flags, popia_requests, consents, email_log, impersonations,
                ctl_schema_migrations, settings_visible
      TO ctl_viewer;

-- support: user actions, notes, impersonation, credits up to a limit, agent redeploy/verify.
GRANT UPDATE (email, name, company, phone, status, status_reason, trial_ends_at, credits, agent_quota,
              api_call_quota, minute_quota, updated_at, deleted_at)
      ON users TO ctl_support;
GRANT INSERT ON admin_notes, impersonations, activity, deployments, email_log TO ctl_support;
GRANT UPDATE (revoked_at) ON impersonations TO ctl_support;
GRANT UPDATE (status, verified, verified_at, bot_username, updated_at) ON agents TO ctl_support;
GRANT UPDATE (status, devin_session_id, started_at, finished_at, error, output) ON deployments TO ctl_support;

-- billing: payments, refunds, invoices, subscriptions, plans, coupons.
GRANT INSERT, UPDATE ON payments, refunds, invoices, invoice_sequences, subscriptions, subscription_events,
                        plans, coupons
      TO ctl_billing;
GRANT INSERT ON activity, email_log TO ctl_billing;

-- admin: support + billing + flags, settings, agent edit/delete, POPIA processing, the audit trail.
GRANT SELECT, INSERT, UPDATE, DELETE ON feature_flags, settings, popia_requests, consents TO ctl_admin;
GRANT UPDATE, DELETE ON agents TO ctl_admin;
GRANT UPDATE, DELETE ON users, logins, activity, usage, admin_notes, email_log, deployments TO ctl_admin;
GRANT INSERT ON users, agents, logins, usage TO ctl_admin;
GRANT SELECT ON audit_log TO ctl_admin;

-- owner: everything (operator management goes through the functions below).
GRANT SELECT, INSERT, UPDATE, DELETE ON plans, users, logins, agents, coupons, subscriptions,
                subscription_events, payments, refunds, invoice_sequences, invoices, deployments, activity,
                usage, admin_notes, feature_flags, settings, popia_requests, consents, email_log,
                impersonations
      TO ctl_owner;

-- ci: read flags; toggling maintenance mode goes through ctl_set_maintenance().
GRANT SELECT ON feature_flags TO ctl_ci;

-- Nobody writes the audit trail directly: only the SECURITY DEFINER triggers and functions do.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

-- ---- the audit trail -----------------------------------------------------------------------

-- Personal data never enters an audit payload in clear: it is replaced by a keyed hash, so two
-- rows about the same value can be matched without the value being kept (and erasure never has
-- to rewrite history).
CREATE FUNCTION ctl_audit_redact(payload jsonb, columns text[]) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    c text;
    k bytea;
BEGIN
    IF payload IS NULL OR columns IS NULL OR cardinality(columns) = 0 THEN
        RETURN payload;
    END IF;
    SELECT key INTO k FROM ctl_private.audit_key;
    FOREACH c IN ARRAY columns LOOP
        IF payload ? c AND jsonb_typeof(payload -> c) <> 'null' THEN
            payload := jsonb_set(payload, ARRAY[c], to_jsonb('hmac:' ||
                       left(encode(hmac(convert_to(payload ->> c, 'UTF8'), k, 'sha256'), 'hex'), 24)));
        END IF;
    END LOOP;
    RETURN payload;
END $$;

-- The canonical text of an audit row: what its hash covers. Independent of session settings.
CREATE FUNCTION ctl_audit_canonical(r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_array(r.id, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                             r.actor, r.action, r.command, r.entity_type, r.entity_id, r.before, r.after,
                             r.reason, host(r.client_addr), r.application, r.txid)::text
$$;

CREATE FUNCTION ctl_audit_hash(prev bytea, r audit_log) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(coalesce(prev, ''::bytea) || convert_to(ctl_audit_canonical(r), 'UTF8'))
$$;

-- Chaining happens at commit. A new row gets a provisional negative id; a deferred constraint
-- trigger then takes a transaction-level advisory lock, reads the last sealed row, and seals the
-- new one with the next gap-free id, its predecessor's hash and its own. The lock is taken only
-- once the transaction's own work is done, so the writer holding it never waits for a row lock:
-- concurrent writers are serialised into one chain without deadlocking on each other's rows.
CREATE SEQUENCE ctl_private.audit_provisional_id INCREMENT BY -1 START WITH -1 MAXVALUE -1 NO MINVALUE;

CREATE FUNCTION ctl_audit_stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    NEW.id := nextval('ctl_private.audit_provisional_id');
    NEW.at := clock_timestamp();
    NEW.actor := session_user;
    NEW.txid := txid_current();
    NEW.prev_hash := NULL;
    NEW.hash := NULL;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION ctl_audit_stamp();

CREATE FUNCTION ctl_audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    last_id bigint;
    last_hash bytea;
    sealed audit_log;
BEGIN
    PERFORM pg_advisory_xact_lock(7310557834637838963);
    SELECT id, hash INTO last_id, last_hash FROM audit_log WHERE id > 0 ORDER BY id DESC LIMIT 1;
    sealed := NEW;
    sealed.id := coalesce(last_id, 0) + 1;
    sealed.prev_hash := last_hash;
    sealed.hash := ctl_audit_hash(last_hash, sealed);
    UPDATE audit_log SET id = sealed.id, prev_hash = sealed.prev_hash, hash = sealed.hash WHERE id = NEW.id;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER audit_log_seal AFTER INSERT ON audit_log DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_seal();

-- Rows never change, except the one sealing update of a provisional row in its own transaction.
CREATE FUNCTION ctl_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'audit_log is append-only'
            USING ERRCODE = 'insufficient_privilege', HINT = 'the audit trail cannot be changed or deleted';
    END IF;
    IF OLD.id < 0 AND OLD.hash IS NULL AND NEW.id > 0
       AND NEW.hash = ctl_audit_hash(NEW.prev_hash, NEW)
       AND (OLD.at, OLD.actor, OLD.action, OLD.command, OLD.entity_type, OLD.entity_id, OLD.reason,
            OLD.client_addr, OLD.application, OLD.txid)
           IS NOT DISTINCT FROM
           (NEW.at, NEW.actor, NEW.action, NEW.command, NEW.entity_type, NEW.entity_id, NEW.reason,
            NEW.client_addr, NEW.application, NEW.txid)
       AND OLD.before IS NOT DISTINCT FROM NEW.before AND OLD.after IS NOT DISTINCT FROM NEW.after THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only'
        USING ERRCODE = 'insufficient_privilege', HINT = 'the audit trail cannot be changed or deleted';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION ctl_audit_append_only();

-- Writes one audit row; used by the row trigger and by the functions that change roles.
CREATE FUNCTION ctl_audit_write(p_action text, p_entity_type text, p_entity_id text, p_before jsonb,
                                p_after jsonb) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO audit_log (id, action, command, entity_type, entity_id, before, after, reason, client_addr,
                           application)
    VALUES (0, p_action, nullif(current_setting('ctl.command', true), ''), p_entity_type, p_entity_id,
            p_before, p_after, nullif(current_setting('ctl.reason', true), ''), inet_client_addr(),
            nullif(current_setting('application_name', true), ''))
$$;

-- The row trigger. Arguments: the key column, then the columns holding personal data.
-- Updates record only the columns that changed; an update that changes nothing records nothing.
CREATE FUNCTION ctl_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    personal text[] := TG_ARGV[1:];
    before_values jsonb;
    after_values jsonb;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        SELECT jsonb_object_agg(o.key, o.value) INTO before_values
        FROM jsonb_each(old_row) o WHERE o.value IS DISTINCT FROM new_row -> o.key;
        SELECT jsonb_object_agg(n.key, n.value) INTO after_values
        FROM jsonb_each(new_row) n WHERE n.value IS DISTINCT FROM old_row -> n.key;
        IF before_values IS NULL AND after_values IS NULL THEN
            RETURN NULL;
        END IF;
    ELSE
        before_values := old_row;
        after_values := new_row;
    END IF;
    IF TG_TABLE_NAME = 'settings' AND coalesce((new_row ->> 'secret')::boolean, (old_row ->> 'secret')::boolean) THEN
        personal := personal || ARRAY['value'];
    END IF;
    PERFORM ctl_audit_write(lower(TG_OP), TG_TABLE_NAME,
                            coalesce(new_row ->> TG_ARGV[0], old_row ->> TG_ARGV[0]),
                            ctl_audit_redact(before_values, personal), ctl_audit_redact(after_values, personal));
    RETURN NULL;
END $$;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id', 'email', 'name', 'phone', 'wallet', 'auth_provider_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON agents
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON subscriptions
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON refunds
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON plans
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON coupons
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON feature_flags
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('name');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON settings
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('key');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON admin_notes
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id', 'nonce', 'ciphertext');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON popia_requests
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id', 'details', 'resolution');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON consents
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id', 'ip');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON impersonations
    FOR EACH ROW EXECUTE FUNCTION ctl_audit_row('id');

-- Support may grant credits only up to settings.support.credit_limit per change; admins and
-- owners have no limit.
CREATE FUNCTION ctl_check_credit_grant() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    credit_limit bigint;
BEGIN
    IF NEW.credits - OLD.credits <= 0 OR pg_has_role(session_user, 'ctl_admin', 'MEMBER') THEN
        RETURN NEW;
    END IF;
    SELECT (value #>> '{}')::bigint INTO credit_limit FROM settings WHERE key = 'support.credit_limit';
    credit_limit := coalesce(credit_limit, 500);
    IF NEW.credits - OLD.credits > credit_limit THEN
        RAISE EXCEPTION 'a grant of % credits exceeds the support limit of %', NEW.credits - OLD.credits, credit_limit
            USING ERRCODE = 'insufficient_privilege', HINT = 'an admin can grant more (setting support.credit_limit)';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER users_credit_limit BEFORE UPDATE OF credits ON users
    FOR EACH ROW EXECUTE FUNCTION ctl_check_credit_grant();

-- ---- narrow privileges through functions ---------------------------------------------------

-- Maintenance mode: the only change CI may make. Returns true when the state changed.
CREATE FUNCTION ctl_set_maintenance(p_enabled boolean, p_message text DEFAULT NULL) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed integer;
BEGIN
    UPDATE feature_flags
       SET enabled = p_enabled,
           message = CASE WHEN p_enabled THEN coalesce(p_message, message) ELSE message END,
           updated_at = now(), updated_by = session_user
     WHERE name = 'maintenance_mode'
       AND (enabled IS DISTINCT FROM p_enabled
            OR (p_enabled AND p_message IS NOT NULL AND message IS DISTINCT FROM p_message));
    GET DIAGNOSTICS changed = ROW_COUNT;
    IF changed > 0 THEN
        PERFORM pg_notify('ctl_flags', 'maintenance_mode');
    END IF;
    RETURN changed > 0;
END $$;
REVOKE ALL ON FUNCTION ctl_set_maintenance(boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ctl_set_maintenance(boolean, text) TO ctl_ci, ctl_admin;

-- Operators: login roles that are members of exactly one ctl group.
CREATE VIEW ctl_operators AS
SELECT r.rolname AS name,
       substr(g.rolname, 5) AS role,
       r.rolcanlogin AS can_login,
       r.rolvaliduntil AS valid_until
FROM pg_roles r
JOIN pg_auth_members m ON m.member = r.oid
JOIN pg_roles g ON g.oid = m.roleid
WHERE g.rolname IN ('ctl_viewer', 'ctl_support', 'ctl_billing', 'ctl_admin', 'ctl_owner', 'ctl_ci')
  AND r.rolname NOT LIKE 'ctl\_%';
GRANT SELECT ON ctl_operators TO ctl_viewer, ctl_ci;

CREATE FUNCTION ctl_group_of(p_role text) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN p_role IN ('viewer', 'support', 'billing', 'admin', 'owner', 'ci') THEN 'ctl_' || p_role END
$$;

-- p_password is a SCRAM verifier computed by the client (PQencryptPasswordConn), never plaintext.
CREATE FUNCTION ctl_operator_add(p_name text, p_role text, p_password text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    grp text := ctl_group_of(p_role);
BEGIN
    IF grp IS NULL THEN
        RAISE EXCEPTION 'unknown role "%"', p_role USING ERRCODE = 'invalid_parameter_value',
            HINT = 'one of viewer, support, billing, admin, owner, ci';
    END IF;
    IF p_name !~ '^[a-z_][a-z0-9_.-]{0,62}$' OR p_name LIKE 'ctl\_%' OR p_name LIKE 'pg\_%' THEN
        RAISE EXCEPTION 'invalid operator name "%"', p_name USING ERRCODE = 'invalid_parameter_value',
            HINT = 'lower-case letters, digits, _ . -; not starting with ctl_ or pg_';
    END IF;
    IF p_password IS NULL OR p_password !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'the password must be a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
        RAISE EXCEPTION 'role "%" already exists', p_name USING ERRCODE = 'duplicate_object';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_name, p_password, grp);
    PERFORM ctl_audit_write('role.add', 'operator', p_name, NULL, jsonb_build_object('role', p_role));
END $$;

CREATE FUNCTION ctl_operator_set_role(p_name text, p_role text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    grp text := ctl_group_of(p_role);
    previous text;
    old_group text;
BEGIN
    IF grp IS NULL THEN
        RAISE EXCEPTION 'unknown role "%"', p_role USING ERRCODE = 'invalid_parameter_value',
            HINT = 'one of viewer, support, billing, admin, owner, ci';
    END IF;
    SELECT string_agg(role, ',' ORDER BY role) INTO previous FROM ctl_operators WHERE name = p_name;
    IF previous IS NULL THEN
        RAISE EXCEPTION 'operator "%" not found', p_name USING ERRCODE = 'no_data_found';
    END IF;
    IF previous = p_role THEN
        RETURN false;
    END IF;
    FOR old_group IN SELECT 'ctl_' || role FROM ctl_operators WHERE name = p_name LOOP
        EXECUTE format('REVOKE %I FROM %I', old_group, p_name);
    END LOOP;
    EXECUTE format('GRANT %I TO %I', grp, p_name);
    PERFORM ctl_audit_write('role.change', 'operator', p_name, jsonb_build_object('role', previous),
                            jsonb_build_object('role', p_role));
    RETURN true;
END $$;

CREATE FUNCTION ctl_operator_remove(p_name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    old_role text;
BEGIN
    SELECT string_agg(role, ',' ORDER BY role) INTO old_role FROM ctl_operators WHERE name = p_name;
    IF old_role IS NULL THEN
        RAISE EXCEPTION 'operator "%" not found', p_name USING ERRCODE = 'no_data_found';
    END IF;
    IF p_name = session_user THEN
        RAISE EXCEPTION 'an operator cannot remove themselves' USING ERRCODE = 'object_in_use';
    END IF;
    EXECUTE format('DROP ROLE %I', p_name);
    PERFORM ctl_audit_write('role.remove', 'operator', p_name, jsonb_build_object('role', old_role), NULL);
END $$;

REVOKE ALL ON FUNCTION ctl_operator_add(text, text, text), ctl_operator_set_role(text, text),
                       ctl_operator_remove(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ctl_operator_add(text, text, text), ctl_operator_set_role(text, text),
                          ctl_operator_remove(text) TO ctl_owner;

-- The audit export is an owner's privilege; list/show/verify are open to admins (they can read
-- the table). The check is the database's: a non-owner calling it is refused.
CREATE FUNCTION ctl_require_owner() RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF NOT pg_has_role(session_user, 'ctl_owner', 'MEMBER') THEN
        RAISE EXCEPTION 'audit export is reserved to owners' USING ERRCODE = 'insufficient_privilege',
            HINT = 'role ' || session_user || ' lacks membership of ctl_owner';
    END IF;
END $$;

INSERT INTO settings (key, value, description)
VALUES ('support.credit_limit', '500', 'Most credits a support operator may grant in one change')
ON CONFLICT (key) DO NOTHING;
