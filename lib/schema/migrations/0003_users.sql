-- Users (issue 4): `ctl users search` matches phone, wallet and auth-provider id as well as
-- e-mail, name and company, best match first (pg_trgm similarity); these need trigram indexes
-- too. Filters of `ctl users list` (--active-since, --inactive-for) use the last-login index of
-- 0001; segment and payment filters use the foreign-key indexes.

CREATE INDEX users_phone_trgm_idx            ON users USING gin (phone gin_trgm_ops);
CREATE INDEX users_wallet_trgm_idx           ON users USING gin (wallet gin_trgm_ops);
CREATE INDEX users_auth_provider_id_trgm_idx ON users USING gin (auth_provider_id gin_trgm_ops);
-- resolve(): a wallet is matched case-insensitively.
CREATE INDEX users_wallet_lower_idx          ON users (lower(wallet));
-- --has-failed-payment and segment "at-risk".
CREATE INDEX payments_user_status_idx        ON payments (user_id, status);
-- impersonations by jti are unique already; revocation of a user's active ones:
CREATE INDEX impersonations_active_idx       ON impersonations (user_id) WHERE revoked_at IS NULL;
