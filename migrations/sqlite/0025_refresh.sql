-- Periodic refresh: a team may ask for a new headshot of each approved
-- member every `refresh_months` months (NULL: never). The refresh is a new
-- headshot pointing at the one it refreshes (`refresh_of`, one refresh per
-- headshot); the old one stays current until the new one is approved,
-- then `replaced_at` is set and the dashboard lists the new one alone.
ALTER TABLE teams ADD COLUMN refresh_months BIGINT;
ALTER TABLE headshots ADD COLUMN refresh_of TEXT REFERENCES headshots(id);
ALTER TABLE headshots ADD COLUMN replaced_at BIGINT;
CREATE UNIQUE INDEX headshots_refresh_of ON headshots (refresh_of);
-- The scheduler's question: a team's approved headshots, oldest first.
CREATE INDEX headshots_approved_at ON headshots (team_id, approved_at);
