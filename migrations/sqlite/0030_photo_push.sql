-- Approved headshots set as profile photos where colleagues see them: a
-- team's connection to each service (Microsoft Entra ID: the tenant whose
-- admin consented; Google Workspace: the administrator who consented, and
-- the refresh token, sealed with a key derived from the server's secret
-- key), the consents on their way, and each headshot's push.
CREATE TABLE push_connections (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    account TEXT NOT NULL,
    secret_sealed TEXT,
    connected_at BIGINT NOT NULL,
    connected_by TEXT NOT NULL,
    PRIMARY KEY (team_id, provider)
);
-- Found by its `state` (hashed), usable once, by the leader who began it.
CREATE TABLE push_consents (
    state_hash TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    user_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
-- 'waiting', 'pushed', 'retrying', 'failed' or 'no_account' (nobody with
-- the member's address at the provider); `detail` says why.
CREATE TABLE photo_pushes (
    headshot_id TEXT NOT NULL REFERENCES headshots(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    state TEXT NOT NULL,
    detail TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (headshot_id, provider)
);
