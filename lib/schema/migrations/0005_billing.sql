-- Billing (issue 5): what `ctl payments` needs beyond the platform schema of 0001.

-- Plans carry their feature list and quotas as JSON (shown by `payments plans`).
ALTER TABLE plans ADD COLUMN features jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(features) = 'array');
ALTER TABLE plans ADD COLUMN quotas jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(quotas) = 'object');

-- `payments list --provider P` and `--pending-over` order by time within the filter; the
-- provider's own id is looked up by `payments show` and `reconcile`.
CREATE INDEX payments_provider_payment_id_idx ON payments (provider_payment_id);

-- The seller printed on invoices. Admins edit these with `ctl flags settings set`.
INSERT INTO settings (key, value, description) VALUES
  ('billing.seller_name', '"ctl platform"', 'Seller name printed on invoices'),
  ('billing.seller_address', '""', 'Seller postal address printed on invoices (lines separated by \n)'),
  ('billing.seller_tax_id', '""', 'Seller tax or VAT number printed on invoices')
ON CONFLICT (key) DO NOTHING;
