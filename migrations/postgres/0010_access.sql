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
UPDATE api_tokens SET id = replace(gen_random_uuid()::text, '-', '') WHERE id IS NULL;
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
