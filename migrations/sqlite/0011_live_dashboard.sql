-- The dashboard's live updates ask, every few seconds per open dashboard,
-- how many events a team's headshots have had.
CREATE INDEX headshot_events_team ON headshot_events (team_id);
