-- Whether members may pay for their own re-edits and re-dos after the
-- guarantee (1), or a leader approves each charge first (0, the default).
ALTER TABLE teams ADD COLUMN members_may_spend BIGINT NOT NULL DEFAULT 0;

-- A member's paid re-edit or re-do waiting for a leader's approval.
CREATE TABLE spend_requests (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    headshot_id TEXT NOT NULL REFERENCES headshots(id) ON DELETE CASCADE,
    -- The billing item charged once approved (JSON, as payments.details).
    item TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    decision TEXT CHECK (decision IN ('approved', 'declined')),
    decided_by TEXT,
    decided_at BIGINT,
    payment_id TEXT
);
-- One open request per headshot: a double click asks once.
CREATE UNIQUE INDEX spend_requests_open ON spend_requests (headshot_id) WHERE decided_at IS NULL;
CREATE INDEX spend_requests_team ON spend_requests (team_id, created_at);
