-- Slack sets only a person's own photo, so each member consents: the
-- team's connection names its workspace (`account_id`, the workspace id;
-- `account` its name), a member's consent on its way is found by its
-- `state` (hashed) and used once, and the member's token is kept sealed
-- until their photo is set, then deleted and revoked (a queued job).
ALTER TABLE push_connections ADD COLUMN account_id TEXT;
CREATE TABLE slack_photo_consents (
    state_hash TEXT PRIMARY KEY,
    headshot_id TEXT NOT NULL REFERENCES headshots(id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);
CREATE TABLE slack_photo_grants (
    headshot_id TEXT PRIMARY KEY REFERENCES headshots(id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL,
    slack_user TEXT NOT NULL,
    token_sealed TEXT NOT NULL,
    granted_at BIGINT NOT NULL
);
