-- Teamshot foundation schema (PostgreSQL). Instants are Unix milliseconds (BIGINT),
-- ids are UUIDv7 text, money is integer cents, flags are 0/1.

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    timezone TEXT NOT NULL,
    credits_available BIGINT NOT NULL DEFAULT 0 CHECK (credits_available >= 0),
    credits_used BIGINT NOT NULL DEFAULT 0 CHECK (credits_used >= 0),
    credits_purchased BIGINT NOT NULL DEFAULT 0 CHECK (credits_purchased >= 0),
    unit_price_cents BIGINT,
    share_version BIGINT NOT NULL DEFAULT 1,
    share_token_hash TEXT UNIQUE,
    default_style_id TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('staff', 'leader')),
    role TEXT CHECK (role IN ('admin', 'qc', 'retoucher', 'success')),
    team_id TEXT REFERENCES teams(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    CHECK ((kind = 'staff' AND role IS NOT NULL AND team_id IS NULL)
        OR (kind = 'leader' AND role IS NULL AND team_id IS NOT NULL))
);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    team_id TEXT REFERENCES teams(id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    CHECK ((team_id IS NULL) <> (user_id IS NULL))
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE login_links (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE headshots (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    status TEXT NOT NULL,
    due_date TEXT NOT NULL,
    expedited BIGINT NOT NULL DEFAULT 0,
    member_token_hash TEXT NOT NULL UNIQUE,
    member_token_version BIGINT NOT NULL DEFAULT 1,
    qc_reasons TEXT NOT NULL DEFAULT '[]',
    qc_note TEXT,
    style_id TEXT,
    photo_id TEXT,
    retouch_due_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    uploaded_at BIGINT,
    delivered_at BIGINT,
    approved_at BIGINT,
    deleted_at BIGINT
);
CREATE INDEX headshots_team ON headshots (team_id, created_at);
CREATE INDEX headshots_queue ON headshots (status, retouch_due_at);

CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    headshot_id TEXT NOT NULL REFERENCES headshots(id) ON DELETE CASCADE,
    storage_key TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX photos_headshot ON photos (headshot_id, created_at);

CREATE TABLE headshot_files (
    id TEXT PRIMARY KEY,
    headshot_id TEXT NOT NULL REFERENCES headshots(id) ON DELETE CASCADE,
    delivery BIGINT NOT NULL,
    background_id TEXT,
    shape TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    format TEXT NOT NULL,
    watermarked BIGINT NOT NULL,
    storage_key TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX headshot_files_headshot ON headshot_files (headshot_id, delivery);

CREATE TABLE headshot_events (
    id TEXT PRIMARY KEY,
    headshot_id TEXT NOT NULL REFERENCES headshots(id) ON DELETE CASCADE,
    team_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX headshot_events_headshot ON headshot_events (headshot_id, at);

CREATE TABLE ledger (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    credits BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL DEFAULT 0,
    headshot_id TEXT,
    actor TEXT NOT NULL,
    note TEXT
);
CREATE INDEX ledger_team ON ledger (team_id, at);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    locked_until BIGINT,
    locked_by TEXT,
    last_error TEXT,
    dead_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX jobs_ready ON jobs (run_at);

-- One row per email handed to a transport: a retried job never sends twice.
CREATE TABLE sent_mail (
    job_id TEXT PRIMARY KEY,
    template TEXT NOT NULL,
    to_masked TEXT NOT NULL,
    transport TEXT NOT NULL,
    sent_at BIGINT NOT NULL
);
