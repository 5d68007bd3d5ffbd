-- Companies that asked for a team on the studio's Get started page. Nothing
-- else exists until the address is confirmed: then the team, its leader and
-- its payment (an invoice, or a Stripe checkout that credits the team when
-- paid).
CREATE TABLE signups (
    id TEXT PRIMARY KEY,
    company TEXT NOT NULL,
    leader_name TEXT NOT NULL,
    email TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    -- The browser's IANA zone (NULL: UTC).
    timezone TEXT,
    -- The confirmation link's secret, hashed; made when the email is
    -- written (NULL until then).
    token_hash TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    team_id TEXT REFERENCES teams(id) ON DELETE SET NULL
);
CREATE INDEX signups_email ON signups (email, created_at);
