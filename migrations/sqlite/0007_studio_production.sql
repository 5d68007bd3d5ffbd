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

-- Custom backgrounds: the team's request (notes, reference pictures), the
-- studio's mock-ups, the one the team approved (then a team background).
CREATE TABLE custom_backgrounds (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    notes TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'in_design', 'mockups_ready', 'approved', 'cancelled')),
    payment_id TEXT,
    support_request_id TEXT,
    requested_by TEXT NOT NULL,
    reply_to TEXT,
    background_id TEXT REFERENCES backgrounds(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX custom_backgrounds_team ON custom_backgrounds (team_id, created_at);
CREATE INDEX custom_backgrounds_status ON custom_backgrounds (status, created_at);

CREATE TABLE custom_background_files (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES custom_backgrounds(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reference', 'mockup')),
    storage_key TEXT NOT NULL,
    content_type TEXT NOT NULL,
    note TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX custom_background_files_request ON custom_background_files (request_id, created_at);

-- What the retoucher handed in last (resizes render from it again).
ALTER TABLE headshots ADD COLUMN retouched_key TEXT;
ALTER TABLE headshots ADD COLUMN retouched_kind TEXT;

-- Resize requests: extra sizes or formats of chosen members' headshots,
-- rendered by a job once paid. Their files carry the request's id.
CREATE TABLE resize_requests (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    headshot_ids TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
    files BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'rendering', 'done', 'cancelled')),
    payment_id TEXT,
    requested_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX resize_requests_team ON resize_requests (team_id, created_at);
ALTER TABLE headshot_files ADD COLUMN resize_id TEXT REFERENCES resize_requests(id) ON DELETE CASCADE;

-- Paid library backgrounds: a price, and the teams that bought them.
ALTER TABLE backgrounds ADD COLUMN price_cents BIGINT NOT NULL DEFAULT 0;
CREATE TABLE background_unlocks (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    background_id TEXT NOT NULL REFERENCES backgrounds(id) ON DELETE CASCADE,
    payment_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, background_id)
);

-- What the instant checks measured on each photo (JSON), shown to QC.
ALTER TABLE photos ADD COLUMN checks TEXT;

-- What the member or leader asked to change (shown with the retouching job).
ALTER TABLE headshots ADD COLUMN re_edit_notes TEXT;
