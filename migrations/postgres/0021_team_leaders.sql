-- A leader may lead several teams. `users.team_id` stays the team a new
-- sign-in opens on (the one last joined or switched to, always one the
-- leader leads); this table says which teams the account leads.
CREATE TABLE team_leaders (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_leaders_user ON team_leaders (user_id);
INSERT INTO team_leaders (team_id, user_id, added_at)
    SELECT team_id, id, created_at FROM users WHERE kind = 'leader' AND team_id IS NOT NULL;

-- An invitation to lead a team, sent to an account that already leads
-- other teams: the team joins that account only when its owner accepts
-- (from their dashboard). `name` is what the inviter typed.
CREATE TABLE leader_invitations (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX leader_invitations_user ON leader_invitations (user_id);

-- The team a browser session is looking at (NULL: a staff session). Checked against
-- `team_leaders` on every request, so leaving a team ends access to it.
ALTER TABLE sessions ADD COLUMN team_id TEXT REFERENCES teams(id) ON DELETE SET NULL;
UPDATE sessions SET team_id = (SELECT team_id FROM users WHERE users.id = sessions.user_id);

-- The digest goes out per leader and team (each team has its own zone and
-- its own news); the day of the last one moves here from `leader_notices`,
-- whose `digest_sent_on`/`digest_sent_at` are no longer read.
CREATE TABLE leader_digests (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    sent_on TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, team_id)
);
INSERT INTO leader_digests (user_id, team_id, sent_on, sent_at)
    SELECT n.user_id, u.team_id, n.digest_sent_on, n.digest_sent_at
    FROM leader_notices n JOIN users u ON u.id = n.user_id
    WHERE u.team_id IS NOT NULL AND n.digest_sent_on IS NOT NULL AND n.digest_sent_at IS NOT NULL;
