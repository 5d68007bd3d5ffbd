-- Sign-in through an identity provider (OpenID Connect): the studio's one
-- for its staff (owner 'studio'), and each team's for its leaders (owner
-- 'team:<id>'). The client secret is sealed with a key derived from the
-- server's secret key: a database dump does not reveal it.
CREATE TABLE sso_providers (
    owner TEXT PRIMARY KEY,
    team_id TEXT REFERENCES teams(id) ON DELETE CASCADE,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret_sealed TEXT NOT NULL,
    -- Lower-case mail domains, separated by spaces.
    allowed_domains TEXT NOT NULL,
    -- 1: a person of an allowed domain without an account becomes one of
    -- the team's leaders at their first sign-in (never for staff).
    create_accounts BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);
-- A sign-in on its way to the provider and back: found by its `state`
-- (hashed), usable once, bound to the browser that started it.
CREATE TABLE sso_logins (
    state_hash TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    browser_hash TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sso_logins_expiry ON sso_logins (expires_at);
-- Which account a person of a provider is: their subject stays when their
-- address changes, and one subject never becomes another's account.
CREATE TABLE sso_identities (
    owner TEXT NOT NULL,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (owner, issuer, subject)
);
-- One subject per account and provider, even when two sign in at once.
CREATE UNIQUE INDEX sso_identities_user ON sso_identities (owner, issuer, user_id);
-- A session a team's provider opened (that team's id): it vouches for that
-- team alone, so the session ends once the account leads another team, and
-- it may not set a password or accept an invitation to another team.
ALTER TABLE sessions ADD COLUMN sso_team_id TEXT;
-- The same for a sign-in waiting for its second factor.
ALTER TABLE sign_in_challenges ADD COLUMN sso_team_id TEXT;
