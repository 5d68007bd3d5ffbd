-- Access that can be taken back: named, listable, revocable API tokens;
-- staff who can be deactivated; sessions that know how they began (a fresh
-- sign-in link may set a password without the old one).

ALTER TABLE api_tokens ADD COLUMN id TEXT;
ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT 'API token';
-- The first characters of the secret, shown so a person can tell tokens
-- apart; NULL for tokens made before names existed.
ALTER TABLE api_tokens ADD COLUMN prefix TEXT;
ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN created_by TEXT;
UPDATE api_tokens SET id = lower(hex(randomblob(16))) WHERE id IS NULL;
CREATE UNIQUE INDEX api_tokens_id ON api_tokens (id);
CREATE INDEX api_tokens_team ON api_tokens (team_id);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

ALTER TABLE users ADD COLUMN disabled_at BIGINT;

-- When the session was opened by a one-time sign-in link (NULL for a
-- password sign-in).
ALTER TABLE sessions ADD COLUMN via_link_at BIGINT;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX login_links_user ON login_links (user_id);

-- The studio's own audit trail: sign-ins, settings and prices, credit
-- grants, invoices marked paid, tokens and staff changes.
CREATE TABLE studio_events (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    -- The client address the request came from (NULL: the command line or
    -- a background job).
    address TEXT,
    action TEXT NOT NULL
);
CREATE INDEX studio_events_at ON studio_events (at);

-- Two-factor sign-in (TOTP, RFC 6238). The secret is sealed with a key
-- stream derived from the server key and a per-enrolment nonce, so a copy of
-- the database alone does not reveal it. Until `totp_enabled_at` is set the
-- secret is a pending enrolment.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at BIGINT;
-- The last time step accepted: a code works once.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

-- One-time recovery codes, stored as SHA-256.
CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- A password or sign-in link that was right, waiting for the second factor.
CREATE TABLE sign_in_challenges (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    via_link BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- The Idempotency-Key a payment was made under, written in the payment's own
-- transaction: a retry after a crash (the answer never stored) finds the
-- payment instead of making a second one.
ALTER TABLE payments ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX payments_idempotency ON payments (team_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
