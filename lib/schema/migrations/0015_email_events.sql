-- Operations, continued: what became of the e-mails ctl sent, and operator alert e-mails in the
-- send log.
--
-- `ctl email sync` asks Resend for the last event of each message it sent (sent, delivered,
-- delivery_delayed, bounced, complained, opened, clicked, ...) and records it here; a bounce or a
-- complaint turns the row's status to 'bounced'. SMTP relays cannot be asked, so their rows keep
-- no event. provider_event_at is when ctl recorded the event (Resend does not date it).
ALTER TABLE email_log ADD COLUMN provider_event text CHECK (provider_event ~ '^[a-z_]{1,40}$');
ALTER TABLE email_log ADD COLUMN provider_event_at timestamptz;

-- A recorded event is a change worth an audit row (the status change it may bring in the same
-- row). The send itself (queued, then sent or failed) is not audited: email_log is its record.
CREATE TRIGGER audit_provider_event AFTER UPDATE OF status, provider_event ON email_log
    FOR EACH ROW WHEN (OLD.provider_event IS DISTINCT FROM NEW.provider_event)
    EXECUTE FUNCTION ctl_audit_row('id', 'to_address', 'subject');

GRANT UPDATE (provider_event, provider_event_at) ON email_log TO ctl_support, ctl_billing;

-- alerts --notify records each alert e-mail in email_log and claims its notification in the same
-- transaction; a send that fails gives the claim back, so the next run tries again.
GRANT DELETE ON alert_notifications TO ctl_support;
