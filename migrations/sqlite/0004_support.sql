-- Help requests from teams, answered by the studio's success staff.
CREATE TABLE support_requests (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('background_correction', 'resize', 'custom_background', 'other')),
    headshot_ids TEXT NOT NULL DEFAULT '[]',
    message TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
    actor TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX support_requests_status ON support_requests (status, created_at);

-- The studio user who looks after the team (notified of its requests).
ALTER TABLE teams ADD COLUMN success_manager_id TEXT REFERENCES users(id) ON DELETE SET NULL;
