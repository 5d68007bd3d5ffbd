-- The background library (the studio's free ones have no team) and the
-- teams' Headshot Styles. A headshot keeps a snapshot of the style it had
-- when it entered production.
CREATE TABLE backgrounds (
    id TEXT PRIMARY KEY,
    team_id TEXT REFERENCES teams(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('color', 'gradient', 'image')),
    spec TEXT NOT NULL,
    storage_key TEXT,
    free BIGINT NOT NULL DEFAULT 1,
    position BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX backgrounds_team ON backgrounds (team_id, position);

INSERT INTO backgrounds (id, team_id, name, kind, spec, free, position, created_at) VALUES
    ('bg-white', NULL, 'Clean white', 'color', '{"colors":["#ffffff"]}', 1, 1, 0),
    ('bg-light-grey', NULL, 'Studio grey', 'color', '{"colors":["#e6e8eb"]}', 1, 2, 0),
    ('bg-charcoal', NULL, 'Charcoal', 'color', '{"colors":["#2b2f36"]}', 1, 3, 0),
    ('bg-navy', NULL, 'Navy gradient', 'gradient', '{"colors":["#33507a","#101c30"]}', 1, 4, 0),
    ('bg-warm', NULL, 'Warm grey gradient', 'gradient', '{"colors":["#d9d2c7","#8f877c"]}', 1, 5, 0),
    ('bg-sky', NULL, 'Soft sky gradient', 'gradient', '{"colors":["#e8f1fb","#9db8d9"]}', 1, 6, 0);

CREATE TABLE styles (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    spec TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX styles_team ON styles (team_id, created_at);

ALTER TABLE headshots ADD COLUMN style_snapshot TEXT;
