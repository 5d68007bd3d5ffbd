-- Open invite links: whoever has the link and an address at one of its
-- domains may add themselves to the team (one credit each), up to `cap`
-- people, until `expires_at`, unless a leader revoked it.
CREATE TABLE invite_links (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    -- SHA-256 of the link's secret. The secret is derived from the server
    -- key and the id, so leaders can copy the link again; only this hash
    -- finds the link.
    secret_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- Allowed address domains, lower case, separated by spaces.
    domains TEXT NOT NULL,
    cap BIGINT NOT NULL CHECK (cap > 0),
    used BIGINT NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= cap),
    expires_at BIGINT NOT NULL,
    due_date TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX invite_links_team ON invite_links (team_id, created_at);

-- People who asked to join through a link. Nothing is spent until the
-- address is confirmed from an email; then the headshot is made.
CREATE TABLE invite_link_joins (
    id TEXT PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES invite_links(id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    -- The confirmation link's secret, hashed; made when the email is
    -- written (NULL until then).
    token_hash TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    headshot_id TEXT REFERENCES headshots(id) ON DELETE SET NULL
);
CREATE INDEX invite_link_joins_link ON invite_link_joins (link_id, email);
