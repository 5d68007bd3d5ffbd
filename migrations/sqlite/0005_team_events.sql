-- Team-level audit entries (headshot-level ones are in headshot_events).
CREATE TABLE team_events (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL
);
CREATE INDEX team_events_team ON team_events (team_id, at);
