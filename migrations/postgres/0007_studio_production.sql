-- Studio production: the blurred-office library background (drawn by the
-- render engine, no file), claims on retouching jobs, the delivery counter
-- that names each delivery's files, editable studio settings, and replies to
-- help requests.
INSERT INTO backgrounds (id, team_id, name, kind, spec, free, position, created_at) VALUES
    ('bg-office', NULL, 'Softly blurred office', 'image', '{"generated":"office"}', 1, 7, 0);

ALTER TABLE headshots ADD COLUMN claimed_by TEXT REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE headshots ADD COLUMN claimed_at BIGINT;
ALTER TABLE headshots ADD COLUMN delivery_count BIGINT NOT NULL DEFAULT 0;
UPDATE headshots SET delivery_count = (SELECT COALESCE(MAX(delivery), 0) FROM headshot_files f WHERE f.headshot_id = headshots.id);

-- The QC reasons that apply to the team (JSON list of codes; NULL: all).
ALTER TABLE teams ADD COLUMN qc_preferences TEXT;

-- One row: the settings an admin saved (JSON); absent, the defaults apply.
CREATE TABLE studio_settings (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);

-- Where the studio's answers go (the asking leader; NULL: every leader).
ALTER TABLE support_requests ADD COLUMN reply_to TEXT;

CREATE TABLE support_replies (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES support_requests(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX support_replies_request ON support_replies (request_id, created_at);
